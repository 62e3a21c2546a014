#include "report/table_view.h"

#include <iomanip>

#include "base/interrupt.h"
#include "engine/cell_model.h"
#include "engine/plan_compiler.h"
#include "engine/trace_narrator.h"
#include "report/text_escape.h"

namespace kst {
namespace {

std::string Producers(const ClaimIndex& claims, const std::string& fqdn, bool um_applies) {
  std::string out;
  auto topology = claims.topology.find(fqdn);
  if (topology != claims.topology.end())
    for (const Claim& claim : topology->second)
      out += (out.empty() ? "" : "; ") + claim.what + " v" + std::to_string(claim.version);
  if (um_applies && claims.UmRoutingClaims(fqdn)) out += (out.empty() ? "" : "; ") + std::string("UM Routing v0");
  return out;
}

/// The start-up log of one server, as the server would write it: one 14492
/// listing every topology entry, one 44024 listing UM Routing's finds, then
/// the per-FQDN lines of UM Routing's adds (14493, or 14563 + 44030 + 14493).
void WriteStartLog(const std::vector<std::vector<LogLine>>& cell_lines, const std::vector<std::string>& fqdns,
                   const std::vector<CellEntry>& rebuilt, bool runs_um, const std::vector<bool>& um_found,
                   std::ostream& out) {
  std::string listing, found;
  for (size_t f = 0; f < fqdns.size(); ++f) {
    if (rebuilt[f].present)
      listing += (listing.empty() ? "" : ", ") + fqdns[f] + " (" + std::to_string(rebuilt[f].version) + ")";
    if (um_found[f]) found += (found.empty() ? "" : ", ") + fqdns[f];
  }
  out << "  predicted event log at RTCSRV start (texts are kst's):\n";
  out << "    " << EscapeText(FormatLogLine({"14492", "RTCSRV started; known servers: " + listing})) << "\n";
  for (size_t f = 0; f < fqdns.size(); ++f)
    for (const LogLine& line : cell_lines[f])
      if (line.event_key == "14563" && !um_found[f]) out << "    " << EscapeText(FormatLogLine(line)) << "\n";
  if (!runs_um) return;
  out << "    "
      << EscapeText(FormatLogLine(
             {"44024", "UM Routing started; SipName dial plan hosts: " + (found.empty() ? "none" : found)}))
      << "\n";
  for (size_t f = 0; f < fqdns.size(); ++f) {
    if (!um_found[f]) continue;
    bool after_44024 = false;
    for (const LogLine& line : cell_lines[f]) {
      if (after_44024) out << "    " << EscapeText(FormatLogLine(line)) << "\n";
      after_44024 |= line.event_key == "44024";
    }
  }
}

}  // namespace

ServerTables StartTables(const Topology& topology, const ModelCatalog& model) {
  Scenario base = ScenarioFromTopology(topology);
  CompiledPlan plan(base, model);
  ServerTables tables;
  for (size_t s = 0; s < plan.servers().size(); ++s) {
    if (InterruptRequested()) break;  // the caller says so and uses nothing
    auto& table = tables[plan.servers()[s].fqdn];
    for (size_t f = 0; f < plan.fqdns().size(); ++f) {
      const CellInput& input = plan.classes()[plan.ClassOf(s, f)].input;
      if (input.topology[0].empty() && !input.ad_lists[0]) continue;  // nobody claims it here
      CellModel cell(input, model.DefaultSemantics().startup_conflict, plan.fqdns()[f]);
      bool conflict = false;
      table[plan.fqdns()[f]] = cell.Entry(cell.Initial(nullptr, &conflict));
    }
  }
  return tables;
}

bool ShowTables(const Scenario& scenario, const ModelCatalog& model, const std::string& server, std::ostream& out) {
  Scenario base = ScenarioFromTopology(scenario.base);
  CompiledPlan plan(base, model);
  bool shown = false;
  for (size_t s = 0; s < plan.servers().size(); ++s) {
    if (InterruptRequested()) return true;  // Ctrl-C between servers: the caller says so
    const KstServer& kst_server = plan.servers()[s];
    if (!server.empty() && kst_server.fqdn != server) continue;
    shown = true;
    out << EscapeText(kst_server.fqdn) << " (" << EscapeText(kst_server.role) << ", pool "
        << EscapeText(kst_server.pool) << (kst_server.runs_um_routing ? ", runs UM Routing" : "")
        << ") after RTCSRV start:\n";
    std::vector<std::vector<LogLine>> cell_lines(plan.fqdns().size());
    std::vector<CellEntry> rebuilt(plan.fqdns().size());
    std::vector<bool> um_found(plan.fqdns().size());
    for (size_t f = 0; f < plan.fqdns().size(); ++f) {
      const CellInput& input = plan.classes()[plan.ClassOf(s, f)].input;
      CellModel cell(input, model.DefaultSemantics().startup_conflict, plan.fqdns()[f]);
      bool conflict = false;
      CellEntry entry = cell.Entry(cell.Initial(&cell_lines[f], &conflict));
      if (input.topology[0].size() == 1) rebuilt[f] = {true, input.topology[0][0]};
      um_found[f] = input.ad_lists[0];
      std::string producers = Producers(plan.base_claims(), plan.fqdns()[f], kst_server.runs_um_routing);
      if (producers.empty()) continue;
      out << "  " << std::left << std::setw(40) << EscapeText(plan.fqdns()[f]) << " " << std::setw(9)
          << (entry.present ? std::to_string(entry.version) : std::string("ABSENT")) << " " << EscapeText(producers)
          << "\n";
    }
    WriteStartLog(cell_lines, plan.fqdns(), rebuilt, kst_server.runs_um_routing, um_found, out);
  }
  return shown || server.empty();
}

}  // namespace kst
