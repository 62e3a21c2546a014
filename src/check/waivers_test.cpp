// Applying waivers: a waiver covers its own servers only, a waiver for no
// server covers nothing, and expiry is judged on days, not on text.

#include "check/waivers.h"

#include <doctest/doctest.h>

#include "base/timestamp.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

int64_t Day(const char* text) {
  int64_t day = 0;
  std::string why;
  REQUIRE(ParseCivilDate(text, &day, &why));
  return day;
}

Waiver ConflictWaiver(const char* expires) {
  Waiver waiver;
  waiver.rule = rule::kVersionConflict;
  waiver.fqdn = "ex1.contoso.com";
  waiver.reason = "TAP removal scheduled";
  waiver.owner = "uc-team@contoso.com";
  waiver.expires = expires;
  waiver.expires_day = Day(expires);
  return waiver;
}

Report ConflictReport() {
  Finding finding;
  finding.rule = rule::kVersionConflict;
  finding.fqdn = "ex1.contoso.com";
  finding.servers = {"fe01.contoso.com", "fe02.contoso.com"};
  Report report;
  report.findings.push_back(finding);
  return report;
}

TEST_CASE("a waiver covers the servers it names, every server only when it says so") {
  Report report = ConflictReport();
  Waiver waiver = ConflictWaiver("2027-03-31");
  SUBCASE("every server") {
    waiver.every_server = true;
    ApplyWaivers({waiver}, Day("2026-01-01"), &report);
    CHECK(report.findings[0].waiver.has_value());
  }
  SUBCASE("some of the affected servers: not covered, and the waiver is stale") {
    waiver.servers = {"fe01.contoso.com"};
    ApplyWaivers({waiver}, Day("2026-01-01"), &report);
    CHECK_FALSE(report.findings[0].waiver.has_value());
    REQUIRE(report.findings.size() == 2);
    CHECK(report.findings[1].rule == rule::kWaiverStale);
  }
  SUBCASE("no server at all covers nothing (the loader refuses it; this is the second line)") {
    ApplyWaivers({waiver}, Day("2026-01-01"), &report);
    CHECK_FALSE(report.findings[0].waiver.has_value());
  }
}

TEST_CASE("expiry is judged on days") {
  Report report = ConflictReport();
  Waiver waiver = ConflictWaiver("2020-06-30");
  waiver.every_server = true;
  SUBCASE("valid through its expiry day") {
    ApplyWaivers({waiver}, Day("2020-06-30"), &report);
    CHECK(report.findings[0].waiver.has_value());
  }
  SUBCASE("expired the day after") {
    ApplyWaivers({waiver}, Day("2020-07-01"), &report);
    CHECK_FALSE(report.findings[0].waiver.has_value());
    REQUIRE(report.findings.size() == 2);
    CHECK(report.findings[1].rule == rule::kWaiverExpired);
  }
  SUBCASE("today in the year 9999 and a waiver of 2020: expired") {
    ApplyWaivers({waiver}, Day("9999-12-31"), &report);
    REQUIRE(report.findings.size() == 2);
    CHECK(report.findings[1].rule == rule::kWaiverExpired);
  }
}

}  // namespace
}  // namespace kst
