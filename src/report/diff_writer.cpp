#include "report/diff_writer.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "report/impact_text.h"
#include "report/text_escape.h"

namespace kst {
namespace {

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

std::string FindingKey(const Finding& f) {
  return f.rule + " " + f.fqdn + " " + SeverityName(f.severity);
}

const char* ChangeKind(const TableChange& change) {
  if (!change.before.present) return "added";
  if (!change.after.present) return "removed";
  return "changed";
}

bool Contains(const std::set<std::string>& keys, const Finding& finding) {
  return keys.count(FindingKey(finding)) > 0;
}

void WriteDiffJson(const DiffResult& diff, std::ostream& out) {
  nlohmann::json table = nlohmann::json::array(), findings = nlohmann::json::array();
  for (const TableChange& c : diff.table_changes)
    table.push_back({{"server", c.server},
                     {"fqdn", c.fqdn},
                     {"change", ChangeKind(c)},
                     {"before", c.before.ToString()},
                     {"after", c.after.ToString()}});
  for (const Finding& f : diff.after->findings)
    findings.push_back({{"rule", f.rule},
                        {"fqdn", f.fqdn},
                        {"severity", SeverityName(f.severity)},
                        {"status", Contains(diff.before_keys, f) ? "unchanged" : "new"}});
  for (const Finding& f : diff.before->findings)
    if (!Contains(diff.after_keys, f))
      findings.push_back(
          {{"rule", f.rule}, {"fqdn", f.fqdn}, {"severity", SeverityName(f.severity)}, {"status", "resolved"}});
  out << nlohmann::json{{"format_version", "1"},
                        {"before", diff.before->input},
                        {"after", diff.after->input},
                        {"table_changes", table},
                        {"findings", findings}}
             .dump(2)
      << "\n";
}

void WriteDiffText(const DiffResult& diff, std::ostream& out) {
  out << "kst diff: " << EscapeText(diff.before->input) << " -> " << EscapeText(diff.after->input) << "\n";
  out << "table changes (after a fresh RTCSRV start):" << (diff.table_changes.empty() ? " none" : "") << "\n";
  for (const TableChange& c : diff.table_changes)
    out << "  " << EscapeText(c.server) << ": " << EscapeText(c.fqdn) << " " << ChangeKind(c) << " ("
        << c.before.ToString() << " -> " << c.after.ToString() << ")\n";
  out << "findings:\n";
  for (const Finding& f : diff.after->findings) {
    out << "  " << (Contains(diff.before_keys, f) ? "unchanged " : "new       ") << SeverityName(f.severity) << " "
        << EscapeText(f.rule) << ": " << EscapeText(f.fqdn) << "\n";
    const std::string impact = ImpactSummary(f);
    if (!impact.empty()) out << "            " << EscapeText(impact) << "\n";
  }
  for (const Finding& f : diff.before->findings)
    if (!Contains(diff.after_keys, f))
      out << "  resolved  " << SeverityName(f.severity) << " " << EscapeText(f.rule) << ": " << EscapeText(f.fqdn)
          << "\n";
  out << (diff.adds_error ? "the change adds error findings\n" : "the change adds no error finding\n");
}

}  // namespace

DiffResult CompareReports(const Report& before, const Report& after, const ServerTables& before_tables,
                          const ServerTables& after_tables) {
  DiffResult diff;
  diff.before = &before;
  diff.after = &after;
  diff.table_changes = DiffTables(before_tables, after_tables);
  for (const Finding& f : before.findings) diff.before_keys.insert(FindingKey(f));
  for (const Finding& f : after.findings) diff.after_keys.insert(FindingKey(f));
  diff.added = after;
  diff.added.findings.clear();
  for (const Finding& f : after.findings) {
    if (Contains(diff.before_keys, f)) continue;
    diff.added.findings.push_back(f);
    diff.adds_error |= f.severity == Severity::kError;
  }
  return diff;
}

const std::vector<DiffFormat>& DiffFormats() {
  static const std::vector<DiffFormat> formats = {{"text", WriteDiffText}, {"json", WriteDiffJson}};
  return formats;
}

const DiffFormat* FindDiffFormat(std::string_view name) {
  for (const DiffFormat& format : DiffFormats())
    if (name == format.name) return &format;
  return nullptr;
}

}  // namespace kst
