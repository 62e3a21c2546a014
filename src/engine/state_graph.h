#pragma once
// Graph analyses of one cell's explored state graph, with Boost.Graph:
// strongly connected components (a component of more than one state is a
// cycle in which producers undo each other: kst/flapping) and a Graphviz
// export for `kst explore --dot`. The explorer's hot loop does not use
// Boost; the graph is built from its recorded edges afterwards.

#include <ostream>
#include <string>
#include <vector>

#include "engine/cell_explorer.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

/// Sizes of the strongly connected components with more than one state.
std::vector<size_t> CyclicComponents(const CellVerdict& verdict);

/// Writes the graph in dot; states are labelled with their entry and flags.
void WriteDot(const CellModel& model, const CellVerdict& verdict, std::ostream& out);

}  // namespace kst
