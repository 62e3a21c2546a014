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

}  // namespace
}  // namespace kst
