#include "plan/change_steps.h"

#include <algorithm>
#include <set>

#include "base/timestamp.h"
#include "input/topology_writer.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> Names(const std::vector<NamedAt>& names) {
  std::vector<std::string> out;
  for (const NamedAt& name : names) out.push_back(name.name);
  return out;
}

/// A pool's servers as the loader counts them: its computers, or itself.
std::vector<std::string> ServersOf(const NamedAt& pool, const std::vector<NamedAt>& computers) {
  return computers.empty() ? std::vector<std::string>{pool.name} : Names(computers);
}

/// The item of `array` (a topology document's list) whose `key` is `name`.
Json ItemNamed(const Json& array, const char* key, const std::string& name) {
  for (const Json& item : array)
    if (item.value(key, std::string()) == name) return item;
  return Json::object();
}

ChangeStep Step(Json op, std::string description, std::vector<std::string> fqdns, bool exchange_side) {
  ChangeStep step;
  step.kind = op["op"].get<std::string>();
  step.op = std::move(op);
  step.description = std::move(description);
  step.fqdns = std::move(fqdns);
  step.exchange_side = exchange_side;
  return step;
}

class Differ {
 public:
  Differ(const Topology& before, const Topology& after, Diagnostics* diagnostics)
      : before_(before), after_(after), after_doc_(TopologyToJson(after, "")), diagnostics_(diagnostics) {}

  bool Run(std::vector<ChangeStep>* out) {
    SameEstate();
    Unchangeable();
    LyncPools();
    TrustedApplicationPools();
    ExchangeServers();
    DialPlans();
    if (diagnostics_->has_errors()) return false;
    // Additions first, then changes, then removals: a plan that follows the
    // diff's order adds what later steps refer to before they refer to it.
    std::stable_sort(steps_.begin(), steps_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [rank, step] : steps_) out->push_back(std::move(step));
    return true;
  }

 private:
  void Refuse(const Location& at, const std::string& field, const std::string& message) {
    Location where = at;
    if (where.file.empty()) where.file = after_.file;
    diagnostics_->Error("plan-cannot-join", where, field, message);
  }

  void SameEstate() {
    if (before_.pools.empty() || after_.pools.empty()) return;
    for (const LyncPool& pool : after_.pools)
      if (before_.FindPool(pool.fqdn.name)) return;
    Refuse(after_.pools.front().fqdn.location, "/lync/pools",
           "BEFORE and AFTER share no Lync pool: they describe two different estates, which no list of plan ops "
           "can join");
  }

  // What a kst-scenario/1 plan cannot change: certificates, clocks, UM IP
  // gateways, hosting providers (docs/formats.md).
  void Unchangeable() {
    auto differs = [](const Json& a, const Json& b) { return a != b; };
    const Json before_doc = TopologyDocument(before_), after_doc = TopologyDocument(after_);
    struct Section {
      const char* name;
      Json before, after;
      Location at;
    };
    auto first_location = [&](const auto& list) {
      return list.empty() ? Location{after_.file} : list.front().location;
    };
    auto strip = [](Json list) {
      for (Json& item : list)
        if (item.is_object()) item.erase("origin");
      return list;
    };
    std::vector<Section> sections = {
        {"certificates", strip(before_doc.value("certificates", Json::array())),
         strip(after_doc.value("certificates", Json::array())), first_location(after_.certificates)},
        {"clocks", before_doc.value("clocks", Json::array()), after_doc.value("clocks", Json::array()),
         after_.clocks.empty() ? Location{after_.file} : after_.clocks.front().offset_location},
        {"exchange.um_ip_gateways", before_doc["exchange"].value("um_ip_gateways", Json::array()),
         after_doc["exchange"].value("um_ip_gateways", Json::array()),
         after_.um_ip_gateways.empty() ? Location{after_.file} : after_.um_ip_gateways.front().name.location},
        {"lync.hosting_providers", before_doc["lync"].value("hosting_providers", Json::array()),
         after_doc["lync"].value("hosting_providers", Json::array()),
         after_.hosting_providers.empty() ? Location{after_.file} : after_.hosting_providers.front().identity.location},
    };
    for (const Section& section : sections)
      if (differs(section.before, section.after))
        Refuse(section.at, std::string("/") + section.name,
               std::string("BEFORE and AFTER differ in ") + section.name +
                   ", which no plan op changes (a plan changes pools, trusted application pools, Exchange servers "
                   "and dial plans): make them equal, or check that change on its own");
  }

  void Add(int rank, ChangeStep step) { steps_.emplace_back(rank, std::move(step)); }

