// What an administrator reads, checked against the whole system (issue:
// findings that are right where an administrator reads them). kst's report
// under each reading -- its findings, their servers, each server's outcome,
// the severity and "holds" per reading -- must equal what finding_oracle.cpp
// derives from naive whole-system runs, on every scenario of the tiny scope
// and on seeded random scenarios of the larger one. Bugs planted in the
// report (the merge of error and warning servers a release once shipped, an
// outage window off by one, a reading's severity copied from another) must
// each be caught wherever they change what the report says.

#include "finding_oracle.h"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <random>
#include <set>

#include "check/analysis.h"
#include "check/impact_graph.h"
#include "check/plan_fixes.h"
#include "model/rule_ids.h"
#include "naive_explorer.h"
#include "oracle_scenarios.h"
#include "sanitized.h"

namespace kst {
namespace {

using namespace oracle;

// Under AddressSanitizer (KST_SANITIZE) the oracle is ~40x slower: fewer scenarios, same code.
// The planted bugs need plans of two steps to show; the test stops once they changed enough reports.
#ifdef KST_SANITIZED
constexpr int kTinyPlanLength = 1, kRandomScenarios = 25, kPlantedEvidence = 6;
#else
constexpr int kTinyPlanLength = 3, kRandomScenarios = 500, kPlantedEvidence = 40;
#endif
constexpr int kPlantedPlanLength = 2;

const ModelCatalog& Model() {
  return ModelCatalog::Embedded();
}

/// A bug planted in a report; returns whether it changed anything.
using Mutation = std::function<bool(const Scenario&, Report*)>;

/// "" when kst's report agrees with the oracle under every reading, else the
/// first difference. `mutation` (when set) is applied to each report first;
/// `*mutated` says whether it changed one, and when none changed the oracle
/// is not run (the planted-bug test only asks about changed reports).
std::string Disagreement(const Scenario& scenario, const Mutation& mutation = {}, bool* mutated = nullptr) {
  std::vector<Report> reports;
  bool changed = false;
  for (const Semantics& reading : Model().semantics()) {
    AnalysisOptions options;
    options.semantics = &reading;
    options.recheck_fixes = false;  // the fixes have their own oracle test below
    reports.push_back(Analyze(scenario, true, Model(), options, {}));
    if (mutation) changed |= mutation(scenario, &reports.back());
  }
  if (mutated) *mutated = changed;
  if (mutation && !changed) return "";
  std::map<std::string, std::vector<oracle::ExpectedFinding>> expected;
  for (const Semantics& reading : Model().semantics()) {
    const naive::Outcome outcome = naive::ExploreNaively(scenario, Model(), reading.startup_conflict);
    if (!outcome.complete) return scenario.description + " -- the naive exploration ran out of states";
    expected[reading.name] = ExpectedFindings(outcome, scenario.plan.size());
  }
  for (size_t r = 0; r < reports.size(); ++r) {
    const std::string& reading = Model().semantics()[r].name;
    std::string difference = FindingDisagreement(reports[r], reading, expected);
    if (difference.empty()) difference = ImpactDisagreement(reports[r], scenario, expected.at(reading), Model());
    if (!difference.empty()) return "[" + reading + "] " + scenario.description + " -- " + difference;
  }
  return "";
}

struct Tally {
  int scenarios = 0, disagreements = 0;
  std::string first;

