#include "report/trace_file.h"

#include <stdexcept>

#include "base/atomic_file.h"
#include "check/cell_rules.h"
#include "engine/plan_compiler.h"
#include "engine/trace_narrator.h"
#include "input/input_digest.h"
#include "input/json_document.h"
#include "model/rule_ids.h"
#include "model/scenario.h"
#include "report/report_writer.h"

namespace kst {
namespace {

bool HasLine(const std::vector<LogLine>& lines, const char* key) {
  for (const LogLine& line : lines)
    if (line.event_key == key) return true;
  return false;
}

/// The severities a finding of `rule` has (check/cell_rules.cpp describes them).
bool RuleReports(const std::string& rule, const std::string& severity) {
  if (rule == kst::rule::kUnknownServer) return severity == "error" || severity == "warning";
  if (rule == kst::rule::kOrderDependent) return severity == "warning";
  return severity == "error";  // kst/version-conflict, kst/flapping
}

std::string TracedRuleNames() {
  std::string names;
  for (const CellRule& cell_rule : CellRules()) names += (names.empty() ? "" : ", ") + std::string(cell_rule.id);
  return names;
}

/// Reads trace `index` (0-based) of the file; false with `*error` set.
bool ReadTrace(const nlohmann::json& recorded, const JsonNode& node, size_t index, RecordedTrace* trace,
               Diagnostic* error) {
  const std::string name = "trace " + std::to_string(index + 1);
  auto fail = [&](const JsonNode* at, const std::string& key, const std::string& message) {
    error->location = at ? at->location : node.location;
    error->field = node.pointer + (key.empty() ? "" : "/" + key);
    error->message = name + " " + message;
    return false;
  };
  trace->location = node.location;
  if (!recorded.is_object()) return fail(nullptr, "", "is not an object");
  trace->json = recorded;
  for (const char* key : {"rule", "severity", "server", "fqdn"}) {
    if (recorded.contains(key) && !recorded[key].is_string())
      return fail(node.Find(key), key, "has a \"" + std::string(key) + "\" that is not a string");
  }
  trace->rule = recorded.value("rule", "");
  trace->severity = recorded.value("severity", "");
  trace->server = recorded.value("server", "");
  trace->fqdn = recorded.value("fqdn", "");
  if (!FindCellRule(trace->rule))
    return fail(node.Find("rule"), "rule",
                (recorded.contains("rule") ? "names rule \"" + trace->rule + "\", which" : "names no rule; it") +
                    " is no rule kst reports with traces (" + TracedRuleNames() + ")");
  if (!RuleReports(trace->rule, trace->severity))
    return fail(node.Find("severity"), "severity",
                "has severity \"" + trace->severity + "\", which " + trace->rule + " never reports");
  if (!recorded.contains("events") || !recorded["events"].is_array())
    return fail(node.Find("events"), "events", "has no valid \"events\" list");
  const JsonNode* events = node.Find("events");
  for (size_t i = 0; i < recorded["events"].size(); ++i) {
    const nlohmann::json& event_name = recorded["events"][i];
    CellEvent event;
    if (!event_name.is_string() || !ParseCellEvent(event_name.get<std::string>(), &event))
      return fail(events && i < events->items.size() ? &events->items[i] : events, "events/" + std::to_string(i),
                  "has no valid \"events\" list: " + event_name.dump() + " is no event of a cell");
    trace->events.push_back(event);
  }
  return true;
}

/// A digest member: absent, or a string "sha256:" and 64 hex digits.
bool ReadDigest(const nlohmann::json& doc, const JsonNode& root, const char* key, std::string* out, Location* at,
                Diagnostic* error) {
  *at = root.location;
  if (!doc.contains(key)) return true;
  const JsonNode* node = root.Find(key);
  if (node) *at = node->location;
  const nlohmann::json& value = doc[key];
  if (!value.is_string() || value.get<std::string>().size() != 7 + 64 ||
      value.get<std::string>().rfind("sha256:", 0) != 0) {
    error->location = *at;
    error->field = "/" + std::string(key);
    error->message = std::string("\"") + key + "\" is not a digest \"sha256:\" and 64 hexadecimal digits";
    return false;
  }
  *out = value.get<std::string>();
  return true;
}

}  // namespace

bool WriteTraceFile(const std::string& path, const Report& report, const std::string& input_digest,
                    std::string* error) {
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
  nlohmann::json doc = {{"format", "kst-traces/1"},      {"input", report.input},
                        {"input_digest", input_digest},  {"model_digest", EmbeddedModelDigest()},
                        {"semantics", report.semantics}, {"traces", traces}};
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
  // The located tree says where a problem is; nlohmann's value is what replay compares.
  JsonNode root;
  Diagnostics parse;
  if (!ParseJsonDocument(path, text, &root, &parse)) {
    error->location = parse.all().empty() ? Location{path, 0, 0} : parse.all().front().location;
    error->message =
        "not a kst trace file: " + (parse.all().empty() ? std::string("malformed JSON") : parse.all().front().message);
    return false;
  }
  error->location = root.location;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
    if (!doc.is_object()) throw std::runtime_error("not a JSON object");
    if (doc.value("format", nlohmann::json()) != "kst-traces/1") throw std::runtime_error("format is not kst-traces/1");
    out->input = doc.at("input").get<std::string>();
    if (!doc.at("traces").is_array()) throw std::runtime_error("\"traces\" is not a list");
  } catch (const std::exception& e) {
    error->message = std::string("not a kst trace file: ") + e.what();
    return false;
  }
  if (!ReadDigest(doc, root, "input_digest", &out->input_digest, &out->input_digest_at, error) ||
      !ReadDigest(doc, root, "model_digest", &out->model_digest, &out->model_digest_at, error))
    return false;
  const nlohmann::json semantics = doc.value("semantics", nlohmann::json(""));
  out->semantics = semantics.is_string() ? model.FindSemantics(semantics.get<std::string>()) : nullptr;
  if (!out->semantics) {
    if (const JsonNode* at = root.Find("semantics")) error->location = at->location;
    error->field = "/semantics";
    error->message = "unknown semantics " + semantics.dump();
    return false;
  }
  const JsonNode& traces = *root.Find("traces");
  for (size_t i = 0; i < doc["traces"].size(); ++i) {
    RecordedTrace trace;
    if (!ReadTrace(doc["traces"][i], traces.items.at(i), i, &trace, error)) return false;
    out->traces.push_back(std::move(trace));
  }
  return true;
}

