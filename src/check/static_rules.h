#pragma once
// The rules that judge the final topology itself, not an order of events:
// certificates (cert/*) and clocks (clock/*). One table; adding such a rule
// is its check file, its test, its model entry (model/kst-model.json,
// "rules", and model/rule_ids.h) and one entry in StaticRuleChecks().

#include <optional>
#include <string>
#include <vector>

#include "base/timestamp.h"
#include "check/finding.h"
#include "check/impact_graph.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// What a static check may use, with the model parameters already resolved
/// against the command line.
struct StaticCheckContext {
  const Topology& topology;  // the final topology
  const ClaimIndex& claims;  // its claims, collected once by the plan compiler
  const ImpactGraph& graph;
  const ModelCatalog& model;
  std::optional<UnixSeconds> at;  // the check time; none: time-bound checks are skipped with a note
  int64_t cert_warn_days = 0;
  int64_t clock_tolerance_seconds = 0;
};

struct StaticRuleCheck {
  const char* name;  // what it checks, for notes: "certificate"
  /// Findings; notes (what could not be checked) are appended to `notes`.
  std::vector<Finding> (*check)(const StaticCheckContext& context, std::vector<std::string>* notes);
};

/// In report order.
const std::vector<StaticRuleCheck>& StaticRuleChecks();

}  // namespace kst
