// Given an interrupt before or during the analysis, we should get a report
// that says so, covers only what was explored, can never pass, and does not
// read results that were never computed.

#include "base/interrupt.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/analysis.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "engine/plan_compiler.h"
#include "input/json_document.h"
#include "test_world.h"

namespace kst {
namespace {

const char* kO1 = R"({"format": "kst-scenario/1", "topology": {
    "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                        "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]}},
  "plan": [{"op": "add_trusted_application_pool",
            "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}}]})";

TEST_CASE("an interrupt stops the analysis with a partial, non-passing report") {
  Scenario o1 = AssertScenario(kO1);
  SetInterruptRequested(true);
  Report report = Analyze(o1, true, ModelCatalog::Embedded(), {}, {});
  SetInterruptRequested(false);
  CHECK(report.interrupted);
  CHECK(report.findings.empty());  // no class explored, so nothing to report
  CHECK(report.statistics.states == 0);
  REQUIRE(report.inconclusive_reasons.size() == 1);
  CHECK(report.inconclusive_reasons[0] ==
        "interrupted: while the plan was compiled, before any cell class was explored");
  CHECK(report.verdict == Verdict::kInconclusive);
  std::ostringstream err;
  CHECK(GateExitCode(report, {}, err) == 130);

  SUBCASE("without the interrupt the same scenario fails as O1 does") {
    Report full = Analyze(o1, true, ModelCatalog::Embedded(), {}, {});
    CHECK_FALSE(full.interrupted);
    CHECK(full.verdict == Verdict::kFail);
  }
}

/// Raises the interrupt flag for one scope, as a Ctrl-C would, and clears it after.
struct Interrupt {
  Interrupt() { SetInterruptRequested(true); }
  ~Interrupt() { SetInterruptRequested(false); }
};

TEST_CASE("an interrupt stops loading at a safe point, with a located error and nothing else") {
  SUBCASE("the JSON parser, every 4,096 values") {
    std::string text = "[";
    for (int i = 0; i < 10000; ++i) text += (i ? ",1" : "1");
    text += "]";
    JsonNode root;
    Diagnostics diagnostics;
    Interrupt interrupt;
    CHECK_FALSE(ParseJsonDocument("big.json", text, &root, &diagnostics));
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].id == "interrupted");
    CHECK(diagnostics.all()[0].location.file == "big.json");
    CHECK(diagnostics.all()[0].location.line == 1);
  }
  SUBCASE("a scenario, between plan steps: no unknown-field warnings for what it never read") {
    VirtualFileReader files;
    files.Add("s.json", kO1);
    Scenario scenario;
    Diagnostics diagnostics;
    Interrupt interrupt;
    CHECK_FALSE(LoadScenarioFile("s.json", &files, ModelCatalog::Embedded(), &scenario, &diagnostics));
    INFO(DiagnosticsText(diagnostics));
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].ToString().rfind("s.json:2:", 0) == 0);  // the first pool: where it stopped
    CHECK(diagnostics.all()[0].ToString().find("error[interrupted]: interrupted (Ctrl-C) while loading") !=
          std::string::npos);
  }
  SUBCASE("the plan compiler abandons its plan: no server, FQDN or class") {
    Scenario o1 = AssertScenario(kO1);
    Interrupt interrupt;
    CompiledPlan plan(o1, ModelCatalog::Embedded());
    CHECK(plan.interrupted());
    CHECK(plan.servers().empty());
    CHECK(plan.fqdns().empty());
    CHECK(plan.classes().empty());
  }
}

/// Runs `run` on the scenario file kO1 (written to a fresh folder) with the
/// interrupt raised; returns its exit status and what it printed.
struct CommandRun {
  int status = -1;
  std::string out, err;
};
CommandRun RunInterrupted(int (*run)(const CommandOptions&, CommandStreams), std::vector<std::string> extra = {}) {
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kst-interrupt-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "o1.json").string();
  std::ofstream(path) << kO1;
  CommandOptions options;
  options.files = {path};
  options.files.insert(options.files.end(), extra.begin(), extra.end());
  options.input_file = path;
  options.before_file = options.after_file = path;
  options.finding = "kst/version-conflict:ex1.contoso.com";
  options.server = "fe01.contoso.com";
  options.fqdn = "ex1.contoso.com";
  options.export_format = "promela";
  std::ostringstream out, err;
  CommandRun result;
  {
    Interrupt interrupt;
    result.status = run(options, CommandStreams{out, err});
  }
  std::filesystem::remove_all(folder);
  result.out = out.str();
  result.err = err.str();
  return result;
}

TEST_CASE("every long-running command hears Ctrl-C: exit 130 with a message, nothing judged") {
  const struct {
    const char* name;
    int (*run)(const CommandOptions&, CommandStreams);
  } commands[] = {
      {"check", RunCheckCommand},   {"test", RunTestCommand},       {"diff", RunDiffCommand},
      {"show", RunShowCommand},     {"explore", RunExploreCommand}, {"export", RunExportCommand},
      {"impact", RunImpactCommand}, {"graph", RunGraphCommand},     {"explain", RunExplainCommand},
      {"import", RunImportCommand},
  };
  for (const auto& command : commands) {
    INFO(command.name);
    CommandRun run = RunInterrupted(command.run);
    INFO(run.err);
    CHECK(run.status == kExitInterrupted);
    CHECK(run.err.find("kst: interrupted") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst
