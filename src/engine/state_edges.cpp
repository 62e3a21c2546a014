#include "engine/state_edges.h"

#include <stdexcept>
#include <string>

namespace kst {

static_assert(static_cast<int>(CellEvent::kUnplannedRestart) < 4, "an event takes two bits of a packed edge");

void StateEdges::push_back(const StateEdge& edge) {
  if (!first_.empty() && edge.from + 1 < first_.size())
    throw std::invalid_argument("StateEdges: an edge from state " + std::to_string(edge.from) +
                                " after an edge from state " + std::to_string(first_.size() - 1));
  if (edge.to >= kMaxStates)
    throw std::invalid_argument("StateEdges: target state " + std::to_string(edge.to) + " past the limit");
  while (first_.size() <= edge.from) first_.push_back(static_cast<uint32_t>(packed_.size()));
  packed_.push_back(edge.to << 3 | static_cast<uint32_t>(edge.event) << 1 | (edge.conflict ? 1u : 0u));
}

void StateEdges::pop_back() {
  packed_.pop_back();
  // States whose first edge would now be past the end have none left.
  while (!first_.empty() && first_.back() >= packed_.size()) first_.pop_back();
}

}  // namespace kst
