// The plan compiler: per-cell projection of the plan, and symmetry classes.

#include "engine/plan_compiler.h"

#include <map>

#include "base/memory_budget.h"
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

/// A topology of one Front End pool of `computers` computers: cells grow as
/// their square, signatures stay two or three.
std::string OnePool(int computers) {
  std::string names;
  for (int i = 0; i < computers; ++i) names += (i ? ",\"fe" : "\"fe") + std::to_string(i) + ".contoso.com\"";
  return R"({"format": "kst-topology/1", "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd",
      "version": 6, "computers": [)" +
         names + "]}]}}";
}

TEST_CASE("issue 16 - every cell's class is the class of its own input, numbered as a walk over the cells would") {
  // Given O1 with a restart of fe01 and an AD change (several server and FQDN
  // signatures), we should find, cell by cell, what the signature table says.
  Scenario scenario = AssertScenario(O1Scenario(R"(, {"op": "restart", "servers": ["fe01.contoso.com"]},
      {"op": "remove_dial_plan", "name": "Contoso SIP"})"));
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  REQUIRE(plan.server_signature_count() > 1);
  REQUIRE(plan.fqdn_signature_count() > 1);
  std::map<uint32_t, std::pair<size_t, size_t>> first_cell;
  std::map<uint32_t, uint64_t> cells;
  for (size_t s = 0; s < plan.servers().size(); ++s) {
    for (size_t f = 0; f < plan.fqdns().size(); ++f) {
      const uint32_t c = plan.ClassOf(s, f);
      REQUIRE(c < plan.classes().size());
      CHECK(c == plan.ClassOfSignatures(plan.ServerSignature(s), plan.FqdnSignatureOf(f)));
      CHECK(plan.classes()[c].input.Key() == plan.InputFor(s, f).Key());
      first_cell.try_emplace(c, s, f);
      cells[c]++;
    }
  }
  CHECK(first_cell.size() == plan.classes().size());
  uint32_t expected = 0;
  for (const auto& [c, cell] : first_cell) {
    CHECK(plan.classes()[c].first_server == cell.first);
    CHECK(plan.classes()[c].first_fqdn == cell.second);
    CHECK(plan.classes()[c].cells == cells[c]);
    CHECK(c == expected++);  // classes are numbered in the order of their first cells
  }
}

TEST_CASE("issue 16 - the class table grows with the signatures, not the cells") {
  // Given a pool of 4,000 computers (16 million cells; a table per cell
  // would take 64 MiB), we should compile it in a few MiB.
  Scenario scenario = AssertScenario(R"({"format": "kst-scenario/1", "topology": )" + OnePool(4000) +
                                     R"(, "plan": [{"op": "wait_for_replication"}]})");
  const uint64_t before = ResidentBytes();
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  const uint64_t grown = ResidentBytes() - std::min(before, ResidentBytes());
  CHECK(plan.servers().size() * plan.fqdns().size() == 4000u * 4001u);
  CHECK(plan.server_signature_count() * plan.fqdn_signature_count() <= 4);
  CHECK(grown < (uint64_t{16} << 20));
  uint64_t cells = 0;
  for (const CellClass& cell_class : plan.classes()) cells += cell_class.cells;
  CHECK(cells == 4000u * 4001u);
  CHECK(plan.ClassOf(3999, 4000) == plan.ClassOf(0, 0));
}

TEST_CASE("issue 16 - a plan over its memory budget is abandoned and says where") {
  SUBCASE("a topology: before the per-server and per-FQDN structures") {
    Scenario scenario = AssertScenario(O1Scenario());
    scenario.plan.clear();
    CompiledPlan plan(scenario, ModelCatalog::Embedded(), 1);
    REQUIRE(plan.memory_refusal());
    CHECK(plan.memory_refusal()->phase == PlanMemoryRefusal::Phase::kClasses);
    CHECK(plan.memory_refusal()->servers == 3);
    CHECK(plan.memory_refusal()->resident_bytes > 1);
    CHECK(plan.memory_refusal()->needed_bytes > 0);
    CHECK_FALSE(plan.interrupted());
    CHECK(plan.classes().empty());
    CHECK(plan.servers().empty());
  }
  SUBCASE("a plan of changes: before the claims of its first change") {
    CompiledPlan plan(AssertScenario(O1Scenario()), ModelCatalog::Embedded(), 1);
    REQUIRE(plan.memory_refusal());
    CHECK(plan.memory_refusal()->phase == PlanMemoryRefusal::Phase::kClaims);
  }
  SUBCASE("within the budget nothing changes") {
    Scenario scenario = AssertScenario(O1Scenario());
    CompiledPlan unlimited(scenario, ModelCatalog::Embedded());
    CompiledPlan within(scenario, ModelCatalog::Embedded(), kDefaultMaxMemoryBytes);
    CHECK_FALSE(within.memory_refusal());
    CHECK(within.classes().size() == unlimited.classes().size());
  }
}

}  // namespace
}  // namespace kst
