#include "trace_file.h"

#include <fstream>

#include "exit_status.h"
#include "plan_compiler.h"
#include "report/report_writer.h"
#include "scenario.h"
#include "trace_narrator.h"

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

bool ReadTrace(const nlohmann::json& recorded, RecordedTrace* trace) {
  if (!recorded.is_object()) return false;
  trace->json = recorded;
  trace->rule = recorded.value("rule", "");
  trace->severity = recorded.value("severity", "");
  trace->server = recorded.value("server", "");
  trace->fqdn = recorded.value("fqdn", "");
  if (!recorded.contains("events") || !recorded["events"].is_array()) return false;
  for (const auto& name : recorded["events"]) {
    CellEvent event;
    if (!name.is_string() || !ParseCellEvent(name.get<std::string>(), &event)) return false;
    trace->events.push_back(event);
  }
  return true;
}

bool HasLine(const std::vector<LogLine>& lines, const char* key) {
  for (const LogLine& line : lines)
    if (line.event_key == key) return true;
  return false;
}

}  // namespace

bool WriteTraceFile(const std::string& path, const Report& report, std::string* error) {
  nlohmann::json traces = nlohmann::json::array();
  for (const Finding& finding : report.findings) {
    for (const Trace& trace : finding.traces) {
      nlohmann::json entry = TraceToJson(trace);
      nlohmann::json events = nlohmann::json::array();
      for (CellEvent event : trace.events) events.push_back(CellEventName(event));
      entry["rule"] = finding.rule;
      entry["severity"] = SeverityName(finding.severity);
      entry["events"] = events;
      traces.push_back(entry);
    }
  }
  nlohmann::json doc = {{"format", "kst-traces/1"}, {"input", report.input}, {"semantics", report.semantics},
                        {"traces", traces}};
  std::ofstream out(path);
  out << doc.dump(2) << "\n";
  if (!out) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

bool LoadTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, TraceFile* out,
                   Diagnostic* error) {
  *error = {Severity::kError, "trace-file", {path, 0, 0}, "", ""};
  std::string text, why;
  if (!files->Read(path, &text, &why)) {
    error->id = "unreadable-file";
    error->message = "cannot read file: " + why;
    return false;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
    if (doc.at("format") != "kst-traces/1") throw std::runtime_error("format is not kst-traces/1");
    out->input = doc.at("input").get<std::string>();
    doc.at("traces").at(0);
  } catch (const std::exception& e) {
    error->message = std::string("not a kst trace file: ") + e.what();
    return false;
  }
  out->semantics = model.FindSemantics(doc.value("semantics", ""));
  if (!out->semantics) {
    error->message = "unknown semantics \"" + doc.value("semantics", "") + "\"";
    return false;
  }
  for (const nlohmann::json& recorded : doc["traces"]) {
    RecordedTrace trace;
    if (!ReadTrace(recorded, &trace)) {
      error->message = "trace " + std::to_string(out->traces.size() + 1) + " has no valid \"events\" list";
      return false;
    }
    out->traces.push_back(std::move(trace));
  }
  return true;
}

bool ShowsViolation(const std::string& rule, const std::string& severity, const Trace& trace, bool ends_in_end_state) {
  const CellEntry last = trace.steps.empty() ? trace.entry_at_start : trace.steps.back().entry_after;
  if (rule == "kst/version-conflict")
    return HasLine(trace.steps.empty() ? trace.start_lines : trace.steps.back().lines, "14563");
  if (rule == "kst/unknown-server") return !last.present && (severity != "error" || ends_in_end_state);
  if (rule == "kst/order-dependent") return ends_in_end_state;
  return true;  // kst/flapping and rules without a trace shape
}

int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err) {
  TraceFile file;
  Diagnostic error;
  if (!LoadTraceFile(path, files, model, &file, &error)) {
    err << error.ToString() << "\n";
    return kExitInputError;
  }
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  if (!LoadCheckInput(file.input, files, model, &scenario, &is_scenario, &diagnostics)) {
    for (const Diagnostic& d : diagnostics.all()) err << d.ToString() << "\n";
    return kExitInputError;
  }
  CompiledPlan plan(scenario, model);
  int status = kExitPass;
  for (const RecordedTrace& recorded : file.traces) {
    std::string label = (recorded.rule.empty() ? "?" : recorded.rule) + " " + recorded.fqdn + " on " + recorded.server;
    int s = plan.ServerIndex(recorded.server), f = plan.FqdnIndex(recorded.fqdn);
    if (s < 0 || f < 0) {
      err << path << ": error[trace-file]: trace " << label << " names an unknown server or FQDN\n";
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
      out << "DIVERGED: " << label << ": " << FirstDifference(want, got) << "\n";
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

}  // namespace kst
