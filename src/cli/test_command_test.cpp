// kst test: a scenario whose expect block kst did not fully read (a misspelt
// key) is never reported as a pass, and the run exits non-zero.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "test_world.h"

namespace kst {
namespace {

/// O1 with its topology inline, and `expect` as its expect block.
std::string O1With(const std::string& expect) {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(,
  "plan": [{"op": "add_trusted_application_pool",
            "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}}],
  "expect": )" +
         expect + "}";
}

struct Run {
  int status = -1;
  std::string out, err;
};

/// Writes `text` as a scenario in a fresh folder and runs kst test on it.
Run TestOne(const std::string& text) {
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("kst-test-command-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "s.json").string();
  std::ofstream(path) << text;
  CommandOptions options;
  options.files = {path};
  std::ostringstream out, err;
  Run run;
  run.status = RunTestCommand(options, CommandStreams{out, err});
  run.out = out.str();
  run.err = err.str();
  std::filesystem::remove_all(folder);
  return run;
}

TEST_CASE("a misspelt key in an expect block is inconclusive, never a pass") {
  SUBCASE("the expect block, read in full, passes") {
    Run run = TestOne(O1With(R"({"verdict": "fail", "findings": [
        {"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com"},
        {"rule": "kst/unknown-server", "fqdn": "ex1.contoso.com"}]})"));
    CHECK(run.out.rfind("PASS ", 0) == 0);
    CHECK(run.status == kExitPass);
  }
  SUBCASE("findngs: the findings were never compared") {
    Run run =
        TestOne(O1With(R"({"verdict": "fail", "findngs": [{"rule": "kst/flapping", "fqdn": "ex1.contoso.com"}]})"));
    INFO(run.out);
    CHECK(run.out.rfind("INCONCLUSIVE ", 0) == 0);
    CHECK(run.out.find("warning[unknown-field]: unknown field \"findngs\" in expect block") != std::string::npos);
    CHECK(run.out.find("(/expect/findngs)") != std::string::npos);
    CHECK(run.out.find("0 passed, 0 failed, 1 inconclusive, 0 skipped") != std::string::npos);
    CHECK(run.status == kExitInconclusive);
  }
  SUBCASE("brakes in an expected finding: what it breaks was never compared") {
    Run run = TestOne(O1With(R"({"verdict": "fail", "findings": [
        {"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com", "brakes": ["owa-im"]},
        {"rule": "kst/unknown-server", "fqdn": "ex1.contoso.com"}]})"));
    INFO(run.out);
    CHECK(run.out.rfind("INCONCLUSIVE ", 0) == 0);
    CHECK(run.out.find("warning[unknown-field]: unknown field \"brakes\" in expected finding") != std::string::npos);
    CHECK(run.out.find("(/expect/findings/0/brakes)") != std::string::npos);
    CHECK(run.status != kExitPass);
  }
  SUBCASE("an expect block that expects nothing is an input error, not a pass") {
    Run run = TestOne(O1With("{}"));
    INFO(run.out);
    CHECK(run.out.rfind("FAIL ", 0) == 0);
    CHECK(run.out.find("error[wrong-value]: the expect block expects nothing") != std::string::npos);
    CHECK(run.status == kExitFindings);
  }
  SUBCASE("a misspelt expect key: not silently skipped") {
    std::string text = O1With(R"({"verdict": "fail"})");
    text.replace(text.find("\"expect\""), 8, "\"expct\"");
    Run run = TestOne(text);
    CHECK(run.out.rfind("INCONCLUSIVE ", 0) == 0);
    CHECK(run.status != kExitPass);
  }
}

}  // namespace
}  // namespace kst
