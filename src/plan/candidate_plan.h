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
  kWait,     // the edit's wait: wait_for_replication after a publish, wait_for_um_poll after an AD change
  kRestart,  // the edit's wait, then RTCSRV restarts on the restart set, in waves
  /// RTCSRV restarts at once, without a wait: a restart may land on a server
  /// before the edit reaches it (brief 6.7: a restart before a pool's removal
  /// reaches a server), which the search must weigh, not assume away.
  kRestartAtOnce,
};
const char* SettleName(Settle settle);

/// An edit the plan makes and undoes before its end, for a server the change
/// touches: take it out of a SipName dial plan and put it back, or remove a
/// trusted application computer (or its one-computer pool) and add it back.
/// While it is out, the servers that needed it lose what it served as surely
/// as if their tables had dropped it: the cost counts them (plan_cost.h),
/// except where another server of the dial plan answers its calls.
struct TemporaryEdit {
  ChangeStep out;                      // the edit
  ChangeStep back;                     // its undoing
  std::string fqdn;                    // the server taken out
  std::vector<std::string> needed_on;  // the servers that need it for what the edit takes away
};

/// A candidate: an order of items and, after each, how it settles. Items are
/// the change's edits (0 .. changes - 1) and, when `temporary` names one,
/// that temporary edit's two halves (changes: out, changes + 1: back; out
/// always first).
struct AbstractPlan {
  std::vector<size_t> order;
  std::vector<Settle> settle;  // one per position of `order`
  int temporary = -1;          // index into PlanContext::temporary, or -1
};

/// What every candidate of one search shares.
struct PlanContext {
  nlohmann::ordered_json base_topology;  // BEFORE as an inline kst-topology/1 document
  std::vector<ChangeStep> changes;
  std::vector<TemporaryEdit> temporary;  // empty with --no-temporary-edits
  /// The restart waves of Settle::kRestart: each wave restarts at most
  /// --max-restarts-per-pool-at-once servers of each pool, pools side by
  /// side; the waves follow each other.
  std::vector<std::vector<std::string>> restart_waves;
  bool unplanned_restarts = false;  // environment.restarts "any"
  std::string description;
};

/// The item at `index` of `plan`'s order: an edit of the change or a half of its temporary edit.
const ChangeStep& PlanItem(const PlanContext& context, const AbstractPlan& plan, size_t index);

/// The plan ops of `plan` (edits, waits and restarts) in order. `temporary_span`
/// (when given) receives the plan steps (from 1) of the temporary edit's two
/// halves, {0, 0} without one.
nlohmann::ordered_json PlanOps(const PlanContext& context, const AbstractPlan& plan,
                               std::pair<int, int>* temporary_span = nullptr);

/// The temporary edits for the servers the change touches (`changes`' FQDNs)
/// in `before`: each SipName dial plan host taken out of a dial plan the
/// change leaves alone, each computer of a trusted application pool the
/// change leaves alone (the pool itself when it has one computer).
std::vector<TemporaryEdit> TemporaryEdits(const Topology& before, const std::vector<ChangeStep>& changes,
                                          const ModelCatalog& model);

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