  void Check(const Scenario& scenario) {
    scenarios++;
    const std::string difference = Disagreement(scenario);
    if (!difference.empty() && disagreements++ == 0) first = difference;
  }
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_CASE("finding oracle: every scenario of the tiny scope reads as the whole system behaves") {
  const auto start = std::chrono::steady_clock::now();
  Tally tally;
  ForEachTinyScenario(kTinyPlanLength, [&](const Scenario& scenario) { tally.Check(scenario); });
  MESSAGE("finding oracle, tiny scope: " << tally.scenarios << " scenarios x " << Model().semantics().size()
                                         << " readings, " << SecondsSince(start) << " s");
  CHECK(tally.scenarios > (kTinyPlanLength == 3 ? 20000 : 100));
  INFO("first disagreement: " << tally.first);
  CHECK(tally.disagreements == 0);
}

TEST_CASE("finding oracle: seeded random scenarios read as the whole system behaves, every reading") {
  const auto start = std::chrono::steady_clock::now();
  const unsigned seed = OracleSeed();
  std::mt19937 random(seed);
  Tally tally;
  for (int i = 0; i < kRandomScenarios; ++i) tally.Check(RandomScenario(random));
  MESSAGE("finding oracle, random scope (seed " << seed << "): " << tally.scenarios << " scenarios x "
                                                << Model().semantics().size() << " readings, " << SecondsSince(start)
                                                << " s");
  INFO("seed " << seed << " (rerun with KST_ORACLE_SEED=" << seed << "), first disagreement: " << tally.first);
  CHECK(tally.disagreements == 0);
}

/// The aggregation bug of an earlier release: a kst/unknown-server error
/// that also lists the servers where the FQDN is only absent on the way.
bool MergeOutageServersIntoError(const Scenario&, Report* report) {
  bool changed = false;
  for (Finding& error : report->findings) {
    if (error.rule != rule::kUnknownServer || error.severity != Severity::kError) continue;
    for (Finding& warning : report->findings) {
      if (warning.rule != rule::kUnknownServer || warning.severity != Severity::kWarning ||
          warning.fqdn != error.fqdn || warning.servers.empty())
        continue;
      error.servers.insert(error.servers.end(), warning.servers.begin(), warning.servers.end());
      error.outcomes.insert(error.outcomes.end(), warning.outcomes.begin(), warning.outcomes.end());
      warning.servers.clear();
      warning.rule = "merged";  // gone from the report as far as KST rules go
      changed = true;
    }
  }
  return changed;
}

bool WindowOffByOne(const Scenario&, Report* report) {
  bool changed = false;
  for (Finding& finding : report->findings)
    for (ServerOutcome& outcome : finding.outcomes)
      if (outcome.outage && outcome.window_to > 0) {
        outcome.window_to++;
        changed = true;
      }
  return changed;
}

/// Every reading shown with the severity of the reading the report was made under.
bool SeverityCopiedAcrossReadings(const Scenario&, Report* report) {
  bool changed = false;
  for (Finding& finding : report->findings)
    for (ReadingSeverity& entry : finding.by_reading)
      if (entry.severity != finding.severity) {
        entry.severity = finding.severity;
        changed = true;
      }
  return changed;
}

/// Every finding's impact judged on the plan's two ends, as a release once did:
/// a pool the plan adds and removes again was left out of O2's impact.
bool ImpactOnThePlansEnds(const Scenario& scenario, Report* report) {
  const ImpactGraph graph({&scenario.base, &scenario.final_topology()}, Model());
  auto pairs = [](const Impact& impact) {
    std::set<std::pair<std::string, std::string>> out;
    for (const FeatureImpact& item : impact.breaks) out.insert({item.feature, item.peer});
    return out;
  };
  bool changed = false;
  for (Finding& finding : report->findings) {
    Impact ends = graph.Evaluate(finding.broken);
    if (pairs(ends) == pairs(finding.impact)) continue;
    finding.impact = std::move(ends);
    changed = true;
  }
  return changed;
}

TEST_CASE("finding oracle: bugs planted in the report are caught wherever they change it") {
  // Given a bug planted in each report of the tiny scope, we should find it
  // changes some reports, and every changed report disagrees with the oracle.
  struct Planted {
    const char* name;
    Mutation mutation;
  };
  for (const Planted& planted : {Planted{"error lists outage-only servers", MergeOutageServersIntoError},
                                 Planted{"outage window one step too long", WindowOffByOne},
                                 Planted{"severity copied across readings", SeverityCopiedAcrossReadings},
                                 Planted{"impact judged on the plan's ends", ImpactOnThePlansEnds}}) {
    CAPTURE(planted.name);
    int changed = 0, caught = 0;
    std::string missed;
    ForEachTinyScenario(kPlantedPlanLength, [&](const Scenario& scenario) {
      if (changed >= kPlantedEvidence) return;  // enough evidence; keeps the test short
      bool mutated = false;
      const std::string difference = Disagreement(scenario, planted.mutation, &mutated);
      if (!mutated) return;
      changed++;
      if (!difference.empty())
        caught++;
      else if (missed.empty())
        missed = scenario.description;
    });
    CHECK(changed > 0);
    INFO("not caught on: " << missed);
    CHECK(caught == changed);
  }
}

/// Whether the whole system, explored naively on the edited plan, confirms a
/// fix: no finding of the fixed (rule, FQDN) at its severity or worse, and
/// nothing on the FQDN worse than the original report had. "" when it does.
std::string FixRefuted(const Report& original, const Finding& finding, const CandidateFix& fix,
                       const Semantics& reading) {
  const Scenario edited = fix.make();
  const naive::Outcome outcome = naive::ExploreNaively(edited, Model(), reading.startup_conflict);
  if (!outcome.complete) return "the naive exploration of the edited plan ran out of states";
  for (const oracle::ExpectedFinding& expected : ExpectedFindings(outcome, edited.plan.size())) {
    if (expected.fqdn != finding.fqdn) continue;
    const bool as_bad_before = std::any_of(original.findings.begin(), original.findings.end(), [&](const Finding& f) {
      return f.rule == expected.rule && f.fqdn == expected.fqdn && f.severity >= expected.severity;
    });
    const bool is_the_finding = expected.rule == finding.rule && expected.severity >= finding.severity;
    if (is_the_finding || !as_bad_before)
      return "the whole system still has " + expected.rule + " (" + SeverityName(expected.severity) + ") on " +
             expected.fqdn;
  }
  return "";
}

TEST_CASE("finding oracle: every fix kst prints for a plan is confirmed by the whole system") {
  // Given each scenario of the tiny scope, every reading, we should find that
  // each fix kst printed (explored by kst on the edited plan) also holds when the naive whole-system
  // explorer runs the edited plan: the finding is gone and nothing worse appears on its FQDN.
  int fixes = 0, refuted = 0;
  std::string first;
  ForEachTinyScenario(kTinyPlanLength, [&](const Scenario& scenario) {
    for (const Semantics& reading : Model().semantics()) {
      AnalysisOptions options;
      options.semantics = &reading;
      const Report report = Analyze(scenario, true, Model(), options, {});
      for (const Finding& finding : report.findings)
        for (const CheckedFix& printed : finding.checked_fixes) {
          fixes++;
          const std::vector<CandidateFix> candidates = CandidateFixes(scenario, finding, Model());
          auto fix = std::find_if(candidates.begin(), candidates.end(),
                                  [&](const CandidateFix& c) { return c.text == printed.fix; });
          std::string why = fix == candidates.end() ? "the printed fix is not a candidate"
                                                    : FixRefuted(report, finding, *fix, reading);
          if (!why.empty() && refuted++ == 0)
            first = "[" + reading.name + "] " + scenario.description + " -- " + finding.rule + ":" + finding.fqdn +
                    ", fix \"" + printed.fix + "\": " + why;
        }
    }
  });
  MESSAGE("fixes confirmed by the whole system: " << fixes - refuted << " of " << fixes);
  CHECK(fixes > 0);
  INFO("first refuted: " << first);
  CHECK(refuted == 0);
}

}  // namespace
}  // namespace kst
