// Trace files: replay compares what a trace gives (wording may be left out,
// as traces converted from SPIN trails do) and checks the rule's violation.

#include "cli/replay_command.h"

#include <sstream>

#include "cli/exit_status.h"
#include "engine/plan_compiler.h"
#include "engine/trace_narrator.h"
#include "input/input_digest.h"
#include "report/report_writer.h"
#include "report/trace_file.h"
#include "test_world.h"

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

/// A trace file of one trace on s.json (kO1), with the digests kst check writes.
nlohmann::json TraceDocument(const nlohmann::json& trace) {
  return {{"format", "kst-traces/1"},
          {"input", "s.json"},
          {"input_digest", InputDigest({{"s.json", &kO1}})},
          {"model_digest", EmbeddedModelDigest()},
          {"semantics", "withdraw-remember"},
          {"traces", nlohmann::json::array({trace})}};
}

/// Replays trace file `doc` (written as t.json beside s.json); returns replay's
/// output, its exit status in `*status` and its errors in `*errors`.
std::string ReplayDocument(const std::string& doc, int* status, std::string* errors = nullptr,
                           const std::string& scenario = kO1) {
  VirtualFileReader files;
  files.Add("s.json", scenario);
  files.Add("t.json", doc);
  std::ostringstream out, err;
  *status = ReplayTraceFile("t.json", &files, ModelCatalog::Embedded(), out, err);
  if (errors) *errors = err.str();
  INFO(err.str());
  return out.str();
}

