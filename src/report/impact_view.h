#pragma once
// `kst impact`: the impact graph of a topology or scenario for people and
// tools. Per peer (an Exchange UM server, an OWA IM server, an Edge to hosted
// UM), per direction and channel: the features and whether they work, the
// Lync servers at the other end, and every condition the channel needs with
// its state -- ok, broken (by which finding, for which servers) or not
// checked (no certificate or clock reading in the input).

#include <ostream>
#include <set>
#include <string>
#include <utility>

#include "check/finding.h"
#include "check/impact_graph.h"
#include "model/topology.h"

namespace kst {

/// Writes the view as "text", "json" or "dot" (features -> channels ->
/// conditions, broken ones red); only peer `fqdn` when it is not empty.
/// Returns false when `fqdn` is not a peer of the graph. `during_plan_only`
/// names the channels, (peer, channel id), that a scenario's plan has while it
/// runs but not after it (OWA IM of a pool it adds and removes again): they
/// are shown as such, never as "ok" after the plan.
bool WriteImpactView(const ImpactGraph& graph, const Topology& topology, const Report& report, const std::string& fqdn,
                     const std::string& format, std::ostream& out,
                     const std::set<std::pair<std::string, std::string>>& during_plan_only = {});

}  // namespace kst
