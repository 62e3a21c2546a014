// kst check: load, analyse, waive, write the outputs, judge the gate.

#include <cstdlib>
#include <optional>
#include <sstream>

#include "base/interrupt.h"
#include "base/timestamp.h"
#include "check/analysis.h"
#include "check/current_state.h"
#include "check/every_reading.h"
#include "check/reconcile.h"
#include "check/waivers.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "cli/input_loading.h"
#include "cli/log_loading.h"
#include "report/current_state_writer.h"
#include "report/report_caps.h"
#include "report/text_escape.h"
#include "report/trace_file.h"

namespace kst {

int RunCheckCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  const bool every_reading = options.semantics == kEveryReading;
  if (!every_reading && !ChooseSemantics(options.semantics, streams.err)) return kExitUsage;
  if (every_reading && !options.trace_out.empty()) {
    // A trace file replays under one reading; the merged report's traces come from several.
    streams.err << "kst: fatal: --trace-out needs one reading; --semantics all analyses every reading\n";
    return kExitUsage;
  }
  if (!ValidOutputSpecs(options.outputs, streams.err)) return kExitUsage;
  int64_t today = TodayUtc();
  if (!options.today.empty()) {
    std::string why;
    if (!ParseCivilDate(options.today, &today, &why)) {
      streams.err << "kst: fatal: --today \"" << options.today << "\" is not a date YYYY-MM-DD: " << why << "\n";
      return kExitUsage;
    }
  }
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return LoadFailedStatus(streams.err);
  std::vector<Waiver> waivers;
  if (!options.waivers.empty() && !options.no_waivers && !LoadWaivers(options.waivers, &waivers, streams.err))
    return kExitInputError;
  // --state: the servers' current state from their logs (check/current_state.h).
  std::optional<CurrentState> current;
  // Logs found in a snapshot folder are read as --state too.
  std::vector<std::string> state = options.state;
  state.insert(state.end(), input.logs.begin(), input.logs.end());
  if (!state.empty()) {
    EventLogs logs;
    std::vector<LoggedKstEvent> events;
    const Topology& base = input.scenario.base;
    bool warned = false;
    if (!LoadKstEvents(state, base, options.event_strings, &logs, &events, &warned, streams.err))
      return LoadFailedStatus(streams.err);
    current = JudgeCurrentState(base, ModelCatalog::Embedded(), Reconcile(base, ModelCatalog::Embedded(), events));
    current->incomplete = current->incomplete || warned;
    AddReplicaStates(base, ModelCatalog::Embedded(), logs.replicas, &*current);
  }
  std::vector<std::string> read = input.files;
  if (!options.waivers.empty()) read.push_back(options.waivers);
  std::vector<NamedPath> written;
  for (const std::string& path : OutputPaths(options.outputs)) written.push_back({"--output", path});
  if (!options.trace_out.empty()) written.push_back({"--trace-out", options.trace_out});
  if (!OutputsSpareInputs(written, read, streams.err)) return kExitUsage;
  AnalysisOptions analysis;
  CommandOptions one_reading = options;
  if (every_reading) one_reading.semantics.clear();
  if (!AnalysisOptionsFor(one_reading, input.scenario, &analysis, streams.err)) return kExitUsage;
  ReportInputs inputs{input.imports, options.no_waivers ? nullptr : &waivers, today};
  Report report = every_reading ? AnalyzeEveryReading(input.scenario, input.is_scenario, ModelCatalog::Embedded(),
                                                      analysis, input.diagnostics, inputs)
                                : Analyze(input.scenario, input.is_scenario, ModelCatalog::Embedded(), analysis,
                                          input.diagnostics, inputs);
  // Files first, stdout last: a run that fails to write a file prints no report.
  if (!options.trace_out.empty()) {
    std::string error;
    if (!WriteTraceFile(options.trace_out, report, input.digest, &error)) {
      streams.err << "kst: fatal: --trace-out: " << EscapeText(error) << "\n";
      return kExitOutputError;
    }
  }
  CapReportDetail(&report);  // after --trace-out, which keeps every trace
  // NO_COLOR (no-color.org): set to anything but the empty string, it turns colour off as --no-color does.
  const char* no_color_env = std::getenv("NO_COLOR");
  const bool no_color = options.no_color || (no_color_env != nullptr && *no_color_env != '\0');
  GatePolicy policy;
  policy.fail_on = options.fail_on == "warning" ? Severity::kWarning : Severity::kError;
  policy.inconclusive_ok = options.inconclusive_ok;
  policy.no_fail = options.no_fail;
  const CheckedInput checked = CheckedInputOf(input);
  WriterOptions writer;
  writer.color = streams.out_is_terminal && !no_color && options.format == "text";
  writer.input = &checked;
  std::ostringstream unsaid;  // the gate's explanations go to stderr once, below
  writer.exit_code = GateExitCode(report, policy, unsaid);
  if (!WriteOutputs(report, options.format, writer, options.outputs, streams.out, streams.err)) return kExitOutputError;
  // Text output carries the section; a machine format stays one document, so the section goes to stderr.
  if (current) WriteCurrentStateText(*current, options.format == "text" ? streams.out : streams.err);
  return GateExitCode(report, policy, streams.err);
}

}  // namespace kst
