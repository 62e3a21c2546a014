// The plan compiler: per-cell projection of the plan, and symmetry classes.

#include "engine/plan_compiler.h"

#include "test_world.h"

namespace kst {
namespace {

std::string O1Scenario(const std::string& extra_plan = "", const std::string& restarts = "planned") {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(,
    "plan": [{"op": "add_trusted_application_pool",
              "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})" +
         extra_plan + R"(], "environment": {"restarts": ")" + restarts + R"("}})";
}

TEST_CASE("projection keeps only what changes a cell") {
  // Given O1 plus a wait and a restart of fe01, we should project per cell.
  Scenario scenario = AssertScenario(O1Scenario(R"(, {"op": "wait_for_replication"},
      {"op": "restart", "servers": ["fe01.contoso.com"]})"));
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  const int fe01 = plan.ServerIndex("fe01.contoso.com"), fe02 = plan.ServerIndex("fe02.contoso.com");
  const int ex1 = plan.FqdnIndex("ex1.contoso.com"), pool = plan.FqdnIndex("pool01.contoso.com");
  REQUIRE(fe01 >= 0);
  REQUIRE(ex1 >= 0);

  SUBCASE("ex1 on fe01: the publish, the wait and the restart") {
    CellInput input = plan.InputFor(fe01, ex1);
    REQUIRE(input.steps.size() == 3);
    CHECK(input.steps[0].kind == AdminStep::Kind::kPublish);
    CHECK(input.steps[1].kind == AdminStep::Kind::kWaitForReplication);
    CHECK(input.steps[2].kind == AdminStep::Kind::kRestart);
    CHECK(input.topology == std::vector<VersionSet>{{}, {6}});
    CHECK(input.ad_lists == std::vector<bool>{true});
    CHECK(input.needed_at_start);
    CHECK(input.needed_at_end);
  }
  SUBCASE("ex1 on fe02: not restarted") {
    CellInput input = plan.InputFor(fe02, ex1);
    CHECK(input.steps.size() == 2);
  }
  SUBCASE("the pool FQDN on fe02: the publish does not change it, so nothing is left") {
    CellInput input = plan.InputFor(fe02, pool);
    CHECK(input.steps.empty());
    CHECK(input.topology == std::vector<VersionSet>{{6}});
  }
}

TEST_CASE("symmetric cells share a class") {
  Scenario scenario = AssertScenario(O1Scenario());
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  const int ex1 = plan.FqdnIndex("ex1.contoso.com");
  CHECK(plan.ClassOf(plan.ServerIndex("fe01.contoso.com"), ex1) ==
        plan.ClassOf(plan.ServerIndex("fe02.contoso.com"), ex1));
  CHECK(plan.ClassOf(plan.ServerIndex("fe01.contoso.com"), ex1) !=
        plan.ClassOf(plan.ServerIndex("edge01.contoso.com"), ex1));
  uint64_t cells = 0;
  for (const CellClass& cell_class : plan.classes()) cells += cell_class.cells;
  CHECK(cells == plan.servers().size() * plan.fqdns().size());
  CHECK(plan.classes().size() < cells);
}

TEST_CASE("AD changes matter only to servers running UM Routing") {
  Scenario scenario = AssertScenario(R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(,
    "plan": [{"op": "remove_dial_plan", "name": "Contoso SIP"}]})");
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  const int ex1 = plan.FqdnIndex("ex1.contoso.com");
  CHECK(plan.InputFor(plan.ServerIndex("fe01.contoso.com"), ex1).steps.size() == 1);
  CHECK(plan.InputFor(plan.ServerIndex("edge01.contoso.com"), ex1).steps.empty());
  CHECK(plan.InputFor(plan.ServerIndex("fe01.contoso.com"), ex1).ad_lists == std::vector<bool>{true, false});
}

TEST_CASE("claims on an FQDN are gathered across the plan, with their sources") {
  Scenario scenario =
      AssertScenario(O1Scenario(R"(, {"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})"));
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  std::vector<ClaimRef> claims = plan.ClaimsOn("ex1.contoso.com");
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].producer == "Exchange UM Routing");
  CHECK(claims[1].producer == "Topology");
  CHECK(claims[1].version == 6);
  CHECK(claims[1].location.file == "s.json");
}

}  // namespace
}  // namespace kst
