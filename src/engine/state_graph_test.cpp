// CyclicComponents against strongly connected components found by brute
// force: two states are in one component when each reaches the other.

#include "engine/state_graph.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace kst {
namespace {

std::vector<size_t> ComponentsByReachability(size_t n, const std::vector<StateEdge>& edges) {
  std::vector<std::vector<bool>> reaches(n, std::vector<bool>(n, false));
  for (size_t v = 0; v < n; ++v) reaches[v][v] = true;
  for (const StateEdge& edge : edges) reaches[edge.from][edge.to] = true;
  for (size_t k = 0; k < n; ++k)
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        if (reaches[i][k] && reaches[k][j]) reaches[i][j] = true;
  std::vector<bool> placed(n, false);
  std::vector<size_t> sizes;
  for (size_t v = 0; v < n; ++v) {
    if (placed[v]) continue;
    size_t size = 0;
    for (size_t w = 0; w < n; ++w)
      if (reaches[v][w] && reaches[w][v]) {
        placed[w] = true;
        ++size;
      }
    if (size > 1) sizes.push_back(size);
  }
  std::sort(sizes.begin(), sizes.end());
  return sizes;
}

TEST_CASE("CyclicComponents finds the components a brute force finds, acyclic graphs and self-loops included") {
  std::mt19937 random(2112);
  size_t acyclic = 0, cyclic = 0;
  for (int round = 0; round < 2000; ++round) {
    CellVerdict verdict;
    const size_t n = 1 + random() % 9;
    verdict.state_list.resize(n);
    const size_t edges = random() % (2 * n + 1);
    // Half the graphs only point forward (plus self-loops): acyclic, as most cells' are.
    const bool forward = round % 2 == 0;
    std::vector<StateEdge> drawn;
    for (size_t e = 0; e < edges; ++e) {
      uint32_t from = static_cast<uint32_t>(random() % n), to = static_cast<uint32_t>(random() % n);
      if (forward && to < from) std::swap(from, to);
      drawn.push_back({from, to, CellEvent::kReplicate, false});
    }
    // Grouped by source, as the explorer adds them (StateEdges asks for it).
    std::stable_sort(drawn.begin(), drawn.end(),
                     [](const StateEdge& a, const StateEdge& b) { return a.from < b.from; });
    for (const StateEdge& edge : drawn) verdict.edges.push_back(edge);
    std::vector<size_t> found = CyclicComponents(verdict);
    std::sort(found.begin(), found.end());
    const std::vector<size_t> expected = ComponentsByReachability(n, drawn);
    CAPTURE(round);
    CHECK(found == expected);
    (expected.empty() ? acyclic : cyclic)++;
  }
  CHECK(acyclic > 500);
  CHECK(cyclic > 200);
}

}  // namespace
}  // namespace kst
