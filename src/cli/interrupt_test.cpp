// Given an interrupt before or during the analysis, we should get a report
// that says so, covers only what was explored, can never pass, and does not
// read results that were never computed.

#include "base/interrupt.h"

#include <doctest/doctest.h>

#include "check/analysis.h"
#include "cli/gate.h"
#include "test_world.h"

namespace kst {
namespace {

const char* kO1 = R"({"format": "kst-scenario/1", "topology": {
    "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                        "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]}},
  "plan": [{"op": "add_trusted_application_pool",
            "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}}]})";

TEST_CASE("an interrupt stops the analysis with a partial, non-passing report") {
  Scenario o1 = AssertScenario(kO1);
  SetInterruptRequested(true);
  Report report = Analyze(o1, true, ModelCatalog::Embedded(), {}, {});
  SetInterruptRequested(false);
  CHECK(report.interrupted);
  CHECK(report.findings.empty());  // no class explored, so nothing to report
  CHECK(report.statistics.states == 0);
  REQUIRE(report.inconclusive_reasons.size() == 1);
  CHECK(report.inconclusive_reasons[0].find("interrupted: 0 of ") == 0);
  CHECK(report.verdict == Verdict::kInconclusive);
  std::ostringstream err;
  CHECK(GateExitCode(report, {}, err) == 130);

  SUBCASE("without the interrupt the same scenario fails as O1 does") {
    Report full = Analyze(o1, true, ModelCatalog::Embedded(), {}, {});
    CHECK_FALSE(full.interrupted);
    CHECK(full.verdict == Verdict::kFail);
  }
}

}  // namespace
}  // namespace kst
