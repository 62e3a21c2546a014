// kst check --state: O1 (broken now) told from O3 (working since the restart)
// by the logs, and a server without logs left to steady-start, named.

#include "check/current_state.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "test_world.h"

namespace kst {
namespace {

EventRecord Record(const char* provider, uint32_t id, int minute, std::vector<std::string> strings,
                   const std::string& computer) {
  EventRecord r;
  r.provider = provider;
  r.event_id = id;
  r.time = 1796119200 + minute * 60;  // 2026-12-01T10:00:00Z
  r.computer = computer;
  r.strings = std::move(strings);
  r.location = Location{computer + ".xml", minute + 1, 1};
  return r;
}

TEST_CASE("current state from the logs: O1 broken now, O3 working") {
  const Topology topology = AssertTopology(ContosoTopology(
      R"(, "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}])"));
  const std::string list = "pool01.contoso.com (6); fe01.contoso.com (6); fe02.contoso.com (6)";
  std::vector<EventRecord> records = {
      // fe01: restarted after the pool replicated (O3).
      Record("LS Protocol Stack", 14492, 60, {list + "; ex1.contoso.com (6)"}, "fe01.contoso.com"),
      Record("LS Exchange Unified Messaging Routing", 44024, 60, {"ex1.contoso.com"}, "fe01.contoso.com"),
      Record("LS Protocol Stack", 14563, 60, {"ex1.contoso.com", "0", "6"}, "fe01.contoso.com"),
      Record("LS Exchange Unified Messaging Routing", 44030, 60, {"ex1.contoso.com"}, "fe01.contoso.com"),
      Record("LS Protocol Stack", 14493, 60, {"ex1.contoso.com", "6"}, "fe01.contoso.com"),
      // fe02: running when the pool replicated (O1), no restart since.
      Record("LS Protocol Stack", 14492, 0, {list}, "fe02.contoso.com"),
      Record("LS Exchange Unified Messaging Routing", 44024, 0, {"ex1.contoso.com"}, "fe02.contoso.com"),
      Record("LS Protocol Stack", 14493, 0, {"ex1.contoso.com", "0"}, "fe02.contoso.com"),
      Record("LS Protocol Stack", 14563, 32, {"ex1.contoso.com", "0", "6"}, "fe02.contoso.com"),
  };
  std::sort(records.begin(), records.end(),
            [](const EventRecord& a, const EventRecord& b) { return a.computer < b.computer; });
  const std::vector<LoggedKstEvent> events =
      ReadKstEvents(records, LogEventModel::Embedded(), {"ex1.contoso.com"}, EventStringsReading::kPositional);
  const ModelCatalog& model = ModelCatalog::Embedded();
  const CurrentState state = JudgeCurrentState(topology, model, Reconcile(topology, model, events));
  std::map<std::string, const ServerState*> by_server;
  for (const ServerState& s : state.states)
    if (s.fqdn == "ex1.contoso.com") by_server[s.server] = &s;
  REQUIRE(by_server.size() == 2);
  CHECK(by_server["fe01.contoso.com"]->kind == ServerState::Kind::kWorkingAfterRestart);
  CHECK(by_server["fe01.contoso.com"]->detail ==
        "14563 at every start, working since the restart at 2026-12-01 11:00 UTC (a later removal of the "
        "topology's entry leaves it unknown until the next restart)");
  CHECK(by_server["fe02.contoso.com"]->kind == ServerState::Kind::kBrokenNow);
  CHECK(by_server["fe02.contoso.com"]->detail.find("BROKEN NOW: ex1.contoso.com is absent from the table since "
                                                   "2026-12-01 10:32 UTC (14563)") == 0);
  CHECK(std::find(state.assumptions.begin(), state.assumptions.end(), "steady-start") == state.assumptions.end());
}

}  // namespace
TEST_CASE("current state: the replication status of each server that keeps a table") {
  const Topology topology = AssertTopology(ContosoTopology());
  CurrentState state;
  std::vector<ReplicaState> replicas(3);
  replicas[0] = {"fe01.contoso.com", true, 1796119200, false, {}};
  replicas[1] = {"fe02.contoso.com", false, 1796121000, false, {}};
  replicas[2] = {"sql01.contoso.com", false, std::nullopt, false, {}};
  AddReplicaStates(topology, ModelCatalog::Embedded(), replicas, &state);
  REQUIRE(state.replicas.size() == 3);
  CHECK(state.replicas[0] == "fe01.contoso.com: replica up to date (last status report 2026-12-01 10:00 UTC)");
  CHECK(state.replicas[1].rfind("fe02.contoso.com: replica NOT up to date (last status report 2026-12-01 10:30 UTC): "
                                "it has not got the latest topology revision",
                                0) == 0);
  CHECK(state.replicas[2].find("sql01.contoso.com: replica NOT up to date (no status report)") == 0);
  CHECK(state.replicas[2].find("keeps no table here") != std::string::npos);
}

}  // namespace kst
