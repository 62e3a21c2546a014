// kst_bench: how fast and how big is an exhaustive analysis of a large estate?
//
// Each run generates a synthetic scenario (synthetic_topology.h), checks it
// the way the scenario loader would, then runs kst::Analyze on it once,
// timing the analysis alone (generation is timed and printed apart). Every
// run is a forked child pinned to one CPU, so it is cold like a `kst check`
// (a warm heap halves the time and would flatter it), and the peak RSS of a
// row (VmHWM, via kst::PeakRssKib) is its own, not the high water mark of the
// rows before it. A row prints the run of --repeat that used the least CPU
// time, and the shortest and longest wall times: on a shared machine the
// wall time swings with the load, so the targets are judged on CPU time
// (what one core spends). "input MiB" is the peak after generation: the
// scenario in memory, with the whole topology after each of its steps, as
// the loader keeps it.
//
// The targets (issue): 200 Front End servers, 5,000 FQDNs, a 50-step plan and
// restarts "any" explored exhaustively in under 1 s and 256 MiB on one core;
// doubling the servers or the FQDNs at most doubles the time.
// `--quick` runs one small size once: the smoke test ctest runs. `--steps`
// runs the plan-length rows of issue 21 (make bench-steps).

#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "check/analysis.h"
#include "one_core.h"
#include "synthetic_topology.h"

namespace kst {
namespace {

/// One row, passed from the child to the parent through a pipe as bytes.
struct Measurement {
  bool ok = false;
  bool complete = true;
  uint64_t servers = 0;
  uint64_t fqdns = 0;
  uint64_t plan_steps = 0;
  uint64_t cells = 0;
  uint64_t classes = 0;
  uint64_t states = 0;
  uint64_t findings = 0;
  double generate_seconds = 0;
  double seconds = 0;      // wall time of the analysis
  double cpu_seconds = 0;  // CPU time of the analysis (user + system)
  uint64_t input_rss_kib = 0;
  uint64_t peak_rss_kib = 0;
};

struct Row {
  SyntheticSize size;
  bool compare_readings = true;
  Measurement result;          // the run that used the least CPU time
  double best_seconds = 0;     // the shortest wall time of the runs
  double slowest_seconds = 0;  // the longest
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// One cold run: generate, check, analyse once. Runs in a fresh child.
Measurement Measure(const Row& row) {
  Measurement m;
  const ModelCatalog& model = ModelCatalog::Embedded();
  auto start = std::chrono::steady_clock::now();
  const Scenario scenario = MakeSyntheticScenario(row.size);
  m.generate_seconds = SecondsSince(start);
  std::string error;
  if (!CheckSyntheticScenario(scenario, model, &error)) {
    std::fprintf(stderr, "kst_bench: generated scenario is invalid: %s\n", error.c_str());
    return m;
  }
  m.input_rss_kib = PeakRssKib();
  AnalysisOptions options;
  options.compare_readings = row.compare_readings;
  start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  const Report report = Analyze(scenario, true, model, options, Diagnostics());
  m.cpu_seconds = CpuSeconds() - cpu_start;
  m.seconds = SecondsSince(start);
  m.peak_rss_kib = PeakRssKib();
  const Statistics& stats = report.statistics;
  m.servers = stats.servers;
  m.fqdns = stats.fqdns;
  m.plan_steps = scenario.plan.size();
  m.cells = stats.cells;
  m.classes = stats.classes;
  m.states = stats.states;
  m.findings = report.findings.size();
  m.complete = report.inconclusive_reasons.empty();
  m.ok = true;
  return m;
}

/// Runs Measure in a forked child pinned to one CPU; false when it failed.
bool MeasureInChild(const Row& row, Measurement* out) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    close(fds[0]);
    PinToOneCore();
    const Measurement m = Measure(row);
    const bool written = write(fds[1], &m, sizeof(m)) == static_cast<ssize_t>(sizeof(m));
    _exit(written && m.ok ? 0 : 1);
  }
  close(fds[1]);
  const bool read_all = read(fds[0], out, sizeof(*out)) == static_cast<ssize_t>(sizeof(*out));
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return read_all && WIFEXITED(status) && WEXITSTATUS(status) == 0 && out->ok;
}

/// `repeat` cold runs of a row: keeps the one with the least CPU time, and
/// the shortest and longest wall times.
bool MeasureRow(Row* row, int repeat) {
  for (int run = 0; run < repeat; ++run) {
    Measurement m;
    if (!MeasureInChild(*row, &m)) {
      row->result.ok = false;
      return false;
    }
    row->best_seconds = run == 0 ? m.seconds : std::min(row->best_seconds, m.seconds);
    row->slowest_seconds = std::max(row->slowest_seconds, m.seconds);
    if (run == 0 || m.cpu_seconds < row->result.cpu_seconds) row->result = m;
  }
  return true;
}

/// The 1-minute load average: on a shared machine it tells how noisy the times are.
double LoadAverage() {
  double load = -1;
  if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(file, "%lf", &load) != 1) load = -1;
    std::fclose(file);
  }
  return load;
}

