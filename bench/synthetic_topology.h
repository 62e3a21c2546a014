#pragma once
// Synthetic, realistic Lync + Exchange deployments with a change plan, built
// in memory for the benchmark (no JSON, no files).
//
// The shape follows what a large Lync 2013 estate looks like: Front End pools
// of 10-12 computers (version 6) spread over sites, a few Director and Edge
// pools (one legacy version-5 Edge waiting for its upgrade), Exchange servers
// of which a third run UM and host SipName dial plans, OWA IM trusted
// application pools named after Exchange servers, application TAPs (some still
// version 5) and, filling the rest of the FQDN budget, PSTN gateways. A TAP
// named after a SipName Exchange server is the O1 conflict; the base has one
// of them when it is large enough, and the plan creates more.
//
// The plan repeats change windows: one to three changes (add or remove a TAP,
// set a pool's version, move a SipName dial plan to other Exchange servers),
// usually a wait for replication, then restarts of zero to two pools. Every
// step carries the whole topology after it, as the scenario loader builds it.
//
// The distinct-pool estate (SyntheticSize::distinct_pools) gives each Front
// End pool its own version, SipName dial plan and restart cadence.
//
// Everything is drawn from a fixed-seed SplitMix64 stream with no library
// distribution, so a size always yields the same scenario on every platform.

#include <cstdint>
#include <string>

#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

/// What to generate. `fqdns` counts the FQDNs some producer claims in the base
/// topology (Exchange servers with neither UM nor a TAP are not among them);
/// the plan adds a few (new application TAPs). When the Lync pools alone need
/// more FQDNs than asked, the base has as many as they need.
struct SyntheticSize {
  int front_end_servers = 200;
  int fqdns = 5000;
  int plan_steps = 50;
  bool unplanned_restarts = true;  // environment.restarts == "any"
  /// The distinct-pool estate: each Front End pool has its own version (Lync
  /// 2010, 2013 or Skype for Business 2015), its own SipName dial plan and its
  /// own restart cadence in the plan, so fewer cells share a class.
  bool distinct_pools = false;
  uint64_t seed = 0x6b73742d62656e63;  // "kst-benc"
};

/// Builds the scenario of `size`. Deterministic: equal sizes, equal scenarios.
Scenario MakeSyntheticScenario(const SyntheticSize& size);

/// Checks what the scenario loader would: names defined once, TAP registrars
/// that host a registrar, dial plans naming listed Exchange servers, in the
/// base and after every step. Returns false and the first error in `*error`.
bool CheckSyntheticScenario(const Scenario& scenario, const ModelCatalog& model, std::string* error);

/// `scenario` with its plan step `from` moved to position `to` (0-based,
/// counted in the plan without it), as plan synthesis reorders steps. Only a
/// step that leaves the topology alone (a restart or a wait) moves: each such
/// step shares the topology before it, so the revisions stay right. Returns
/// false, changing nothing, for a publish or an AD change or an index past the end.
bool MoveStepThatChangesNothing(Scenario* scenario, size_t from, size_t to);

}  // namespace kst
