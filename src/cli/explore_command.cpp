// kst explore: one (server, FQDN) cell and its state graph.

#include "base/interrupt.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "engine/cell_explorer.h"
#include "engine/plan_compiler.h"
#include "engine/state_graph.h"
#include "report/text_escape.h"

namespace kst {
namespace {

/// Explores the cell (server, fqdn) of the scenario and prints a summary, or
/// the dot graph. Returns an exit status.
int ExploreOneCell(const Scenario& scenario, const ModelCatalog& model, const Semantics& semantics,
                   const std::string& server, const std::string& fqdn, bool dot, std::ostream& out, std::ostream& err) {
  CompiledPlan plan(scenario, model);
  if (Interrupted(err, "nothing was explored")) return kExitInterrupted;
  int s = plan.ServerIndex(server), f = plan.FqdnIndex(fqdn);
  if (s < 0 || f < 0) {
    err << "kst: fatal: "
        << EscapeText(s < 0 ? server + " is not a server that holds a Known Servers Table"
                            : fqdn + " is claimed by no producer in this scenario")
        << "\n";
    return kExitUsage;
  }
  CellInput input = plan.InputFor(static_cast<size_t>(s), static_cast<size_t>(f));
  CellModel cell(input, semantics.startup_conflict, fqdn);
  CellVerdict verdict = ExploreCell(cell, 10'000'000, true);
  if (Interrupted(err, "the cell was not explored to the end")) return kExitInterrupted;
  if (dot) {
    WriteDot(cell, verdict, out);
    return kExitPass;
  }
  out << "cell " << EscapeText(server) << " / " << EscapeText(fqdn) << " under reading " << semantics.name << ":\n"
      << "  states " << verdict.states << ", transitions " << verdict.transitions << ", depth " << verdict.depth
      << (verdict.complete ? "" : " (incomplete)") << "\n"
      << "  14563 reachable: " << (verdict.initial_conflict || verdict.conflict_path ? "yes" : "no") << "\n"
      << "  end entries:";
  for (const EndOutcome& end : verdict.ends) out << " " << end.entry.ToString() << ";";
  std::vector<size_t> cycles = CyclicComponents(verdict);
  out << "\n  cycles (flapping): " << (cycles.empty() ? "none" : std::to_string(cycles.size())) << "\n";
  return kExitPass;
}

}  // namespace

int RunExploreCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  const Semantics* semantics = ChooseSemantics(options.semantics, streams.err);
  if (!semantics) return kExitUsage;
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return LoadFailedStatus(streams.err);
  return ExploreOneCell(input.scenario, ModelCatalog::Embedded(), *semantics, options.server, options.fqdn, options.dot,
                        streams.out, streams.err);
}
}  // namespace kst
