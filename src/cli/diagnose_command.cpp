// kst diagnose TOPOLOGY LOGS...: from the symptoms the logs show to ranked
// root causes (check/diagnose.h). kst check's analysis of the topology gives
// the candidates it can name (its findings); the logs weigh them. Exit 0 when
// one cause leads, 4 when the result is inconclusive (no symptom, a tie
// between causes, a record kst could not read; --inconclusive-ok for 0), 3 on
// an input error (nothing on stdout).

#include <algorithm>

#include "base/interrupt.h"
#include "check/analysis.h"
#include "check/diagnose.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "cli/log_loading.h"
#include "model/diagnosis_rules.h"
#include "report/diagnosis_writer.h"

namespace kst {

int RunDiagnoseCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  LoadedInput input;
  if (!LoadInput(options.input_file, &input, streams.err)) return LoadFailedStatus(streams.err);
  EventLogs logs;
  bool warned = false;
  // Logs found in a snapshot folder given as TOPOLOGY are read too.
  std::vector<std::string> paths = options.files;
  for (const std::string& log : input.logs)
    if (std::find(paths.begin(), paths.end(), log) == paths.end()) paths.push_back(log);
  if (!LoadEventRecords(paths, &logs, &warned, streams.err)) return LoadFailedStatus(streams.err);
  if (Interrupted(streams.err, "nothing was diagnosed")) return kExitInterrupted;
  AnalysisOptions analysis;
  if (!AnalysisOptionsFor(options, input.scenario, &analysis, streams.err)) return kExitUsage;
  analysis.progress = nullptr;
  // Certificates and clocks are judged when the logs were written, not when kst runs: without --at or the
  // scenario's "at", the time of the last record read (so the same files always give the same diagnosis).
  if (options.at.empty() && !input.scenario.at) {
    UnixSeconds last = 0;
    for (const EventRecord& record : logs.records) last = std::max(last, record.time);
    if (last != 0) analysis.at = last;
  }
  const ModelCatalog& model = ModelCatalog::Embedded();
  Report report = Analyze(input.scenario, input.is_scenario, model, analysis, input.diagnostics);
  if (report.interrupted || Interrupted(streams.err, "nothing was diagnosed")) return kExitInterrupted;
  DiagnoseInputs inputs;
  inputs.topology = &input.scenario.final_topology();
  inputs.report = &report;
  inputs.records = &logs.records;
  inputs.computers = logs.computers;
  inputs.replicas = &logs.replicas;
  inputs.clock_tolerance_seconds = options.clock_tolerance.value_or(model.ParameterValue("clock-tolerance-seconds"));
  Diagnosis diagnosis = Diagnose(inputs, model, DiagnosisRules::Embedded());
  if (warned) diagnosis.inconclusive_reasons.push_back("a log could not be read whole (see the warnings above)");
  if (input.diagnostics.has_warnings())
    diagnosis.inconclusive_reasons.push_back(
        "the topology holds input kst did not understand (see the warnings above)");
  diagnosis.diagnosed = diagnosis.inconclusive_reasons.empty();
  if (options.format == "json")
    WriteDiagnosisJson(diagnosis, streams.out);
  else
    WriteDiagnosisText(diagnosis, streams.out);
  if (!diagnosis.diagnosed) return options.inconclusive_ok ? kExitPass : kExitInconclusive;
  return kExitPass;
}

}  // namespace kst
