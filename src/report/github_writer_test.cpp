// GitHub workflow commands: where each annotation points, how texts are
// escaped, the most important first within GitHub's 10-per-kind limit, and
// the plain summary line that always ends the output.

#include <doctest/doctest.h>

#include <sstream>
#include <string_view>
#include <vector>

#include "report/report_writer.h"

namespace kst {
namespace {

std::vector<std::string> GithubLines(const Report& report) {
  std::ostringstream out;
  MakeReportWriter("github")->Write(report, out);
  std::istringstream in(out.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t CountPrefix(const std::vector<std::string>& lines, const std::string& prefix) {
  size_t n = 0;
  for (const std::string& line : lines) n += line.rfind(prefix, 0) == 0;
  return n;
}

Finding MakeFinding(Severity severity, const std::string& fqdn) {
  Finding finding;
  finding.rule = "kst/version-conflict";
  finding.severity = severity;
  finding.fqdn = fqdn;
  finding.servers = {"fe01.contoso.com"};
  finding.servers_summary = "1 of 1 FrontEnd servers";
  finding.message = fqdn + " can be claimed with two different versions";
  finding.claims = {{"Exchange UM Routing", 0, "dial plan host", {"topo.json", 15, 66}},
                    {"Topology", 6, "trusted application pool", {"plan.json", 7, 23}}};
  finding.fixes = {"Remove the trusted application pool."};
  return finding;
}

Report MakeReport(Verdict verdict) {
  Report report;
  report.input = "scenarios/o1.json";
  report.verdict = verdict;
  return report;
}

TEST_CASE("GitHub workflow commands") {
  SUBCASE("Given an error finding, we should annotate the plan's claim and end with the summary") {
    Report report = MakeReport(Verdict::kFail);
    report.findings.push_back(MakeFinding(Severity::kError, "ex1.contoso.com"));
    std::vector<std::string> lines = GithubLines(report);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("::error file=plan.json,line=7,col=23,title=kst/version-conflict%3A ex1.contoso.com::"
                         "ex1.contoso.com can be claimed with two different versions%0Aservers: 1 of 1 FrontEnd "
                         "servers (fe01.contoso.com)%0Aclaim: version 0 by Exchange UM Routing: dial plan host "
                         "(topo.json:15:66)%0A",
                         0) == 0);
    CHECK(std::string_view(lines[0]).ends_with("%0Afix: Remove the trusted application pool."));
    CHECK(lines[1] == "kst: fail: 1 error, 0 warnings, 0 waived (scenarios/o1.json)");
  }
  SUBCASE("Given no claim with a location, we should annotate the input file without a line") {
    Report report = MakeReport(Verdict::kFail);
    Finding finding = MakeFinding(Severity::kError, "ex1.contoso.com");
    finding.claims.clear();
    report.findings.push_back(finding);
    CHECK(GithubLines(report)[0].rfind("::error file=scenarios/o1.json,title=", 0) == 0);
  }
  SUBCASE("Given findings of every kind, we should print errors, then warnings, then waived notices") {
    Report report = MakeReport(Verdict::kFail);
    Finding waived = MakeFinding(Severity::kError, "waived.contoso.com");
    waived.waiver = WaiverRef{"accepted", "uc-team", "2031-01-31", {}};
    report.findings = {MakeFinding(Severity::kWarning, "warn.contoso.com"), waived,
                       MakeFinding(Severity::kError, "err.contoso.com")};
    std::vector<std::string> lines = GithubLines(report);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("::error ", 0) == 0);
    CHECK(lines[1].rfind("::warning ", 0) == 0);
    CHECK(lines[2].rfind("::notice ", 0) == 0);
    CHECK(lines[2].find("::waived error: accepted (uc-team, expires 2031-01-31)%0A") != std::string::npos);
    CHECK(lines[3] == "kst: fail: 1 error, 1 warning, 1 waived (scenarios/o1.json)");
  }
  SUBCASE("Given an inconclusive verdict and an unmet expectation, we should put them first") {
    Report report = MakeReport(Verdict::kInconclusive);
    report.inconclusive_reasons = {"budget ran out", "unknown field"};
    report.expectation = ExpectationResult{false, {"expected verdict pass"}};
    report.findings.push_back(MakeFinding(Severity::kWarning, "warn.contoso.com"));
    std::vector<std::string> lines = GithubLines(report);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "::error file=scenarios/o1.json,title=kst%3A inconclusive::budget ran out%0Aunknown field");
    CHECK(lines[1] == "::error file=scenarios/o1.json,title=kst%3A expectation not met::expected verdict pass");
    CHECK(lines[2].rfind("::warning ", 0) == 0);
  }
  SUBCASE("Given more than 10 of a kind, we should annotate 10 and list the rest in the log") {
    Report report = MakeReport(Verdict::kFail);
    for (int i = 0; i < 12; ++i)
      report.findings.push_back(MakeFinding(Severity::kError, "e" + std::to_string(i) + ".x.com"));
    for (int i = 0; i < 3; ++i)
      report.findings.push_back(MakeFinding(Severity::kWarning, "w" + std::to_string(i) + ".x.com"));
    for (int i = 0; i < 10; ++i) {
      report.findings.push_back(MakeFinding(Severity::kError, "n" + std::to_string(i) + ".x.com"));
      report.findings.back().waiver = WaiverRef{"accepted", "uc-team", "2031-01-31", {}};
    }
    std::vector<std::string> lines = GithubLines(report);
    CHECK(CountPrefix(lines, "::error ") == 10);
    CHECK(CountPrefix(lines, "::warning ") == 3);
    CHECK(CountPrefix(lines, "::notice ") == 10);  // 9 waived findings and the overflow notice
    CHECK(CountPrefix(lines, "::notice file=scenarios/o1.json,title=kst%3A 3 more::3 more annotation(s)") == 1);
    CHECK(CountPrefix(lines, "kst: not annotated: error plan.json:7:23: kst/version-conflict: e10.x.com") == 1);
    CHECK(CountPrefix(lines, "kst: not annotated: notice plan.json:7:23: kst/version-conflict: n9.x.com") == 1);
    CHECK(lines.back() ==
          "kst: fail: 12 errors, 3 warnings, 10 waived (scenarios/o1.json); 3 not annotated (listed above)");
  }
}

TEST_CASE("GitHub escaping") {
  Report report = MakeReport(Verdict::kFail);
  Finding finding = MakeFinding(Severity::kError, "a,b:c%d");
  finding.message = "50% done\r\n::set-output name=x::y";
  finding.claims = {{"Topology", 6, "pool", {"dir,1/p:q%.json", 7, 23}}};
  report.findings.push_back(finding);
  std::vector<std::string> lines = GithubLines(report);
  REQUIRE(lines.size() == 2);

  SUBCASE("property values escape % CR LF : and ,") {
    CHECK(lines[0].rfind("::error file=dir%2C1/p%3Aq%25.json,line=7,col=23,title=kst/version-conflict%3A "
                         "a%2Cb%3Ac%25d::",
                         0) == 0);
  }
  SUBCASE("a value's CR and LF are shown escaped, % is %25: only kst's own line breaks are %0A") {
    CHECK(lines[0].find("::50%25 done\\r\\n::set-output name=x::y%0Aservers: ") != std::string::npos);
    CHECK(CountPrefix(lines, "::set-output") == 0);
  }
  SUBCASE("terminal escapes and legacy commands of a value are shown escaped") {
    report.findings[0].message = "red \x1b[31m ##[error]legacy ##vso[task.complete]";
    report.input = "dir/\x1b[2J\n::warning::x.json";
    lines = GithubLines(report);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("::red \\x1b[31m ##\\x5berror]legacy ##vso\\x5btask.complete]%0A") != std::string::npos);
    CHECK(lines[1] == "kst: fail: 1 error, 0 warnings, 0 waived (dir/\\x1b[2J\\n::warning::x.json)");
  }
}

}  // namespace
}  // namespace kst
