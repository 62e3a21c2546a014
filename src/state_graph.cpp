#include "state_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "exit_status.h"
#include "plan_compiler.h"

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
                  : boost::strong_components(
                        graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, graph)));
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
    out << "  " << v << " [label=\"" << StateLabel(model, state) << "\"" << (model.IsEnd(state) ? ", peripheries=2" : "")
        << (model.Entry(state).present ? "" : ", color=red") << "];\n";
  }
  for (const StateEdge& edge : verdict.edges)
    out << "  " << edge.from << " -> " << edge.to << " [label=\"" << CellEventName(edge.event)
        << (edge.conflict ? " (14563)\", color=red" : "\"") << "];\n";
  out << "}\n";
}

int ExploreOneCell(const Scenario& scenario, const ModelCatalog& model, const Semantics& semantics,
                   const std::string& server, const std::string& fqdn, bool dot, std::ostream& out, std::ostream& err) {
  CompiledPlan plan(scenario, model);
  int s = plan.ServerIndex(server), f = plan.FqdnIndex(fqdn);
  if (s < 0 || f < 0) {
    err << "kst: fatal: " << (s < 0 ? server + " is not a server that holds a Known Servers Table"
                                    : fqdn + " is claimed by no producer in this scenario")
        << "\n";
    return kExitUsage;
  }
  CellInput input = plan.InputFor(static_cast<size_t>(s), static_cast<size_t>(f));
  CellModel cell(input, semantics.startup_conflict, fqdn);
  CellVerdict verdict = ExploreCell(cell, 10'000'000, true);
  if (dot) {
    WriteDot(cell, verdict, out);
    return kExitPass;
  }
  out << "cell " << server << " / " << fqdn << " under reading " << semantics.name << ":\n"
      << "  states " << verdict.states << ", transitions " << verdict.transitions << ", depth " << verdict.depth
      << (verdict.complete ? "" : " (incomplete)") << "\n"
      << "  14563 reachable: " << (verdict.initial_conflict || verdict.conflict_path ? "yes" : "no") << "\n"
      << "  end entries:";
  for (const EndOutcome& end : verdict.ends) out << " " << end.entry.ToString() << ";";
  std::vector<size_t> cycles = CyclicComponents(verdict);
  out << "\n  cycles (flapping): " << (cycles.empty() ? "none" : std::to_string(cycles.size())) << "\n";
  return kExitPass;
}

}  // namespace kst
