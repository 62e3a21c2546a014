// kst diff BEFORE AFTER: what a change does to every server's table, and
// which findings it adds or resolves. AFTER may be a topology or a scenario;
// a scenario's side is its final topology after a fresh RTCSRV start (the
// steady state), and its findings are those of the whole plan.

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "check/analysis.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "cli/input_loading.h"
#include "report/impact_text.h"
#include "report/table_view.h"

namespace kst {
namespace {

struct TableChange {
  std::string server;
  std::string fqdn;
  CellEntry before;
  CellEntry after;
};

std::vector<TableChange> DiffTables(const ServerTables& before, const ServerTables& after) {
  std::set<std::string> servers;
  for (const auto& [server, table] : before) servers.insert(server);
  for (const auto& [server, table] : after) servers.insert(server);
  std::vector<TableChange> changes;
  static const std::map<std::string, CellEntry> kEmpty;
  for (const std::string& server : servers) {
    auto b = before.find(server), a = after.find(server);
    const auto& old_table = b == before.end() ? kEmpty : b->second;
    const auto& new_table = a == after.end() ? kEmpty : a->second;
    std::set<std::string> fqdns;
    for (const auto& [fqdn, entry] : old_table) fqdns.insert(fqdn);
    for (const auto& [fqdn, entry] : new_table) fqdns.insert(fqdn);
    for (const std::string& fqdn : fqdns) {
      auto o = old_table.find(fqdn), n = new_table.find(fqdn);
      CellEntry old_entry = o == old_table.end() ? CellEntry{} : o->second;
      CellEntry new_entry = n == new_table.end() ? CellEntry{} : n->second;
      if (!(old_entry == new_entry)) changes.push_back({server, fqdn, old_entry, new_entry});
    }
  }
  return changes;
}

std::string FindingKey(const Finding& f) { return f.rule + " " + f.fqdn + " " + SeverityName(f.severity); }

const char* ChangeKind(const TableChange& change) {
  if (!change.before.present) return "added";
  if (!change.after.present) return "removed";
  return "changed";
}

}  // namespace

int RunDiffCommand(const CommandOptions& options, CommandStreams streams) {
  if (!ChooseSemantics(options.semantics, streams.err)) return kExitUsage;
  LoadedInput before, after;
  if (!LoadInput(options.before_file, &before, streams.err) || !LoadInput(options.after_file, &after, streams.err))
    return kExitInputError;
  AnalysisOptions before_options, after_options;
  if (!AnalysisOptionsFor(options, before.scenario, &before_options, streams.err) ||
      !AnalysisOptionsFor(options, after.scenario, &after_options, streams.err))
    return kExitUsage;
  const ModelCatalog& model = ModelCatalog::Embedded();
  Report old_report = Analyze(before.scenario, before.is_scenario, model, before_options, before.diagnostics);
  Report new_report = Analyze(after.scenario, after.is_scenario, model, after_options, after.diagnostics);
  std::vector<TableChange> changes = DiffTables(StartTables(before.scenario.final_topology(), model),
                                                StartTables(after.scenario.final_topology(), model));
  std::set<std::string> old_keys, new_keys;
  for (const Finding& f : old_report.findings) old_keys.insert(FindingKey(f));
  for (const Finding& f : new_report.findings) new_keys.insert(FindingKey(f));

  Report added = new_report;  // the after side's report, reduced to what is new
  added.findings.clear();
  bool new_error = false;
  for (const Finding& f : new_report.findings) {
    if (old_keys.count(FindingKey(f))) continue;
    added.findings.push_back(f);
    new_error |= f.severity == Severity::kError;
  }
  if (options.format == "json") {
    nlohmann::json table = nlohmann::json::array(), findings = nlohmann::json::array();
    for (const TableChange& c : changes)
      table.push_back({{"server", c.server}, {"fqdn", c.fqdn}, {"change", ChangeKind(c)},
                       {"before", c.before.ToString()}, {"after", c.after.ToString()}});
    for (const Finding& f : new_report.findings)
      findings.push_back({{"rule", f.rule}, {"fqdn", f.fqdn}, {"severity", SeverityName(f.severity)},
                          {"status", old_keys.count(FindingKey(f)) ? "unchanged" : "new"}});
    for (const Finding& f : old_report.findings)
      if (!new_keys.count(FindingKey(f)))
        findings.push_back({{"rule", f.rule}, {"fqdn", f.fqdn}, {"severity", SeverityName(f.severity)},
                            {"status", "resolved"}});
    streams.out << nlohmann::json{{"format_version", "1"}, {"before", old_report.input}, {"after", new_report.input},
                                  {"table_changes", table}, {"findings", findings}}
                       .dump(2)
                << "\n";
  } else if (options.format == "text") {
    streams.out << "kst diff: " << old_report.input << " -> " << new_report.input << "\n";
    streams.out << "table changes (after a fresh RTCSRV start):" << (changes.empty() ? " none" : "") << "\n";
    for (const TableChange& c : changes)
      streams.out << "  " << c.server << ": " << c.fqdn << " " << ChangeKind(c) << " (" << c.before.ToString()
                  << " -> " << c.after.ToString() << ")\n";
    streams.out << "findings:\n";
    for (const Finding& f : new_report.findings) {
      streams.out << "  " << (old_keys.count(FindingKey(f)) ? "unchanged " : "new       ") << SeverityName(f.severity)
                  << " " << f.rule << ": " << f.fqdn << "\n";
      const std::string impact = ImpactSummary(f);
      if (!impact.empty()) streams.out << "            " << impact << "\n";
    }
    for (const Finding& f : old_report.findings)
      if (!new_keys.count(FindingKey(f)))
        streams.out << "  resolved  " << SeverityName(f.severity) << " " << f.rule << ": " << f.fqdn << "\n";
    streams.out << (new_error ? "the change adds error findings\n" : "the change adds no error finding\n");
  } else if (!WriteOutputs(added, options.format, false, {}, streams.out, streams.err)) {
    return kExitInputError;
  }
  if (!WriteOutputFiles(added, options.outputs, streams.err)) return kExitInputError;
  return new_error ? kExitFindings : kExitPass;
}

}  // namespace kst
