#pragma once
// Replays a path of cell events with narration on: the steps in words, the
// event-log lines each server would write, and the cell's entry after each
// step. Exploration and narration run the same CellModel code, which is why
// a narrated trace is exactly what the explorer saw.

#include <string>

#include "engine/cell_model.h"
#include "engine/trace.h"
#include "model/scenario.h"

namespace kst {

/// Narrates `path` for cell (server, fqdn). Returns false when an event of
/// the path is not enabled (only possible for a hand-edited trace file).
/// `*at_end`, when given, tells whether the path ends in an end state.
bool NarrateTrace(const Scenario& scenario, const CellInput& input, StartupConflictPolicy policy,
                  const std::string& server, const std::string& fqdn, const EventPath& path, Trace* trace,
                  bool* at_end = nullptr);

/// "14563 LS Protocol Stack (Error): <our description>: <detail>" for reports.
std::string FormatLogLine(const LogLine& line);

}  // namespace kst