bool CheckTraceModel(const TraceFile& file, Diagnostic* error) {
  *error = {Severity::kError, "trace-digest", file.model_digest_at, "", ""};
  if (file.input_digest.empty() || file.model_digest.empty()) {
    error->location = file.input_digest.empty() ? file.input_digest_at : file.model_digest_at;
    error->field = file.input_digest.empty() ? "/input_digest" : "/model_digest";
    error->message = "the trace file has no " + error->field.substr(1) +
                     " (an older kst wrote it): replay accepts only traces tied to the input and the model they "
                     "were recorded on; re-record them with kst check --trace-out";
    return false;
  }
  if (file.model_digest == EmbeddedModelDigest()) return true;
  error->field = "/model_digest";
  error->message = "the traces were recorded under another model (" + file.model_digest + ") than this kst embeds (" +
                   EmbeddedModelDigest() + "); re-record them with this kst's check --trace-out";
  return false;
}

bool CheckTraceInput(const TraceFile& file, const std::string& input_digest, Diagnostic* error) {
  *error = {Severity::kError, "trace-digest", file.input_digest_at, "/input_digest", ""};
  if (file.input_digest == input_digest) return true;
  error->message = file.input + " is not the input the traces were recorded on: its files' digest is now " +
                   input_digest + ", the trace file says " + file.input_digest +
                   " (a file was changed, added, removed or renamed); re-record them with kst check --trace-out";
  return false;
}

bool ShowsViolation(const std::string& rule, const std::string& severity, const Trace& trace, bool ends_in_end_state) {
  const CellEntry last = trace.steps.empty() ? trace.entry_at_start : trace.steps.back().entry_after;
  if (rule == kst::rule::kVersionConflict)
    return HasLine(trace.steps.empty() ? trace.start_lines : trace.steps.back().lines, "14563");
  if (rule == kst::rule::kUnknownServer) return !last.present && (severity != "error" || ends_in_end_state);
  if (rule == kst::rule::kOrderDependent) return ends_in_end_state;
  // A flapping trace leads into the cycle's neighbourhood: its shape shows
  // nothing; replay re-derives the cycle from the model. Any other rule has no
  // traces, so nothing can show it.
  return rule == kst::rule::kFlapping;
}

}  // namespace kst
