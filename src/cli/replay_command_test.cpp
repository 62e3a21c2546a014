// Trace files: replay compares what a trace gives (wording may be left out,
// as traces converted from SPIN trails do) and checks the rule's violation.

#include "cli/replay_command.h"

#include <sstream>

#include "engine/plan_compiler.h"
#include "report/report_writer.h"
#include "report/trace_file.h"
#include "test_world.h"
#include "engine/trace_narrator.h"

namespace kst {
namespace {

const std::string kO1 = R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(,
  "plan": [{"op": "add_trusted_application_pool",
            "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}}]})";

/// kst's own trace of ex1 on fe01 along `events`, as a trace file records it.
nlohmann::json RecordedTrace(const std::vector<CellEvent>& events, const std::string& rule,
                             const std::string& severity) {
  const Scenario scenario = AssertScenario(kO1);
  CompiledPlan plan(scenario, ModelCatalog::Embedded());
  Trace trace;
  REQUIRE(NarrateTrace(scenario, plan.InputFor(plan.ServerIndex("fe01.contoso.com"), plan.FqdnIndex("ex1.contoso.com")),
                       StartupConflictPolicy::kWithdrawRemember, "fe01.contoso.com", "ex1.contoso.com", events,
                       &trace));
  nlohmann::json json = TraceToJson(trace);
  json["rule"] = rule;
  json["severity"] = severity;
  for (CellEvent event : events) json["events"].push_back(CellEventName(event));
  return json;
}

/// Replays one trace; returns replay's output line, and its exit status in `*status`.
std::string Replay(const nlohmann::json& trace, int* status) {
  VirtualFileReader files;
  files.Add("s.json", kO1);
  nlohmann::json doc = {
      {"format", "kst-traces/1"}, {"input", "s.json"}, {"semantics", "withdraw-remember"}, {"traces", {trace}}};
  files.Add("t.json", doc.dump());
  std::ostringstream out, err;
  *status = ReplayTraceFile("t.json", &files, ModelCatalog::Embedded(), out, err);
  INFO(err.str());
  return out.str();
}

void DropWording(nlohmann::json* trace) {
  for (auto& line : (*trace)["start"]["lines"]) line.erase("text");
  for (auto& step : (*trace)["steps"]) {
    step.erase("description");
    for (auto& line : step["lines"]) line.erase("text");
  }
}

const std::vector<CellEvent> kToConflict = {CellEvent::kAdminStep, CellEvent::kReplicate};

TEST_CASE("replay compares what a trace gives") {
  // Given kst's trace of O1's conflict on fe01, we should reproduce it as
  // recorded, and without its wording too; but not with another line.
  int status = -1;
  nlohmann::json trace = RecordedTrace(kToConflict, "kst/version-conflict", "error");

  SUBCASE("as recorded") {
    CHECK(Replay(trace, &status) == "reproduced: kst/version-conflict ex1.contoso.com on fe01.contoso.com (2 steps)\n");
    CHECK(status == 0);
  }
  SUBCASE("without wording, as a trace from a SPIN trail") {
    DropWording(&trace);
    CHECK(Replay(trace, &status).rfind("reproduced:", 0) == 0);
    CHECK(status == 0);
  }
  SUBCASE("without wording, but another line") {
    DropWording(&trace);
    trace["steps"][1]["lines"][0]["key"] = "14493";
    CHECK(Replay(trace, &status)
              .rfind("DIVERGED: kst/version-conflict ex1.contoso.com on fe01.contoso.com: step 2 "
                     "differs",
                     0) == 0);
    CHECK(status == 1);
  }
}

TEST_CASE("replay checks that a trace shows its rule's violation") {
  // Given traces that reproduce but stop short of what their rule says, we
  // should report them as diverged.
  int status = -1;
  const std::string kShort = "reproduced, but it does not show the rule's violation";
  SUBCASE("a conflict trace without its 14563") {
    const nlohmann::json trace = RecordedTrace({CellEvent::kAdminStep}, "kst/version-conflict", "error");
    CHECK(Replay(trace, &status).find(kShort) != std::string::npos);
    CHECK(status == 1);
  }
  SUBCASE("an unknown-server error must end absent in an end state") {
    CHECK(Replay(RecordedTrace(kToConflict, "kst/unknown-server", "error"), &status).rfind("reproduced:", 0) == 0);
    CHECK(Replay(RecordedTrace({CellEvent::kAdminStep}, "kst/unknown-server", "warning"), &status).find(kShort) !=
          std::string::npos);
  }
  SUBCASE("an order-dependence trace must end in an end state") {
    CHECK(Replay(RecordedTrace({CellEvent::kAdminStep}, "kst/order-dependent", "warning"), &status).find(kShort) !=
          std::string::npos);
  }
}

TEST_CASE("trace files that cannot be read") {
  // Given a file that is no trace file, we should say so with the id trace-file.
  VirtualFileReader files;
  files.Add("bad.json", R"({"format": "kst-traces/1", "input": "s.json", "semantics": "nope", "traces": [{}]})");
  TraceFile file;
  Diagnostic error;
  CHECK_FALSE(LoadTraceFile("bad.json", &files, ModelCatalog::Embedded(), &file, &error));
  CHECK(error.ToString() == "bad.json: error[trace-file]: unknown semantics \"nope\"");
  CHECK_FALSE(LoadTraceFile("missing.json", &files, ModelCatalog::Embedded(), &file, &error));
  CHECK(error.id == "unreadable-file");
}

}  // namespace
}  // namespace kst
