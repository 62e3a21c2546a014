// Timestamps: the accepted ISO 8601 forms, their instants, and the texts that
// must be refused (a table of bad inputs, as in re2's parse_test).

#include "base/timestamp.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

UnixSeconds Parse(const std::string& text) {
  UnixSeconds seconds = 0;
  std::string why;
  INFO(text);
  REQUIRE(ParseTimestamp(text, &seconds, &why));
  return seconds;
}

TEST_CASE("timestamps") {
  SUBCASE("a date is midnight UTC") {
    CHECK(Parse("1970-01-01") == 0);
    CHECK(Parse("2014-10-23") == 1414022400);
    CHECK(Parse("2000-02-29") == 951782400);
  }
  SUBCASE("a date-time with Z, an offset, a fraction or a space") {
    CHECK(Parse("2014-10-23T21:31:00Z") == 1414099860);
    CHECK(Parse("2014-10-23T16:31:00-05:00") == 1414099860);
    CHECK(Parse("2014-10-23 21:31Z") == 1414099860);
    CHECK(Parse("2014-10-23T21:31:00.1234567Z") == 1414099860);
    CHECK(Parse("1969-12-31T23:59:59Z") == -1);
  }
  SUBCASE("formatting round-trips") {
    for (UnixSeconds t : {UnixSeconds{0}, UnixSeconds{-1}, UnixSeconds{1414099860}, UnixSeconds{4102444799}}) {
      CHECK(Parse(FormatTimestamp(t)) == t);
    }
    CHECK(FormatTimestamp(1414099860) == "2014-10-23T21:31:00Z");
  }
  SUBCASE("refused, with the reason") {
    const struct {
      const char* text;
      const char* why;
    } bad[] = {
        {"", "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SSZ"},
        {"23.10.2014", "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SSZ"},
        {"2014-02-30", "no such day"},
        {"2013-02-29", "no such day"},
        {"2014-13-01", "no such day"},
        {"2014-10-23T21:31:00", "a date-time needs a zone: Z (UTC) or an offset such as -06:00"},
        {"2014-10-23T25:00Z", "no such time of day"},
        {"2014-10-23T21Z", "expected a time HH:MM after the date"},
        {"2014-10-23T21:31:00+5", "expected Z or an offset +HH:MM / -HH:MM at the end"},
        {"2014-10-23T21:31:00Zjunk", "expected Z or an offset +HH:MM / -HH:MM at the end"},
    };
    for (const auto& item : bad) {
      UnixSeconds seconds = 0;
      std::string why;
      INFO(item.text);
      CHECK_FALSE(ParseTimestamp(item.text, &seconds, &why));
      CHECK(why == item.why);
    }
  }
  SUBCASE("durations for messages") {
    CHECK(FormatDuration(-18000) == "5 h 0 min");
    CHECK(FormatDuration(21600) == "6 h 0 min");
    CHECK(FormatDuration(45) == "45 s");
    CHECK(FormatDuration(301) == "5 min 1 s");
    CHECK(FormatDuration(90000) == "1 d 1 h");
  }
}

TEST_CASE("civil dates: real days of the years 0001 to 9999, compared as days") {
  // Given the dates a waiver or --today may give, we should accept exactly the
  // days of the calendar and order them as days.
  auto days = [](const std::string& text) {
    int64_t out = 0;
    std::string why;
    INFO(text);
    REQUIRE(ParseCivilDate(text, &out, &why));
    return out;
  };
  CHECK(days("1970-01-01") == 0);
  CHECK(days("2000-02-29") == 11016);  // divisible by 400: a leap year
  CHECK(days("2024-02-29") == days("2024-03-01") - 1);
  CHECK(days("0001-01-01") < days("9999-12-31"));
  CHECK(days("2020-12-31") < days("2021-01-01"));
  const struct {
    const char* text;
    const char* why;
  } bad[] = {
      {"2026-02-30", "no such day: month 2 of 2026 has 28 days"},
      {"2099-04-31", "no such day: month 4 of 2099 has 30 days"},
      {"1900-02-29", "no such day: month 2 of 1900 has 28 days"},  // divisible by 100, not 400
      {"0000-01-01", "no year 0000: years run from 0001 to 9999"},
      {"2026-00-10", "no month 0"},
      {"2026-13-01", "no month 13"},
      {"2026-01-00", "no such day: month 1 of 2026 has 31 days"},
      {"0", "expected a date YYYY-MM-DD"},
      {"", "expected a date YYYY-MM-DD"},
      {"2026-1-01", "expected a date YYYY-MM-DD"},
      {"2026-01-01T00:00:00Z", "expected a date YYYY-MM-DD"},
      {"20260-01-01", "expected a date YYYY-MM-DD"},
      {"+026-01-01", "expected a date YYYY-MM-DD"},
  };
  for (const auto& item : bad) {
    int64_t out = 0;
    std::string why;
    INFO(item.text);
    CHECK_FALSE(ParseCivilDate(item.text, &out, &why));
    CHECK(why == item.why);
  }
}

}  // namespace
}  // namespace kst
