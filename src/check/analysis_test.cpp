// The analysis: findings per (rule, FQDN), verdicts, readings, expectations.

#include "check/analysis.h"

#include <algorithm>

#include "check/expectation.h"
#include "engine/state_graph.h"
#include "test_world.h"

namespace kst {
namespace {

Report Check(const Scenario& scenario, const Diagnostics& diagnostics = {}, AnalysisOptions options = {}) {
  return Analyze(scenario, true, ModelCatalog::Embedded(), options, diagnostics);
}

const Finding* FindFinding(const Report& report, const std::string& rule, const std::string& fqdn) {
  for (const Finding& finding : report.findings)
    if (finding.rule == rule && finding.fqdn == fqdn) return &finding;
  return nullptr;
}

std::string Scenario1(const std::string& plan, const std::string& restarts = "planned",
                      const std::string& extra_lync = "") {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology(extra_lync) + R"(, "plan": [)" + plan +
         R"(], "environment": {"restarts": ")" + restarts + R"("}})";
}

const char* kAddTap = R"({"op": "add_trusted_application_pool",
    "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})";

TEST_CASE("O1 as a scenario: conflict and permanent loss on both Front Ends, not on the Edge") {
  Report report = Check(AssertScenario(Scenario1(kAddTap)));
  CHECK(report.verdict == Verdict::kFail);
  const Finding* conflict = FindFinding(report, "kst/version-conflict", "ex1.contoso.com");
  REQUIRE(conflict);
  CHECK(conflict->servers == std::vector<std::string>{"fe01.contoso.com", "fe02.contoso.com"});
  CHECK(conflict->servers_summary == "2 of 2 FrontEnd servers");
  REQUIRE(conflict->traces.size() == 1);
  const Trace& trace = conflict->traces[0];
  REQUIRE(trace.steps.size() == 2);
  CHECK(trace.steps[1].event == CellEvent::kReplicate);
  CHECK(trace.steps[1].lines.at(0).event_key == "14563");
  CHECK_FALSE(trace.steps[1].entry_after.present);
  CHECK(conflict->events.size() == 1);
  CHECK(conflict->fixes.size() == 2);
  CHECK(conflict->holds_under == std::vector<std::string>{"withdraw-remember", "retry-list", "forget"});
  const Finding* unknown = FindFinding(report, "kst/unknown-server", "ex1.contoso.com");
  REQUIRE(unknown);
  CHECK(unknown->severity == Severity::kError);
  CHECK(report.statistics.cells == report.statistics.servers * report.statistics.fqdns);
}

TEST_CASE(
    "a conflict already in the base topology breaks only servers not restarted since; one a plan brings "
    "breaks without condition") {
  // Given ex1 hosting the SipName dial plan and a TAP ex1 in the base topology (O3's state), every start ends
  // with the topology's entry: the impact must be stated under its condition, never as a live outage.
  const std::string with_tap = Scenario1("", "planned",
                                         R"(, "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6,
                                              "registrar": "pool01.contoso.com"}])");
  Report base = Check(AssertScenario(with_tap));
  const Finding* conflict = FindFinding(base, "kst/version-conflict", "ex1.contoso.com");
  REQUIRE(conflict);
  CHECK(conflict->impact_condition.find("has not restarted") != std::string::npos);
  CHECK(conflict->message.find("broken now only on a server that has not") != std::string::npos);
  // The same conflict brought by the plan (O1) breaks the servers the finding names, without condition.
  Report planned = Check(AssertScenario(Scenario1(kAddTap)));
  const Finding* o1 = FindFinding(planned, "kst/version-conflict", "ex1.contoso.com");
  REQUIRE(o1);
  CHECK(o1->impact_condition.empty());
}

TEST_CASE("the safe order: a TAP for an Exchange server without a SipName dial plan passes") {
  Report report =
      Check(AssertScenario(Scenario1(R"({"op": "add_exchange_server", "server": {"fqdn": "owa.contoso.com"}},
      {"op": "add_trusted_application_pool", "pool": {"fqdn": "owa.contoso.com", "version": 6,
       "registrar": "pool01.contoso.com"}}, {"op": "wait_for_replication"}, {"op": "restart", "servers": "all"})",
                                     "any")));
  CHECK(report.verdict == Verdict::kPass);
  CHECK(report.findings.empty());
}

TEST_CASE("a patch night makes O1 order-dependent, with two orders shown") {
  Report report = Check(AssertScenario(Scenario1(kAddTap, "any")));
  const Finding* fragile = FindFinding(report, "kst/order-dependent", "ex1.contoso.com");
  REQUIRE(fragile);
  CHECK(fragile->severity == Severity::kWarning);
  REQUIRE(fragile->traces.size() == 2);
  CHECK(fragile->traces[0].steps.back().entry_after.present != fragile->traces[1].steps.back().entry_after.present);
}

TEST_CASE("open point 7 rests on the default reading only") {
  Report report = Check(
      AssertScenario(Scenario1(R"({"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})", "planned",
                               R"(, "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6,
                    "registrar": "pool01.contoso.com"}])")));
  const Finding* unknown = FindFinding(report, "kst/unknown-server", "ex1.contoso.com");
  REQUIRE(unknown);
  CHECK(unknown->severity == Severity::kError);
  CHECK(unknown->holds_under == std::vector<std::string>{"withdraw-remember"});
  CHECK(std::find(unknown->assumptions.begin(), unknown->assumptions.end(), std::string("um-remembers-withdrawn")) !=
        unknown->assumptions.end());
}

