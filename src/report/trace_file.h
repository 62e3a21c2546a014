#pragma once
// Traces as files: `kst check --trace-out FILE` writes every finding's
// traces; `kst replay FILE` re-executes each against the model and checks
// that it reproduces step for step (lines and table entries) and that it
// shows its rule's violation. `kst export promela --guide FILE` lifts them to
// whole-system orders for SPIN.
//
// A trace may leave out wording: a step without "description", a line
// without "text". Replay then compares everything else (event, plan step,
// each line's id, key, source, level, the entries). Traces converted from
// SPIN trails (tests/spin) are written that way: SPIN reports which lines a
// server logs, not kst's sentences.

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/cell_explorer.h"
#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "check/finding.h"
#include "model/model_catalog.h"

namespace kst {

bool WriteTraceFile(const std::string& path, const Report& report, std::string* error);

/// One trace of a trace file, as recorded, with the fields replay needs.
struct RecordedTrace {  // NOLINT(bugprone-exception-escape): clang-tidy 14 flags the implicit members of any struct holding a json
  nlohmann::json json;
  std::string rule;      // e.g. "kst/version-conflict"; may be empty
  std::string severity;  // "error" / "warning"; may be empty (older files)
  std::string server;
  std::string fqdn;
  EventPath events;
};

struct TraceFile {
  std::string input;  // the scenario or topology the traces belong to
  const Semantics* semantics = nullptr;
  std::vector<RecordedTrace> traces;
};

/// Reads a kst-traces/1 file. On failure returns false with `*error`
/// (unreadable-file, or trace-file for anything malformed).
bool LoadTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, TraceFile* out,
                   Diagnostic* error);

/// True when a trace of `rule` (at `severity`) shows that rule's violation:
/// a 14563 at its last step (or its steady start, for an empty trace) for
/// kst/version-conflict; the FQDN absent at the end for kst/unknown-server,
/// in an end state of the cell when the severity is error; an end state for
/// kst/order-dependent. `ends_in_end_state` says whether the trace's last
/// state is an end state of its cell.
bool ShowsViolation(const std::string& rule, const std::string& severity, const Trace& trace, bool ends_in_end_state);

}  // namespace kst
