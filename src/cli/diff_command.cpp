// kst diff BEFORE AFTER: what a change does to every server's table, and
// which findings it adds or resolves. AFTER may be a topology or a scenario;
// a scenario's side is its final topology after a fresh RTCSRV start (the
// steady state), and its findings are those of the whole plan.

#include "base/interrupt.h"
#include "check/analysis.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "cli/input_loading.h"
#include "report/diff_writer.h"
#include "report/report_writer.h"
#include "report/table_view.h"
#include "report/text_escape.h"

namespace kst {
namespace {

/// 1 when the change adds an error finding; else 4 when either side could not
/// be judged (input not understood, a budget run out): a diff
/// over an inconclusive side must not read as "the change is safe".
int DiffExitCode(const DiffResult& diff, std::ostream& err) {
  if (diff.adds_error) return kExitFindings;
  int status = kExitPass;
  for (const Report* side : {diff.before, diff.after}) {
    if (side->verdict != Verdict::kInconclusive) continue;
    for (const std::string& reason : side->inconclusive_reasons)
      err << "kst: inconclusive: " << EscapeText(side->input + ": " + reason) << "\n";
    status = kExitInconclusive;
  }
  return status;
}

}  // namespace
}  // namespace kst

namespace kst {

int RunDiffCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  if (!ChooseSemantics(options.semantics, streams.err)) return kExitUsage;
  if (!ValidOutputSpecs(options.outputs, streams.err)) return kExitUsage;
  LoadedInput before, after;
  if (!LoadInput(options.before_file, &before, streams.err) || !LoadInput(options.after_file, &after, streams.err))
    return LoadFailedStatus(streams.err);
  std::vector<std::string> read = before.files;
  read.insert(read.end(), after.files.begin(), after.files.end());
  std::vector<NamedPath> written;
  for (const std::string& path : OutputPaths(options.outputs)) written.push_back({"--output", path});
  if (!OutputsSpareInputs(written, read, streams.err)) return kExitUsage;
  AnalysisOptions before_options, after_options;
  if (!AnalysisOptionsFor(options, before.scenario, &before_options, streams.err) ||
      !AnalysisOptionsFor(options, after.scenario, &after_options, streams.err))
    return kExitUsage;
  const ModelCatalog& model = ModelCatalog::Embedded();
  const Report old_report = Analyze(before.scenario, before.is_scenario, model, before_options, before.diagnostics);
  const Report new_report = Analyze(after.scenario, after.is_scenario, model, after_options, after.diagnostics);
  // A diff of partial analyses or tables would call what was not checked
  // resolved or removed: after Ctrl-C nothing is compared.
  if (Interrupted(streams.err, "nothing was compared")) return kExitInterrupted;
  const ServerTables before_tables = StartTables(before.scenario.final_topology(), model);
  const ServerTables after_tables = StartTables(after.scenario.final_topology(), model);
  if (Interrupted(streams.err, "nothing was compared")) return kExitInterrupted;
  const DiffResult diff = CompareReports(old_report, new_report, before_tables, after_tables);
  // Files first, stdout last: a run that fails to write a file prints no diff.
  // The new findings are the after side's: a writer that shows the input shows that one.
  const CheckedInput checked = CheckedInputOf(after);
  WriterOptions writer;
  writer.input = &checked;
  if (!WriteOutputFiles(diff.added, options.outputs, streams.err, writer)) return kExitOutputError;
  if (const DiffFormat* format = FindDiffFormat(options.format))
    format->write(diff, streams.out);
  else
    MakeReportWriter(options.format, writer)->Write(diff.added, streams.out);
  return DiffExitCode(diff, streams.err);
}

}  // namespace kst
