#include "report/html_estate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "report/html_escape.h"
#include "report/table_view.h"
#include "report/topology_graph.h"

namespace kst {
namespace {

const char* StepKind(PlanStep::Kind kind) {
  switch (kind) {
    case PlanStep::Kind::kPublish:
      return "Lync topology published";
    case PlanStep::Kind::kAdChange:
      return "Exchange change";
    case PlanStep::Kind::kRestart:
      return "RTCSRV restart";
    case PlanStep::Kind::kWaitForReplication:
      return "wait for replication";
  }
  return "";
}

/// One server's table before and after: FQDN -> (before, after); absent on a side when no producer claims it there.
using TablePair = std::map<std::string, std::pair<std::optional<CellEntry>, std::optional<CellEntry>>>;

std::string EntryText(const std::optional<CellEntry>& entry) {
  return entry ? entry->ToString() : "not claimed";
}

bool operator==(const TablePair& a, const TablePair& b) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
    if (i->first != j->first || EntryText(i->second.first) != EntryText(j->second.first) ||
        EntryText(i->second.second) != EntryText(j->second.second))
      return false;
  return true;
}

void WriteTablePair(const std::vector<std::string>& servers, const TablePair& table, std::ostream& out) {
  std::string names;
  for (const std::string& server : servers) names += (names.empty() ? "" : ", ") + EscapeHtml(server);
  size_t changed = 0;
  for (const auto& [fqdn, sides] : table) changed += EntryText(sides.first) != EntryText(sides.second);
  out << "<table class=\"kst\">\n<caption><span class=\"servers\">" << names << "</span>: " << table.size()
      << " FQDNs, " << changed << " changed by the plan</caption>\n<thead><tr><th scope=\"col\">FQDN</th><th "
      << "scope=\"col\">before the plan</th><th scope=\"col\">after the plan</th></tr></thead>\n<tbody>\n";
  for (const auto& [fqdn, sides] : table) {
    const std::string before = EntryText(sides.first), after = EntryText(sides.second);
    const bool lost = sides.second && !sides.second->present;
    out << "<tr" << (before != after ? (lost ? " class=\"changed lost\"" : " class=\"changed\"") : "") << "><td>"
        << EscapeHtml(fqdn) << "</td><td>" << EscapeHtml(before) << "</td><td>" << EscapeHtml(after) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

void WriteHtmlPlan(const Scenario& scenario, std::ostream& out) {
  if (scenario.plan.empty()) {
    out << "<p>A topology without a change plan: the tables after are the tables before.</p>\n";
    return;
  }
  out << "<table class=\"plan\">\n<caption>The change plan, in order</caption>\n<thead><tr><th "
         "scope=\"col\">step</th><th scope=\"col\">kind</th><th scope=\"col\">what</th><th "
         "scope=\"col\">where</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < scenario.plan.size(); ++i) {
    const PlanStep& step = scenario.plan[i];
    std::string what = step.description;
    if (step.kind == PlanStep::Kind::kRestart && !step.servers.empty()) {
      what += " (";
      for (size_t s = 0; s < step.servers.size(); ++s) what += (s ? ", " : "") + step.servers[s];
      what += ")";
    }
    out << "<tr><td>" << i + 1 << "</td><td>" << StepKind(step.kind) << "</td><td>" << EscapeHtml(what) << "</td><td>"
        << EscapeHtml(step.location.ToString()) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void WriteHtmlTopology(const Scenario& scenario, const Report& report, HtmlPictures* pictures, std::ostream& out) {
  std::ostringstream dot;
  WriteTopologyDot(scenario.final_topology(), report, ModelCatalog::Embedded(), dot);
  out << pictures->Figure(dot.str(),
                          "The topology after the plan: the findings' servers and the connections they break in red");
}

void WriteHtmlTables(const Scenario& scenario, std::ostream& out) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  const ServerTables before = StartTables(scenario.base, model);
  const ServerTables after = StartTables(scenario.final_topology(), model);
  std::set<std::string> servers;
  for (const auto& [server, table] : before) servers.insert(server);
  for (const auto& [server, table] : after) servers.insert(server);
  std::vector<std::pair<std::vector<std::string>, TablePair>> groups;  // servers sharing one pair of tables
  for (const std::string& server : servers) {
    TablePair pair;
    if (auto it = before.find(server); it != before.end())
      for (const auto& [fqdn, entry] : it->second) pair[fqdn].first = entry;
    if (auto it = after.find(server); it != after.end())
      for (const auto& [fqdn, entry] : it->second) pair[fqdn].second = entry;
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.second == pair; });
    if (same == groups.end())
      groups.push_back({{server}, std::move(pair)});
    else
      same->first.push_back(server);
  }
  if (groups.empty()) out << "<p>No server of this topology holds a Known Servers Table.</p>\n";
  for (const auto& [names, table] : groups) WriteTablePair(names, table, out);
}

}  // namespace kst
