// Waiver files are read strictly: a key kst does not read, a list of no
// servers or a date that is no day of the calendar is an input error, never a
// waiver wider or longer-lived than the one written.

#include "input/waiver_loader.h"

#include <doctest/doctest.h>

#include "base/timestamp.h"
#include "test_world.h"

namespace kst {
namespace {

/// One waiver, `extra` spliced into its object (after a comma).
std::string WaiverFile(const std::string& extra, const std::string& expires = "2027-03-31") {
  return R"({"format": "kst-waivers/1", "waivers": [{"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com",
    "reason": "TAP removal scheduled", "owner": "uc-team@contoso.com", "expires": ")" +
         expires + "\"" + (extra.empty() ? "" : ", " + extra) + "}]}";
}

struct Loaded {
  bool ok = false;
  std::vector<Waiver> waivers;
  Diagnostics diagnostics;
  std::string text;
};

Loaded Load(const std::string& text) {
  VirtualFileReader files;
  files.Add("w.json", text);
  Loaded loaded;
  loaded.ok = LoadWaiverFile("w.json", &files, &loaded.waivers, &loaded.diagnostics);
  loaded.text = DiagnosticsText(loaded.diagnostics);
  // A loader fails exactly when it reports an error (fuzz/fuzz_checks.h).
  CHECK(loaded.ok == !loaded.diagnostics.has_errors());
  return loaded;
}

TEST_CASE("servers: a list, \"*\" or absent; never a misspelt key or an empty list") {
  SUBCASE("a list covers those servers only") {
    Loaded loaded = Load(WaiverFile(R"("servers": ["fe01.contoso.com"])"));
    REQUIRE(loaded.ok);
    CHECK_FALSE(loaded.waivers[0].every_server);
    CHECK(loaded.waivers[0].servers == std::vector<std::string>{"fe01.contoso.com"});
  }
  SUBCASE("\"*\" and absent mean every server") {
    for (const std::string& extra : {std::string(R"("servers": "*")"), std::string()}) {
      Loaded loaded = Load(WaiverFile(extra));
      REQUIRE(loaded.ok);
      CHECK(loaded.waivers[0].every_server);
    }
  }
  SUBCASE("a misspelt servers key is an error at the key, not a waiver of every server") {
    for (const char* key : {"server", "Servers", "servres"}) {
      INFO(key);
      Loaded loaded = Load(WaiverFile("\"" + std::string(key) + R"(": ["fe01.contoso.com"])"));
      CHECK_FALSE(loaded.ok);
      CHECK(loaded.waivers.empty());
      CHECK(loaded.text.find("w.json:2:") == 0);
      CHECK(loaded.text.find("error[unknown-field]: unknown field \"" + std::string(key) + "\" in waiver") !=
            std::string::npos);
      CHECK(loaded.text.find("(/waivers/0/" + std::string(key) + ")") != std::string::npos);
    }
  }
  SUBCASE("an empty list is a waiver for no server: an error") {
    Loaded loaded = Load(WaiverFile(R"("servers": [])"));
    CHECK_FALSE(loaded.ok);
    CHECK(loaded.text.find("error[wrong-value]: a waiver for no server: list the servers it covers, or \"*\" for "
                           "every server (/waivers/0/servers)") != std::string::npos);
  }
  SUBCASE("any other unknown key, and one beside \"waivers\", is an error too") {
    CHECK_FALSE(Load(WaiverFile(R"("expire": "2020-01-01")")).ok);
    Loaded top = Load(R"({"format": "kst-waivers/1", "waiver": [], "waivers": []})");
    CHECK_FALSE(top.ok);
    CHECK(top.text.find("error[unknown-field]: unknown field \"waiver\" in waiver file") != std::string::npos);
    CHECK(Load(R"({"format": "kst-waivers/1", "description": "ok", "waivers": []})").ok);
  }
}

TEST_CASE("expires: a real day of the years 0001 to 9999") {
  SUBCASE("a leap day in a leap year is a day") {
    Loaded loaded = Load(WaiverFile("", "2028-02-29"));
    REQUIRE(loaded.ok);
    int64_t day = 0;
    std::string why;
    REQUIRE(ParseCivilDate("2028-02-29", &day, &why));
    CHECK(loaded.waivers[0].expires_day == day);
  }
  const struct {
    const char* date;
    const char* why;
  } bad[] = {
      {"2026-02-30", "no such day: month 2 of 2026 has 28 days"},
      {"2099-04-31", "no such day: month 4 of 2099 has 30 days"},
      {"2100-02-29", "no such day: month 2 of 2100 has 28 days"},
      {"0000-01-01", "no year 0000"},
      {"2026-13-01", "no month 13"},
      {"2026-1-1", "expected a date YYYY-MM-DD"},
      {"2027-03-31T00:00:00Z", "expected a date YYYY-MM-DD"},
  };
  for (const auto& item : bad) {
    INFO(item.date);
    Loaded loaded = Load(WaiverFile("", item.date));
    CHECK_FALSE(loaded.ok);
    CHECK(loaded.text.find("error[wrong-value]: expires must be a date YYYY-MM-DD, not \"" + std::string(item.date) +
                           "\": " + item.why) != std::string::npos);
    CHECK(loaded.text.find("(/waivers/0/expires)") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst
