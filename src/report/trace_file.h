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
//
// A trace file names what it was recorded on and under: "input_digest", the
// SHA-256 of every file the input's load read (cli/input_loading.h), and
// "model_digest", that of the embedded model (input/input_digest.h). Replay
// refuses a file without them, or whose input or model is no longer the one
// recorded: a gate must not accept traces it cannot tie to what they claim.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "check/finding.h"
#include "engine/cell_explorer.h"
#include "model/model_catalog.h"

namespace kst {

/// Writes every finding's traces; `input_digest` is the digest of the input
/// the report was made from (LoadedInput::digest), the model's is added.
bool WriteTraceFile(const std::string& path, const Report& report, const std::string& input_digest, std::string* error);

/// One trace of a trace file, as recorded, with the fields replay needs.
struct RecordedTrace {  // NOLINT(bugprone-exception-escape): clang-tidy 14 flags the implicit members of any struct
                        // holding a json
  nlohmann::json json;
  std::string rule;      // a rule whose findings have traces (check/cell_rules.h)
  std::string severity;  // "error" / "warning", one the rule reports
  std::string server;
  std::string fqdn;
  EventPath events;
  Location location;  // where the trace starts in the trace file
};

struct TraceFile {
  std::string input;  // the scenario, topology or snapshot the traces belong to
  const Semantics* semantics = nullptr;
  std::vector<RecordedTrace> traces;
  std::string input_digest;  // "sha256:..."; empty when the file has none (an older kst wrote it)
  std::string model_digest;
  Location input_digest_at, model_digest_at;  // where they are (the file's start when absent)
};

/// Reads a kst-traces/1 file. On failure returns false with `*error`,
/// located in the trace file: unreadable-file, or trace-file for anything
/// malformed, including a trace whose rule has no traces in kst (an unknown
/// rule, a certificate rule) or whose severity the rule never reports. The
/// digests are read as they are; replay judges them (the two checks below).
bool LoadTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, TraceFile* out,
                   Diagnostic* error);

/// Whether `file` has both digests and was recorded under the model kst
/// embeds; otherwise false with a trace-digest error that says to re-record.
bool CheckTraceModel(const TraceFile& file, Diagnostic* error);
/// Whether `file` was recorded on an input whose digest is `input_digest`
/// (the input as it is now); otherwise false with a trace-digest error.
bool CheckTraceInput(const TraceFile& file, const std::string& input_digest, Diagnostic* error);

/// True when a trace of `rule` (at `severity`) shows that rule's violation:
/// a 14563 at its last step (or its steady start, for an empty trace) for
/// kst/version-conflict; the FQDN absent at the end for kst/unknown-server,
/// in an end state of the cell when the severity is error; an end state for
/// kst/order-dependent. `ends_in_end_state` says whether the trace's last
/// state is an end state of its cell.
bool ShowsViolation(const std::string& rule, const std::string& severity, const Trace& trace, bool ends_in_end_state);

}  // namespace kst
