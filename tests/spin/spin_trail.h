#pragma once
// Reading a SPIN run of an exported model back into kst's terms. The model
// prints, when SPIN simulates it or replays a trail, one "kst ..." line per
// action, log line, settled entry, violation and end observation
// (promela_export.cpp). ParsePrintedRun collects them per action;
// CellTraceFromRun projects the whole-system run onto one (server, FQDN) cell
// and writes it as a kst-traces/1 trace, which `kst replay` then re-executes
// against kst's own model.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/plan_compiler.h"
#include "export/promela_layout.h"
#include "model/model_catalog.h"

namespace kst::spin {

/// What one run printed, action by action; actions[0] is the steady start.
struct PrintedRun {
  struct CellLine {
    int server, fqdn, event;  // event: index into ModelCatalog::events()
  };
  struct CellEntry {
    int server, fqdn;
    uint32_t bits;  // the claimed version set
  };
  struct Violation {
    int rule, cell;  // rule: index into PromelaProperties()
  };
  struct Action {
    std::string kind = "steady-start";  // or admin, replicate, poll, poll-skipped, restart
    int server = -1;
    int value = -1;  // admin: the plan step (1-based); replicate: the revision applied
    std::vector<CellLine> lines;
    std::vector<CellEntry> entries;
    std::vector<Violation> violations;
    std::vector<std::pair<int, uint32_t>> ends;  // (cell, bits) observed in a quiescent state
    bool quiescent = false;
  };
  std::vector<Action> actions;
};

PrintedRun ParsePrintedRun(const std::string& spin_output);

/// Projects `run` onto cell (server, fqdn) the way kst projects the plan:
/// an action is the cell's when kst's cell takes it (its next admin step or
/// publish, a poll kst's cell model enables, an unplanned restart of the
/// server); every other action must leave the cell alone in SPIN's run, or
/// `*disagreement` says which did not. Steps carry SPIN's log lines (without
/// kst's wording) and SPIN's entries. A trace whose rule is about end states
/// gets a last, silent poll when kst's cell still holds an AD revision the
/// model does not keep. Returns false with `*disagreement` when the run does
/// not project onto a path of kst's cell.
bool CellTraceFromRun(const CompiledPlan& plan, const PromelaLayout& layout, const ModelCatalog& model,
                      StartupConflictPolicy policy, const PrintedRun& run, size_t server, size_t fqdn,
                      const std::string& rule, const std::string& severity, nlohmann::json* trace,
                      std::string* disagreement);

/// A trace as one line per step, for failure messages: "event [lines] -> entry".
std::string TraceSummary(const nlohmann::json& trace);

}  // namespace kst::spin
