// kst plan BEFORE AFTER | kst plan SCENARIO: synthesise the change plan that
// reaches AFTER with no 14563 and the least outage (plan/plan_search.h),
// print its runbook, write it as a kst-scenario/1 file (-o) whose expect
// block kst check confirms: the command has re-checked it already.

#include <cmath>

#include "base/atomic_file.h"
#include "base/interrupt.h"
#include "check/analysis.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "cli/input_loading.h"
#include "plan/plan_search.h"
#include "report/runbook_writer.h"
#include "report/text_escape.h"

namespace kst {
namespace {

bool PlanOptionsFor(const CommandOptions& options, const Scenario& before, PlanSearchOptions* out, std::ostream& err) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  if (!options.semantics.empty()) {
    const Semantics* reading = ChooseSemantics(options.semantics, err);
    if (!reading) return false;
    out->readings = {reading};
    out->expect_reading = reading;
  } else {
    for (const Semantics& semantics : model.semantics()) out->readings.push_back(&semantics);
    out->expect_reading = &model.DefaultSemantics();
  }
  AnalysisOptions analysis;
  if (!AnalysisOptionsFor(options, before, &analysis, err)) return false;
  out->at = analysis.at ? analysis.at : before.at;
  out->max_states = options.max_states;
  out->max_memory_bytes = options.max_memory;
  out->max_candidates = options.max_candidates;
  out->time_budget_seconds = options.time_budget;
  out->max_restarts_per_pool = options.max_restarts_per_pool;
  out->unplanned_restarts = options.restarts == "any" || before.unplanned_restarts;
  out->alternatives = !options.no_alternatives;
  out->temporary_edits = !options.no_temporary_edits;
  return true;
}

}  // namespace

int RunPlanCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  if (options.files.empty() || options.files.size() > 2) {
    streams.err << "kst: fatal: kst plan takes BEFORE AFTER (two topologies) or one SCENARIO\n";
    return kExitUsage;
  }
  const RunbookFormat* format = FindRunbookFormat(options.format);
  if (!format) {
    streams.err << "kst: fatal: unknown --format \"" << EscapeText(options.format) << "\" for kst plan\n";
    return kExitUsage;
  }
  LoadedInput first, second;
  if (!LoadInput(options.files[0], &first, streams.err)) return LoadFailedStatus(streams.err);
  if (options.files.size() == 2 && !LoadInput(options.files[1], &second, streams.err))
    return LoadFailedStatus(streams.err);
  // BEFORE AFTER: each side's topology (a scenario stands for the topology it
  // ends with); SCENARIO: its base and its final topology.
  const Topology& before = options.files.size() == 2 ? first.scenario.final_topology() : first.scenario.base;
  const Topology& after =
      options.files.size() == 2 ? second.scenario.final_topology() : first.scenario.final_topology();
  if (!options.output_file.empty()) {
    std::vector<std::string> read = first.files;
    read.insert(read.end(), second.files.begin(), second.files.end());
    if (!OutputsSpareInputs({{"-o", options.output_file}}, read, streams.err)) return kExitUsage;
  }
  PlanSearchOptions search;
  if (!PlanOptionsFor(options, first.scenario, &search, streams.err)) return kExitUsage;
  search.description = options.files.size() == 2
                           ? "kst plan: " + options.files[0] + " -> " + options.files[1]
                           : "kst plan: " + options.files[0] + " (its base -> its final topology)";
  PlanSynthesis plan;
  Diagnostics diagnostics;
  const bool ok = SynthesizePlan(before, after, ModelCatalog::Embedded(), search, &plan, &diagnostics);
  for (const Diagnostic& d : diagnostics.all()) streams.err << EscapeText(d.ToString()) << "\n";
  if (Interrupted(streams.err, "the plan is not complete")) return kExitInterrupted;
  if (!ok) return kExitInputError;
  if (!options.output_file.empty()) {
    std::string error;
    if (!WriteFileAtomically(options.output_file, plan.document.dump(2) + "\n", &error)) {
      streams.err << "kst: fatal: cannot write " << EscapeText(options.output_file) << ": " << EscapeText(error)
                  << "\n";
      return kExitOutputError;
    }
  }
  format->write(plan, search.description.substr(std::string("kst plan: ").size()), streams.out);
  bool understood = true;
  for (const LoadedInput* input : {&first, &second})
    for (const Diagnostic& d : input->diagnostics.all()) understood &= !AffectsVerdict(d);
  if (!plan.rechecked || !plan.best.cost.judged || !understood) {
    streams.err << "kst: inconclusive: "
                << (!understood              ? "the input has items kst did not understand"
                    : !plan.best.cost.judged ? "the best plan could not be judged (a budget ran out)"
                                             : "the written plan does not meet its own expect block")
                << "\n";
    return kExitInconclusive;
  }
  return plan.best.cost.HardSpecMet() ? kExitPass : kExitFindings;
}

}  // namespace kst
