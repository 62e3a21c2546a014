// The topology a finding's impact is judged on: the revisions in force while it hurts.

#include "check/impact_in_force.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "check/analysis.h"
#include "test_world.h"

namespace kst {
namespace {

ServerOutcome Window(int from, int to, bool ends_absent = false) {
  ServerOutcome outcome;
  outcome.outage = true;
  outcome.window_from = from;
  outcome.window_to = to;
  outcome.ends_absent = ends_absent;
  return outcome;
}

TEST_CASE("the steps in force are each server's window, the plan's end for a window left open") {
  Finding finding;
  CHECK(StepsInForce(finding, 3).empty());
  finding.outcomes.push_back(ServerOutcome{});  // 14563 or an entry change on an FQDN nothing needs: no window
  CHECK(StepsInForce(finding, 3).empty());
  finding.outcomes.push_back(Window(1, 3));  // absent with 1 and 2 steps done, back at step 3
  CHECK(StepsInForce(finding, 3) == std::vector<int>{1, 2});
  finding.outcomes.push_back(Window(0, 2));  // already absent at the start
  CHECK(StepsInForce(finding, 3) == std::vector<int>{0, 1, 2});
  finding.outcomes.push_back(Window(2, 0, true));  // never back
  CHECK(StepsInForce(finding, 3) == std::vector<int>{0, 1, 2, 3});
}

bool Breaks(const Finding& finding, const std::string& feature) {
  return std::any_of(finding.impact.breaks.begin(), finding.impact.breaks.end(),
                     [&](const FeatureImpact& item) { return item.feature == feature; });
}

const Finding& Only(const Report& report, const std::string& rule) {
  auto it = std::find_if(report.findings.begin(), report.findings.end(),
                         [&](const Finding& f) { return f.rule == rule && f.fqdn == "ex1.contoso.com"; });
  REQUIRE(it != report.findings.end());
  return *it;
}

std::string Plan(const std::string& steps) {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(, "plan": [)" + steps +
         R"(], "environment": {"restarts": "planned"}})";
}

const char* kAddTap = R"({"op": "add_trusted_application_pool",
    "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})";
const char* kRemoveTap = R"({"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})";

TEST_CASE("O2: the pool the plan adds and removes again serves OWA IM during the conflict window") {
  // Neither end of the plan has the pool, so an impact on the ends alone would leave OWA IM out.
  const Report report =
      Analyze(AssertScenario(Plan(std::string(kAddTap) + R"(, {"op": "wait_for_replication"}, )" + kRemoveTap)), true,
              ModelCatalog::Embedded(), {}, {});
  const Finding& conflict = Only(report, "kst/version-conflict");
  CHECK(Breaks(conflict, "owa-im"));
  CHECK(Breaks(conflict, "voicemail-deposit"));
}

TEST_CASE("O1: the pool added at step 1 breaks OWA IM too, from then on") {
  const Report report = Analyze(AssertScenario(Plan(kAddTap)), true, ModelCatalog::Embedded(), {}, {});
  CHECK(Breaks(Only(report, "kst/version-conflict"), "owa-im"));
}

}  // namespace
}  // namespace kst
