#include "plan/candidate_plan.h"

#include <algorithm>
#include <set>

#include "base/file_reader.h"
#include "input/scenario_loader.h"
#include "model/claims.h"

namespace kst {

using Json = nlohmann::ordered_json;

const char* SettleName(Settle settle) {
  switch (settle) {
    case Settle::kNone:
      return "none";
    case Settle::kWait:
      return "wait";
    case Settle::kRestart:
      return "wait-and-restart";
    case Settle::kRestartAtOnce:
      return "restart-at-once";
  }
  return "none";
}

const ChangeStep& PlanItem(const PlanContext& context, const AbstractPlan& plan, size_t index) {
  if (index < context.changes.size()) return context.changes[index];
  const TemporaryEdit& temporary = context.temporary.at(static_cast<size_t>(plan.temporary));
  return index == context.changes.size() ? temporary.out : temporary.back;
}

Json PlanOps(const PlanContext& context, const AbstractPlan& plan, std::pair<int, int>* temporary_span) {
  Json ops = Json::array();
  if (temporary_span) *temporary_span = {0, 0};
  for (size_t i = 0; i < plan.order.size(); ++i) {
    const ChangeStep& item = PlanItem(context, plan, plan.order[i]);
    ops.push_back(item.op);
    if (temporary_span && plan.order[i] == context.changes.size()) temporary_span->first = static_cast<int>(ops.size());
    if (temporary_span && plan.order[i] == context.changes.size() + 1)
      temporary_span->second = static_cast<int>(ops.size());
    const Settle settle = plan.settle.at(i);
    if (settle == Settle::kNone) continue;
    // Each edit's own wait: topology replicas after a publish, UM Routing's
    // poll after an Active Directory change.
    if (settle != Settle::kRestartAtOnce)
      ops.push_back({{"op", item.exchange_side ? "wait_for_um_poll" : "wait_for_replication"}});
    if (settle == Settle::kRestart || settle == Settle::kRestartAtOnce)
      for (const std::vector<std::string>& wave : context.restart_waves)
        ops.push_back({{"op", "restart"}, {"servers", wave}});
  }
  return ops;
}

namespace {

/// Whether `op` names `name` as the dial plan or pool it acts on.
bool Names(const Json& op, const std::string& name) {
  for (const char* key : {"name", "pool", "fqdn"})
    if (op.contains(key) && op[key].is_string() && op[key].get<std::string>() == name) return true;
  return false;
}

bool AnyChangeNames(const std::vector<ChangeStep>& changes, const std::string& name) {
  return std::any_of(changes.begin(), changes.end(), [&](const ChangeStep& change) { return Names(change.op, name); });
}

ChangeStep Edit(Json op, std::string description, const std::string& fqdn, bool exchange_side) {
  ChangeStep step;
  step.kind = op["op"].get<std::string>();
  step.op = std::move(op);
  step.description = std::move(description) + " (temporary)";
  step.fqdns = {fqdn};
  step.exchange_side = exchange_side;
  return step;
}

std::vector<std::string> ServersNeeding(const ClaimIndex& claims, bool um_host) {
  Requirement requirement;
  requirement.um_host = um_host;
  requirement.trusted_application = !um_host;
  std::vector<std::string> out;
  for (const KstServer& server : claims.servers)
    if (ServerNeeds(server, requirement)) out.push_back(server.fqdn);
  return out;
}

}  // namespace

std::vector<TemporaryEdit> TemporaryEdits(const Topology& before, const std::vector<ChangeStep>& changes,
                                          const ModelCatalog& model) {
  std::set<std::string> touched;
  for (const ChangeStep& change : changes) touched.insert(change.fqdns.begin(), change.fqdns.end());
  const ClaimIndex claims = CollectClaims(before, model);
  std::vector<TemporaryEdit> out;
  for (const UmDialPlan& plan : before.dial_plans) {
    const UriTypeInfo* uri_type = model.FindUriType(plan.uri_type);
    if (!uri_type || !uri_type->um_routing_adds || AnyChangeNames(changes, plan.name.name)) continue;
    std::vector<std::string> servers;
    for (const NamedAt& server : plan.servers) servers.push_back(server.name);
    for (const std::string& server : servers) {
      if (!touched.count(server) || !claims.UmRoutingClaims(server)) continue;
      std::vector<std::string> without;
      for (const std::string& other : servers)
        if (other != server) without.push_back(other);
      TemporaryEdit edit;
      edit.fqdn = server;
      edit.out = Edit({{"op", "set_dial_plan"}, {"name", plan.name.name}, {"servers", without}},
                      "take " + server + " out of UM dial plan \"" + plan.name.name + "\"", server, true);
      edit.back = Edit({{"op", "set_dial_plan"}, {"name", plan.name.name}, {"servers", servers}},
                       "put " + server + " back into UM dial plan \"" + plan.name.name + "\"", server, true);
      // The dial plan's other servers answer its calls while this one is
      // out (UM Routing sends a dial plan's calls to every server that
      // supports it, round robin: jenstr 2010, domain-facts 1.2); its only
      // server out, the plan's users lose UM on every UM Routing server.
      if (without.empty()) edit.needed_on = ServersNeeding(claims, true);
      out.push_back(std::move(edit));
    }
  }
  const Json document = TopologyDocument(before);
  for (const TrustedApplicationPool& tap : before.trusted_application_pools) {
    if (AnyChangeNames(changes, tap.fqdn.name)) continue;
    const std::vector<NamedAt> computers = tap.computers.empty() ? std::vector<NamedAt>{tap.fqdn} : tap.computers;
    for (const NamedAt& computer : computers) {
      if (!touched.count(computer.name)) continue;
      TemporaryEdit edit;
      edit.fqdn = computer.name;
      if (tap.computers.size() >= 2) {
        edit.out = Edit({{"op", "remove_computer"}, {"pool", tap.fqdn.name}, {"fqdn", computer.name}},
                        "remove computer " + computer.name + " from trusted application pool " + tap.fqdn.name,
                        computer.name, false);
        edit.back = Edit({{"op", "add_computer"}, {"pool", tap.fqdn.name}, {"fqdn", computer.name}},
                         "add computer " + computer.name + " back to trusted application pool " + tap.fqdn.name,
                         computer.name, false);
      } else {
        Json pool = Json::object();
        for (const Json& item : document["lync"].value("trusted_application_pools", Json::array()))
          if (item.value("fqdn", std::string()) == tap.fqdn.name) pool = item;
        edit.out = Edit({{"op", "remove_trusted_application_pool"}, {"fqdn", tap.fqdn.name}},
                        "remove trusted application pool " + tap.fqdn.name, computer.name, false);
        edit.back = Edit({{"op", "add_trusted_application_pool"}, {"pool", pool}},
                         "add trusted application pool " + tap.fqdn.name + " back", computer.name, false);
      }
      edit.needed_on = ServersNeeding(claims, false);
      out.push_back(std::move(edit));
    }
  }
  return out;
}

Json ScenarioDocument(const PlanContext& context, const AbstractPlan& plan) {
  Json document = {{"format", "kst-scenario/1"}};
  if (!context.description.empty()) document["description"] = context.description;
  document["topology"] = context.base_topology;
  document["plan"] = PlanOps(context, plan);
  document["environment"] = {{"restarts", context.unplanned_restarts ? "any" : "planned"}};
  return document;
}

bool LoadScenarioDocument(const Json& document, const std::string& name, const ModelCatalog& model, Scenario* out,
                          Diagnostics* diagnostics) {
  VirtualFileReader files;
  files.Add(name, document.dump(2));
  return LoadScenarioFile(name, &files, model, out, diagnostics);
}

std::vector<std::vector<std::string>> RestartWaves(const Topology& topology, const std::vector<std::string>& servers,
                                                   size_t per_pool) {
  per_pool = std::max<size_t>(per_pool, 1);
  std::vector<std::vector<std::string>> by_pool;
  std::vector<std::string> placed;
  for (const LyncPool& pool : topology.pools) {
    std::vector<std::string> mine;
    for (const NamedAt& server : PoolServers(pool))
      if (std::find(servers.begin(), servers.end(), server.name) != servers.end()) {
        mine.push_back(server.name);
        placed.push_back(server.name);
      }
    if (!mine.empty()) by_pool.push_back(std::move(mine));
  }
  for (const std::string& server : servers)  // not in a pool of `topology`: alone, last
    if (std::find(placed.begin(), placed.end(), server) == placed.end()) by_pool.push_back({server});
  std::vector<std::vector<std::string>> waves;
  for (size_t wave = 0;; ++wave) {
    std::vector<std::string> servers_now;
    for (const std::vector<std::string>& pool : by_pool)
      for (size_t i = wave * per_pool; i < std::min(pool.size(), (wave + 1) * per_pool); ++i)
        servers_now.push_back(pool[i]);
    if (servers_now.empty()) break;
    waves.push_back(std::move(servers_now));
  }
  return waves;
}

}  // namespace kst
