// clock/skew: the tolerance boundary, both signs, the message, and readings
// of servers the topology does not have.

#include "check/clock_checks.h"

#include <doctest/doctest.h>

#include "test_world.h"

namespace kst {
namespace {

std::vector<Finding> Check(const std::string& offset, int64_t tolerance = 300, const std::string& server = "edge01") {
  VirtualFileReader files;
  files.Add("t.json", R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "edgepool.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}]},
    "clocks": [{"server": ")" +
                          server + R"(.contoso.com", "offset_seconds": )" + offset +
                          R"(, "measured_at": "2014-10-24T02:31:00Z"}]})");
  Topology topology;
  Diagnostics diagnostics;
  REQUIRE(LoadTopologyFile("t.json", &files, ModelCatalog::Embedded(), &topology, &diagnostics));
  return CheckClocks(topology, ModelCatalog::Embedded(), tolerance, 1414118460);  // 2014-10-24T02:41:00Z
}

TEST_CASE("clock/skew") {
  SUBCASE("at the tolerance passes, one second over fails, either way") {
    CHECK(Check("300").empty());
    CHECK(Check("-300.0").empty());
    CHECK(Check("301").size() == 1);
    CHECK(Check("-300.6").size() == 1);
  }
  SUBCASE("seed 000: five hours behind") {
    auto findings = Check("-18000");
    REQUIRE(findings.size() == 1);
    const Finding& f = findings[0];
    CHECK(f.rule == "clock/skew");
    CHECK(f.severity == Severity::kError);
    CHECK(f.servers == std::vector<std::string>{"edge01.contoso.com"});
    CHECK(f.servers_summary == "1 of 1 Edge servers");
    CHECK(f.message ==
          "the clock of edge01.contoso.com is 5 h 0 min behind the reference clock (offset -18000 s, measured "
          "2014-10-24T02:31:00Z, 10 min 0 s before the check time), beyond the tolerance of 300 s");
    CHECK(f.broken.at(0).condition == "clock-within-tolerance");
    CHECK(f.evidence.at(0).location.ToString() == "t.json:3:67");
  }
  SUBCASE("--clock-tolerance moves the boundary") {
    CHECK(Check("-18000", 20000).empty());
    CHECK(Check("45", 30).size() == 1);
  }
  SUBCASE("a reading of a server the topology lacks is not checked") {
    CHECK(Check("-18000", 300, "ghost").empty());
  }
}

}  // namespace
}  // namespace kst
