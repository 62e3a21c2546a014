// The JUnit report: one case per finding, a passing case per quiet rule,
// waivers as skipped, an inconclusive verdict as an error, and XML that
// stays well-formed whatever the input texts hold. (Well-formedness of real
// reports is checked with xmllint by tests/e2e/run_junit.sh.)

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "model/model_catalog.h"
#include "report/report_writer.h"

namespace kst {
namespace {

std::string Junit(const Report& report) {
  std::ostringstream out;
  MakeReportWriter("junit")->Write(report, out);
  return out.str();
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

Finding MakeFinding(const std::string& rule, Severity severity, const std::string& fqdn) {
  Finding finding;
  finding.rule = rule;
  finding.severity = severity;
  finding.fqdn = fqdn;
  finding.servers = {"fe01.contoso.com", "fe02.contoso.com"};
  finding.servers_summary = "2 of 2 FrontEnd servers";
  finding.message = fqdn + " can be claimed with two different versions";
  finding.events = {"14563 LS Protocol Stack (Error): claimed with versions 0 and 6"};
  finding.claims = {{"Exchange UM Routing", 0, "dial plan host", {"topo.json", 15, 66}},
                    {"Topology", 6, "trusted application pool", {"plan.json", 7, 23}}};
  finding.fixes = {"Remove the trusted application pool."};
  Trace trace;
  trace.title = "shortest order to the conflict";
  trace.server = "fe01.contoso.com";
  trace.fqdn = fqdn;
  trace.entry_at_start = {true, 0};
  trace.start_lines = {{"14493", fqdn + " added (version 0)"}};
  trace.steps.push_back(
      {CellEvent::kReplicate, 0, "fe01.contoso.com receives the topology", {{"14563", "both removed"}}, {false, 0}});
  finding.traces = {trace};
  return finding;
}

Report MakeReport(Verdict verdict) {
  Report report;
  report.input = "scenarios/o1-add.json";
  report.semantics = "withdraw-remember";
  report.verdict = verdict;
  return report;
}

TEST_CASE("JUnit report") {
  const size_t rules = ModelCatalog::Embedded().rules().size();

  SUBCASE("Given a clean run, we should list one passing case per rule, not an empty file") {
    std::string xml = Junit(MakeReport(Verdict::kPass));
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0) == 0);
    CHECK(Occurrences(xml, "<testcase ") == rules);
    CHECK(xml.find("tests=\"" + std::to_string(rules) + "\" failures=\"0\" errors=\"0\" skipped=\"0\"") !=
          std::string::npos);
    CHECK(xml.find("<testsuite name=\"scenarios/o1-add.json\"") != std::string::npos);
    CHECK(xml.find("classname=\"o1-add.version-conflict\" name=\"no kst/version-conflict\"") != std::string::npos);
    CHECK(xml.find("time=") == std::string::npos);
    CHECK(xml.find("timestamp") == std::string::npos);
    CHECK(xml == Junit(MakeReport(Verdict::kPass)));
  }
  SUBCASE("Given an error finding, we should fail its case with the whole explanation") {
    Report report = MakeReport(Verdict::kFail);
    report.findings.push_back(MakeFinding("kst/version-conflict", Severity::kError, "ex1.contoso.com"));
    std::string xml = Junit(report);
    CHECK(Occurrences(xml, "<testcase ") == rules);  // the finding replaces "no kst/version-conflict"
    CHECK(xml.find("failures=\"1\" errors=\"0\" skipped=\"0\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"o1-add.version-conflict\" name=\"ex1.contoso.com\">\n      <failure "
                   "message=\"ex1.contoso.com can be claimed with two different versions\" "
                   "type=\"kst/version-conflict\">") != std::string::npos);
    for (const char* part :
         {"servers: 2 of 2 FrontEnd servers (fe01.contoso.com, fe02.contoso.com)",
          "version 6  Topology: trusted application pool  (plan.json:7:23)",
          "  14563 LS Protocol Stack (Error): claimed with versions 0 and 6",
          "trace (shortest order to the conflict) on fe01.contoso.com:",
          "0. steady start with the base topology -&gt; ex1.contoso.com version 0",
          "14493 LS Protocol Stack (Information): ex1.contoso.com added (version 0)",
          "1. fe01.contoso.com receives the topology -&gt; ex1.contoso.com absent",
          "14563 LS Protocol Stack (Error): both removed", "  - Remove the trusted application pool."})
      CHECK_MESSAGE(xml.find(part) != std::string::npos, part);
    CHECK(xml.find("no kst/version-conflict") == std::string::npos);
  }
  SUBCASE("Given a warning, we should pass its case and explain it in system-out") {
    Report report = MakeReport(Verdict::kPass);
    report.findings.push_back(MakeFinding("kst/order-dependent", Severity::kWarning, "ex1.contoso.com"));
    std::string xml = Junit(report);
    CHECK(xml.find("failures=\"0\" errors=\"0\" skipped=\"0\"") != std::string::npos);
    CHECK(xml.find("name=\"ex1.contoso.com\">\n      <system-out>warning kst/order-dependent: ex1.contoso.com\n") !=
          std::string::npos);
  }
  SUBCASE("Given a waived finding, we should skip its case with the waiver's reason, owner and expiry") {
    Report report = MakeReport(Verdict::kPass);
    Finding finding = MakeFinding("kst/version-conflict", Severity::kError, "ex1.contoso.com");
    finding.waiver = WaiverRef{"OWA IM moves in Q3", "uc-team", "2031-01-31", {"waivers.json", 3, 5}};
    report.findings.push_back(finding);
    std::string xml = Junit(report);
    CHECK(xml.find("failures=\"0\" errors=\"0\" skipped=\"1\"") != std::string::npos);
    CHECK(xml.find("<skipped message=\"waived: OWA IM moves in Q3 (uc-team, 2031-01-31)\"/>") != std::string::npos);
    CHECK(xml.find("waived at waivers.json:3:5: OWA IM moves in Q3") != std::string::npos);
  }
  SUBCASE("Given an inconclusive verdict, we should report an error and claim no rule passed") {
    Report report = MakeReport(Verdict::kInconclusive);
    report.inconclusive_reasons = {"the state budget (--max-states 1) ran out"};
    std::string xml = Junit(report);
    CHECK(xml.find("<testcase classname=\"o1-add.verdict\" name=\"verdict\">\n      <error message=\"inconclusive: "
                   "the state budget (--max-states 1) ran out\" type=\"kst/inconclusive\">") != std::string::npos);
    CHECK(xml.find("failures=\"0\" errors=\"1\" skipped=\"" + std::to_string(rules) + "\"") != std::string::npos);
    CHECK(Occurrences(xml, "not established: the verdict is inconclusive") == rules);
  }
  SUBCASE("Given a scenario whose expectation is not met, we should fail an expectation case") {
    Report report = MakeReport(Verdict::kPass);
    report.expectation = ExpectationResult{false, {"expected verdict fail, got pass"}};
    std::string xml = Junit(report);
    CHECK(xml.find("name=\"expectation\">\n      <failure message=\"expectation not met: expected verdict fail, got "
                   "pass\" type=\"kst/expectation\">") != std::string::npos);
    report.expectation = ExpectationResult{true, {}};
    CHECK(Junit(report).find("<testcase classname=\"o1-add.expectation\" name=\"expectation\"/>") != std::string::npos);
  }
  SUBCASE("Given two findings of one rule and FQDN, we should keep both cases apart") {
    Report report = MakeReport(Verdict::kFail);
    report.findings.push_back(MakeFinding("kst/unknown-server", Severity::kError, "ex1.contoso.com"));
    report.findings.push_back(MakeFinding("kst/unknown-server", Severity::kWarning, "ex1.contoso.com"));
    std::string xml = Junit(report);
    CHECK(xml.find("name=\"ex1.contoso.com\">") != std::string::npos);
    CHECK(xml.find("name=\"ex1.contoso.com (2)\">") != std::string::npos);
  }
}

TEST_CASE("JUnit escaping") {
  Report report = MakeReport(Verdict::kFail);
  report.input = "dir/a&b.json";
  Finding finding = MakeFinding("kst/version-conflict", Severity::kError, "ex1.contoso.com");
  finding.message =
      std::string("a<b & \"c\" 'd'\x01\x1b|\t|\r\n|\xff|\xED\xA0\x80|\xEF\xBF\xBE|\xC0\xAF|\xF8\x90\x80\x80|é€𝄞");
  report.findings.push_back(finding);
  std::string xml = Junit(report);

  SUBCASE("markup characters become entities, in attributes and in bodies") {
    CHECK(xml.find("<testsuite name=\"dir/a&amp;b.json\"") != std::string::npos);
    CHECK(xml.find("message=\"a&lt;b &amp; &quot;c&quot; &apos;d&apos;") != std::string::npos);
    CHECK(xml.find("\na&lt;b &amp; \"c\" 'd'") != std::string::npos);
    CHECK(xml.find("classname=\"a&amp;b.version-conflict\"") != std::string::npos);
  }
  SUBCASE("a value's control characters and broken UTF-8 are shown escaped; what XML 1.0 forbids is replaced") {
    const std::string r = "\xEF\xBF\xBD";  // U+FFFD for U+FFFE: valid UTF-8, but no XML character
    CHECK(xml.find("&apos;d&apos;\\x01\\x1b|\\t|\\r\\n|\\xff|\\xed\\xa0\\x80|" + r +
                   "|\\xc0\\xaf|\\xf8\\x90\\x80\\x80|é€𝄞\"") != std::string::npos);
    bool clean = std::none_of(xml.begin(), xml.end(), [](char c) {
      unsigned char byte = static_cast<unsigned char>(c);
      return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0xFF;
    });
    CHECK(clean);
    CHECK(xml.find("\xED\xA0\x80") == std::string::npos);  // a UTF-16 surrogate
    CHECK(xml.find("\xEF\xBF\xBE") == std::string::npos);  // U+FFFE
  }
}

}  // namespace
}  // namespace kst
