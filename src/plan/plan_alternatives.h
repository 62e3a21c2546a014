#pragma once
// Topology alternatives for `kst plan`: when every order of the change costs
// an outage, targets that differ from AFTER in one way the model's fix
// catalogue knows, each planned on its own and clearly marked as changing
// the target.

#include "model/model_catalog.h"
#include "model/topology.h"
#include "plan/plan_search.h"

namespace kst {

/// Adds to `out->alternatives`, when the plan in `out` costs an outage or
/// misses the hard specification:
/// - for each trusted application pool AFTER adds for an Exchange server
///   that UM Routing already puts in the tables (it hosts a SipName dial
///   plan in AFTER): the target without that pool, the server serving OWA IM
///   through UM Routing's version-0 entry (seed 004, option 1), with seed
///   004's caveat;
/// - for each Exchange server that serves OWA IM without a pool ("owa_im")
///   and that AFTER leaves with no producer (it stops hosting a SipName dial
///   plan, so UM Routing's entry goes): the target with a trusted application
///   pool for it (seed 004: add the pool back before the server stops hosting
///   a SipName dial plan), registered with the first pool that may be a
///   registrar, at that pool's version.
void AddAlternatives(const Topology& before, const Topology& after, const ModelCatalog& model,
                     const PlanSearchOptions& options, PlanSynthesis* out);

}  // namespace kst
