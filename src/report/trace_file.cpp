#include "report/trace_file.h"
#include "model/rule_ids.h"

#include "base/atomic_file.h"
#include "engine/plan_compiler.h"
#include "report/report_writer.h"
#include "model/scenario.h"
#include "engine/trace_narrator.h"

namespace kst {
namespace {

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
  return WriteFileAtomically(path, doc.dump(2) + "\n", error);
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
  if (rule == kst::rule::kVersionConflict)
    return HasLine(trace.steps.empty() ? trace.start_lines : trace.steps.back().lines, "14563");
  if (rule == kst::rule::kUnknownServer) return !last.present && (severity != "error" || ends_in_end_state);
  if (rule == kst::rule::kOrderDependent) return ends_in_end_state;
  return true;  // kst/flapping and rules without a trace shape
}

}  // namespace kst
