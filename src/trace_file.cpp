#include "trace_file.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "exit_status.h"
#include "plan_compiler.h"
#include "report/report_writer.h"
#include "scenario.h"
#include "trace_narrator.h"

namespace kst {
namespace {

/// The recorded trace without its title, which is wording, not behaviour.
nlohmann::json Behaviour(nlohmann::json trace) {
  trace.erase("title");
  return trace;
}

std::string FirstDifference(const nlohmann::json& want, const nlohmann::json& got) {
  if (want["start"] != got["start"]) return "the steady start differs";
  const auto& a = want["steps"];
  const auto& b = got["steps"];
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    if (a[i] != b[i]) return "step " + std::to_string(i + 1) + " differs: recorded " + a[i].dump() + ", replayed " + b[i].dump();
  if (a.size() != b.size()) return "recorded " + std::to_string(a.size()) + " steps, replayed " + std::to_string(b.size());
  return "the trace differs";
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

int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err) {
  std::string text, error;
  if (!files->Read(path, &text, &error)) {
    err << path << ": error[unreadable-file]: cannot read file: " << error << "\n";
    return kExitInputError;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
    if (doc.at("format") != "kst-traces/1") throw std::runtime_error("format is not kst-traces/1");
    doc.at("input").get<std::string>();
    doc.at("traces").at(0);
  } catch (const std::exception& e) {
    err << path << ": error[trace-file]: not a kst trace file: " << e.what() << "\n";
    return kExitInputError;
  }
  const Semantics* semantics = model.FindSemantics(doc.value("semantics", ""));
  if (!semantics) {
    err << path << ": error[trace-file]: unknown semantics \"" << doc.value("semantics", "") << "\"\n";
    return kExitInputError;
  }
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  if (!LoadCheckInput(doc["input"], files, model, &scenario, &is_scenario, &diagnostics)) {
    for (const Diagnostic& d : diagnostics.all()) err << d.ToString() << "\n";
    return kExitInputError;
  }
  CompiledPlan plan(scenario, model);
  int status = kExitPass;
  for (const nlohmann::json& recorded : doc["traces"]) {
    std::string server = recorded.value("server", ""), fqdn = recorded.value("fqdn", "");
    std::string label = recorded.value("rule", "?") + " " + fqdn + " on " + server;
    int s = plan.ServerIndex(server), f = plan.FqdnIndex(fqdn);
    EventPath path_events;
    bool events_ok = recorded.contains("events") && recorded["events"].is_array();
    for (const auto& name : events_ok ? recorded["events"] : nlohmann::json::array()) {
      CellEvent event;
      if (!name.is_string() || !ParseCellEvent(name.get<std::string>(), &event)) events_ok = false;
      else path_events.push_back(event);
    }
    if (s < 0 || f < 0 || !events_ok) {
      err << path << ": error[trace-file]: trace " << label << " names an unknown server, FQDN or event\n";
      return kExitInputError;
    }
    Trace replayed;
    bool enabled = NarrateTrace(scenario, plan.InputFor(s, f), semantics->startup_conflict, server, fqdn,
                                path_events, &replayed);
    nlohmann::json got = Behaviour(TraceToJson(replayed)), want = Behaviour(recorded);
    want.erase("rule");
    want.erase("events");
    if (enabled && got == want) {
      out << "reproduced: " << label << " (" << path_events.size() << " steps)\n";
    } else {
      out << "DIVERGED: " << label << ": " << (enabled ? FirstDifference(want, got) : "an event is not enabled") << "\n";
      status = kExitFindings;
    }
  }
  return status;
}

}  // namespace kst