TEST_CASE("verdicts: unknown input and budgets never pass") {
  Scenario clean = AssertScenario(Scenario1(R"({"op": "wait_for_replication"})"));
  SUBCASE("an unknown field makes a clean result inconclusive") {
    Diagnostics diagnostics;
    diagnostics.Warning("unknown-field", Location{"s.json", 3, 4}, "/x", "unknown field \"x\"");
    Report report = Check(clean, diagnostics);
    CHECK(report.verdict == Verdict::kInconclusive);
    REQUIRE(report.inconclusive_reasons.size() == 1);
    CHECK(report.inconclusive_reasons[0].rfind("s.json:3:4: ", 0) == 0);
  }
  SUBCASE("an exhausted budget is inconclusive") {
    AnalysisOptions options;
    options.max_states = 1;
    Report report = Check(clean, {}, options);
    CHECK(report.verdict == Verdict::kInconclusive);
  }
  SUBCASE("issue 16 - a memory budget that would be exceeded is inconclusive and named") {
    AnalysisOptions options;
    options.max_memory_bytes = 1;
    Report report = Check(clean, {}, options);
    CHECK(report.verdict == Verdict::kInconclusive);
    REQUIRE(report.inconclusive_reasons.size() == 1);
    CHECK(report.inconclusive_reasons[0].rfind("the memory budget (--max-memory 1 byte) would be exceeded: ", 0) == 0);
    CHECK(report.inconclusive_reasons[0].find("the cell classes of 3 servers x ") != std::string::npos);
    CHECK(report.findings.empty());
  }
  SUBCASE("but an error found before the budget ran out still fails") {
    Scenario o1 = AssertScenario(Scenario1(kAddTap, "any"));
    bool seen_incomplete_failure = false;
    for (uint64_t budget = 1; budget < 64; ++budget) {
      AnalysisOptions options;
      options.max_states = budget;
      Report report = Check(o1, {}, options);
      const bool incomplete = !report.inconclusive_reasons.empty();
      const bool error = FindFinding(report, "kst/version-conflict", "ex1.contoso.com") != nullptr;
      CHECK(report.verdict == (error ? Verdict::kFail : incomplete ? Verdict::kInconclusive : Verdict::kPass));
      seen_incomplete_failure |= incomplete && error;
    }
    CHECK(seen_incomplete_failure);
  }
}

TEST_CASE("expectations compare verdicts and the exact set of (rule, FQDN) pairs") {
  Report report = Check(AssertScenario(Scenario1(kAddTap)));
  Expectation expect;
  expect.verdict = "fail";
  expect.findings = std::vector<ExpectedFinding>{{"kst/version-conflict", "ex1.contoso.com", {}, {}, {}}};
  ExpectationResult result = CompareWithExpectation(expect, report);
  CHECK_FALSE(result.met);
  REQUIRE(result.differences.size() == 1);
  CHECK(result.differences[0] == "unexpected kst/unknown-server on ex1.contoso.com (not in the expect block)");
  expect.findings->push_back({"kst/unknown-server", "ex1.contoso.com", {}, {}, {}});
  CHECK(CompareWithExpectation(expect, report).met);
  expect.verdict = "pass";
  CHECK(CompareWithExpectation(expect, report).differences ==
        std::vector<std::string>{"expected verdict pass, got fail"});
}

TEST_CASE("expectations may pin the features a finding breaks and their directions") {
  // Given O1 (ex1 is a UM host and OWA IM server), the conflict breaks UM both ways and OWA IM; an expect
  // block naming fewer features or one direction must not be met.
  Report report = Check(AssertScenario(Scenario1(kAddTap)));
  Expectation expect;
  ExpectedFinding conflict{"kst/version-conflict", "ex1.contoso.com", {}, {}, {}};
  conflict.breaks = std::vector<std::string>{
      "voicemail-deposit", "subscriber-access",       "auto-attendant", "message-waiting-indicator",
      "play-on-phone",     "auto-attendant-transfer", "owa-im"};
  conflict.directions = std::vector<std::string>{"exchange-to-lync", "lync-to-exchange"};
  expect.findings = std::vector<ExpectedFinding>{conflict, {"kst/unknown-server", "ex1.contoso.com", {}, {}, {}}};
  CHECK(CompareWithExpectation(expect, report).met);

  (*expect.findings)[0].breaks = std::vector<std::string>{"voicemail-deposit"};
  (*expect.findings)[0].directions = std::vector<std::string>{"lync-to-exchange"};
  ExpectationResult result = CompareWithExpectation(expect, report);
  REQUIRE(result.differences.size() == 2);
  CHECK(result.differences[0] ==
        ": kst/version-conflict on ex1.contoso.com breaks auto-attendant, auto-attendant-transfer, "
        "message-waiting-indicator, owa-im, play-on-phone, subscriber-access, voicemail-deposit; expected "
        "voicemail-deposit");
  CHECK(result.differences[1] ==
        ": kst/version-conflict on ex1.contoso.com breaks direction(s) exchange-to-lync, lync-to-exchange; "
        "expected lync-to-exchange");
}

TEST_CASE("cycle detection finds a strongly connected component") {
  CellVerdict verdict;
  verdict.state_list.resize(3);
  verdict.edges = {
      {0, 1, CellEvent::kUmPoll, false}, {1, 2, CellEvent::kUmPoll, false}, {2, 1, CellEvent::kUmPoll, true}};
  CHECK(CyclicComponents(verdict) == std::vector<size_t>{2});
  verdict.edges.pop_back();
  CHECK(CyclicComponents(verdict).empty());
}

}  // namespace
}  // namespace kst
