#pragma once
// The finding-level oracle: what an administrator reads, derived again from
// whole-system runs. naive_explorer.cpp explores the whole system without
// kst's reductions; this file restates the KST rules on its per-cell outcomes
// (the definitions in docs/model.md, written again, not called) and groups
// them as a report must: per (rule, FQDN, severity) the servers, each
// server's outcome (end entries, ends absent, 14563, the outage window), and
// per reading the severity and whether the finding holds. It shares none of
// check/analysis.cpp's aggregation, which is what it checks.

#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "check/finding.h"
#include "model/model_catalog.h"
#include "model/scenario.h"
#include "naive_explorer.h"

namespace kst::oracle {

struct ExpectedOutcome {
  std::string server;
  std::vector<CellEntry> ends;  // sorted (naive::EntryLess)
  bool ends_absent = false;
  bool conflict = false;
  bool outage = false;
  int window_from = 0;  // as ServerOutcome: 0 = already at the start
  int window_to = 0;    // as ServerOutcome: 0 = only after the last plan step, or never
};

struct ExpectedFinding {
  std::string rule;
  std::string fqdn;
  Severity severity = Severity::kError;
  std::vector<ExpectedOutcome> servers;  // in the report's server order
};

/// The KST findings one reading's whole-system outcome implies, ordered by
/// (rule, FQDN, severity). kst/flapping is never expected: the scopes the
/// oracle draws from have no cycles, and a flapping finding there is a
/// disagreement.
std::vector<ExpectedFinding> ExpectedFindings(const naive::Outcome& outcome, size_t plan_steps);

/// Compares kst's report under `reading` with the findings the oracle expects
/// under every reading (`by_reading`, keyed by reading name): "" when every KST
/// finding agrees (servers, severity, outcomes, severity and "holds" per
/// reading), else the first difference. Findings of other rules (certificates,
/// clocks, waivers) are not the oracle's and are skipped.
std::string FindingDisagreement(const Report& report, const std::string& reading,
                                const std::map<std::string, std::vector<ExpectedFinding>>& by_reading);

/// Compares the features each KST finding says it breaks, (feature, peer)
/// pairs, with the union over the topologies in force while the oracle's
/// windows last (each server's window, and the plan's end where a server ends
/// absent) of what each of those topologies alone breaks: "" when they agree.
/// Findings without a window are skipped (their impact is judged on the plan's
/// two ends).
std::string ImpactDisagreement(const Report& report, const Scenario& scenario,
                               const std::vector<ExpectedFinding>& expected, const ModelCatalog& model);

}  // namespace kst::oracle
