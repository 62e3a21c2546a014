#include "check/expectation.h"

#include <algorithm>
#include <set>

#include "base/text_join.h"

namespace kst {
namespace {

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "nothing" : out;
}

/// "fe01.contoso.com from step 1 to step 3" (to step 0: past the plan's end).
std::string OutageText(const std::string& server, int from, int to) {
  return server + " from step " + std::to_string(from) + " to step " + std::to_string(to);
}

/// The features and directions the findings of (rule, FQDN) break, against
/// the expected ones when the expect block lists them.
bool Matches(const ExpectedFinding& expected, const Finding& finding) {
  return finding.rule == expected.rule && finding.fqdn == expected.fqdn &&
         (!expected.severity || *expected.severity == SeverityName(finding.severity));
}

void CompareImpact(const ExpectedFinding& expected, const Report& report, ExpectationResult* result) {
  std::set<std::string> features, directions, servers, outages;
  std::vector<const CheckedFix*> fixes;
  bool found = false;
  for (const Finding& finding : report.findings) {
    if (!Matches(expected, finding)) continue;
    found = true;
    for (const CheckedFix& fix : finding.checked_fixes) fixes.push_back(&fix);
    servers.insert(finding.servers.begin(), finding.servers.end());
    for (const ServerOutcome& outcome : finding.outcomes)
      if (outcome.outage) outages.insert(OutageText(outcome.server, outcome.window_from, outcome.window_to));
    for (const FeatureImpact& item : finding.impact.breaks) {
      features.insert(item.feature);
      directions.insert(item.direction);
    }
  }
  const std::string where = expected.location.ToString() + ": " + expected.rule + " on " + expected.fqdn +
                            (expected.severity ? " (" + *expected.severity + ")" : "");
  if (!found) {
    if (expected.severity) result->differences.push_back(where + ": no finding of that severity");
    return;  // otherwise already reported as not found
  }
  if (expected.servers) {
    std::set<std::string> wanted(expected.servers->begin(), expected.servers->end());
    if (wanted != servers)
      result->differences.push_back(where + " affects " + Join(servers) + "; expected " + Join(wanted));
  }
  if (expected.outages) {
    std::set<std::string> wanted;
    for (const ExpectedFinding::Outage& outage : *expected.outages)
      wanted.insert(OutageText(outage.server, outage.from_step, outage.to_step));
    if (wanted != outages)
      result->differences.push_back(where + " has outage windows " + Join(outages) + "; expected " + Join(wanted));
  }
  if (expected.fixes) {
    bool same = fixes.size() == expected.fixes->size();
    for (size_t i = 0; same && i < fixes.size(); ++i) {
      const ExpectedFinding::Fix& want = (*expected.fixes)[i];
      same = fixes[i]->fix.rfind(want.starts_with, 0) == 0 &&
             (!want.edited_plan_verdict || *want.edited_plan_verdict == fixes[i]->verdict);
    }
    if (!same) {
      std::vector<std::string> got;
      for (const CheckedFix* fix : fixes) got.push_back("\"" + fix->fix + "\" (edited plan: " + fix->verdict + ")");
      result->differences.push_back(where + " has the re-checked fixes [" + JoinStrings(got) + "]; expected " +
                                    std::to_string(expected.fixes->size()) + " starting as the expect block says");
    }
  }
  if (expected.breaks) {
    std::set<std::string> wanted(expected.breaks->begin(), expected.breaks->end());
    if (wanted != features)
      result->differences.push_back(where + " breaks " + Join(features) + "; expected " + Join(wanted));
  }
  if (expected.directions) {
    std::set<std::string> wanted(expected.directions->begin(), expected.directions->end());
    if (wanted != directions)
      result->differences.push_back(where + " breaks direction(s) " + Join(directions) + "; expected " + Join(wanted));
  }
}

}  // namespace

ExpectationResult CompareWithExpectation(const Expectation& expect, const Report& report) {
  ExpectationResult result;
  if (expect.verdict && *expect.verdict != VerdictName(report.verdict)) {
    result.differences.push_back("expected verdict " + *expect.verdict + ", got " + VerdictName(report.verdict));
  }
  if (expect.findings) {
    std::set<std::pair<std::string, std::string>> got, wanted;
    for (const Finding& finding : report.findings) got.insert({finding.rule, finding.fqdn});
    for (const ExpectedFinding& finding : *expect.findings) {
      wanted.insert({finding.rule, finding.fqdn});
      if (!got.count({finding.rule, finding.fqdn}))
        result.differences.push_back(finding.location.ToString() + ": expected " + finding.rule + " on " +
                                     finding.fqdn + ", not found");
    }
    for (const auto& [rule, fqdn] : got)
      if (!wanted.count({rule, fqdn}))
        result.differences.push_back("unexpected " + rule + " on " + fqdn + " (not in the expect block)");
    for (const ExpectedFinding& expected : *expect.findings) CompareImpact(expected, report, &result);
  }
  result.met = result.differences.empty();
  return result;
}

}  // namespace kst