double MiB(uint64_t kib) {
  return static_cast<double>(kib) / 1024.0;
}

void PrintHeader() {
  std::printf("%5s %7s %6s %5s %9s %7s %6s %8s %6s %6s %7s %8s %9s %9s %8s\n", "FE", "servers", "FQDNs", "steps",
              "cells", "classes", "states", "findings", "gen s", "cpu s", "wall s", "(max s)", "states/s", "input MiB",
              "peak MiB");
}

void PrintRow(const Row& row) {
  const Measurement& m = row.result;
  if (!m.ok) {
    std::printf("%5d %7s failed (see above)\n", row.size.front_end_servers, "-");
    return;
  }
  const double rate = m.cpu_seconds > 0 ? static_cast<double>(m.states) / m.cpu_seconds : 0;
  std::printf("%5d %7llu %6llu %5llu %9llu %7llu %6llu %8llu %6.3f %6.3f %7.3f %8.3f %9.0f %9.1f %8.1f%s\n",
              row.size.front_end_servers, static_cast<unsigned long long>(m.servers),
              static_cast<unsigned long long>(m.fqdns), static_cast<unsigned long long>(m.plan_steps),
              static_cast<unsigned long long>(m.cells), static_cast<unsigned long long>(m.classes),
              static_cast<unsigned long long>(m.states), static_cast<unsigned long long>(m.findings),
              m.generate_seconds, m.cpu_seconds, row.best_seconds, row.slowest_seconds, rate, MiB(m.input_rss_kib),
              MiB(m.peak_rss_kib), m.complete ? "" : "  INCOMPLETE");
}

const Row* FindRow(const std::vector<Row>& rows, int front_ends, int fqdns, bool compare_readings) {
  for (const Row& row : rows)
    if (row.size.front_end_servers == front_ends && row.size.fqdns == fqdns &&
        row.compare_readings == compare_readings && row.result.ok)
      return &row;
  return nullptr;
}

const char* Met(bool met) {
  return met ? "met" : "NOT MET";
}

/// The targets, judged on the default-options rows.
void PrintTargets(const std::vector<Row>& rows) {
  const Row* target = FindRow(rows, 200, 5000, true);
  if (!target) return;
  const Measurement& t = target->result;
  std::printf("\nTargets (default options, %d steps, restarts \"any\", one core):\n", target->size.plan_steps);
  std::printf("  200 FE / 5,000 FQDNs: %.3f s CPU (< 1 s: %s), peak %.1f MiB (< 256 MiB: %s), exhaustive: %s\n",
              t.cpu_seconds, Met(t.cpu_seconds < 1.0), MiB(t.peak_rss_kib), Met(t.peak_rss_kib < 256 * 1024),
              t.complete ? "yes" : "NO");
  struct Doubling {
    const char* what;
    int front_ends, fqdns;
    double limit;
  };
  for (const Doubling& d :
       {Doubling{"doubled servers (400 FE)", 400, 5000, 2.0}, Doubling{"doubled FQDNs (10,000)", 200, 10000, 2.0},
        Doubling{"both doubled", 400, 10000, 4.0}}) {
    const Row* row = FindRow(rows, d.front_ends, d.fqdns, true);
    if (!row) continue;
    const double ratio = row->result.cpu_seconds / t.cpu_seconds;
    std::printf("  %-26s %.3f s CPU = %.2fx the target's (<= %.0fx: %s)\n", d.what, row->result.cpu_seconds, ratio,
                d.limit, Met(ratio <= d.limit));
  }
}

/// Issue 21's targets, judged on the --steps rows: how the cost grows with
/// the plan's length, per doubling of the steps (a ratio of 2 is linear).
void PrintStepTargets(const std::vector<Row>& rows) {
  std::printf("\nGrowth with plan steps (default options, restarts \"any\", one core):\n");
  for (const bool distinct : {false, true})
    for (const int fqdns : {5000, 10000}) {
      const Row* previous = nullptr;
      for (const Row& row : rows) {
        if (row.size.fqdns != fqdns || row.size.distinct_pools != distinct || !row.result.ok) continue;
        const Measurement& m = row.result;
        std::printf("  %-9s 200 FE / %6d FQDNs / %5d steps: %7.3f s CPU, peak %7.1f MiB",
                    distinct ? "distinct" : "synthetic", fqdns, row.size.plan_steps, m.cpu_seconds,
                    MiB(m.peak_rss_kib));
        if (previous) {
          // Per doubling: the ratio raised to 1 / log2(steps ratio).
          const double doublings = std::log2(static_cast<double>(row.size.plan_steps) / previous->size.plan_steps);
          const double time_ratio =
              std::pow(m.cpu_seconds / std::max(previous->result.cpu_seconds, 1e-6), 1.0 / doublings);
          const double memory_ratio =
              std::pow(static_cast<double>(m.peak_rss_kib) / previous->result.peak_rss_kib, 1.0 / doublings);
          std::printf("; per doubling of steps: time %.2fx, memory %.2fx (<= 2x: %s)", time_ratio, memory_ratio,
                      Met(time_ratio <= 2.0 && memory_ratio <= 2.0));
        }
        if (fqdns == 5000 && row.size.plan_steps == 1000)
          std::printf("\n    target 1,000 steps: < 1 s CPU: %s, < 256 MiB: %s", Met(m.cpu_seconds < 1.0),
                      Met(m.peak_rss_kib < 256 * 1024));
        if (fqdns == 5000 && row.size.plan_steps == 5000)
          std::printf("\n    target 5,000 steps: < 5 s CPU: %s, < 512 MiB: %s", Met(m.cpu_seconds < 5.0),
                      Met(m.peak_rss_kib < 512 * 1024));
        std::printf("\n");
        previous = &row;
      }
    }
}