/// Replays one trace; returns replay's output line, and its exit status in `*status`.
std::string Replay(const nlohmann::json& trace, int* status) {
  return ReplayDocument(TraceDocument(trace).dump(), status);
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

TEST_CASE("replay re-derives the rule from the model, never from the file") {
  // Given traces of O1's fe01/ex1 cell that reproduce and have their rule's
  // shape, we should still refuse a rule the model does not show there.
  int status = -1;
  SUBCASE("kst/flapping: O1's cell has no cycle") {
    CHECK(Replay(RecordedTrace(kToConflict, "kst/flapping", "error"), &status) ==
          "DIVERGED: kst/flapping ex1.contoso.com on fe01.contoso.com: reproduced, but the model does not show "
          "kst/flapping (error) on this cell\n");
    CHECK(status == kExitFindings);
  }
  SUBCASE("a transient outage (warning) where ex1 is missing at the end (the error)") {
    CHECK(Replay(RecordedTrace(kToConflict, "kst/unknown-server", "warning"), &status)
              .find("the model does not show kst/unknown-server (warning)") != std::string::npos);
    CHECK(status == kExitFindings);
  }
  SUBCASE("kst/order-dependent: O1's cell has one end table") {
    nlohmann::json trace = RecordedTrace(kToConflict, "kst/order-dependent", "warning");
    CHECK(Replay(trace, &status).find("DIVERGED") == 0);
    CHECK(status == kExitFindings);
  }
}

TEST_CASE("replay refuses a trace of a rule that has no traces, located") {
  // Given a forged rule, a rule without traces, no rule or a severity the rule
  // never has, we should refuse the file (exit 3) at the value, not pass it.
  int status = -1;
  std::string errors;
  const struct {
    const char* rule;
    const char* severity;
    const char* message;
  } forged[] = {
      {"kst/made-up", "error", "trace 1 names rule \"kst/made-up\", which is no rule kst reports with traces"},
      {"cert/validity", "error", "trace 1 names rule \"cert/validity\", which is no rule kst reports with traces"},
      {"", "error", "trace 1 names rule \"\", which is no rule kst reports with traces"},
      {"kst/version-conflict", "warning", "trace 1 has severity \"warning\", which kst/version-conflict never reports"},
      {"kst/order-dependent", "error", "trace 1 has severity \"error\", which kst/order-dependent never reports"},
  };
  for (const auto& item : forged) {
    INFO(item.rule);
    nlohmann::json trace = RecordedTrace(kToConflict, "kst/version-conflict", "error");
    trace["rule"] = item.rule;
    trace["severity"] = item.severity;
    CHECK(ReplayDocument(TraceDocument(trace).dump(2), &status, &errors).empty());
    CHECK(status == kExitInputError);
    CHECK(errors.find(std::string("error[trace-file]: ") + item.message) != std::string::npos);
    CHECK(errors.rfind("t.json:", 0) == 0);
    CHECK(errors.rfind("t.json:0:", 0) != 0);  // a line and column, not just the file
  }
  nlohmann::json trace = RecordedTrace(kToConflict, "kst/version-conflict", "error");
  trace.erase("rule");
  ReplayDocument(TraceDocument(trace).dump(2), &status, &errors);
  CHECK(status == kExitInputError);
  CHECK(errors.find("trace 1 names no rule; it is no rule kst reports with traces") != std::string::npos);
}

TEST_CASE("replay refuses traces it cannot tie to their input and model") {
  // Given a trace file without digests, or recorded on another input or under
  // another model, we should refuse it (exit 3) and say to re-record it.
  int status = -1;
  std::string errors;
  const nlohmann::json trace = RecordedTrace(kToConflict, "kst/version-conflict", "error");
  SUBCASE("no digest: an older file") {
    nlohmann::json doc = TraceDocument(trace);
    doc.erase("input_digest");
    doc.erase("model_digest");
    CHECK(ReplayDocument(doc.dump(2), &status, &errors).empty());
    CHECK(status == kExitInputError);
    CHECK(errors.find("error[trace-digest]: the trace file has no input_digest (an older kst wrote it)") !=
          std::string::npos);
    CHECK(errors.find("re-record them with kst check --trace-out") != std::string::npos);
  }
  SUBCASE("another model") {
    nlohmann::json doc = TraceDocument(trace);
    doc["model_digest"] = Sha256Digest("another model");
    CHECK(ReplayDocument(doc.dump(2), &status, &errors).empty());
    CHECK(status == kExitInputError);
    CHECK(errors.find("t.json:5:19: error[trace-digest]: the traces were recorded under another model") !=
          std::string::npos);
  }
  SUBCASE("the input changed since, even in a way that replays (a description)") {
    std::string changed = kO1;
    changed.replace(changed.find("\"kst-scenario/1\","), 17, "\"kst-scenario/1\", \"description\": \"x\",");
    CHECK(ReplayDocument(TraceDocument(trace).dump(2), &status, &errors, changed).empty());
    CHECK(status == kExitInputError);
    CHECK(errors.find("error[trace-digest]: s.json is not the input the traces were recorded on") != std::string::npos);
  }
  SUBCASE("a digest that is no digest") {
    nlohmann::json doc = TraceDocument(trace);
    doc["input_digest"] = "sha256:1234";
    ReplayDocument(doc.dump(2), &status, &errors);
    CHECK(status == kExitInputError);
    CHECK(errors.find("error[trace-file]: \"input_digest\" is not a digest") != std::string::npos);
  }
  SUBCASE("the control: the same file as recorded reproduces") {
    CHECK(ReplayDocument(TraceDocument(trace).dump(2), &status, &errors).rfind("reproduced:", 0) == 0);
    CHECK(errors == "");
    CHECK(status == kExitPass);
  }
}

TEST_CASE("trace files that cannot be read") {
  // Given a file that is no trace file, we should say so with the id trace-file.
  VirtualFileReader files;
  files.Add("bad.json", R"({"format": "kst-traces/1", "input": "s.json", "semantics": "nope", "traces": [{}]})");
  TraceFile file;
  Diagnostic error;
  CHECK_FALSE(LoadTraceFile("bad.json", &files, ModelCatalog::Embedded(), &file, &error));
  CHECK(error.ToString() == "bad.json:1:60: error[trace-file]: unknown semantics \"nope\" (/semantics)");
  CHECK_FALSE(LoadTraceFile("missing.json", &files, ModelCatalog::Embedded(), &file, &error));
  CHECK(error.id == "unreadable-file");
}

}  // namespace
}  // namespace kst
