#include "check/impact_in_force.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace kst {

std::vector<int> StepsInForce(const Finding& finding, int plan_steps) {
  // Marks, not a set: a long plan's finding has windows of hundreds of steps
  // on each of hundreds of servers, mostly the same ones.
  std::vector<char> in_force(static_cast<size_t>(plan_steps) + 1, 0);
  bool any = false;
  for (const ServerOutcome& outcome : finding.outcomes) {
    if (!outcome.outage) continue;
    // The FQDN is missing with window_from .. last steps done; window_to 0
    // means it stays missing past the plan's last step (or for good).
    const int last = outcome.window_to == 0 ? plan_steps : outcome.window_to - 1;
    for (int done = std::max(outcome.window_from, 0); done <= std::min(last, plan_steps); ++done)
      in_force[static_cast<size_t>(done)] = any = true;
    if (outcome.ends_absent) in_force[static_cast<size_t>(plan_steps)] = any = true;
  }
  std::vector<int> steps;
  if (!any) return steps;
  for (int done = 0; done <= plan_steps; ++done)
    if (in_force[static_cast<size_t>(done)]) steps.push_back(done);
  return steps;
}

ImpactGraphs::ImpactGraphs(const Scenario& scenario, const CompiledPlan& plan, const ModelCatalog& model)
    : scenario_(scenario), plan_(plan), model_(model) {}

const ImpactGraph& ImpactGraphs::InForce(const std::vector<int>& steps_done, const std::string& fqdn) {
  // What a finding on `fqdn` can break in a revision depends on the peers named
  // `fqdn` (its requirement there) and on everything else the graph reads of
  // the revision (its servers view): the first revision of each such kind
  // stands for the others.
  std::set<std::tuple<bool, bool, int>> seen;
  std::vector<int> representatives;
  for (const int done : steps_done) {
    const FqdnState state = plan_.StateAfter(fqdn, static_cast<size_t>(done));
    if (seen.insert({state.um_host, state.trusted_application, ViewAfter(done)}).second)
      representatives.push_back(done);
  }
  return Of(representatives, fqdn);
}

int ImpactGraphs::ViewAfter(int done) {
  CountServerEpochs();
  const int epoch = server_epoch_[static_cast<size_t>(done)];
  auto [it, inserted] = view_of_epoch_.try_emplace(epoch, 0);
  if (inserted) {
    // Only distinct views are kept: a plan that sets pool versions step after
    // step has hundreds of server epochs and a view or two.
    const auto [view, added] = view_ids_.try_emplace(
        ImpactGraph::ServersView(scenario_.TopologyAfter(static_cast<size_t>(done))), view_ids_.size());
    it->second = view->second;
  }
  return it->second;
}

void ImpactGraphs::CountServerEpochs() {
  if (!server_epoch_.empty()) return;
  static const std::set<std::string> kLeaveServers = {"add_trusted_application_pool",
                                                      "remove_trusted_application_pool",
                                                      "add_dial_plan",
                                                      "remove_dial_plan",
                                                      "set_dial_plan",
                                                      "restart",
                                                      "wait_for_replication",
                                                      "wait_for_um_poll"};
  server_epoch_.push_back(0);
  for (const PlanStep& step : scenario_.plan)
    server_epoch_.push_back(server_epoch_.back() + (kLeaveServers.count(step.op) ? 0 : 1));
}

const ClaimIndex& ImpactGraphs::ServersAfter(int done) {
  CountServerEpochs();
  const int epoch = server_epoch_[static_cast<size_t>(done)];
  auto [it, inserted] = servers_by_epoch_.try_emplace(epoch);
  if (inserted) it->second.servers = CollectKstServers(scenario_.TopologyAfter(static_cast<size_t>(done)), model_);
  return it->second;
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

const ImpactGraph& ImpactGraphs::Of(std::vector<int> steps_done, const std::string& focus) {
  // Restarts and waits share the topology before them: revisions are told
  // apart by the topology they point at, so a window of many steps is one graph.
  std::vector<const Topology*> topologies;
  std::vector<int> revisions;
  for (const int done : steps_done) {
    const Topology* topology = &scenario_.TopologyAfter(done);
    if (std::find(topologies.begin(), topologies.end(), topology) != topologies.end()) continue;
    topologies.push_back(topology);
    revisions.push_back(done);
  }
  std::unique_ptr<ImpactGraph>& graph = graphs_[{topologies, focus}];
  if (graph) return *graph;
  // A graph reads a revision's servers only (ImpactGraph::Instantiate): for
  // one in the middle of the plan they are collected once per server epoch,
  // as the plan compiler keeps no claim index of it (issue 21).
  std::vector<const ClaimIndex*> claims;
  for (size_t i = 0; i < topologies.size(); ++i) {
    if (topologies[i] == &scenario_.base)
      claims.push_back(&plan_.base_claims());
    else if (topologies[i] == &scenario_.final_topology())
      claims.push_back(&plan_.final_claims());
    else
      claims.push_back(&ServersAfter(revisions[i]));
  }
  graph = focus.empty() ? std::make_unique<ImpactGraph>(topologies, model_, claims)
                        : std::make_unique<ImpactGraph>(topologies, model_, claims, std::vector<std::string>{focus});
  return *graph;
}

}  // namespace kst