  /// add_computer / remove_computer for the difference of two server lists.
  void Computers(const std::string& pool, const std::vector<std::string>& was, const std::vector<std::string>& is,
                 const std::string& what) {
    for (const std::string& computer : is)
      if (std::find(was.begin(), was.end(), computer) == was.end())
        Add(1, Step({{"op", "add_computer"}, {"pool", pool}, {"fqdn", computer}},
                    "add computer " + computer + " to " + what + " " + pool, {computer}, false));
    for (const std::string& computer : was)
      if (std::find(is.begin(), is.end(), computer) == is.end())
        Add(3, Step({{"op", "remove_computer"}, {"pool", pool}, {"fqdn", computer}},
                    "remove computer " + computer + " from " + what + " " + pool, {computer}, false));
  }

  void Version(const std::string& pool, int was, int is, const std::vector<std::string>& servers,
               const std::string& what) {
    if (was == is) return;
    std::vector<std::string> fqdns = servers;
    fqdns.push_back(pool);
    Add(2,
        Step({{"op", "set_pool_version"}, {"pool", pool}, {"version", is}},
             "set the version of " + what + " " + pool + " from " + std::to_string(was) + " to " + std::to_string(is),
             fqdns, false));
  }

  void LyncPools() {
    for (const LyncPool& pool : after_.pools) {
      const LyncPool* old = before_.FindPool(pool.fqdn.name);
      std::vector<std::string> servers = ServersOf(pool.fqdn, pool.computers);
      if (!old) {
        servers.push_back(pool.fqdn.name);
        Add(0, Step({{"op", "add_pool"}, {"pool", ItemNamed(after_doc_["lync"]["pools"], "fqdn", pool.fqdn.name)}},
                    "add " + pool.role + " pool " + pool.fqdn.name + " (version " + std::to_string(pool.version) + ")",
                    servers, false));
        continue;
      }
      if (old->role != pool.role) {
        Refuse(pool.fqdn.location, "/lync/pools",
               "pool " + pool.fqdn.name + " is a " + old->role + " pool in BEFORE and a " + pool.role +
                   " pool in AFTER: no plan op changes a pool's role");
        continue;
      }
      Version(pool.fqdn.name, old->version, pool.version, servers, "pool");
      Computers(pool.fqdn.name, ServersOf(old->fqdn, old->computers), servers, "pool");
    }
    for (const LyncPool& pool : before_.pools)
      if (!after_.FindPool(pool.fqdn.name)) {
        std::vector<std::string> servers = ServersOf(pool.fqdn, pool.computers);
        servers.push_back(pool.fqdn.name);
        Add(3,
            Step({{"op", "remove_pool"}, {"fqdn", pool.fqdn.name}}, "remove pool " + pool.fqdn.name, servers, false));
      }
  }

  void TrustedApplicationPools() {
    for (const TrustedApplicationPool& tap : after_.trusted_application_pools) {
      const TrustedApplicationPool* old = before_.FindTrustedApplicationPool(tap.fqdn.name);
      std::vector<std::string> servers = ServersOf(tap.fqdn, tap.computers);
      if (!old) {
        servers.push_back(tap.fqdn.name);
        Add(0, Step({{"op", "add_trusted_application_pool"},
                     {"pool", ItemNamed(after_doc_["lync"]["trusted_application_pools"], "fqdn", tap.fqdn.name)}},
                    "add trusted application pool " + tap.fqdn.name + " (version " + std::to_string(tap.version) +
                        ", registrar " + tap.registrar.name + ")",
                    servers, false));
        continue;
      }
      if (old->registrar.name != tap.registrar.name) {
        Refuse(tap.registrar.location.known() ? tap.registrar.location : tap.fqdn.location,
               "/lync/trusted_application_pools",
               "trusted application pool " + tap.fqdn.name + " has registrar " + old->registrar.name +
                   " in BEFORE and " + tap.registrar.name +
                   " in AFTER: no plan op changes a registrar (remove the pool in one change and add it in another)");
        continue;
      }
      Version(tap.fqdn.name, old->version, tap.version, servers, "trusted application pool");
      Computers(tap.fqdn.name, ServersOf(old->fqdn, old->computers), servers, "trusted application pool");
    }
    for (const TrustedApplicationPool& tap : before_.trusted_application_pools)
      if (!after_.FindTrustedApplicationPool(tap.fqdn.name)) {
        std::vector<std::string> servers = ServersOf(tap.fqdn, tap.computers);
        servers.push_back(tap.fqdn.name);
        Add(3, Step({{"op", "remove_trusted_application_pool"}, {"fqdn", tap.fqdn.name}},
                    "remove trusted application pool " + tap.fqdn.name, servers, false));
      }
  }

