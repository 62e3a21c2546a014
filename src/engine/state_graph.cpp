#include "engine/state_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cstdint>
#include <vector>

#include "engine/plan_compiler.h"

namespace kst {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

Graph BuildGraph(const CellVerdict& verdict) {
  Graph graph(verdict.state_list.size());
  for (const StateEdge& edge : verdict.edges) boost::add_edge(edge.from, edge.to, graph);
  return graph;
}

/// True when no cycle passes through two or more states: Kahn's algorithm
/// over flat arrays, several times cheaper than the Boost graph that Tarjan's
/// algorithm is run on, and most cells' graphs are acyclic (the admin steps
/// done, the replica applied and the AD revision read only grow). A self-loop
/// is not such a cycle, as a component of one state is not.
bool WithoutCycles(const CellVerdict& verdict) {
  const size_t n = verdict.state_list.size();
  std::vector<uint32_t> in_degree(n), first(n + 1);
  for (const StateEdge& edge : verdict.edges)
    if (edge.from != edge.to) {
      ++in_degree[edge.to];
      ++first[edge.from + 1];
    }
  for (size_t v = 0; v < n; ++v) first[v + 1] += first[v];
  std::vector<uint32_t> targets(first[n]), next(first.begin(), first.end() - 1);
  for (const StateEdge& edge : verdict.edges)
    if (edge.from != edge.to) targets[next[edge.from]++] = edge.to;
  std::vector<uint32_t> ready;
  for (size_t v = 0; v < n; ++v)
    if (in_degree[v] == 0) ready.push_back(static_cast<uint32_t>(v));
  size_t removed = 0;
  while (!ready.empty()) {
    const uint32_t v = ready.back();
    ready.pop_back();
    ++removed;
    for (uint32_t e = first[v]; e < first[v + 1]; ++e)
      if (--in_degree[targets[e]] == 0) ready.push_back(targets[e]);
  }
  return removed == n;
}

std::string StateLabel(const CellModel& model, const CellState& state) {
  std::string label = "step " + std::to_string(state.step) + ", replica " + std::to_string(state.replica) + "\\n" +
                      model.Entry(state).ToString();
  if (state.um_claim) label += ", UM claim";
  if (state.um_handled) label += ", handled";
  if (state.um_retry) label += ", retry";
  if (state.restart_used) label += ", restarted";
  return label;
}

}  // namespace

std::vector<size_t> CyclicComponents(const CellVerdict& verdict) {
  if (WithoutCycles(verdict)) return {};
  Graph graph = BuildGraph(verdict);
  std::vector<int> component(boost::num_vertices(graph));
  int count = component.empty()
                  ? 0
                  : boost::strong_components(graph, boost::make_iterator_property_map(
                                                        component.begin(), boost::get(boost::vertex_index, graph)));
  std::vector<size_t> sizes(static_cast<size_t>(count));
  for (int c : component) sizes[static_cast<size_t>(c)]++;
  std::vector<size_t> cyclic;
  for (size_t size : sizes)
    if (size > 1) cyclic.push_back(size);
  return cyclic;
}

// Written by hand rather than with boost::write_graphviz: its edge iterator
// trips g++ 12's -Wmaybe-uninitialized inside boost::optional, and the
// format is three lines of code.
void WriteDot(const CellModel& model, const CellVerdict& verdict, std::ostream& out) {
  out << "digraph cell {\n";
  for (size_t v = 0; v < verdict.state_list.size(); ++v) {
    const CellState& state = verdict.state_list[v];
    out << "  " << v << " [label=\"" << StateLabel(model, state) << "\""
        << (model.IsEnd(state) ? ", peripheries=2" : "") << (model.Entry(state).present ? "" : ", color=red") << "];\n";
  }
  for (const StateEdge& edge : verdict.edges)
    out << "  " << edge.from << " -> " << edge.to << " [label=\"" << CellEventName(edge.event)
        << (edge.conflict ? " (14563)\", color=red" : "\"") << "];\n";
  out << "}\n";
}

}  // namespace kst
