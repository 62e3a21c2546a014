#pragma once
// kst's cell rules (CellModel) written as Promela inlines over one server's
// FQDNs, and the quiescence check with the end-state observers. Part of the
// Promela export (promela_export.h); why each inline means what CellModel
// means: promela_cell_rules.cpp.

#include <ostream>

#include "export/promela_layout.h"
#include "model/model_catalog.h"

namespace kst {

/// The inlines kst_log, violation, narrate, settled, start, replicate and
/// poll, under `semantics` (the reading decides what start keeps after a
/// start-up conflict). They use the macros and scratch variables the
/// exporter declares before them.
void WriteCellRules(const Semantics& semantics, std::ostream& out);

/// The inlines end_check, end_cell and end_cells. Up to kUnrolledEndCells
/// observed cells, end_cells is unrolled, so pan's message for an end-state
/// property names its cell ("kst_order_dependent[7]"); beyond that (SPIN
/// bounds the text of an inline) it loops over a table of the observed
/// cells, and pan names the rule only.
void WriteEndChecks(const PromelaLayout& layout, std::ostream& out);
constexpr size_t kUnrolledEndCells = 512;

/// Statements for init's d_step that fill the table of observed cells
/// (nothing when end_cells is unrolled).
void WriteObservedCellTable(const PromelaLayout& layout, std::ostream& out);

}  // namespace kst
