#pragma once
// Exhaustive, breadth-first exploration of one cell's state space.

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/cell_model.h"
#include "engine/state_edges.h"

namespace kst {

using EventPath = std::vector<CellEvent>;

/// A distinct end table of the cell with the shortest order that reaches it.
struct EndOutcome {
  CellEntry entry;
  EventPath path;
};

struct CellVerdict {
  bool initial_conflict = false;           // the steady start already logs 14563
  std::optional<EventPath> conflict_path;  // shortest path whose last step logs 14563
  std::vector<EndOutcome> ends;            // every distinct end entry
  std::optional<EventPath> absent_path;    // shortest path to a state without the FQDN
  uint64_t states = 0;
  uint64_t transitions = 0;
  int depth = 0;
  bool complete = true;           // false: the state budget ran out (or the memory budget: memory_exhausted)
  bool memory_exhausted = false;  // stopped because the process's resident memory passed max_resident_bytes
  // Filled only when asked for (graph analyses):
  std::vector<CellState> state_list;
  StateEdges edges;
};

/// Explores every order of the events a cell allows. BFS, so each reported
/// path is a shortest one; states are fingerprinted by CellState::Pack().
/// Stops, with complete == false, after `max_states` states, and (with
/// memory_exhausted too) when the process's resident memory, polled every
/// 4,096 states, passes `max_resident_bytes` (0: not polled).
CellVerdict ExploreCell(const CellModel& model, uint64_t max_states, bool keep_graph, uint64_t max_resident_bytes = 0);

}  // namespace kst
