#include "table_view.h"

#include <iomanip>

#include "cell_model.h"
#include "plan_compiler.h"
#include "trace_narrator.h"

namespace kst {
namespace {

std::string Producers(const ClaimIndex& claims, const std::string& fqdn, bool um_applies) {
  std::string out;
  auto topology = claims.topology.find(fqdn);
  if (topology != claims.topology.end())
    for (const Claim& claim : topology->second) out += (out.empty() ? "" : "; ") + claim.what + " v" + std::to_string(claim.version);
  if (um_applies && claims.UmRoutingClaims(fqdn)) out += (out.empty() ? "" : "; ") + std::string("UM Routing v0");
  return out;
}

}  // namespace

bool ShowTables(const Scenario& scenario, const ModelCatalog& model, const std::string& server, std::ostream& out) {
  Scenario base = ScenarioFromTopology(scenario.base);
  CompiledPlan plan(base, model);
  bool shown = false;
  for (size_t s = 0; s < plan.servers().size(); ++s) {
    const KstServer& kst_server = plan.servers()[s];
    if (!server.empty() && kst_server.fqdn != server) continue;
    shown = true;
    out << kst_server.fqdn << " (" << kst_server.role << ", pool " << kst_server.pool
        << (kst_server.runs_um_routing ? ", runs UM Routing" : "") << ") after RTCSRV start:\n";
    for (size_t f = 0; f < plan.fqdns().size(); ++f) {
      const CellInput& input = plan.classes()[plan.ClassOf(s, f)].input;
      CellModel cell(input, model.DefaultSemantics().startup_conflict, plan.fqdns()[f]);
      std::vector<LogLine> lines;
      bool conflict = false;
      CellEntry entry = cell.Entry(cell.Initial(&lines, &conflict));
      std::string producers = Producers(plan.base_claims(), plan.fqdns()[f], kst_server.runs_um_routing);
      if (producers.empty()) continue;
      out << "  " << std::left << std::setw(40) << plan.fqdns()[f] << " "
          << std::setw(9) << (entry.present ? std::to_string(entry.version) : std::string("ABSENT")) << " "
          << producers << "\n";
      if (conflict)
        for (const LogLine& line : lines)
          if (line.event_key == "14563" || line.event_key == "44030") out << "      " << FormatLogLine(line) << "\n";
    }
  }
  return shown || server.empty();
}

}  // namespace kst
