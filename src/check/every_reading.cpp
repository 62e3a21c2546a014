#include "check/every_reading.h"

#include <algorithm>

#include "check/expectation.h"
#include "check/waivers.h"

namespace kst {
namespace {

bool SameFinding(const Finding& a, const Finding& b) {
  return a.rule == b.rule && a.fqdn == b.fqdn && a.severity == b.severity && a.subject == b.subject;
}

void AddStatistics(const Statistics& more, Statistics* total) {
  total->states += more.states;
  total->transitions += more.transitions;
  total->classes += more.classes;
  total->depth = std::max(total->depth, more.depth);
  total->seconds += more.seconds;
  total->peak_rss_kib = std::max(total->peak_rss_kib, more.peak_rss_kib);
}

}  // namespace

Report AnalyzeEveryReading(const Scenario& scenario, bool is_scenario, const ModelCatalog& model,
                           const AnalysisOptions& options, const Diagnostics& load_diagnostics,
                           const ReportInputs& inputs) {
  // The default reading first: its findings and traces lead the report.
  std::vector<const Semantics*> readings = {&model.DefaultSemantics()};
  for (const Semantics& reading : model.semantics())
    if (&reading != readings.front()) readings.push_back(&reading);
  // Waivers are applied once, to the merged findings, after the expect block
  // is compared (as Analyze does): a waiver judged per reading would be stale
  // under a reading that lacks its finding.
  ReportInputs without_waivers = inputs;
  without_waivers.waivers = nullptr;
  Report merged;
  std::string verdicts;
  for (const Semantics* reading : readings) {
    AnalysisOptions one = options;
    one.semantics = reading;
    Report report = Analyze(scenario, is_scenario, model, one, load_diagnostics, without_waivers);
    verdicts += (verdicts.empty() ? "" : ", ") + reading->name + " " + VerdictName(report.verdict);
    if (reading == readings.front()) {
      merged = std::move(report);
    } else {
      for (Finding& finding : report.findings) {
        const bool known = std::any_of(merged.findings.begin(), merged.findings.end(),
                                       [&](const Finding& f) { return SameFinding(f, finding); });
        if (!known) merged.findings.push_back(std::move(finding));
      }
      for (std::string& reason : report.inconclusive_reasons)
        if (std::find(merged.inconclusive_reasons.begin(), merged.inconclusive_reasons.end(), reason) ==
            merged.inconclusive_reasons.end())
          merged.inconclusive_reasons.push_back(std::move(reason));
      AddStatistics(report.statistics, &merged.statistics);
      merged.interrupted |= report.interrupted;
    }
    if (merged.interrupted) break;
  }
  merged.semantics = kEveryReading;
  merged.notes.push_back(
      "Every reading of the model was analysed; the verdict is the worst of them (each before waivers: " + verdicts +
      "). A finding another reading adds follows the default reading's; each names its readings.");
  merged.verdict = VerdictOf(merged);
  if (scenario.expect) merged.expectation = CompareWithExpectation(*scenario.expect, merged);
  if (inputs.waivers) ApplyWaivers(*inputs.waivers, inputs.today, &merged);
  merged.verdict = VerdictOf(merged);
  return merged;
}

}  // namespace kst
