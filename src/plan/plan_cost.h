#pragma once
// The objective of `kst plan`, lexicographic (docs/plan.md): first the hard
// specification (every needed FQDN present on every server at the end, no
// 14563 reachable), then the total outage (server x plan steps with a needed
// FQDN absent, over the worst interleaving), then the number of 14563 cells,
// RTCSRV restarts and plan length.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "check/finding.h"

namespace kst {

struct PlanCost {
  bool judged = false;             // false: the candidate could not be judged (not loadable, or inconclusive)
  int readings_ending_absent = 0;  // readings under which some server ends without a needed FQDN
  int ends_absent = 0;             // (server, FQDN) pairs some order ends without a needed FQDN
  int conflicts = 0;               // (server, FQDN) pairs with a 14563 reachable
  int64_t outage = 0;              // server x plan steps with a needed FQDN absent, worst interleaving
  int restarts = 0;                // RTCSRV restarts (servers x restart steps)
  int length = 0;                  // plan steps
  int64_t temporary_outage = 0;    // part of `outage`: servers x steps a temporary edit keeps a server out
  std::map<std::string, int64_t> outage_by_server;

  bool HardSpecMet() const { return judged && ends_absent == 0 && conflicts == 0; }
  /// The key plans are compared by (smaller is better).
  auto Key() const {
    return std::make_tuple(!judged, readings_ending_absent, ends_absent, conflicts > 0, outage, conflicts, restarts,
                           length);
  }
  bool operator<(const PlanCost& other) const { return Key() < other.Key(); }
};

/// The cost of a plan of `length` steps with `restarts` server restarts,
/// from its report. An outage window from step a to step b costs b - a steps;
/// one that only an event after the plan's end closes, or that never closes,
/// runs to step length + 1.
PlanCost CostOf(const Report& report, int length, int restarts);

/// Adds what a temporary edit costs: each server in `needed_on` loses the
/// server taken out from plan step `from` (the edit) to plan step `to` (its
/// undoing), `to - from` steps each, counted as outage (on top of the
/// table's windows: where both hold at once, an over-count, never an
/// under-count).
void AddTemporaryOutage(const std::vector<std::string>& needed_on, int from, int to, PlanCost* cost);

/// A plan judged under several readings: the readings under which it ends
/// without a needed FQDN (fewer is better), the worst ends and 14563s, and
/// the worst outage of the readings under which it ends well (of all of them
/// when it ends well under none): a reading under which no plan can end well
/// (O1 under "forget") then does not make kst prefer a plan that ends badly
/// under every reading.
PlanCost WorstOver(const std::vector<PlanCost>& by_reading);

/// "outage 5 server-steps, 2 restarts, 4 steps" (and the hard specification's state).
std::string CostText(const PlanCost& cost);

}  // namespace kst
