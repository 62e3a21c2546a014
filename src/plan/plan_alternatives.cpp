#include "plan/plan_alternatives.h"

#include <algorithm>

#include "model/claims.h"

namespace kst {
namespace {

bool Names(const TrustedApplicationPool& tap, const std::string& fqdn) {
  if (tap.fqdn.name == fqdn) return true;
  return std::any_of(tap.computers.begin(), tap.computers.end(),
                     [&](const NamedAt& computer) { return computer.name == fqdn; });
}

void MarkOwaIm(Topology* topology, const std::string& fqdn) {
  topology->exchange_servers.UpdateIf([&](const ExchangeServer& server) { return server.fqdn.name == fqdn; },
                                      [](ExchangeServer& server) { server.owa_im = true; });
}

void ServeOwaImWithoutPool(Topology* topology, const std::string& fqdn) {
  topology->trusted_application_pools.EraseIf([&](const TrustedApplicationPool& tap) { return Names(tap, fqdn); });
  MarkOwaIm(topology, fqdn);
}

/// The first pool of `topology` that may be a trusted application pool's registrar.
const LyncPool* Registrar(const Topology& topology, const ModelCatalog& model) {
  for (const LyncPool& pool : topology.pools) {
    const RoleInfo* role = model.FindRole(pool.role);
    if (role && role->hosts_registrar) return &pool;
  }
  return nullptr;
}

/// Seed 004's caveat as a target: a pool for an OWA IM server that AFTER leaves unclaimed.
void AddThePool(const Topology& before, const Topology& after, const ModelCatalog& model,
                const PlanSearchOptions& options, PlanSynthesis* out) {
  const ClaimIndex claims = CollectClaims(after, model);
  const LyncPool* registrar = Registrar(after, model);
  if (!registrar) return;
  for (const ExchangeServer& server : after.exchange_servers) {
    const std::string& fqdn = server.fqdn.name;
    if (!server.owa_im || claims.UmRoutingClaims(fqdn) || !claims.TopologyVersions(fqdn).empty()) continue;
    Topology after_alt = after;
    TrustedApplicationPool tap;
    tap.fqdn.name = fqdn;
    tap.version = registrar->version;
    tap.registrar.name = registrar->fqdn.name;
    tap.computers.push_back(tap.fqdn);
    after_alt.trusted_application_pools.push_back(tap);
    PlanSearchOptions alt_options = options;
    alt_options.alternatives = false;
    PlanAlternative alternative;
    alternative.change = "CHANGES THE TARGET: a trusted application pool " + fqdn + " (computer " + fqdn +
                         ", version " + std::to_string(tap.version) + ", registrar " + tap.registrar.name + ") for " +
                         fqdn +
                         ", which serves OWA IM without a pool and in the target hosts no SipName dial plan, so no "
                         "producer puts it in the registrars' tables and OWA IM breaks (seed 004's caveat: add the "
                         "pool back before the server stops hosting a SipName dial plan)";
    alternative.plan = std::make_unique<PlanSynthesis>();
    Diagnostics diagnostics;
    if (!SynthesizePlan(before, after_alt, model, alt_options, alternative.plan.get(), &diagnostics)) continue;
    out->alternatives.push_back(std::move(alternative));
  }
}

}  // namespace

void AddAlternatives(const Topology& before, const Topology& after, const ModelCatalog& model,
                     const PlanSearchOptions& options, PlanSynthesis* out) {
  if (out->best.cost.HardSpecMet() && out->best.cost.outage == 0) return;
  const ClaimIndex claims = CollectClaims(after, model);
  for (const TrustedApplicationPool& tap : after.trusted_application_pools) {
    std::vector<std::string> covered;
    for (const NamedAt& computer : tap.computers.empty() ? std::vector<NamedAt>{tap.fqdn} : tap.computers)
      if (after.FindExchangeServer(computer.name) && claims.UmRoutingClaims(computer.name))
        covered.push_back(computer.name);
    if (covered.empty()) continue;
    Topology before_alt = before, after_alt = after;
    // BEFORE keeps what it has (a pool it holds is removed by the plan); the
    // server is marked as serving OWA IM on both sides, which no plan op changes.
    for (const std::string& fqdn : covered) {
      MarkOwaIm(&before_alt, fqdn);
      ServeOwaImWithoutPool(&after_alt, fqdn);
    }
    PlanSearchOptions alt_options = options;
    alt_options.alternatives = false;
    PlanAlternative alternative;
    std::string servers;
    for (const std::string& fqdn : covered) servers += (servers.empty() ? "" : ", ") + fqdn;
    alternative.change =
        "CHANGES THE TARGET: no trusted application pool " + tap.fqdn.name + "; " + servers +
        " serves OWA IM through UM Routing's version-0 entry while it hosts a SipName dial plan (seed 004, "
        "option 1; marked \"owa_im\": true in the plan's topology). Caveat (seed 004): add the pool back, "
        "after a restart of the registrars, before " +
        servers + " stops hosting a SipName dial plan, or OWA IM breaks";
    alternative.plan = std::make_unique<PlanSynthesis>();
    Diagnostics diagnostics;
    if (!SynthesizePlan(before_alt, after_alt, model, alt_options, alternative.plan.get(), &diagnostics)) continue;
    out->alternatives.push_back(std::move(alternative));
  }
  AddThePool(before, after, model, options, out);
}

}  // namespace kst
