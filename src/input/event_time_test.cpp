// The times event-log exports write: ISO 8601 with 100-ns ticks, local times
// without a zone, the en-US DateTime text of Export-Csv, FILETIME.

#include "input/event_time.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

EventTime Parsed(std::string_view text) {
  EventTime time;
  std::string why;
  REQUIRE_MESSAGE(ParseEventTime(text, &time, &why), why);
  return time;
}

std::string Refused(std::string_view text) {
  EventTime time;
  std::string why;
  CHECK_FALSE(ParseEventTime(text, &time, &why));
  return why;
}

TEST_CASE("event times") {
  SUBCASE("wevtutil: UTC with seven fractional digits") {
    EventTime time = Parsed("2026-12-06T10:32:15.1234567Z");
    CHECK(FormatTimestamp(time.seconds) == "2026-12-06T10:32:15Z");
    CHECK(time.ticks == 1234567);
    CHECK_FALSE(time.local_time);
  }
  SUBCASE("Export-Clixml: an offset, fewer digits") {
    EventTime time = Parsed("2026-12-06T11:32:15.5+01:00");
    CHECK(FormatTimestamp(time.seconds) == "2026-12-06T10:32:15Z");
    CHECK(time.ticks == 5000000);
  }
  SUBCASE("no zone: the exporting machine's local time, marked so") {
    EventTime time = Parsed("2026-12-06 10:32:15");
    CHECK(time.local_time);
    CHECK(FormatTimestamp(time.seconds) == "2026-12-06T10:32:15Z");
  }
  SUBCASE("Export-Csv under en-US") {
    CHECK(FormatTimestamp(Parsed("12/6/2026 10:32:15 PM").seconds) == "2026-12-06T22:32:15Z");
    CHECK(FormatTimestamp(Parsed("12/6/2026 12:05:00 AM").seconds) == "2026-12-06T00:05:00Z");
    CHECK(Parsed("1/2/2026 13:00:00").local_time);
  }
  SUBCASE("refused, with the reason") {
    CHECK(Refused("") == "the time is empty");
    CHECK(Refused("13/40/2026 10:00:00 AM") == "no such day");
    CHECK(Refused("12/6/2026 13:00:00 PM") == "no such hour on a 12-hour clock");
    CHECK(Refused("6.12.2026 10:00:00").find("expected a date") == 0);
    CHECK(Refused("2026-12-06T10:32:15.Z") == "expected digits after the decimal point");
  }
  SUBCASE("FILETIME") {
    EventTime time;
    REQUIRE(EventTimeFromFileTime(131231602290117122ULL, &time));
    CHECK(FormatTimestamp(time.seconds) == "2016-11-09T10:17:09Z");
    CHECK(time.ticks == 117122);  // .0117122 s
    CHECK_FALSE(EventTimeFromFileTime(0, &time));
    CHECK_FALSE(EventTimeFromFileTime(~0ULL, &time));
  }
}

}  // namespace
}  // namespace kst
