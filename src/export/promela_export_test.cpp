// The Promela export: what the model of O1 contains, per reading, guided;
// that SPIN accepts it (`spin -a`); the layout and its limits.

#include "export/promela_export.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_world.h"

namespace kst {
namespace {

std::string O1(const std::string& extra_plan = "", const std::string& restarts = "planned") {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(,
    "plan": [{"op": "add_trusted_application_pool",
              "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})" +
         extra_plan + R"(], "environment": {"restarts": ")" + restarts + R"("}})";
}

std::string Export(const Scenario& scenario, const std::string& reading = "",
                   const std::vector<GlobalSchedule>& guides = {}) {
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  PromelaOptions options;
  options.semantics = reading.empty() ? nullptr : ModelCatalog::Embedded().FindSemantics(reading);
  options.guides = guides;
  std::ostringstream out;
  Diagnostic error;
  INFO(error.message);
  REQUIRE(WritePromela(plan, ModelCatalog::Embedded(), options, out, &error));
  return out.str();
}

/// Runs `spin -a` on `model` in a scratch folder; returns SPIN's output, and
/// whether it accepted the model.
bool SpinAccepts(const std::string& model, std::string* output) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kst-promela-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "model.pml") << model;
  const std::string command = "cd '" + dir.string() + "' && spin -a model.pml 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE_MESSAGE(pipe, "cannot run spin (Debian package spin; make deps installs it)");
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output->append(buffer, n);
  const int status = pclose(pipe);
  const bool accepted = status == 0 && output->find("rror") == std::string::npos && fs::exists(dir / "pan.c");
  fs::remove_all(dir);
  return accepted;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("the Promela model of O1") {
  // Given O1 (pool01 with fe01 and fe02, an Edge, ex1 hosting a SipName dial
  // plan, a TAP for ex1 added), we should get the whole system as processes
  // with kst's rules as assertions, named after the scenario's steps.
  const std::string model = Export(AssertScenario(O1()));

  SUBCASE("processes: a server each, the admin, init") {
    CHECK(Has(model, "proctype Server(byte s)"));
    CHECK(Has(model, "proctype Admin()"));
    CHECK(Has(model, "init {"));
    CHECK(Has(model, "run Server(0);  /* edge01.contoso.com */"));
    CHECK(Has(model, "run Server(1);  /* fe01.contoso.com */"));
    CHECK(Has(model, "run Server(2);  /* fe02.contoso.com */"));
    CHECK(Has(model, "#define NS 3 "));
    CHECK_FALSE(Has(model, "DO_RESTART -> restarted"));  // restarts "planned": no unplanned restart
  }
  SUBCASE("the plan step by step: kind, op, description, file:line") {
    CHECK(Has(model, "1. publish: add_trusted_application_pool -- add trusted application pool ex1.contoso.com"));
    CHECK(Has(model, "(s.json:7:14)"));
    CHECK(Has(model, "plan_kind[0] = PUBLISH;  /* step 1: add_trusted_application_pool */"));
  }
  SUBCASE("data: the revisions and AD as tables, from the compiled plan") {
    CHECK(Has(model, "bit 0 = version 0, bit 1 = version 6"));
    CHECK(Has(model, "topology[8] = 2;  /* ex1.contoso.com {6} */"));  // revision 1, FQDN 2
    CHECK(Has(model, "um_fqdn[0] = 2; um_slot[2] = 0;  /* ex1.contoso.com */"));
    CHECK(Has(model, "listed[0] = 1;  /* AD revision 0 (base) */"));
    CHECK(Has(model, "runs_um[1] = 1;"));
    CHECK_FALSE(Has(model, "runs_um[0] = 1;"));  // the Edge
  }
  SUBCASE("properties: one label per kst rule, the unrolled end checks name their cell") {
    for (const char* label :
         {"kst_version_conflict", "kst_unknown_server_at_end", "kst_unknown_server_on_the_way", "kst_order_dependent"})
      CHECK(Has(model, std::string("hidden byte ") + label + "[NCELLS];"));
    CHECK(Has(model, "violation(kst_version_conflict[CELL(s, f)], R_version_conflict, CELL(s, f))"));
    CHECK(Has(model, "end_cell(1, 2, 8);  /* ex1.contoso.com on fe01.contoso.com */"));
    CHECK(Has(model, "kst/order-dependent (warning) <- kst_order_dependent[c]"));
    CHECK(Has(model, "kst/flapping (error) <- a non-progress cycle"));
  }
  SUBCASE("SPIN accepts it") {
    std::string output;
    INFO(output);
    CHECK(SpinAccepts(model, &output));
  }
}

TEST_CASE("text from the input stays inside the model's comments") {
  // Given a dial plan whose name closes a comment and opens a c_code block,
  // we should keep it inside the comment: SPIN would compile c_code into pan.c.
  const std::string model = Export(AssertScenario(O1(R"(, {"op": "add_dial_plan", "dial_plan": {
      "name": "X */ c_code { abort(); } /* Y\nZ", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}})")));
  CHECK_FALSE(Has(model, "*/ c_code"));
  CHECK(Has(model, "add SipName UM dial plan \"X *\\/ c_code { abort(); } /* Y Z\""));
  std::string output;
  INFO(output);
  CHECK(SpinAccepts(model, &output));
}

TEST_CASE("the Promela model follows the reading and the environment") {
  // Given O1 on a patch night, under each reading, we should write the
  // reading's start-up withdrawal and an unplanned restart per server.
  const Scenario scenario = AssertScenario(O1("", "any"));
  const struct {
    const char* reading;
    const char* flags;
  } cases[] = {{"withdraw-remember", "= HANDLED;  /* reading withdraw-remember */"},
               {"retry-list", "= RETRY;  /* reading retry-list */"},
               {"forget", "= 0;  /* reading forget */"}};
  for (const auto& c : cases) {
    CAPTURE(c.reading);
    const std::string model = Export(scenario, c.reading);
    CHECK(Has(model, c.flags));
    CHECK(Has(model, std::string("Reading   ") + c.reading));
    CHECK(Has(model, "!restarted[s] -> act_ = DO_RESTART"));
    std::string output;
    INFO(output);
    CHECK(SpinAccepts(model, &output));
  }
}

TEST_CASE("a guided Promela model follows a lifted kst trace") {
  // Given O1 with a wait and fe01's restart, and the path of ex1 on fe01
  // (publish, replicate, wait, restart), we should write its whole-system
  // order as the guide, and SPIN should accept the guided model.
  const Scenario scenario = AssertScenario(O1(R"(, {"op": "wait_for_replication"},
      {"op": "restart", "servers": ["fe01.contoso.com"]})"));
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  GlobalSchedule schedule;
  std::string error;
  const EventPath path = {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kAdminStep, CellEvent::kAdminStep};
  REQUIRE(LiftCellPath(plan, StartupConflictPolicy::kWithdrawRemember, plan.ServerIndex("fe01.contoso.com"),
                       plan.FqdnIndex("ex1.contoso.com"), path, true, &schedule, &error));
  const std::string model = Export(scenario, "", {schedule});
  CHECK(Has(model, "#define GUIDE(k, w) (guide_kind[g] == (k) && guide_who[g] == (w))"));
  CHECK(Has(model, "/* guide 1: ex1.contoso.com on fe01.contoso.com, to a quiescent end */"));
  CHECK(Has(model, "guide_kind[0] = G_ADMIN; guide_who[0] = 0;  /* the trace's own event */"));
  CHECK(Has(model, "proctype GuideMonitor()"));
  CHECK(Has(model, "g = KST_GUIDE;"));
  std::string output;
  INFO(output);
  CHECK(SpinAccepts(model, &output));
}

TEST_CASE("the Promela layout and its limits") {
  // Given O1, we should lay versions out as bits with version 0 first; given
  // more servers than SPIN can run as processes, we should refuse with the
  // id promela-limit.
  PromelaLayout layout;
  Diagnostic error;
  const Scenario o1 = AssertScenario(O1());
  REQUIRE(LayoutPromela(CompiledPlan(o1, ModelCatalog::Embedded()), &layout, &error));
  CHECK(layout.versions == std::vector<int>{0, 6});
  CHECK(layout.VersionOf(2) == 6);
  CHECK(layout.VersionOf(1) == 0);
  CHECK(layout.VersionOf(3) == -1);  // two versions: absent
  CHECK(layout.VersionOf(0) == -1);
  CHECK(layout.publish_steps == std::vector<int>{0});
  CHECK(layout.um_fqdns == std::vector<int>{2});

  Topology big;
  big.pools.push_back({{"pool01.contoso.com", {}}, "FrontEnd", 6, {}, {}});
  for (int i = 0; i < 251; ++i) big.pools[0].computers.push_back({"fe" + std::to_string(i) + ".contoso.com", {}});
  const Scenario scenario = ScenarioFromTopology(big);
  CHECK_FALSE(LayoutPromela(CompiledPlan(scenario, ModelCatalog::Embedded()), &layout, &error));
  CHECK(error.id == "promela-limit");
  CHECK(error.message == "the Promela encoding holds at most 250 servers; this scenario has 251");
}

}  // namespace
}  // namespace kst
