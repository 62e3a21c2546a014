#include "check/impact_in_force.h"

#include <algorithm>
#include <set>

namespace kst {

std::vector<int> StepsInForce(const Finding& finding, int plan_steps) {
  std::set<int> steps;
  for (const ServerOutcome& outcome : finding.outcomes) {
    if (!outcome.outage) continue;
    // The FQDN is missing with window_from .. last steps done; window_to 0
    // means it stays missing past the plan's last step (or for good).
    const int last = outcome.window_to == 0 ? plan_steps : outcome.window_to - 1;
    for (int done = outcome.window_from; done <= last; ++done) steps.insert(done);
    if (outcome.ends_absent) steps.insert(plan_steps);
  }
  return {steps.begin(), steps.end()};
}

ImpactGraphs::ImpactGraphs(const Scenario& scenario, const CompiledPlan& plan, const ModelCatalog& model)
    : scenario_(scenario), plan_(plan), model_(model) {}

const ImpactGraph& ImpactGraphs::InForce(const std::vector<int>& steps_done) {
  return Of(steps_done);
}

const ImpactGraph& ImpactGraphs::Ends() {
  return Of({0, static_cast<int>(scenario_.plan.size())});
}

const ImpactGraph& ImpactGraphs::Final() {
  return Of({static_cast<int>(scenario_.plan.size())});
}

void ImpactGraphs::ForgetAllBut(const ImpactGraph& keep) {
  for (auto it = graphs_.begin(); it != graphs_.end();)
    it = it->second.get() == &keep ? std::next(it) : graphs_.erase(it);
}

const ImpactGraph& ImpactGraphs::Of(std::vector<int> steps_done) {
  // Restarts and waits share the topology before them: revisions are told
  // apart by the topology they point at, so a window of many steps is one graph.
  std::vector<const Topology*> topologies;
  std::vector<const ClaimIndex*> claims;
  for (const int done : steps_done) {
    const Topology* topology = done == 0 ? &scenario_.base : scenario_.plan[done - 1].after.get();
    if (std::find(topologies.begin(), topologies.end(), topology) != topologies.end()) continue;
    topologies.push_back(topology);
    claims.push_back(done == 0 ? &plan_.base_claims() : &plan_.ClaimsAfter(done - 1));
  }
  std::unique_ptr<ImpactGraph>& graph = graphs_[topologies];
  if (!graph) graph = std::make_unique<ImpactGraph>(topologies, model_, claims);
  return *graph;
}

}  // namespace kst
