// The printed report keeps the traces of its first findings only.

#include "report/report_caps.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

Finding WithTrace(Severity severity, const std::string& fqdn) {
  Finding finding;
  finding.rule = "kst/unknown-server";
  finding.severity = severity;
  finding.fqdn = fqdn;
  finding.traces.push_back(Trace{});
  return finding;
}

TEST_CASE("past the detailed findings, traces are dropped, errors keeping theirs first, with a note") {
  Report report;
  report.findings.push_back(WithTrace(Severity::kWarning, "w1"));
  report.findings.push_back(WithTrace(Severity::kError, "e1"));
  report.findings.push_back(WithTrace(Severity::kWarning, "w2"));
  report.findings.push_back(WithTrace(Severity::kError, "e2"));
  CHECK(CapReportDetail(&report, 3) == 1);
  CHECK(report.findings[0].fqdn == "w1");
  CHECK(report.findings[0].traces.size() == 1);  // the third kept: errors e1, e2, then w1
  CHECK(report.findings[1].traces.size() == 1);
  CHECK(report.findings[2].traces.empty());  // w2, the fourth
  CHECK(report.findings[3].traces.size() == 1);
  REQUIRE(report.notes.size() == 1);
  CHECK(report.notes[0].find("the traces of 1 finding(s) after the first 3") == 0);
  CHECK(report.findings.size() == 4);  // every finding stays
}

TEST_CASE("a report within the cap is left as it is, without a note") {
  Report report;
  report.findings.push_back(WithTrace(Severity::kError, "e1"));
  CHECK(CapReportDetail(&report) == 0);
  CHECK(report.findings[0].traces.size() == 1);
  CHECK(report.notes.empty());
}

}  // namespace
}  // namespace kst
