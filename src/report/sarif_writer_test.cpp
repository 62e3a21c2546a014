// The SARIF report (src/report/sarif_writer.cpp): its shape on a hand-made
// report. Microsoft's validator checks real outputs in tests/e2e/run_sarif.sh.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "model/model_catalog.h"
#include "report/report_writer.h"

namespace kst {
namespace {

using nlohmann::json;

std::string WriteSarif(const Report& report) {
  std::ostringstream out;
  MakeReportWriter("sarif")->Write(report, out);
  return out.str();
}

json Run(const Report& report) {
  return json::parse(WriteSarif(report))["runs"][0];
}

Trace ConflictTrace() {
  Trace trace;
  trace.title = "shortest order to the conflict";
  trace.server = "fe01.contoso.com";
  trace.fqdn = "ex1.contoso.com";
  trace.start_lines = {{"14493", "ex1.contoso.com added (version 0)"}};
  trace.entry_at_start = {true, 0};
  trace.steps.push_back({CellEvent::kAdminStep, 0, "plan step 1: add trusted application pool", {}, {true, 0}});
  trace.steps.push_back({CellEvent::kReplicate,
                         0,
                         "fe01.contoso.com receives the topology",
                         {{"14563", "ex1.contoso.com is claimed with versions 0 and 6"}},
                         {false, 0}});
  return trace;
}

/// Given a scenario whose plan adds a pool that UM Routing already claims,
/// with a waived warning and an input warning.
Report ConflictReport() {
  Report report;
  report.input = "scenarios/plan.json";
  report.is_scenario = true;
  report.semantics = "withdraw-remember";
  report.verdict = Verdict::kFail;
  report.statistics.seconds = 1.25;
  Finding conflict;
  conflict.rule = "kst/version-conflict";
  conflict.fqdn = "ex1.contoso.com";
  conflict.servers = {"fe01.contoso.com", "fe02.contoso.com"};
  conflict.servers_summary = "2 of 2 FrontEnd servers";
  conflict.message = "ex1.contoso.com can be claimed with two different versions";
  conflict.claims = {{"Exchange UM Routing", 0, "dial plan host", {"scenarios/topologies/base.json", 15, 66}},
                     {"Topology", 6, "trusted application pool ex1.contoso.com", {"scenarios/plan.json", 7, 23}}};
  conflict.traces = {ConflictTrace()};
  Finding waived = conflict;
  waived.rule = "kst/order-dependent";
  waived.severity = Severity::kWarning;
  waived.traces.clear();
  waived.waiver = WaiverRef{"accepted until the migration", "ops", "2099-12-31", {"waivers.json", 3, 5}};
  report.findings = {conflict, waived};
  report.diagnostics.Warning("unknown-field", {"scenarios/plan.json", 2, 3}, "/colour", "unknown field \"colour\"");
  return report;
}

TEST_CASE("sarif writer") {
  Report report = ConflictReport();
  json run = Run(report);
  const json& result = run["results"][0];

  SUBCASE("a SARIF 2.1.0 log with one run and kst's rules from the model") {
    json log = json::parse(WriteSarif(report));
    CHECK(log["version"] == "2.1.0");
    CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
    CHECK(log["runs"].size() == 1);
    const json& driver = run["tool"]["driver"];
    CHECK(driver["name"] == "kst");
    CHECK(driver["version"] == KST_VERSION);
    const std::vector<RuleInfo>& rules = ModelCatalog::Embedded().rules();
    REQUIRE(driver["rules"].size() == rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
      CHECK(driver["rules"][i]["id"] == rules[i].id);
      CHECK(driver["rules"][i]["name"] == rules[i].name);
      CHECK(driver["rules"][i]["defaultConfiguration"]["level"] == rules[i].level);
      CHECK(driver["rules"][i]["help"]["markdown"].get<std::string>().find("How to fix") != std::string::npos);
    }
  }
  SUBCASE("a result at the plan's claim, the base topology's claim related") {
    CHECK(result["ruleId"] == "kst/version-conflict");
    CHECK(run["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()]["id"] == result["ruleId"]);
    CHECK(result["level"] == "error");
    CHECK(result["message"]["text"] ==
          "ex1.contoso.com can be claimed with two different versions. Affected: 2 of 2 FrontEnd servers "
          "(fe01.contoso.com, fe02.contoso.com).");
    const json& at = result["locations"][0]["physicalLocation"];
    CHECK(at["artifactLocation"] == json{{"uri", "scenarios/plan.json"}, {"uriBaseId", "%SRCROOT%"}});
    CHECK(at["region"] == json{{"startLine", 7}, {"startColumn", 23}});
    REQUIRE(result["relatedLocations"].size() == 1);
    CHECK(result["relatedLocations"][0]["id"] == 0);
    CHECK(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 15);
    CHECK(result["relatedLocations"][0]["message"]["text"] == "Exchange UM Routing claims version 0: dial plan host.");
    CHECK(run["results"][1]["level"] == "warning");
  }
  SUBCASE("a trace is a thread flow: the start, then each step with its log lines and the entry after") {
    const json& steps = result["codeFlows"][0]["threadFlows"][0]["locations"];
    REQUIRE(steps.size() == 3);
    CHECK(steps[0]["state"]["ex1.contoso.com"]["text"] == "version 0");
    CHECK(steps[2]["state"]["ex1.contoso.com"]["text"] == "absent");
    CHECK(steps[2]["location"]["message"]["text"].get<std::string>().find("14563") != std::string::npos);
    CHECK(steps[2]["properties"]["event"] == "replicate");
    CHECK(steps[0]["location"]["physicalLocation"]["artifactLocation"]["uri"] == "scenarios/topologies/base.json");
    CHECK(steps[1]["location"]["physicalLocation"]["region"]["startLine"] == 7);
  }
  SUBCASE("fingerprints are stable across runs and server order, and differ between findings") {
    std::string fingerprint = result["partialFingerprints"]["kstFinding/v2"];
    CHECK(fingerprint.size() == 16);
    CHECK(WriteSarif(report) == WriteSarif(report));
    std::swap(report.findings[0].servers[0], report.findings[0].servers[1]);
    CHECK(Run(report)["results"][0]["partialFingerprints"]["kstFinding/v2"] == fingerprint);
    CHECK(run["results"][1]["partialFingerprints"]["kstFinding/v2"] != fingerprint);
    report.findings[1] = report.findings[0];
    json twice = Run(report)["results"];
    CHECK(twice[1]["partialFingerprints"]["kstFinding/v2"] == fingerprint + ":2");
  }
  SUBCASE("fingerprints name the rule, the FQDN and a certificate's subject, not the servers or the severity") {
    const std::string fingerprint = result["partialFingerprints"]["kstFinding/v2"];
    report.findings[0].servers.push_back("fe03.contoso.com");  // a Front End added anywhere
    report.findings[0].servers_summary = "3 of 3 FrontEnd servers";
    report.findings[0].severity = Severity::kWarning;
    CHECK(Run(report)["results"][0]["partialFingerprints"]["kstFinding/v2"] == fingerprint);
    report.findings[0].fqdn = "ex2.contoso.com";
    CHECK(Run(report)["results"][0]["partialFingerprints"]["kstFinding/v2"] != fingerprint);
    Finding certificate;
    certificate.rule = "cert/validity";
    certificate.fqdn = "ex1.contoso.com";
    certificate.subject = "ex1.contoso.com";
    Finding second = certificate;
    second.subject = "*.contoso.com";  // another certificate of the same server
    report.findings = {certificate, second};
    json results = Run(report)["results"];
    const std::string first_print = results[0]["partialFingerprints"]["kstFinding/v2"];
    const std::string second_print = results[1]["partialFingerprints"]["kstFinding/v2"];
    CHECK(first_print != second_print);
    CHECK(first_print.size() == 16);
    CHECK(second_print.size() == 16);
  }
  SUBCASE("a waived finding carries an external suppression with its reason") {
    CHECK_FALSE(result.contains("suppressions"));
    const json& suppression = run["results"][1]["suppressions"][0];
    CHECK(suppression["kind"] == "external");
    CHECK(suppression["justification"] == "accepted until the migration");
    CHECK(suppression["location"]["physicalLocation"]["artifactLocation"]["uri"] == "waivers.json");
  }
  SUBCASE("diagnostics are notifications; no timestamps, no timings") {
    const json& invocation = run["invocations"][0];
    CHECK(invocation["executionSuccessful"] == true);
    const json& notification = invocation["toolExecutionNotifications"][0];
    CHECK(notification["level"] == "warning");
    CHECK(notification["descriptor"]["id"] == "unknown-field");
    CHECK(notification["locations"][0]["physicalLocation"]["region"]["startLine"] == 2);
    CHECK(run["properties"]["verdict"] == "fail");
    std::string text = WriteSarif(report);
    CHECK(text.find("seconds") == std::string::npos);
    CHECK(text.find("Utc") == std::string::npos);
  }
  SUBCASE("a run that is inconclusive, interrupted or rests on a partial exploration did not execute successfully") {
    report.verdict = Verdict::kInconclusive;
    report.inconclusive_reasons = {"the state budget (--max-states 1) ran out before every order was explored"};
    json invocation = Run(report)["invocations"][0];
    CHECK(invocation["executionSuccessful"] == false);
    json last = invocation["toolExecutionNotifications"].back();
    CHECK(last["level"] == "error");
    CHECK(last["descriptor"]["id"] == "kst/inconclusive");
    CHECK(last["message"]["text"] ==
          "inconclusive: the state budget (--max-states 1) ran out before every order was explored.");
    report.verdict = Verdict::kFail;  // errors found, but not every order explored
    CHECK(Run(report)["invocations"][0]["executionSuccessful"] == false);
    report.interrupted = true;
    report.inconclusive_reasons = {"interrupted: 3 of 9 cell classes were explored before the interrupt"};
    invocation = Run(report)["invocations"][0];
    CHECK(invocation["executionSuccessful"] == false);
    last = invocation["toolExecutionNotifications"].back();
    CHECK(last["level"] == "error");
    CHECK(last["descriptor"]["id"] == "kst/interrupted");
    CHECK(last["message"]["text"] == "interrupted: 3 of 9 cell classes were explored before the interrupt.");
  }
  SUBCASE("URIs: relative as given, absolute as file://, special characters percent-encoded") {
    report.findings[0].claims[0].location.file = "/srv/kst inputs/base#1.json";
    report.findings[0].claims[1].location.file = "./plan.json";
    report.findings[0].claims[1].location.line = 0;
    json again = Run(report)["results"][0];
    const json& related = again["relatedLocations"][0]["physicalLocation"];
    CHECK(related["artifactLocation"] == json{{"uri", "file:///srv/kst%20inputs/base%231.json"}});
    const json& at = again["locations"][0]["physicalLocation"];
    CHECK(at["artifactLocation"]["uri"] == "plan.json");
    CHECK(at["region"] == json{{"startLine", 1}});
  }
}

}  // namespace
}  // namespace kst
