// `make bench-plan`: kst plan on the synthetic estate (bench/synthetic_topology.h):
// a change of N trusted application pools, each for an Exchange server that
// hosts a SipName dial plan (the O1 conflict, N times). Prints, per size, the
// time, peak memory, candidates checked, analyses, cells and states, and
// whether the plan is proven optimal. --quick: one small size, as a smoke test (temporary edits off).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "check/analysis.h"
#include "model/claims.h"
#include "plan/plan_search.h"
#include "synthetic_topology.h"

namespace kst {
namespace {

/// BEFORE with `changes` new version-6 trusted application pools, each for
/// a SipName host that has none, registered on the first Front End pool.
Topology WithPoolsOnSipNameHosts(const Topology& before, Topology* before_clean, int changes, const ModelCatalog& model,
                                 int* made) {
  Topology after = before;
  const ClaimIndex claims = CollectClaims(before, model);
  // The synthetic base may hold one O1 conflict already; the benchmark starts
  // from an estate without findings, as a change window should.
  before_clean->trusted_application_pools.EraseIf([&](const TrustedApplicationPool& tap) {
    for (const NamedAt& computer : tap.computers)
      if (claims.UmRoutingClaims(computer.name)) return true;
    return claims.UmRoutingClaims(tap.fqdn.name);
  });
  after.trusted_application_pools = before_clean->trusted_application_pools;
  std::string registrar;
  for (const LyncPool& pool : before.pools)
    if (pool.role == "FrontEnd") {
      registrar = pool.fqdn.name;
      break;
    }
  *made = 0;
  for (const ExchangeServer& server : before.exchange_servers) {
    if (*made == changes) break;
    if (!claims.UmRoutingClaims(server.fqdn.name) || before.FindTrustedApplicationPool(server.fqdn.name) ||
        before.FindPool(server.fqdn.name))
      continue;
    bool named = false;
    for (const TrustedApplicationPool& tap : before.trusted_application_pools)
      for (const NamedAt& computer : tap.computers) named |= computer.name == server.fqdn.name;
    if (named) continue;
    TrustedApplicationPool tap;
    tap.fqdn.name = server.fqdn.name;
    tap.version = 6;
    tap.registrar.name = registrar;
    tap.computers.push_back(tap.fqdn);
    after.trusted_application_pools.push_back(tap);
    ++*made;
  }
  return after;
}

int Run(int front_ends, int changes, int fqdns, bool one_reading, bool verbose, bool temporary_edits = true) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  SyntheticSize size;
  size.front_end_servers = front_ends;
  size.fqdns = fqdns;
  size.plan_steps = 0;
  size.unplanned_restarts = false;
  const Scenario scenario = MakeSyntheticScenario(size);
  int made = 0;
  Topology before = scenario.base;
  const Topology after = WithPoolsOnSipNameHosts(scenario.base, &before, changes, model, &made);
  PlanSearchOptions options;
  if (one_reading) options.readings = {&model.DefaultSemantics()};
  options.alternatives = false;
  options.temporary_edits = temporary_edits;
  options.time_budget_seconds = 600;
  PlanSynthesis plan;
  Diagnostics diagnostics;
  const auto started = std::chrono::steady_clock::now();
  if (!SynthesizePlan(before, after, model, options, &plan, &diagnostics)) {
    for (const Diagnostic& d : diagnostics.all()) std::cerr << d.ToString() << "\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%6d %5zu %7d %8.2f %8.1f %10llu %9llu %10llu %12llu %6d %8lld %s%s\n", front_ends, before.pools.size(),
              made, seconds, PeakRssKib() / 1024.0, static_cast<unsigned long long>(plan.candidates_checked),
              static_cast<unsigned long long>(plan.analyses), static_cast<unsigned long long>(plan.cells),
              static_cast<unsigned long long>(plan.states), plan.best.cost.length,
              static_cast<long long>(plan.best.cost.outage), plan.proven_optimal ? "proven" : "bounded",
              plan.rechecked ? "" : " NOT-RECHECKED");
  if (verbose) std::printf("       %s\n       %s\n", plan.proof.c_str(), CostText(plan.best.cost).c_str());
  return plan.rechecked ? 0 : 1;
}

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  CLI::App app{"kst plan benchmark: a change of trusted application pools on SipName hosts"};
  bool quick = false, one_reading = false, verbose = false;
  app.add_flag("--quick", quick, "one small size (smoke test)");
  app.add_flag("--one-reading", one_reading, "judge under the default reading only");
  app.add_flag("--verbose", verbose, "print each plan's proof or why it is not proven");
  std::vector<int> sizes;
  app.add_option("--size", sizes, "one size: FRONT_ENDS CHANGES")->expected(2);
  CLI11_PARSE(app, argc, argv);
  std::printf("%6s %5s %7s %8s %8s %10s %9s %10s %12s %6s %8s %s\n", "FEs", "pools", "changes", "seconds", "MiB",
              "candidates", "analyses", "cells", "states", "steps", "outage", "optimality");
  int status = 0;
  // The smoke test leaves temporary edits out: with them its 2 changes make
  // an exhaustive space of 1,568 candidates (seconds), without them 32; from
  // 5 changes on they exceed --max-candidates and are left out anyway.
  if (quick) return kst::Run(20, 2, 200, one_reading, verbose, false);
  if (!sizes.empty()) return kst::Run(sizes[0], sizes[1], 1000, one_reading, verbose);
  for (auto [front_ends, changes] : {std::pair{50, 10}, {100, 10}, {200, 5}, {200, 10}, {200, 20}})
    status |= kst::Run(front_ends, changes, 1000, one_reading, verbose);
  return status;
}
