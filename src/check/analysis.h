#pragma once
// Runs a scenario (or a topology, as a scenario with an empty plan) through
// the model checker and turns what it finds into a Report.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/memory_budget.h"
#include "check/finding.h"
#include "model/model_catalog.h"
#include "model/scenario.h"
#include "model/waiver.h"

namespace kst {

class ClassCache;  // check/class_cache.h

struct AnalysisOptions {
  const Semantics* semantics = nullptr;  // null: the model's default reading
  uint64_t max_states = 50'000'000;      // over all explored classes
  /// The process's resident memory may not pass it (--max-memory): checked
  /// before the plan's per-server, per-FQDN and per-class structures are
  /// allocated and polled during exploration; past it, or on std::bad_alloc,
  /// the verdict is inconclusive with a reason that names the budget.
  uint64_t max_memory_bytes = kDefaultMaxMemoryBytes;
  bool compare_readings = true;  // say under which readings each finding holds
  bool recheck_fixes = true;     // make plan fixes and explore each before printing it (check/plan_fixes)
  /// The check time for certificates and clocks (--at); the scenario's "at"
  /// when absent. Analyze never reads the clock: without either, validity
  /// is not checked and a note says so.
  std::optional<UnixSeconds> at;
  std::optional<int64_t> cert_warn_days;           // model parameter certificate-warn-days when absent
  std::optional<int64_t> clock_tolerance_seconds;  // model parameter clock-tolerance-seconds when absent
  /// Called after each explored cell class (`finished` false) and once at the
  /// end (true); the command layer draws a progress line with it. The
  /// analysis itself never prints.
  std::function<void(size_t explored, size_t total, uint64_t states, bool finished)> progress;
  /// Results of cell classes explored by earlier analyses with the same model
  /// (check/class_cache.h): a class whose projection an earlier plan had is
  /// not explored again, and the report is the same. Null: none kept.
  ClassCache* class_cache = nullptr;
};

/// What the command layer adds to an analysis before its report is judged.
struct ReportInputs {
  std::vector<FileImportReport> imports;         // when the input was a snapshot of real exports
  const std::vector<Waiver>* waivers = nullptr;  // null: none (no waiver file, or --no-waivers)
  int64_t today = 0;                             // the day waivers are judged on, in days since 1970-01-01
};

/// The one pipeline that makes a Report: analyse, waive, judge.
/// Analyse: explores every cell class and reports per (rule, FQDN); checks
/// the final topology's certificates and clocks; places every finding in the
/// impact graph (the features it breaks, per direction and server). The
/// report's diagnostics start with `load_diagnostics` (warnings that make the
/// verdict inconclusive, such as unknown fields, stay visible there). A
/// scenario's expect block is compared with the analysis, before waivers: it
/// describes the change, not a pipeline's policy. Waive: marks the findings
/// `inputs.waivers` cover and adds the waivers' own findings. Judge: the
/// verdict (VerdictOf).
Report Analyze(const Scenario& scenario, bool is_scenario, const ModelCatalog& model, const AnalysisOptions& options,
               const Diagnostics& load_diagnostics, const ReportInputs& inputs = {});

/// The verdict of a report: fail when a finding that is not waived is an
/// error, else inconclusive when there are reasons to be, else pass. The one
/// place this rule lives.
Verdict VerdictOf(const Report& report);

/// True for a load diagnostic that could change a verdict (a field kst does
/// not read, an export item it did not understand): it makes a pass inconclusive.
bool AffectsVerdict(const Diagnostic& diagnostic);

/// Peak resident set size of this process, in KiB (0 when unknown).
uint64_t PeakRssKib();

}  // namespace kst
