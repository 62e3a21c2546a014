// Lifting cell paths to whole-system orders (the naive oracle runs lifted
// orders on every scenario of its scopes: oracle_test.cpp).

#include "engine/global_schedule.h"

#include "test_world.h"

namespace kst {
namespace {

std::string Text(const GlobalSchedule& schedule, const CompiledPlan& plan) {
  std::string text;
  for (const GlobalEvent& event : schedule.events) {
    text += text.empty() ? "" : ", ";
    text += CellEventName(event.kind);
    if (event.kind == CellEvent::kAdminStep)
      text += " " + std::to_string(event.plan_index + 1);
    else
      text += " " + plan.servers()[static_cast<size_t>(event.server)].fqdn.substr(0, 6);
    if (event.cell_event) text += "*";
    if (event.optional) text += "?";
  }
  return text;
}

TEST_CASE("a cell path lifted to the whole system") {
  // Given O1, a wait and a restart of fe01, and ex1 on fe02 (which is not
  // restarted), we should put in the replications the wait needs, leave the
  // restart to the end, and mark the cell's own events (*) and the optional
  // polls (?).
  const Scenario scenario = AssertScenario(R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(,
    "plan": [{"op": "add_trusted_application_pool",
              "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}},
             {"op": "wait_for_replication"}, {"op": "restart", "servers": ["fe01.contoso.com"]}]})");
  const CompiledPlan plan(scenario, ModelCatalog::Embedded());
  const size_t fe02 = static_cast<size_t>(plan.ServerIndex("fe02.contoso.com"));
  const size_t ex1 = static_cast<size_t>(plan.FqdnIndex("ex1.contoso.com"));
  const EventPath path = {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kAdminStep};
  GlobalSchedule schedule;
  std::string error;

  SUBCASE("to the cell's last event") {
    REQUIRE(LiftCellPath(plan, StartupConflictPolicy::kWithdrawRemember, fe02, ex1, path, false, &schedule, &error));
    CHECK(Text(schedule, plan) ==
          "admin_step 1*, replicate fe02.c*, replicate edge01, replicate fe01.c, admin_step 2*");
  }
  SUBCASE("to a quiescent end") {
    REQUIRE(LiftCellPath(plan, StartupConflictPolicy::kWithdrawRemember, fe02, ex1, path, true, &schedule, &error));
    CHECK(Text(schedule, plan) ==
          "admin_step 1*, replicate fe02.c*, replicate edge01, replicate fe01.c, "
          "admin_step 2*, admin_step 3, um_poll fe01.c?, um_poll fe02.c?");
  }
  SUBCASE("a path the cell does not enable") {
    CHECK_FALSE(LiftCellPath(plan, StartupConflictPolicy::kWithdrawRemember, fe02, ex1, {CellEvent::kReplicate}, false,
                             &schedule, &error));
    CHECK(error == "event 1 (replicate): plan step 1 is not published yet");
  }
  SUBCASE("a path that does not end where the cell ends") {
    CHECK_FALSE(LiftCellPath(plan, StartupConflictPolicy::kWithdrawRemember, fe02, ex1, {CellEvent::kAdminStep}, true,
                             &schedule, &error));
    CHECK(error ==
          "fe02.contoso.com would have to apply the publish of plan step 1, which changes ex1.contoso.com, "
          "outside the cell's path");
  }
}

}  // namespace
}  // namespace kst
