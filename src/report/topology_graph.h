#pragma once
// `kst graph`: the topology as a Graphviz picture -- sites, pools and their
// servers, trusted application pools, Exchange servers, dial plans, UM IP
// gateways, Edge pools and hosting providers -- with the servers that
// findings name drawn in red and, for every feature a finding breaks, a red
// edge between the peer and the Lync servers in the direction that fails.

#include <ostream>

#include "check/finding.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// Writes `topology` in DOT, highlighting `report`'s findings. The output is
/// deterministic (topology order, then findings in report order).
void WriteTopologyDot(const Topology& topology, const Report& report, const ModelCatalog& model, std::ostream& out);

}  // namespace kst
