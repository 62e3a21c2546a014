#include "engine/state_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "engine/plan_compiler.h"

namespace kst {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

Graph BuildGraph(const CellVerdict& verdict) {
  Graph graph(verdict.state_list.size());
  for (const StateEdge& edge : verdict.edges) boost::add_edge(edge.from, edge.to, graph);
  return graph;
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