std::vector<Row> StepRows() {
  std::vector<Row> rows;
  for (const bool distinct : {false, true})
    for (const int fqdns : {5000, 10000})
      for (const int steps : {50, 200, 1000, 5000}) {
        SyntheticSize size{200, fqdns, steps, true};
        size.distinct_pools = distinct;
        rows.push_back({size, true, {}});
      }
  return rows;
}

std::vector<Row> PlanRows(bool quick, bool compare_off, const std::vector<int>& size, bool distinct) {
  std::vector<Row> rows;
  if (quick) {
    rows.push_back({SyntheticSize{22, 300, 12, true}, true, {}});
    return rows;
  }
  if (!size.empty()) {
    for (bool compare : {true, false})
      if (compare || compare_off) {
        SyntheticSize synthetic{size[0], size[1], size[2], true};
        synthetic.distinct_pools = distinct;
        rows.push_back({synthetic, compare, {}});
      }
    return rows;
  }
  const std::pair<int, int> sizes[] = {{25, 625},   {50, 1250},   {100, 2500}, {200, 5000},
                                       {400, 5000}, {200, 10000}, {400, 10000}};
  for (bool compare : {true, false}) {
    if (!compare && !compare_off) continue;
    for (const auto& [front_ends, fqdns] : sizes)
      rows.push_back({SyntheticSize{front_ends, fqdns, 50, true}, compare, {}});
  }
  return rows;
}

int Run(bool quick, bool compare_off, int repeat, const std::vector<int>& size, bool steps, bool distinct) {
  ModelCatalog::Embedded();  // parsed once, before the children fork
  std::vector<Row> rows = steps ? StepRows() : PlanRows(quick, compare_off, size, distinct);
  const double load_before = LoadAverage();
  std::printf(
      "kst_bench: kst::Analyze on synthetic scenarios (restarts \"any\"), %d cold run%s per row, each a fresh "
      "process on one CPU.\ncpu s: the least CPU time of the analysis; wall s and (max s): its shortest and "
      "longest wall time; targets are judged on cpu s\n",
      repeat, repeat == 1 ? "" : "s");
  bool ok = true;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].compare_readings != rows[i - 1].compare_readings ||
        rows[i].size.distinct_pools != rows[i - 1].size.distinct_pools) {
      std::printf(
          "\n%s, compare_readings = %s%s\n", rows[i].size.distinct_pools ? "distinct-pool estate" : "synthetic estate",
          rows[i].compare_readings ? "true" : "false", rows[i].compare_readings ? " (the default options)" : "");
      PrintHeader();
    }
    ok &= MeasureRow(&rows[i], repeat);
    ok &= rows[i].result.complete && rows[i].result.cells > 0;
    PrintRow(rows[i]);
    std::fflush(stdout);
  }
  if (steps)
    PrintStepTargets(rows);
  else
    PrintTargets(rows);
  std::printf("\nLoad average (1 min) before and after: %.2f and %.2f on %ld CPUs\n", load_before, LoadAverage(),
              sysconf(_SC_NPROCESSORS_ONLN));
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  CLI::App app{"kst_bench: times kst::Analyze on synthetic Lync estates and prints a table"};
  bool quick = false, no_compare_off = false, steps = false, distinct = false;
  int repeat = 3;
  std::vector<int> size;
  app.add_flag("--quick", quick, "one small size, one run (smoke test)");
  app.add_flag("--default-only", no_compare_off, "skip the rows with compare_readings = false");
  app.add_option("--repeat", repeat, "cold runs per row, each a fresh process; the least CPU time is printed")
      ->check(CLI::Range(1, 100));
  app.add_option("--size", size, "one size only: FE servers, FQDNs and plan steps, e.g. --size 200 5000 50")
      ->expected(3)
      ->check(CLI::Range(1, 1'000'000));
  app.add_flag("--steps", steps,
               "the plan-length rows instead: 200 FE, 5,000 and 10,000 FQDNs, 50 to 5,000 steps, with the ratio per "
               "doubling of steps");
  app.add_flag("--distinct-pools", distinct,
               "with --size: the distinct-pool estate (each Front End pool its own version, SipName dial plan and "
               "restart cadence)");
  CLI11_PARSE(app, argc, argv);
  return kst::Run(quick, !no_compare_off && !quick && !steps, quick ? 1 : repeat, size, steps, distinct);
}
