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
  /// The graph of the topologies in force after each of `steps_done` plan
  /// steps, as far as they can differ for a finding on `fqdn`: of the revisions
  /// that agree on what `fqdn` is (a SipName host, an OWA IM server or another
  /// trusted application's computer, an Exchange server) and on the Lync
  /// servers, one stands for all. A plan of hundreds of steps so costs a graph
  /// of one or two topologies per finding, not of every step in its window.
  /// The graph is focused on `fqdn` (ImpactGraph's focused constructor): a
  /// finding on it breaks conditions on `fqdn` only.
  const ImpactGraph& InForce(const std::vector<int>& steps_done, const std::string& fqdn);
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
  /// `focus` empty: the whole graph; otherwise the graph focused on that FQDN.
  const ImpactGraph& Of(std::vector<int> steps_done, const std::string& focus = {});
  /// The Lync servers of the revision after `done` steps, collected once per
  /// server epoch (the steps between epochs leave them as they are).
  const ClaimIndex& ServersAfter(int done);
  /// An id of what the graph reads of the revision after `done` steps beyond
  /// the focused FQDN's own claims: equal ids, equal graphs (ServersView).
  int ViewAfter(int done);
  void CountServerEpochs();

  const Scenario& scenario_;
  const CompiledPlan& plan_;
  const ModelCatalog& model_;
  std::map<std::pair<std::vector<const Topology*>, std::string>, std::unique_ptr<ImpactGraph>> graphs_;
  std::map<int, ClaimIndex> servers_by_epoch_;
  std::map<int, int> view_of_epoch_;     // server epoch -> view id
  std::map<std::string, int> view_ids_;  // each distinct view once
  /// Per number of plan steps done: how many steps so far may have changed the
  /// Lync servers or the Exchange servers (every step but those that only move
  /// trusted application pools, dial plans, restarts and waits).
  std::vector<int> server_epoch_;
};

}  // namespace kst