  void ExchangeServers() {
    for (const ExchangeServer& server : after_.exchange_servers) {
      const ExchangeServer* old = before_.FindExchangeServer(server.fqdn.name);
      if (!old) {
        Add(0, Step({{"op", "add_exchange_server"},
                     {"server", ItemNamed(after_doc_["exchange"]["servers"], "fqdn", server.fqdn.name)}},
                    "add Exchange server " + server.fqdn.name, {server.fqdn.name}, true));
        continue;
      }
      if (old->version != server.version || old->owa_im != server.owa_im)
        Refuse(server.fqdn.location, "/exchange/servers",
               "Exchange server " + server.fqdn.name +
                   " differs in version or owa_im between BEFORE and AFTER: no plan op changes either");
    }
    for (const ExchangeServer& server : before_.exchange_servers)
      if (!after_.FindExchangeServer(server.fqdn.name))
        Add(3, Step({{"op", "remove_exchange_server"}, {"fqdn", server.fqdn.name}},
                    "remove Exchange server " + server.fqdn.name, {server.fqdn.name}, true));
  }

  void DialPlans() {
    for (const UmDialPlan& plan : after_.dial_plans) {
      const UmDialPlan* old = before_.FindDialPlan(plan.name.name);
      std::vector<std::string> servers = Names(plan.servers);
      if (!old) {
        Add(0, Step({{"op", "add_dial_plan"},
                     {"dial_plan", ItemNamed(after_doc_["exchange"]["um_dial_plans"], "name", plan.name.name)}},
                    "add UM dial plan \"" + plan.name.name + "\" (" + plan.uri_type + ")", servers, true));
        continue;
      }
      const std::vector<std::string> old_servers = Names(old->servers);
      if (old->uri_type == plan.uri_type && old_servers == servers) continue;
      Json op = {{"op", "set_dial_plan"}, {"name", plan.name.name}};
      std::string description = "change UM dial plan \"" + plan.name.name + "\":";
      if (old->uri_type != plan.uri_type) {
        op["uri_type"] = plan.uri_type;
        description += " uri_type " + plan.uri_type;
      }
      if (old_servers != servers) {
        op["servers"] = servers;
        description += " servers";
        for (const std::string& server : servers) description += " " + server;
        if (servers.empty()) description += " (none)";
      }
      std::set<std::string> touched(servers.begin(), servers.end());
      touched.insert(old_servers.begin(), old_servers.end());
      Add(2, Step(op, description, {touched.begin(), touched.end()}, true));
    }
    for (const UmDialPlan& plan : before_.dial_plans)
      if (!after_.FindDialPlan(plan.name.name))
        Add(3, Step({{"op", "remove_dial_plan"}, {"name", plan.name.name}},
                    "remove UM dial plan \"" + plan.name.name + "\"", Names(plan.servers), true));
  }

  const Topology& before_;
  const Topology& after_;
  const Json after_doc_;
  Diagnostics* diagnostics_;
  std::vector<std::pair<int, ChangeStep>> steps_;
};

}  // namespace

bool DiffTopologies(const Topology& before, const Topology& after, std::vector<ChangeStep>* out,
                    Diagnostics* diagnostics) {
  return Differ(before, after, diagnostics).Run(out);
}

nlohmann::ordered_json TopologyDocument(const Topology& topology) {
  Json document = TopologyToJson(topology, "");
  Json gateways = Json::array(), providers = Json::array(), clocks = Json::array();
  for (const UmIpGateway& gateway : topology.um_ip_gateways)
    gateways.push_back({{"name", gateway.name.name}, {"address", gateway.address.name}});
  for (const HostingProvider& provider : topology.hosting_providers)
    providers.push_back({{"identity", provider.identity.name},
                         {"proxy_fqdn", provider.proxy_fqdn.name},
                         {"edge_pool", provider.edge_pool.name}});
  for (const ClockReading& clock : topology.clocks)
    clocks.push_back({{"server", clock.server.name},
                      {"offset_seconds", clock.offset_seconds},
                      {"measured_at", FormatTimestamp(clock.measured_at)}});
  if (!gateways.empty()) document["exchange"]["um_ip_gateways"] = gateways;
  if (!providers.empty()) document["lync"]["hosting_providers"] = providers;
  if (!clocks.empty()) document["clocks"] = clocks;
  return document;
}

}  // namespace kst
