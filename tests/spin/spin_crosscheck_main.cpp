// kst_spin_crosscheck: kst against SPIN (issue 8), run by ctest.
//
//   kst_spin_crosscheck KST SOURCE_DIR WORK_DIR --shipped [K/N]
//       every scenario and base topology under SOURCE_DIR/scenarios small
//       enough for SPIN here (SmallEnough below), under the default reading;
//       the scenarios whose findings depend on the reading under every reading;
//       K/N: only every N-th file from the K-th (ctest runs the parts in parallel)
//   kst_spin_crosscheck KST SOURCE_DIR WORK_DIR --generated N [--seed S]
//       N random scenarios of the naive oracle's tiny scope
//       (scenario_generator.h), under the readings in turn
//   kst_spin_crosscheck KST SOURCE_DIR WORK_DIR --file SCENARIO [--reading R]
//
// Exit 0 when kst and SPIN agree everywhere; 1 on any disagreement (each
// printed with both traces); 2 on a usage error.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <vector>

#include "base/file_reader.h"
#include "crosscheck.h"
#include "engine/plan_compiler.h"
#include "input/scenario_loader.h"
#include "model/model_catalog.h"
#include "model/scenario.h"
#include "scenario_generator.h"

namespace {

namespace fs = std::filesystem;
using kst::spin::CrossCheck;

/// SPIN explores whole-system states, and they multiply with every server
/// that can act on its own: a handful of states per server with planned
/// restarts, a few dozen with restarts "any" (each server may restart once,
/// at any point, before or after each of its replications and polls). The
/// shipped scenarios checked here have at most 10 servers that keep a Known
/// Servers Table with planned restarts, at most 6 with restarts "any": at
/// most a few thousand SPIN states each. Beyond that SPIN needs seconds to
/// minutes per scenario (safe-order-owa-tap-pool-by-pool, 10 servers with
/// restarts "any": a million states, 13 s) or cannot finish (the 47 servers
/// of large-multipool-owa-tap-patch-night), which is the point of kst's
/// cells: docs/benchmarks.md, "kst against SPIN".
bool SmallEnough(const std::string& file, std::string* why) {
  kst::DiskFileReader files;
  kst::Scenario scenario;
  kst::Diagnostics diagnostics;
  bool is_scenario = false;
  if (!kst::LoadCheckInput(file, &files, kst::ModelCatalog::Embedded(), &scenario, &is_scenario, &diagnostics)) {
    *why = "does not load";
    return false;
  }
  const size_t servers = kst::CompiledPlan(scenario, kst::ModelCatalog::Embedded()).servers().size();
  const size_t limit = scenario.unplanned_restarts ? 6 : 10;
  *why = std::to_string(servers) + " servers, restarts " + (scenario.unplanned_restarts ? "any" : "planned") +
         ": over the limit of " + std::to_string(limit);
  return servers <= limit;
}

/// A commented YAML twin of a JSON scenario: the same scenario, checked once.
bool YamlTwin(const fs::path& file) {
  const std::string stem = file.stem().string();
  const std::string suffix = "-commented";
  if (file.extension() != ".yaml" || stem.size() <= suffix.size() ||
      stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  return fs::exists(file.parent_path() / (stem.substr(0, stem.size() - suffix.size()) + ".json"));
}

/// Scenarios whose findings rest on UM Routing's start-up conflict, where the
/// readings differ: checked under all three.
bool EveryReading(const std::string& name) {
  return name == "o1-patch-night" || name == "o3-restart-repairs" || name == "remove-tap-after-restart";
}

std::vector<std::string> Readings(bool every) {
  std::vector<std::string> names;
  for (const kst::Semantics& semantics : kst::ModelCatalog::Embedded().semantics())
    if (every || semantics.is_default) names.push_back(semantics.name);
  return names;
}

struct Tally {
  int checks = 0, disagreements = 0;
  void Add(const kst::spin::CrossCheckResult& result) {
    checks++;
    disagreements += !result.agree;
    std::cout << result.report << std::flush;
  }
};

int Usage() {
  std::cerr
      << "usage: kst_spin_crosscheck KST SOURCE_DIR WORK_DIR (--shipped [K/N] | --generated N [--seed S] | --file "
         "SCENARIO [--reading R])\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) return Usage();
  const std::string kst = fs::absolute(argv[1]).string(), source = argv[2], work = fs::absolute(argv[3]).string();
  const std::string mode = argv[4];
  fs::create_directories(work);
  CrossCheck check(kst, work);
  Tally tally;
  if (mode == "--shipped") {
    // --shipped K/N: every N-th file from the K-th, so that ctest can run the parts side by side.
    size_t part = 1, parts = 1;
    if (argc >= 6 && std::sscanf(argv[5], "%zu/%zu", &part, &parts) != 2) return Usage();
    if (parts == 0 || part == 0 || part > parts) return Usage();
    size_t index = 0;
    std::set<fs::path> files;  // the scenarios, and the base topologies (a topology is a scenario with no plan)
    for (const fs::path folder : {fs::path(source) / "scenarios", fs::path(source) / "scenarios" / "topologies"})
      for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_regular_file() && !YamlTwin(entry.path())) files.insert(entry.path());
    for (const fs::path& file : files) {
      if (index++ % parts != part - 1) continue;
      std::string why;
      const std::string name = file.stem().string();
      if (!SmallEnough(file.string(), &why)) {
        std::cout << "skipped " << file.filename().string() << ": " << why << "\n";
        continue;
      }
      for (const std::string& reading : Readings(EveryReading(name)))
        tally.Add(check.Check(file.string(), reading, name));
    }
  } else if (mode == "--generated" && argc >= 6) {
    const int count = std::atoi(argv[5]);
    const uint64_t seed =
        argc >= 8 && std::string(argv[6]) == "--seed" ? std::strtoull(argv[7], nullptr, 10) : 20261124;
    std::cout << "generated scenarios: seed " << seed << "\n";
    for (int i = 0; i < count; ++i) {
      std::string summary;
      const std::string name = "generated-" + std::to_string(seed) + "-" + std::to_string(i);
      const std::string file = work + "/" + name + ".json";
      std::ofstream(file) << kst::spin::GenerateScenario(seed, i, &summary);
      std::cout << "scenario " << i << " (seed " << seed << "): " << summary << "\n";
      const std::vector<std::string> readings = Readings(true);  // one each, in turn
      tally.Add(check.Check(file, readings[static_cast<size_t>(i) % readings.size()], name));
    }
  } else if (mode == "--file" && argc >= 6) {
    const std::string file = argv[5];
    std::vector<std::string> readings =
        argc >= 8 && std::string(argv[6]) == "--reading" ? std::vector<std::string>{argv[7]} : Readings(true);
    for (const std::string& reading : readings) tally.Add(check.Check(file, reading, fs::path(file).stem().string()));
  } else {
    return Usage();
  }
  std::cout << tally.checks << " cross-checks, " << tally.disagreements << " disagreements\n";
  return tally.disagreements == 0 && tally.checks > 0 ? 0 : 1;
}
