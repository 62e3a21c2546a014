// kst replay: re-executes the traces of a --trace-out file on the input it
// names and checks that each reproduces exactly and still shows its rule.

#include "cli/replay_command.h"

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "engine/plan_compiler.h"
#include "engine/trace_narrator.h"
#include "input/scenario_loader.h"
#include "report/report_writer.h"
#include "report/trace_file.h"
#include "report/text_escape.h"

namespace kst {
namespace {

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
    if (a[i] != b[i]) return "step " + std::to_string(i + 1) + " differs: recorded " + a[i].dump() + ", replayed " + b[i].dump();
  if (a.size() != b.size()) return "recorded " + std::to_string(a.size()) + " steps, replayed " + std::to_string(b.size());
  return "the trace differs";
}

}  // namespace

int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err) {
  TraceFile file;
  Diagnostic error;
  if (!LoadTraceFile(path, files, model, &file, &error)) {
    err << EscapeText(error.ToString()) << "\n";
    return kExitInputError;
  }
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  if (!LoadCheckInput(file.input, files, model, &scenario, &is_scenario, &diagnostics)) {
    for (const Diagnostic& d : diagnostics.all()) err << EscapeText(d.ToString()) << "\n";
    return kExitInputError;
  }
  CompiledPlan plan(scenario, model);
  int status = kExitPass;
  for (const RecordedTrace& recorded : file.traces) {
    std::string label =
        EscapeText((recorded.rule.empty() ? "?" : recorded.rule) + " " + recorded.fqdn + " on " + recorded.server);
    int s = plan.ServerIndex(recorded.server), f = plan.FqdnIndex(recorded.fqdn);
    if (s < 0 || f < 0) {
      err << EscapeText(path) << ": error[trace-file]: trace " << label << " names an unknown server or FQDN\n";
      return kExitInputError;
    }
    Trace replayed;
    bool at_end = false;
    bool enabled = NarrateTrace(scenario, plan.InputFor(s, f), file.semantics->startup_conflict, recorded.server,
                                recorded.fqdn, recorded.events, &replayed, &at_end);
    nlohmann::json want = Recorded(recorded.json);
    nlohmann::json got = enabled ? Comparable(TraceToJson(replayed), recorded.json) : nlohmann::json();
    if (!enabled) {
      out << "DIVERGED: " << label << ": an event is not enabled\n";
      status = kExitFindings;
    } else if (got != want) {
      out << "DIVERGED: " << label << ": " << EscapeText(FirstDifference(want, got)) << "\n";
      status = kExitFindings;
    } else if (!ShowsViolation(recorded.rule, recorded.severity, replayed, at_end)) {
      out << "DIVERGED: " << label << ": reproduced, but it does not show the rule's violation\n";
      status = kExitFindings;
    } else {
      out << "reproduced: " << label << " (" << recorded.events.size() << " steps)\n";
    }
  }
  return status;
}

int RunReplayCommand(const CommandOptions& options, CommandStreams streams) {
  DiskFileReader files;
  return ReplayTraceFile(options.files.at(0), &files, ModelCatalog::Embedded(), streams.out, streams.err);
}
}  // namespace kst
