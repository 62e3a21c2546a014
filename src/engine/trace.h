#pragma once
// A trace: one order of events on one (server, FQDN) cell, told step by step
// with the lines the server would log and its table entry after each step.
// The engine narrates traces (engine/trace_narrator.h); findings carry them.

#include <string>
#include <vector>

#include "engine/cell_explorer.h"

namespace kst {

/// One step of a trace: what happened, on which server, the lines the
/// server would log, and the cell's KST entry afterwards.
struct TraceStep {
  CellEvent event = CellEvent::kAdminStep;
  int plan_index = -1;  // the plan step this event belongs to (-1: none)
  std::string description;
  std::vector<LogLine> lines;
  CellEntry entry_after;
};

struct Trace {
  std::string title;  // e.g. "shortest order to the conflict"
  std::string server;
  std::string fqdn;
  std::vector<LogLine> start_lines;  // the steady start (assumption steady-start)
  CellEntry entry_at_start;
  std::vector<TraceStep> steps;
  EventPath events;
};

}  // namespace kst
