// --semantics all: every reading analysed, the worst judges.

#include "check/every_reading.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "test_world.h"

namespace kst {
namespace {

const ModelCatalog& Model() {
  return ModelCatalog::Embedded();
}

/// O3 (a TAP added, replicated, every Front End restarted), then the TAP removed: under the default reading
/// UM Routing remembers it withdrew ex1 and the Front Ends end without it; readings differ on that.
std::string RemoveAfterRestart() {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(, "plan": [
      {"op": "add_trusted_application_pool",
       "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}},
      {"op": "wait_for_replication"},
      {"op": "restart", "pool": "pool01.contoso.com"},
      {"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"},
      {"op": "wait_for_replication"}],
    "environment": {"restarts": "planned"}})";
}

bool Has(const Report& report, const Finding& finding) {
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return f.rule == finding.rule && f.fqdn == finding.fqdn && f.severity == finding.severity;
  });
}

TEST_CASE("--semantics all reports every reading's findings and judges on the worst") {
  const Scenario scenario = AssertScenario(RemoveAfterRestart());
  const Report all = AnalyzeEveryReading(scenario, true, Model(), {}, {});
  CHECK(all.semantics == "all");
  bool some_reading_fails = false;
  for (const Semantics& reading : Model().semantics()) {
    CAPTURE(reading.name);
    AnalysisOptions options;
    options.semantics = &reading;
    const Report one = Analyze(scenario, true, Model(), options, {});
    some_reading_fails |= one.verdict == Verdict::kFail;
    for (const Finding& finding : one.findings) CHECK(Has(all, finding));  // nothing a reading finds is lost
    CHECK(all.notes.back().find(reading.name + " " + VerdictName(one.verdict)) != std::string::npos);
  }
  CHECK((all.verdict == Verdict::kFail) == some_reading_fails);
  // No finding twice.
  for (size_t i = 0; i < all.findings.size(); ++i)
    for (size_t j = i + 1; j < all.findings.size(); ++j)
      CHECK_FALSE((all.findings[i].rule == all.findings[j].rule && all.findings[i].fqdn == all.findings[j].fqdn &&
                   all.findings[i].severity == all.findings[j].severity));
}

}  // namespace
}  // namespace kst
