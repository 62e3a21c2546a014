// kst-scenario/1 with an inline topology, then the whole analysis when it
// loads: the plan compiler and explorer must survive whatever the loader
// lets through, and give the same verdict when run twice.
#include "check/analysis.h"
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "input/scenario_loader.h"
#include "model/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("fuzz.json", data, size);
  kst::Scenario scenario;
  kst::Diagnostics diagnostics;
  const kst::ModelCatalog& model = kst::ModelCatalog::Embedded();
  bool is_scenario = false;
  const bool loaded = kst::LoadCheckInput("fuzz.json", &files, model, &scenario, &is_scenario, &diagnostics);
  kst::fuzz::CheckDiagnostics(loaded, diagnostics);
  if (!loaded) return 0;
  kst::AnalysisOptions options;
  options.max_states = 20'000;  // keep each input fast; the budget path is exercised too
  options.compare_readings = false;
  const kst::Report first = kst::Analyze(scenario, is_scenario, model, options, diagnostics);
  const kst::Report second = kst::Analyze(scenario, is_scenario, model, options, diagnostics);
  kst::fuzz::CheckSameReport(first, second);
  return 0;
}
