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

#include "check/finding.h"

namespace kst {

struct PlanCost {
  bool judged = false;   // false: the candidate could not be judged (not loadable, or inconclusive)
  int ends_absent = 0;   // (server, FQDN) pairs some order ends without a needed FQDN
  int conflicts = 0;     // (server, FQDN) pairs with a 14563 reachable
  int64_t outage = 0;    // server x plan steps with a needed FQDN absent, worst interleaving
  int restarts = 0;      // RTCSRV restarts (servers x restart steps)
  int length = 0;        // plan steps
  std::map<std::string, int64_t> outage_by_server;

  bool HardSpecMet() const { return judged && ends_absent == 0 && conflicts == 0; }
  /// The key plans are compared by (smaller is better).
  auto Key() const {
    return std::make_tuple(!judged, ends_absent, conflicts > 0, outage, conflicts, restarts, length);
  }
  bool operator<(const PlanCost& other) const { return Key() < other.Key(); }
};

/// The cost of a plan of `length` steps with `restarts` server restarts,
/// from its report. An outage window from step a to step b costs b - a steps;
/// one that only an event after the plan's end closes, or that never closes,
/// runs to step length + 1.
PlanCost CostOf(const Report& report, int length, int restarts);

/// "outage 5 server-steps, 2 restarts, 4 steps" (and the hard specification's state).
std::string CostText(const PlanCost& cost);

}  // namespace kst
