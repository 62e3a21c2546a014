#pragma once
// A deliberately naive reference explorer, used only by tests (oracle_test.cpp).
// It explores the whole system at once -- every server, every FQDN, the plan
// unprojected -- so it shares neither of the real checker's reductions
// (independent cells, cell classes). Why and how: naive_explorer.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/cell_model.h"
#include "engine/global_schedule.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst::naive {

/// What the global exploration says about one (server, FQDN) cell.
struct CellOutcome {
  bool conflict = false;               // a 14563 is reachable (the steady start included)
  std::optional<int> conflict_length;  // fewest cell events up to the first 14563 (0: at the start)
  std::vector<CellEntry> ends;         // distinct entries in global end states, sorted
  bool ever_absent = false;            // the FQDN is absent in some reachable state
  std::optional<int> absent_length;    // fewest cell events up to such a state
  std::vector<bool> absent_after;      // [k]: the FQDN is absent in some reachable state with k plan steps done
  std::vector<bool> needed_after;      // [k]: the topology after k plan steps requires the FQDN on this server
};

struct Outcome {
  std::vector<std::string> servers;  // the KST servers of the base topology, sorted
  std::vector<std::string> fqdns;    // every FQDN of the base or of a plan step, sorted
  std::vector<CellOutcome> cells;    // [server * fqdns.size() + fqdn]
  uint64_t states = 0;               // global states
  uint64_t transitions = 0;
  bool complete = true;  // false: `max_states` ran out

  const CellOutcome& At(size_t server, size_t fqdn) const { return cells[server * fqdns.size() + fqdn]; }
};

/// Explores every interleaving of the global events of `scenario` under
/// `policy` (breadth first over global states).
Outcome ExploreNaively(const Scenario& scenario, const ModelCatalog& model, StartupConflictPolicy policy,
                       uint64_t max_states = 1'000'000);

/// What a whole-system order did to the cell it was lifted for.
struct FollowedCell {
  CellEntry start;
  bool start_conflict = false;
  std::vector<CellEntry> entries;  // after each of the cell's own events
  std::vector<bool> conflicts;     // whether that event logged 14563 for the cell
  bool global_end = false;         // the order ends in a quiescent whole system
};

/// Executes each schedule (global_schedule.h) on the whole system; for each,
/// "" when every event is enabled (an optional poll may be skipped) and no
/// event outside the cell's own changes the cell, else what went wrong.
std::vector<std::string> FollowSchedules(const Scenario& scenario, const ModelCatalog& model,
                                         StartupConflictPolicy policy, const std::vector<GlobalSchedule>& schedules,
                                         std::vector<FollowedCell>* out);

/// Orders entries: absent first, then by version (for set comparison).
bool EntryLess(const CellEntry& a, const CellEntry& b);

}  // namespace kst::naive
