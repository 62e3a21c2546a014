#include "expectation.h"

#include <algorithm>
#include <set>

namespace kst {

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
  }
  result.met = result.differences.empty();
  return result;
}

}  // namespace kst
