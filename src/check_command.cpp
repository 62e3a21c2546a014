// kst check, show, model, replay and explore.

#include "analysis.h"
#include "commands.h"
#include "exit_status.h"
#include "gate.h"
#include "input_loading.h"
#include "interrupt.h"
#include "model_view.h"
#include "state_graph.h"
#include "table_view.h"
#include "trace_file.h"
#include "waivers.h"

namespace kst {

int RunCheckCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  if (!ChooseSemantics(options.semantics, streams.err)) return kExitUsage;
  for (const std::string& spec : options.outputs) {
    std::string error;
    if (!ValidOutputSpec(spec, &error)) {
      streams.err << "kst: fatal: " << error << "\n";
      return kExitUsage;
    }
  }
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return kExitInputError;
  std::vector<Waiver> waivers;
  if (!options.waivers.empty() && !options.no_waivers && !LoadWaivers(options.waivers, &waivers, streams.err))
    return kExitInputError;
  AnalysisOptions analysis;
  if (!AnalysisOptionsFor(options, input.scenario, &analysis, streams.err)) return kExitUsage;
  Report report = Analyze(input.scenario, input.is_scenario, ModelCatalog::Embedded(), analysis, input.diagnostics);
  report.imports = input.imports;
  if (!options.no_waivers) ApplyWaivers(waivers, options.today.empty() ? TodayUtc() : options.today, &report);
  bool color = streams.out_is_terminal && !options.no_color && options.format == "text";
  if (!WriteOutputs(report, options.format, color, options.outputs, streams.out, streams.err)) return kExitInputError;
  if (!options.trace_out.empty()) {
    std::string error;
    if (!WriteTraceFile(options.trace_out, report, &error)) {
      streams.err << "kst: fatal: " << error << "\n";
      return kExitInputError;
    }
  }
  GatePolicy policy;
  policy.fail_on = options.fail_on == "warning" ? Severity::kWarning : Severity::kError;
  policy.inconclusive_ok = options.inconclusive_ok;
  policy.no_fail = options.no_fail;
  return GateExitCode(report, policy, streams.err);
}

int RunShowCommand(const CommandOptions& options, CommandStreams streams) {
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return kExitInputError;
  if (!ShowTables(input.scenario, ModelCatalog::Embedded(), options.server, streams.out)) {
    streams.err << "kst: fatal: " << options.server << " is not a server that holds a Known Servers Table\n";
    return kExitUsage;
  }
  return kExitPass;
}

int RunModelCommand(const CommandOptions& options, CommandStreams streams) {
  WriteModel(ModelCatalog::Embedded(), options.format, streams.out);
  return kExitPass;
}

int RunReplayCommand(const CommandOptions& options, CommandStreams streams) {
  DiskFileReader files;
  return ReplayTraceFile(options.files.at(0), &files, ModelCatalog::Embedded(), streams.out, streams.err);
}

int RunExploreCommand(const CommandOptions& options, CommandStreams streams) {
  const Semantics* semantics = ChooseSemantics(options.semantics, streams.err);
  if (!semantics) return kExitUsage;
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return kExitInputError;
  return ExploreOneCell(input.scenario, ModelCatalog::Embedded(), *semantics, options.server, options.fqdn,
                        options.dot, streams.out, streams.err);
}

}  // namespace kst
