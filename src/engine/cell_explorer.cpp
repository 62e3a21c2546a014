// Breadth-first exploration of one (server, FQDN) cell.
//
// State encoding: CellState packs into 52 bits (plan step, replica revision,
// AD revision read, four UM Routing / restart flags), which is the state's
// fingerprint; there is no hashing collision to worry about. The search is
// an explicit FIFO queue over a vector of discovered states; each state
// records its parent and the event that first reached it, so the first time
// a property is seen its path is a shortest one (BFS visits states in order
// of depth). Every enabled event is tried from every state: the search is
// exhaustive, and "complete" means every reachable state of the cell was
// visited. Polls that would change nothing are not transitions (they would
// only add self-loops). The reductions that make large topologies cheap --
// independent cells and symmetric cells -- live in the analysis that calls
// this; this file knows one cell only. Tested by cell_explorer_test.cpp and
// against the naive oracle in oracle_test.cpp.

#include "engine/cell_explorer.h"

#include "base/interrupt.h"
#include "base/memory_budget.h"
#include "engine/state_index.h"

namespace kst {
namespace {

// Ordered so that the 4-byte fields come first: 20 bytes a state, not 24.
struct Visit {
  uint32_t parent;
  int depth;
  CellState state;
  CellEvent event;
};

EventPath PathTo(const std::vector<Visit>& visits, uint32_t index) {
  EventPath path;
  while (index != 0) {
    path.push_back(visits[index].event);
    index = visits[index].parent;
  }
  return EventPath(path.rbegin(), path.rend());
}

static_assert(sizeof(Visit) <= 20, "a visit per explored state: keep it small");

}  // namespace

CellVerdict ExploreCell(const CellModel& model, uint64_t max_states, bool keep_graph, uint64_t max_resident_bytes) {
  CellVerdict verdict;
  if (max_states == 0) {  // not even the initial state fits in the budget
    verdict.complete = false;
    return verdict;
  }
  std::vector<Visit> visits;
  StateIndex seen;
  bool initial_conflict = false;
  CellState initial = model.Initial(nullptr, &initial_conflict);
  verdict.initial_conflict = initial_conflict;
  visits.push_back({0, 0, initial, CellEvent::kAdminStep});
  auto key_of = [&visits](uint32_t index) { return visits[index].state.Pack(); };
  seen.Insert(0, key_of);

  for (uint32_t head = 0; head < visits.size(); ++head) {
    // Polled every 4,096 states: cheap, and a huge cell still stops within
    // milliseconds of Ctrl-C, incomplete like a spent budget.
    if ((head & 0xFFF) == 0xFFF && InterruptRequested()) {
      verdict.complete = false;
      break;
    }
    // The memory budget, on the same beat: the states, the seen set and the
    // graph grow together, so a cell past it stops within 4,096 states.
    if ((head & 0xFFF) == 0xFFF && max_resident_bytes != 0 && ResidentBytes() > max_resident_bytes) {
      verdict.complete = false;
      verdict.memory_exhausted = true;
      break;
    }
    const CellState state = visits[head].state;
    const int depth = visits[head].depth;
    verdict.depth = std::max(verdict.depth, depth);
    const CellEntry entry = model.Entry(state);
    if (!entry.present && !verdict.absent_path) verdict.absent_path = PathTo(visits, head);
    if (model.IsEnd(state)) {
      bool known = false;
      for (const EndOutcome& end : verdict.ends) known |= end.entry == entry;
      if (!known) verdict.ends.push_back({entry, PathTo(visits, head)});
    }
    for (const CellEventInfo& info : kCellEvents) {
      const CellEvent event = info.event;
      CellState next;
      bool conflict = false;
      if (!model.Apply(state, event, &next, &conflict, nullptr)) continue;
      verdict.transitions++;
      const uint64_t packed = next.Pack();
      uint32_t target = seen.Find(packed, key_of);
      if (target == StateIndex::kAbsent) {
        if (visits.size() >= max_states) {
          verdict.complete = false;
          continue;
        }
        target = static_cast<uint32_t>(visits.size());
        visits.push_back({head, depth + 1, next, event});
        seen.Insert(target, key_of);
      }
      if (conflict && !verdict.conflict_path) {
        EventPath path = PathTo(visits, head);
        path.push_back(event);
        verdict.conflict_path = std::move(path);
      }
      if (keep_graph) verdict.edges.push_back({head, target, event, conflict});
    }
  }
  verdict.states = visits.size();
  // The seen set is not needed past the search: freed before the state list
  // is made, so the two do not add up at the exploration's peak.
  seen = StateIndex();
  if (keep_graph) {
    verdict.state_list.reserve(visits.size());
    for (const Visit& visit : visits) verdict.state_list.push_back(visit.state);
  }
  return verdict;
}

}  // namespace kst
