#pragma once
// The edits that turn one topology (BEFORE) into another (AFTER), each as a
// kst-scenario/1 plan op: what `kst plan` may order, separate by waits and
// restarts, and check. Derived by comparing the two topologies item by item.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/topology.h"

namespace kst {

/// One topology edit of the change, as a plan op.
struct ChangeStep {
  nlohmann::ordered_json op;       // {"op": "add_trusted_application_pool", ...}
  std::string description;         // for people: "add trusted application pool ex1.contoso.com (version 6)"
  std::vector<std::string> fqdns;  // the FQDNs whose claims it may change (independence of changes)
  bool exchange_side = false;      // an Active Directory change (seen by UM Routing), not a topology publish
  std::string kind;                // the op name, for the runbook
};

/// The edits from `before` to `after`, in a fixed order (Lync pools, trusted
/// application pools, Exchange servers, dial plans; additions before changes
/// before removals). Returns false, with located errors, when no list of plan
/// ops can join the two: a pool that changes role, a trusted application pool
/// that changes registrar, an Exchange server that changes version or OWA IM,
/// certificates, clocks, gateways or hosting providers that differ (a plan
/// changes none of them), or two topologies that share no Lync pool (two
/// different estates).
bool DiffTopologies(const Topology& before, const Topology& after, std::vector<ChangeStep>* out,
                    Diagnostics* diagnostics);

/// `topology` as an inline kst-topology/1 document: the topology writer's
/// document plus what it leaves out and the checks read (UM IP gateways,
/// hosting providers, clocks), so a scenario built on it is analysed like
/// the topology itself.
nlohmann::ordered_json TopologyDocument(const Topology& topology);

}  // namespace kst
