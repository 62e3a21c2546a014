// StateEdges reads back what was added, in order, with sources of no edges
// and every event and flag.

#include "engine/state_edges.h"

#include <doctest/doctest.h>

#include <random>
#include <stdexcept>
#include <vector>

namespace kst {
namespace {

bool Same(const StateEdge& a, const StateEdge& b) {
  return a.from == b.from && a.to == b.to && a.event == b.event && a.conflict == b.conflict;
}

std::vector<StateEdge> ReadBack(const StateEdges& edges) {
  std::vector<StateEdge> read;
  for (const StateEdge& edge : edges) read.push_back(edge);
  return read;
}

TEST_CASE("StateEdges gives back the edges added, sources that have none skipped") {
  std::mt19937 random(29);
  for (int round = 0; round < 500; ++round) {
    StateEdges edges;
    std::vector<StateEdge> added;
    uint32_t source = static_cast<uint32_t>(random() % 3);
    const int count = static_cast<int>(random() % 40);
    for (int i = 0; i < count; ++i) {
      source += static_cast<uint32_t>(random() % 3 == 0 ? random() % 4 : 0);
      const StateEdge edge{source, static_cast<uint32_t>(random() % (StateEdges::kMaxStates - 1) + (i % 2)),
                           static_cast<CellEvent>(random() % 4), random() % 2 == 0};
      edges.push_back(edge);
      added.push_back(edge);
      if (random() % 10 == 0) {  // pop_back, as a test of cycles does
        edges.pop_back();
        added.pop_back();
      }
    }
    const std::vector<StateEdge> read = ReadBack(edges);
    REQUIRE(read.size() == added.size());
    CHECK(edges.size() == added.size());
    for (size_t i = 0; i < read.size(); ++i) {
      CAPTURE(i);
      CHECK(Same(read[i], added[i]));
    }
  }
}

TEST_CASE("StateEdges refuses an edge out of source order or past the target limit") {
  StateEdges edges{{2, 5, CellEvent::kUmPoll, true}};
  CHECK_THROWS_AS(edges.push_back({1, 0, CellEvent::kAdminStep, false}), std::invalid_argument);
  CHECK_THROWS_AS(edges.push_back({2, StateEdges::kMaxStates, CellEvent::kAdminStep, false}), std::invalid_argument);
  edges.push_back({2, 6, CellEvent::kReplicate, false});
  edges.clear();
  CHECK(edges.empty());
  edges.push_back({0, 1, CellEvent::kUnplannedRestart, false});
  CHECK(Same(*edges.begin(), {0, 1, CellEvent::kUnplannedRestart, false}));
}

}  // namespace
}  // namespace kst
