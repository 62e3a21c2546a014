#include "report/html_estate.h"

#include <algorithm>
#include <array>
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
    case PlanStep::Kind::kWaitForUmPoll:
      return "wait for a UM Routing poll";
  }
  return "";
}

/// One server's table: FQDN -> its entry before the plan, at the end of the
/// plan, and after the next RTCSRV restart, in words ("version 6", "absent",
/// "not claimed" where no producer claims it on that side).
using TableRows = std::map<std::string, std::array<std::string, 3>>;

std::string EntryText(const CellEntry& entry) {
  return entry.ToString();
}

/// "absent or version 6": every end the orders of the plan reach.
std::string EndsText(const std::vector<CellEntry>& ends) {
  std::string text;
  for (const CellEntry& entry : ends) text += (text.empty() ? "" : " or ") + EntryText(entry);
  return text + (ends.size() > 1 ? ", by order" : "");
}

void WriteTableRows(const std::vector<std::string>& servers, const TableRows& rows, std::ostream& out) {
  std::string names;
  for (const std::string& server : servers) names += (names.empty() ? "" : ", ") + EscapeHtml(server);
  size_t changed = 0;
  for (const auto& [fqdn, row] : rows) changed += row[0] != row[1] || row[0] != row[2];
  out << "<table class=\"kst\">\n<caption><span class=\"servers\">" << names << "</span>: " << rows.size() << " FQDNs, "
      << changed << " changed by the plan</caption>\n<thead><tr><th scope=\"col\">FQDN</th><th "
      << "scope=\"col\">before the plan</th><th scope=\"col\">at the end of the plan</th><th scope=\"col\">after "
      << "the next RTCSRV restart</th></tr></thead>\n<tbody>\n";
  for (const auto& [fqdn, row] : rows) {
    const bool lost = row[1].find("absent") != std::string::npos || row[2] == "absent";
    const char* row_class = row[0] == row[1] && row[0] == row[2] ? ""
                            : lost                               ? " class=\"changed lost\""
                                                                 : " class=\"changed\"";
    out << "<tr" << row_class << "><td>" << EscapeHtml(fqdn) << "</td><td>" << EscapeHtml(row[0]) << "</td><td>"
        << EscapeHtml(row[1]) << "</td><td>" << EscapeHtml(row[2]) << "</td></tr>\n";
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

void WriteHtmlTables(const Scenario& scenario, const Report& report, std::ostream& out) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  const ServerTables before = StartTables(scenario.base, model);
  const ServerTables after = StartTables(scenario.final_topology(), model);
  // Where a finding explored a cell, its end entries are the plan's end; elsewhere
  // kst found nothing that depends on the order, and the end is the restart's entry.
  std::map<std::pair<std::string, std::string>, std::string> ends;  // (server, FQDN) -> ends in words
  for (const Finding& finding : report.findings)
    for (const ServerOutcome& outcome : finding.outcomes)
      if (!outcome.ends.empty()) ends[{outcome.server, finding.fqdn}] = EndsText(outcome.ends);
  std::set<std::string> servers;
  for (const auto& [server, table] : before) servers.insert(server);
  for (const auto& [server, table] : after) servers.insert(server);
  std::vector<std::pair<std::vector<std::string>, TableRows>> groups;  // servers sharing one table
  for (const std::string& server : servers) {
    TableRows rows;
    if (auto it = before.find(server); it != before.end())
      for (const auto& [fqdn, entry] : it->second) rows[fqdn] = {EntryText(entry), "not claimed", "not claimed"};
    if (auto it = after.find(server); it != after.end())
      for (const auto& [fqdn, entry] : it->second) {
        auto [row, added] = rows.try_emplace(fqdn, std::array<std::string, 3>{"not claimed", "", ""});
        row->second[1] = row->second[2] = EntryText(entry);
      }
    for (auto& [fqdn, row] : rows)
      if (auto end = ends.find({server, fqdn}); end != ends.end()) row[1] = end->second;
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.second == rows; });
    if (same == groups.end())
      groups.push_back({{server}, std::move(rows)});
    else
      same->first.push_back(server);
  }
  if (groups.empty()) out << "<p>No server of this topology holds a Known Servers Table.</p>\n";
  for (const auto& [names, rows] : groups) WriteTableRows(names, rows, out);
}

}  // namespace kst
