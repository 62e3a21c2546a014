// kst export FORMAT FILE: the scenario as a model for another checker.

#include <sstream>

#include "base/atomic_file.h"
#include "base/interrupt.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "cli/input_loading.h"
#include "export/promela_export.h"
#include "model/rule_ids.h"
#include "report/text_escape.h"
#include "report/trace_file.h"

namespace kst {
namespace {

/// A trace ends in a quiescent state when its rule is about end states.
bool EndsAtEnd(const RecordedTrace& trace) {
  return trace.rule == kst::rule::kOrderDependent ||
         (trace.rule == kst::rule::kUnknownServer && trace.severity == "error");
}

/// Lifts every trace of `path` to a whole-system order; prints errors.
bool LoadGuides(const std::string& path, const CompiledPlan& plan, const Semantics** semantics,
                std::vector<GlobalSchedule>* guides, std::ostream& err) {
  DiskFileReader files;
  TraceFile file;
  Diagnostic error;
  if (!LoadTraceFile(path, &files, ModelCatalog::Embedded(), &file, &error)) {
    err << EscapeText(error.ToString()) << "\n";
    return false;
  }
  auto fail = [&](const std::string& message) {
    err << EscapeText(Diagnostic{Severity::kError, "guide-trace", {path, 0, 0}, "", message}.ToString()) << "\n";
    return false;
  };
  if (*semantics && *semantics != file.semantics)
    return fail("the traces were written under reading " + file.semantics->name + ", not " + (*semantics)->name +
                "; export with --semantics " + file.semantics->name);
  *semantics = file.semantics;
  for (size_t i = 0; i < file.traces.size(); ++i) {
    const RecordedTrace& trace = file.traces[i];
    const int s = plan.ServerIndex(trace.server), f = plan.FqdnIndex(trace.fqdn);
    if (s < 0 || f < 0) return fail("trace " + std::to_string(i + 1) + " names a server or FQDN this scenario lacks");
    GlobalSchedule schedule;
    std::string why;
    if (!LiftCellPath(plan, file.semantics->startup_conflict, static_cast<size_t>(s), static_cast<size_t>(f),
                      trace.events, EndsAtEnd(trace), &schedule, &why))
      return fail("trace " + std::to_string(i + 1) + " (" + trace.rule + " " + trace.fqdn + " on " + trace.server +
                  ") cannot be lifted to the whole system: " + why);
    guides->push_back(std::move(schedule));
  }
  return true;
}

}  // namespace

int RunExportCommand(const CommandOptions& options, CommandStreams streams) {
  PromelaOptions promela;
  if (!options.semantics.empty() && !(promela.semantics = ChooseSemantics(options.semantics, streams.err)))
    return kExitUsage;
  InstallInterruptHandler();
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return LoadFailedStatus(streams.err);
  if (!options.out_file.empty()) {
    std::vector<std::string> read = input.files;
    if (!options.guide.empty()) read.push_back(options.guide);
    if (!OutputsSpareInputs({{"-o", options.out_file}}, read, streams.err)) return kExitUsage;
  }
  const ModelCatalog& model = ModelCatalog::Embedded();
  CompiledPlan plan(input.scenario, model);
  if (Interrupted(streams.err, "nothing was exported")) return kExitInterrupted;
  if (!options.guide.empty() && !LoadGuides(options.guide, plan, &promela.semantics, &promela.guides, streams.err))
    return kExitInputError;
  std::ostringstream text;
  Diagnostic error;
  const bool exported = WritePromela(plan, model, promela, text, &error);
  if (Interrupted(streams.err, "nothing was exported")) return kExitInterrupted;
  if (!exported) {
    error.location.file = options.files.at(0);
    streams.err << EscapeText(error.ToString()) << "\n";
    return kExitInputError;
  }
  if (options.out_file.empty()) {
    streams.out << text.str();
    return kExitPass;
  }
  std::string written;
  if (!WriteFileAtomically(options.out_file, text.str(), &written)) {
    streams.err << "kst: fatal: -o: " << EscapeText(written) << "\n";
    return kExitOutputError;
  }
  return kExitPass;
}

}  // namespace kst
