// Fixes made for the plan and explored before they are printed.

#include "check/plan_fixes.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "test_world.h"

namespace kst {
namespace {

const char* kAddTap = R"({"op": "add_trusted_application_pool",
    "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})";

std::string Plan(const std::string& steps, const std::string& topology = ContosoTopology()) {
  return R"({"format": "kst-scenario/1", "topology": )" + topology + R"(, "plan": [)" + steps +
         R"(], "environment": {"restarts": "planned"}})";
}

const Finding& Find(const Report& report, const std::string& rule, Severity severity) {
  auto it = std::find_if(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return f.rule == rule && f.fqdn == "ex1.contoso.com" && f.severity == severity;
  });
  REQUIRE(it != report.findings.end());
  return *it;
}

Report Check(const Scenario& scenario) {
  return Analyze(scenario, true, ModelCatalog::Embedded(), {}, {});
}

TEST_CASE("O1: leaving the pool out is the fix kst re-checked for the conflict and for the lost entry") {
  const Report report = Check(AssertScenario(Plan(kAddTap)));
  const Finding& conflict = Find(report, "kst/version-conflict", Severity::kError);
  REQUIRE(conflict.checked_fixes.size() == 1);
  CHECK(conflict.checked_fixes[0].fix.rfind("Leave out plan step 1 (add trusted application pool", 0) == 0);
  CHECK(conflict.checked_fixes[0].result == "nothing left on ex1.contoso.com; the edited plan: pass");
  CHECK(conflict.checked_fixes[0].verdict == "pass");
  const Finding& unknown = Find(report, "kst/unknown-server", Severity::kError);
  REQUIRE(unknown.checked_fixes.size() == 1);
  CHECK(unknown.checked_fixes[0].fix == conflict.checked_fixes[0].fix);
}

TEST_CASE("a pool removed where UM Routing's entry was lost to 14563: restart after the removal") {
  // Given the seed topology (ex1 both a SipName host and a pool), removing the pool leaves ex1 unknown under
  // the default reading until the next start, which reads UM Routing's hosts afresh.
  const std::string topology = R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
       "computers": ["fe01.contoso.com", "fe02.contoso.com"]}],
      "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]}})";
  const Report report =
      Check(AssertScenario(Plan(R"({"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})", topology)));
  const Finding& unknown = Find(report, "kst/unknown-server", Severity::kError);
  REQUIRE(unknown.checked_fixes.size() == 1);
  CHECK(unknown.checked_fixes[0].fix.rfind(
            "After plan step 1, wait for replication, then restart RTCSRV on fe01.contoso.com, fe02.contoso.com", 0) ==
        0);
  CHECK(unknown.checked_fixes[0].result.find("error kst/unknown-server") == std::string::npos);
}

TEST_CASE("seed 004's caveat: the pool added back after the dial plan moves is the fix, with its outage") {
  const std::string topology = R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
       "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013", "owa_im": true},
                             {"fqdn": "ex2.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]}})";
  const Report report = Check(AssertScenario(
      Plan(R"({"op": "set_dial_plan", "name": "Contoso SIP", "servers": ["ex2.contoso.com"]})", topology)));
  const Finding& unknown = Find(report, "kst/unknown-server", Severity::kError);
  REQUIRE(unknown.checked_fixes.size() == 1);
  CHECK(unknown.checked_fixes[0].fix.rfind("After plan step 1, restart RTCSRV on fe01.contoso.com, fe02.contoso.com",
                                           0) == 0);
  CHECK(unknown.checked_fixes[0].fix.find("then add a trusted application pool for ex1.contoso.com") !=
        std::string::npos);
  // The outage it costs stays, as a warning; no 14563 (the pool never meets UM Routing's entry).
  CHECK(unknown.checked_fixes[0].result ==
        "left on ex1.contoso.com: warning kst/unknown-server (outage fe01.contoso.com from step 1 to step 4, "
        "fe02.contoso.com from step 1 to step 4); the edited plan: pass");
}

TEST_CASE("an edit carries into every later step: the pool left out stays out, owa_im stays set") {
  const Scenario scenario = AssertScenario(Plan(std::string(kAddTap) + R"(, {"op": "wait_for_replication"},
      {"op": "add_exchange_server", "server": {"fqdn": "ex2.contoso.com", "version": "2016"}})"));
  Finding conflict;
  conflict.rule = "kst/version-conflict";
  conflict.fqdn = "ex1.contoso.com";
  conflict.outcomes.push_back(ServerOutcome{});
  const auto fixes = CandidateFixes(scenario, conflict, ModelCatalog::Embedded());
  REQUIRE_FALSE(fixes.empty());
  const Scenario edited = fixes.front().make();
  REQUIRE(edited.plan.size() == 2);
  CHECK(edited.plan[0].op == "wait_for_replication");
  CHECK(edited.plan[1].op == "add_exchange_server");
  for (const PlanStep& step : edited.plan) {
    CHECK(step.after->trusted_application_pools.empty());
    CHECK(step.after->FindExchangeServer("ex1.contoso.com")->owa_im);
  }
  CHECK(edited.plan[1].after->FindExchangeServer("ex2.contoso.com"));
  CHECK_FALSE(edited.expect);
}

TEST_CASE("a certificate or clock rule's own advice is applied to the input and printed only if it works") {
  // Given a wildcard UM certificate (seed 002) and an Edge clock five hours off (seed 000) at the check time,
  // we should find each rule's advice re-checked: the edited input no longer has the finding.
  const std::string topology = R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com"]},
      {"fqdn": "edgepool.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]},
    "certificates": [{"server": "ex1.contoso.com", "subject_cn": "*.contoso.com", "san": ["*.contoso.com"],
                      "services": ["UM"], "not_before": "2025-01-01", "not_after": "2027-01-01"}]})";
  const Report report = Analyze(AssertScenario(R"({"format": "kst-scenario/1", "at": "2026-01-01T00:00:00Z",
      "topology": )" + topology + R"(, "plan": []})"),
                                true, ModelCatalog::Embedded(), {}, {});
  auto wildcard = std::find_if(report.findings.begin(), report.findings.end(),
                               [](const Finding& f) { return f.rule == "cert/wildcard-subject"; });
  REQUIRE(wildcard != report.findings.end());
  REQUIRE(wildcard->checked_fixes.size() == 1);
  CHECK(wildcard->checked_fixes[0].fix == wildcard->fixes.front());
  CHECK(wildcard->checked_fixes[0].result == "nothing left on ex1.contoso.com; the edited plan: pass");
}

TEST_CASE("fixes are not re-checked past the cell budget, and a note says so") {
  Report report;
  report.findings.push_back(Finding{});
  report.statistics.cells = kMaxCellsForRechecks + 1;
  AddCheckedFixes(AssertScenario(Plan(kAddTap)), ModelCatalog::Embedded(), {}, &report);
  REQUIRE(report.notes.size() == 1);
  CHECK(report.notes[0].find("not re-checked") != std::string::npos);
}

}  // namespace
}  // namespace kst
