// kst replay: re-executes the traces of a --trace-out file on the input it
// names and checks that each reproduces exactly, shows its rule's violation,
// and that the model, explored again, shows the rule on the trace's cell. A
// file without digests, or recorded on another input or model, is refused
// (report/trace_file.h); so is a trace of a rule that has no traces.

#include "cli/replay_command.h"

#include <map>
#include <nlohmann/json.hpp>

#include "base/interrupt.h"
#include "check/cell_rules.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "engine/cell_explorer.h"
#include "engine/plan_compiler.h"
#include "engine/state_graph.h"
#include "engine/trace_narrator.h"
#include "report/report_writer.h"
#include "report/text_escape.h"
#include "report/trace_file.h"

namespace kst {
namespace {

/// The state budget of re-deriving one cell's rules, as kst check's default.
constexpr uint64_t kReplayMaxStates = 50'000'000;

/// What replay compares: the replayed trace, without the title (wording, not
/// behaviour) and without whatever wording the recorded trace leaves out.
nlohmann::json Comparable(nlohmann::json replayed, const nlohmann::json& recorded) {
  replayed.erase("title");
  auto& steps = replayed["steps"];
  const auto& want = recorded.contains("steps") ? recorded["steps"] : nlohmann::json::array();
  auto strip_lines = [](nlohmann::json* lines, const nlohmann::json& recorded_lines) {
    for (size_t i = 0; i < lines->size() && i < recorded_lines.size(); ++i)
      if (recorded_lines[i].is_object() && !recorded_lines[i].contains("text")) (*lines)[i].erase("text");
  };
  for (size_t i = 0; i < steps.size() && i < want.size(); ++i) {
    if (!want[i].is_object()) continue;
    if (!want[i].contains("description")) steps[i].erase("description");
    if (want[i].contains("lines")) strip_lines(&steps[i]["lines"], want[i]["lines"]);
  }
  if (recorded.contains("start") && recorded["start"].contains("lines"))
    strip_lines(&replayed["start"]["lines"], recorded["start"]["lines"]);
  return replayed;
}

/// The recorded trace as replay compares it: without the title and the
/// fields that only say how to replay it.
nlohmann::json Recorded(nlohmann::json trace) {
  for (const char* key : {"title", "rule", "severity", "events"}) trace.erase(key);
  return trace;
}

std::string FirstDifference(const nlohmann::json& want, const nlohmann::json& got) {
  if (want.value("start", nlohmann::json()) != got["start"]) return "the steady start differs";
  const auto& a = want.contains("steps") ? want["steps"] : nlohmann::json::array();
  const auto& b = got["steps"];
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    if (a[i] != b[i])
      return "step " + std::to_string(i + 1) + " differs: recorded " + a[i].dump() + ", replayed " + b[i].dump();
  if (a.size() != b.size())
    return "recorded " + std::to_string(a.size()) + " steps, replayed " + std::to_string(b.size());
  return "the trace differs";
}

}  // namespace

int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err) {
  TraceFile file;
  Diagnostic error;
  if (!LoadTraceFile(path, files, model, &file, &error) || !CheckTraceModel(file, &error)) {
    err << EscapeText(error.ToString()) << "\n";
    return kExitInputError;
  }
  // The input is loaded as kst check loads it (a scenario, a topology, a
  // snapshot folder or an export file), and must be the one recorded.
  LoadedInput input;
  if (!LoadInput(file.input, files, &input, err)) return LoadFailedStatus(err);
  if (!CheckTraceInput(file, input.digest, &error)) {
    err << EscapeText(error.ToString()) << "\n";
    return kExitInputError;
  }
  if (file.traces.empty()) {
    // What kst check writes for an input without a finding that has traces.
    out << "no traces to replay: the trace file records none for " << EscapeText(file.input) << "\n";
    return kExitPass;
  }
  const Scenario& scenario = input.scenario;
  CompiledPlan plan(scenario, model);
  if (Interrupted(err, "no trace was replayed")) return kExitInterrupted;
  std::map<uint32_t, ClassResult> judged;  // per cell class: the rules re-derived from the model
  int status = kExitPass;
  for (size_t i = 0; i < file.traces.size(); ++i) {
    if (Interrupted(err, std::to_string(i) + " of " + std::to_string(file.traces.size()) + " traces were replayed"))
      return kExitInterrupted;
    const RecordedTrace& recorded = file.traces[i];
    std::string label = EscapeText(recorded.rule + " " + recorded.fqdn + " on " + recorded.server);
    int s = plan.ServerIndex(recorded.server), f = plan.FqdnIndex(recorded.fqdn);
    if (s < 0 || f < 0) {
      err << EscapeText(Diagnostic{
                 Severity::kError, "trace-file", recorded.location, "/traces/" + std::to_string(i),
                 "trace " + std::to_string(i + 1) + " (" + label + ") names a server or FQDN " + file.input + " lacks"}
                            .ToString())
          << "\n";
      return kExitInputError;
    }
    const CellInput cell = plan.InputFor(s, f);
    Trace replayed;
    bool at_end = false;
    bool enabled = NarrateTrace(scenario, cell, file.semantics->startup_conflict, recorded.server, recorded.fqdn,
                                recorded.events, &replayed, &at_end);
    nlohmann::json want = Recorded(recorded.json);
    nlohmann::json got = enabled ? Comparable(TraceToJson(replayed), recorded.json) : nlohmann::json();
    if (!enabled) {
      out << "DIVERGED: " << label << ": an event is not enabled\n";
      status = kExitFindings;
      continue;
    }
    if (got != want) {
      out << "DIVERGED: " << label << ": " << EscapeText(FirstDifference(want, got)) << "\n";
      status = kExitFindings;
      continue;
    }
    if (!ShowsViolation(recorded.rule, recorded.severity, replayed, at_end)) {
      out << "DIVERGED: " << label << ": reproduced, but it does not show the rule's violation\n";
      status = kExitFindings;
      continue;
    }
    // The trace is what the model does; that the rule holds on this cell is
    // re-derived from the model too, never taken from the file.
    const uint32_t class_index = plan.ClassOf(s, f);
    auto it = judged.find(class_index);
    if (it == judged.end()) {
      CellModel cell_model(cell, file.semantics->startup_conflict, "");
      CellVerdict verdict = ExploreCell(cell_model, kReplayMaxStates, true);
      if (Interrupted(err, std::to_string(i) + " of " + std::to_string(file.traces.size()) + " traces were replayed"))
        return kExitInterrupted;
      if (!verdict.complete) {
        out << "INCONCLUSIVE: " << label << ": reproduced, but the cell has more than " << kReplayMaxStates
            << " states, so the rule could not be re-derived\n";
        if (status == kExitPass) status = kExitInconclusive;
        continue;
      }
      const bool flapping = !CyclicComponents(verdict).empty();
      it = judged.emplace(class_index, Judge(cell, std::move(verdict))).first;
      it->second.flapping = flapping;
    }
    const Severity severity = recorded.severity == "warning" ? Severity::kWarning : Severity::kError;
    if (!FindCellRule(recorded.rule)->holds(it->second, severity)) {
      out << "DIVERGED: " << label << ": reproduced, but the model does not show " << recorded.rule << " ("
          << recorded.severity << ") on this cell\n";
      status = kExitFindings;
      continue;
    }
    out << "reproduced: " << label << " (" << recorded.events.size() << " steps)\n";
  }
  return status;
}

int RunReplayCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  DiskFileReader files;
  return ReplayTraceFile(options.files.at(0), &files, ModelCatalog::Embedded(), streams.out, streams.err);
}
}  // namespace kst
