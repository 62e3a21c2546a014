#include "plan/candidate_plan.h"

#include <algorithm>

#include "base/file_reader.h"
#include "input/scenario_loader.h"

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
  }
  return "none";
}

Json PlanOps(const PlanContext& context, const AbstractPlan& plan) {
  Json ops = Json::array();
  for (size_t i = 0; i < plan.order.size(); ++i) {
    ops.push_back(context.changes.at(plan.order[i]).op);
    const Settle settle = plan.settle.at(i);
    if (settle == Settle::kNone) continue;
    // A wait is for topology replicas; before restarts that follow an
    // Active Directory change it would only lengthen the outage.
    const bool exchange_side = context.changes.at(plan.order[i]).exchange_side;
    if (!(exchange_side && settle == Settle::kRestart)) ops.push_back({{"op", "wait_for_replication"}});
    if (settle == Settle::kRestart)
      for (const std::vector<std::string>& wave : context.restart_waves)
        ops.push_back({{"op", "restart"}, {"servers", wave}});
  }
  return ops;
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
