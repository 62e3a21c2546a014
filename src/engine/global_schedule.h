#pragma once
// A cell's trace, lifted back to the whole system: the events of every
// server and the admin, in one order, that contains the trace's own events.
// Independent checkers need it: the naive oracle (tests/naive_explorer.*) and
// a SPIN run guided by a kst trace (promela_export.*) both execute whole
// systems, not cells. Why the lifting is always possible, and what it checks
// on the way: global_schedule.cpp.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/cell_explorer.h"
#include "engine/plan_compiler.h"

namespace kst {

/// One event of the whole system.
struct GlobalEvent {
  CellEvent kind = CellEvent::kAdminStep;  // the same events as a cell's, lifted to the whole system
  int server = -1;                         // index into CompiledPlan::servers(); -1 for admin steps
  int plan_index = -1;                     // kAdminStep: the plan step; kReplicate: the publish step it applies
  bool cell_event = false;                 // one of the lifted trace's own events
  bool optional = false;                   // a poll that may change nothing anywhere; a whole-system run skips it then
};

/// A whole-system order for the trace of cell (server, fqdn).
struct GlobalSchedule {
  size_t server = 0;
  size_t fqdn = 0;
  bool to_end = false;  // the order ends in a quiescent state of the whole system
  std::vector<GlobalEvent> events;
};

/// Lifts `path`, a path of cell (server, fqdn)'s events from its steady start,
/// to a whole-system order: the admin steps the cell does not see are put in
/// as late as the plan allows, a wait is preceded by the replications it waits
/// for, the traced server replicates publishes its cell ignores only when it
/// must. With `to_end`, the order goes on to a quiescent whole system: the rest
/// of the plan, every server on the newest replica, then one optional poll per
/// UM Routing server. Returns false with `*error` when `path` is not a path of
/// the cell or when a step the plan compiler left out of the cell would change
/// it (a projection bug): the lifting re-checks the projection as it goes.
bool LiftCellPath(const CompiledPlan& plan, StartupConflictPolicy policy, size_t server, size_t fqdn,
                  const EventPath& path, bool to_end, GlobalSchedule* out, std::string* error);

}  // namespace kst
