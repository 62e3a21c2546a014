// kst_recheck_bench: what a re-check costs once a step of a long plan moves.
//
// Plan synthesis checks many candidate plans that differ from each other by a
// step or two; a ClassCache (check/class_cache.h) carries the explored cell
// classes from one check to the next. This bench checks the synthetic
// 1,000-step plan once with an empty cache (the full check), moves one
// restart ten steps earlier, and checks the edited plan with the cache (the
// re-check) and without it (what the re-check replaces). It also checks the
// unchanged plan again with the full cache: no class is explored then, so its
// time is the floor of a re-check, the part of a check that is not
// exploration (compiling the plan, assembling the findings and their impact).
// Each check runs in this one process pinned to one CPU; CPU time is the
// least of --repeat runs. The reports with and without the cache must agree
// (findings, states): the bench fails otherwise.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "check/analysis.h"
#include "check/class_cache.h"
#include "one_core.h"
#include "synthetic_topology.h"

namespace kst {
namespace {

struct Timed {
  Report report;
  double cpu_seconds = 0;
  ClassCache cache;  // what the first run's cache held after it
};

/// The least CPU time of `repeat` checks, each starting from a copy of
/// `start` (null: no cache at all).
Timed Check(const Scenario& scenario, int repeat, const ClassCache* start) {
  Timed best;
  for (int run = 0; run < repeat; ++run) {
    ClassCache cache = start ? *start : ClassCache();
    AnalysisOptions options;
    options.class_cache = start ? &cache : nullptr;
    const double begin = CpuSeconds();
    Report report = Analyze(scenario, true, ModelCatalog::Embedded(), options, {});
    const double seconds = CpuSeconds() - begin;
    if (run == 0) best.cache = std::move(cache);
    if (run == 0 || seconds < best.cpu_seconds) {
      best.report = std::move(report);
      best.cpu_seconds = seconds;
    }
  }
  return best;
}

int Run(int front_ends, int fqdns, int steps, int repeat, bool distinct) {
  PinToOneCore();
  ModelCatalog::Embedded();
  SyntheticSize size{front_ends, fqdns, steps, true};
  size.distinct_pools = distinct;
  Scenario scenario = MakeSyntheticScenario(size);
  // The restart nearest the middle moves ten steps earlier.
  size_t from = scenario.plan.size();
  for (size_t i = scenario.plan.size() / 2; i < scenario.plan.size() && from == scenario.plan.size(); ++i)
    if (scenario.plan[i].kind == PlanStep::Kind::kRestart) from = i;
  Scenario moved = scenario;
  if (from == scenario.plan.size() || from < 10 || !MoveStepThatChangesNothing(&moved, from, from - 10)) {
    std::fprintf(stderr, "kst_recheck_bench: no restart to move in the plan\n");
    return 1;
  }
  const ClassCache empty;
  const ClassCache full = Check(scenario, 1, &empty).cache;  // also warms the heap for the timed checks
  const Timed first = Check(scenario, repeat, nullptr);
  const Timed again = Check(scenario, repeat, &full);
  const Timed recheck = Check(moved, repeat, &full);
  const Timed uncached = Check(moved, repeat, nullptr);
  const Statistics& stats = recheck.report.statistics;
  std::printf(
      "kst_recheck_bench: %s estate, %d FE, %d FQDNs, %zu plan steps, restarts \"any\"; step %zu (a restart) moved "
      "to %zu\n",
      distinct ? "distinct-pool" : "synthetic", front_ends, fqdns, scenario.plan.size(), from + 1, from - 9);
  std::printf("CPU s, least of %d run%s on one core\n", repeat, repeat == 1 ? "" : "s");
  std::printf("  full check, no cache:                 %7.3f s, %zu classes, %llu states, %zu findings\n",
              first.cpu_seconds, static_cast<size_t>(first.report.statistics.classes),
              static_cast<unsigned long long>(first.report.statistics.states), first.report.findings.size());
  std::printf("  same plan again, every class cached:  %7.3f s (%.1f%% of the full check: the floor)\n",
              again.cpu_seconds, 100.0 * again.cpu_seconds / first.cpu_seconds);
  std::printf("  one step moved, without the cache:    %7.3f s\n", uncached.cpu_seconds);
  std::printf("  one step moved, with the cache:       %7.3f s (%.1f%% of the full check; goal < 10%%: %s)\n",
              recheck.cpu_seconds, 100.0 * recheck.cpu_seconds / first.cpu_seconds,
              recheck.cpu_seconds < 0.1 * first.cpu_seconds ? "met" : "NOT MET");
  std::printf("  classes explored again: %llu of %zu\n",
              static_cast<unsigned long long>(recheck.cache.misses() - full.misses()),
              static_cast<size_t>(stats.classes));
  const bool same = recheck.report.findings.size() == uncached.report.findings.size() &&
                    stats.states == uncached.report.statistics.states &&
                    recheck.report.verdict == uncached.report.verdict;
  std::printf("  re-check report equals the uncached one (findings, states, verdict): %s\n", same ? "yes" : "NO");
  return same ? 0 : 1;
}

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  CLI::App app{"kst_recheck_bench: a re-check of a long plan with one step moved, with and without the class cache"};
  bool quick = false, distinct = false;
  int repeat = 3;
  std::vector<int> size{200, 5000, 1000};
  app.add_flag("--quick", quick, "a small plan, one run (smoke test)");
  app.add_option("--repeat", repeat, "runs per check; the least CPU time is printed")->check(CLI::Range(1, 100));
  app.add_option("--size", size, "FE servers, FQDNs and plan steps")->expected(3)->check(CLI::Range(1, 1'000'000));
  app.add_flag("--distinct-pools", distinct, "the distinct-pool estate (synthetic_topology.h)");
  CLI11_PARSE(app, argc, argv);
  if (quick) return kst::Run(22, 300, 60, 1, false);
  return kst::Run(size[0], size[1], size[2], repeat, distinct);
}
