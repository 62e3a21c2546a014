#pragma once
// A candidate plan in the abstract (an order of the change's edits and, after
// each, how the administrator lets it settle) and the kst-scenario/1 document
// it stands for. Every candidate is checked by loading that document through
// the scenario loader, so a plan kst prints is a loadable file by construction.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/model_catalog.h"
#include "model/scenario.h"
#include "plan/change_steps.h"

namespace kst {

/// What follows an edit in a candidate plan.
enum class Settle {
  kNone,     // the next edit at once
  kWait,     // wait_for_replication
  kRestart,  // wait_for_replication (after a topology publish), then RTCSRV restarts on the restart set, in waves
};
const char* SettleName(Settle settle);

struct AbstractPlan {
  std::vector<size_t> order;   // indexes into PlanContext::changes
  std::vector<Settle> settle;  // one per position of `order`
};

/// What every candidate of one search shares.
struct PlanContext {
  nlohmann::ordered_json base_topology;  // BEFORE as an inline kst-topology/1 document
  std::vector<ChangeStep> changes;
  /// The restart waves of Settle::kRestart: each wave restarts at most
  /// --max-restarts-per-pool-at-once servers of each pool, pools side by
  /// side; the waves follow each other.
  std::vector<std::vector<std::string>> restart_waves;
  bool unplanned_restarts = false;  // environment.restarts "any"
  std::string description;
};

/// The plan ops of `plan` (edits, waits and restarts) in order.
nlohmann::ordered_json PlanOps(const PlanContext& context, const AbstractPlan& plan);

/// The whole scenario document: the inline base topology, the plan ops, the environment.
nlohmann::ordered_json ScenarioDocument(const PlanContext& context, const AbstractPlan& plan);

/// Loads `document` with the scenario loader, as if read from `name`.
/// Returns false (with the loader's diagnostics) when the order is not
/// loadable, e.g. a dial plan naming an Exchange server added later.
bool LoadScenarioDocument(const nlohmann::ordered_json& document, const std::string& name, const ModelCatalog& model,
                          Scenario* out, Diagnostics* diagnostics);

/// Waves of restarts of `servers`, grouped by the pools of `topology` (in its
/// order), at most `per_pool` servers of each pool in one wave.
std::vector<std::vector<std::string>> RestartWaves(const Topology& topology, const std::vector<std::string>& servers,
                                                   size_t per_pool);

}  // namespace kst
