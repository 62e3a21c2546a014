#pragma once
// Which topology a finding's impact is evaluated on: the revisions in force
// while the finding hurts (each server's outage window, and the end where a
// server ends without the FQDN), not the union of the plan's two ends. A pool
// added and removed again by the plan exists only in between, and a server the
// plan removes no longer serves anything after it.

#include <map>
#include <memory>
#include <vector>

#include "check/finding.h"
#include "check/impact_graph.h"
#include "engine/plan_compiler.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

/// The numbers of plan steps done (0 .. plan_steps), sorted and distinct,
/// during which the finding's servers lack its FQDN while it is needed. Empty
/// when no outcome has a window (a conflict on an FQDN nothing needs, a
/// finding beyond the table).
std::vector<int> StepsInForce(const Finding& finding, int plan_steps);

/// Impact graphs of a scenario's topology revisions, each distinct set of
/// revisions built once (findings on one plan mostly share a window).
class ImpactGraphs {
 public:
  ImpactGraphs(const Scenario& scenario, const CompiledPlan& plan, const ModelCatalog& model);
  /// The graph of the topologies in force after each of `steps_done` plan steps.
  const ImpactGraph& InForce(const std::vector<int>& steps_done);
  /// The graph of the base and the final topology (KST findings with no window).
  const ImpactGraph& Ends();
  /// The graph of the final topology (the rules beyond the table, which judge
  /// it: a server the plan takes out of a dial plan is no UM peer there).
  const ImpactGraph& Final();
  /// Frees every graph but `keep` (the memory budget: a window's graph is
  /// then built again when another finding asks for it); references to
  /// the freed graphs must not be used after.
  void ForgetAllBut(const ImpactGraph& keep);

 private:
  const ImpactGraph& Of(std::vector<int> steps_done);

  const Scenario& scenario_;
  const CompiledPlan& plan_;
  const ModelCatalog& model_;
  std::map<std::vector<const Topology*>, std::unique_ptr<ImpactGraph>> graphs_;
};

}  // namespace kst
