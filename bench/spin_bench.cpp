// kst_spin_bench (`make bench-spin`): kst against SPIN on the same question.
//
// Rows. The seed scenario (scenarios/o1-patch-night.json: the O1 change, an
// OWA IM trusted application pool for ex1 while UM Routing holds ex1, with
// restarts "any") with n = 1, 2, 4, 8, 16, ... Front End servers in pool01,
// until SPIN passes the caps (60 s or 8 GiB); then, between the last n SPIN
// finished and the first it did not, a bisection for the largest n it
// finishes. Then a realistic estate (bench/synthetic_topology.h: 40 servers,
// 2,000 FQDNs, a 20-step plan, restarts "any").
//
// kst: kst::Analyze as `kst check` runs it (every reading compared), in a
// forked child, wall time of the analysis (the fastest of three runs: they
// take milliseconds, and the machine is shared) and the child's peak RSS
// (VmHWM).
// SPIN: the export of the same compiled plan (kst export promela); `spin -a`
// and gcc -O2 timed apart; then pan, which is what is compared: wall time,
// peak RSS (the child's ru_maxrss) and states stored. pan is compiled with
// -DSAFETY -DNOREDUCE (the cross-check's mode: see tests/spin/crosscheck.cpp),
// -DMEMLIM=8192 and -DVECTORSZ for the model's state vector, run with -c0 -e,
// the hash table (-w) sized to the states expected from the row before (at
// most 2^26 slots). That is SPIN's fastest exhaustive
// mode here: -DCOLLAPSE was slower and bigger on this model (the state vector
// is mostly per-process parts too small to compress), -DMA far slower, and
// -DHC4 or -DBITSTATE would not be exhaustive. SPIN's time leaves out its
// cycle search for kst/flapping (a second -DNP compile and run), which kst's
// includes: that favours SPIN.
//
// Verdicts: for every row both complete, SPIN's verdicts per (rule, FQDN) --
// from pan's errors, with trails replayed where a message names no cell
// (tests/spin/spin_verdicts.h) -- must equal kst's findings: severity and
// servers. A row where they differ is printed as such and fails the run.

#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file_reader.h"
#include "check/analysis.h"
#include "export/promela_export.h"
#include "input/scenario_loader.h"
#include "spin_runner.h"
#include "spin_verdicts.h"
#include "synthetic_topology.h"

namespace kst {
namespace {

namespace fs = std::filesystem;

struct Caps {
  double seconds = 60;
  uint64_t memory_mib = 8192;
};

struct KstRun {
  bool ok = false;
  uint64_t servers = 0, fqdns = 0, states = 0;
  double seconds = 0;
  uint64_t peak_kib = 0;
  spin::Verdicts verdicts;
};

struct SpinRun {
  bool complete = false;
  std::string outcome;  // why not complete, or ""
  uint64_t states = 0;
  double generate_seconds = 0, compile_seconds = 0, pan_seconds = 0;
  uint64_t pan_peak_kib = 0;
  spin::Verdicts verdicts;
};

struct Row {
  std::string label;
  int front_ends = 0;
  KstRun kst;
  SpinRun spin;
  std::string verdicts;  // "identical", or what differs
};

std::string Format(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The seed scenario with pool01's computers fe01 .. fe<n>.
Scenario SeedScenario(const std::string& source, int n) {
  DiskFileReader files;
  Diagnostics diagnostics;
  Scenario scenario;
  if (!LoadScenarioFile(source + "/scenarios/o1-patch-night.json", &files, ModelCatalog::Embedded(), &scenario,
                        &diagnostics))
    throw std::runtime_error("cannot load the seed scenario under " + source);
  auto resize = [n](Topology* topology) {
    LyncPool* pool = topology->FindPool("pool01.contoso.com");
    pool->computers.clear();
    for (int i = 1; i <= n; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "fe%02d.contoso.com", i);
      pool->computers.push_back({name, {}});
    }
  };
  resize(&scenario.base);
  for (PlanStep& step : scenario.plan) {
    Topology after = *step.after;
    resize(&after);
    step.after = std::make_shared<const Topology>(std::move(after));
  }
  return scenario;
}

/// kst's analysis in a forked child; the verdicts come back as text lines.
KstRun MeasureKst(const Scenario& scenario) {
  int fds[2];
  KstRun run;
  if (pipe(fds) != 0) return run;
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    const auto start = std::chrono::steady_clock::now();
    const Report report = Analyze(scenario, true, ModelCatalog::Embedded(), AnalysisOptions(), Diagnostics());
    const double seconds = SecondsSince(start);
    std::ostringstream text;
    text << report.statistics.servers << " " << report.statistics.fqdns << " " << report.statistics.states << " "
         << seconds << " " << PeakRssKib() << " " << report.inconclusive_reasons.size() << "\n";
    for (const auto& [key, verdict] : spin::VerdictsOf(report.findings)) {
      text << key.first << "\t" << key.second << "\t" << verdict.severity;
      for (const std::string& server : verdict.servers) text << "\t" << server;
      text << "\n";
    }
    const std::string bytes = text.str();
    const bool written = write(fds[1], bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    _exit(written ? 0 : 1);
  }
  close(fds[1]);
  std::string bytes;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) bytes.append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  std::istringstream in(bytes);
  size_t inconclusive = 0;
  in >> run.servers >> run.fqdns >> run.states >> run.seconds >> run.peak_kib >> inconclusive;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string rule, fqdn, severity, server;
    std::getline(fields, rule, '\t');
    std::getline(fields, fqdn, '\t');
    std::getline(fields, severity, '\t');
    spin::Verdict& verdict = run.verdicts[{rule, fqdn}];
    verdict.severity = severity;
    while (std::getline(fields, server, '\t')) verdict.servers.insert(server);
  }
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && inconclusive == 0;
  return run;
}

/// SPIN on the export of `scenario`, in `dir`, with a hash table of 2^w slots.
SpinRun MeasureSpin(const Scenario& scenario, const std::string& dir, int w, const Caps& caps) {
  SpinRun run;
  fs::remove_all(dir);
  fs::create_directories(dir);
  const CompiledPlan plan(scenario, ModelCatalog::Embedded());
  PromelaLayout layout;
  Diagnostic error;
  {
    std::ofstream out(dir + "/model.pml");
    if (!LayoutPromela(plan, &layout, &error) || !WritePromela(plan, ModelCatalog::Embedded(), {}, out, &error)) {
      run.outcome = "no export: " + error.message;
      return run;
    }
  }
  spin::SpinModel model(dir, "model.pml");
  std::string why;
  auto start = std::chrono::steady_clock::now();
  if (!model.Generate(&why, 600)) {
    run.outcome = "spin -a: " + why.substr(0, 80);
    return run;
  }
  run.generate_seconds = SecondsSince(start);
  start = std::chrono::steady_clock::now();
  if (!model.Compile({"-DSAFETY", "-DNOREDUCE", "-DMEMLIM=" + std::to_string(caps.memory_mib),
                      "-DVECTORSZ=" + std::to_string(layout.VectorSize())},
                     "pan", &why, 900)) {
    run.outcome = "gcc: " + why.substr(0, 80);
    return run;
  }
  run.compile_seconds = SecondsSince(start);
  const spin::ProcessResult pan =
      model.Run("pan", {"-c0", "-e", "-w" + std::to_string(w)}, caps.seconds, caps.memory_mib + 1024);
  run.pan_seconds = pan.wall_seconds;
  run.pan_peak_kib = pan.peak_rss_kib;
  const spin::PanReport report = spin::ParsePanOutput(pan.output);
  run.states = report.states;
  if (pan.timed_out) {
    run.outcome = "stopped at " + std::to_string(static_cast<int>(caps.seconds)) + " s";
    return run;
  }
  if (!report.complete) {
    run.outcome = "incomplete: " + report.incomplete_reasons.front().substr(0, 60);
    return run;
  }
  spin::TrailCache trails(model);
  spin::Violations violations;
  if (!spin::AttributeViolations(report, &trails, &violations, &why)) {
    run.outcome = why;
    return run;
  }
  run.verdicts = spin::VerdictsOf(layout, violations, false);
  run.complete = true;
  return run;
}

/// pan's hash table: 2^w slots for about `states` states (pan's own advice).
/// At most 2^26 slots (512 MiB): what pan stores in 60 s fits, and chains beyond.
int HashBits(double states) {
  return std::clamp(static_cast<int>(std::ceil(std::log2(std::max(states, 1.0)))) + 1, 18, 26);
}

Row MeasureRow(const std::string& label, int front_ends, const Scenario& scenario, const std::string& work,
               double expected_states, const Caps& caps) {
  Row row{label, front_ends, MeasureKst(scenario), {}, ""};
  for (int again = 0; again < 2; ++again) {  // kst's runs take milliseconds: the fastest of three
    KstRun run = MeasureKst(scenario);
    if (run.ok && run.seconds < row.kst.seconds) row.kst = run;
  }
  std::fprintf(stderr, "  %s: kst %.4f s; SPIN ...\n", label.c_str(), row.kst.seconds);
  std::string folder;  // the label as a folder name
  for (char c : label) folder += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  row.spin = MeasureSpin(scenario, work + "/" + folder, HashBits(expected_states), caps);
  if (!row.kst.ok) {
    row.verdicts = "kst failed";
  } else if (!row.spin.complete) {
    row.verdicts = "-";
  } else {
    // SPIN's run leaves out the cycle search: compare without kst/flapping (never reported here).
    spin::Verdicts kst = row.kst.verdicts;
    kst.erase({"kst/flapping", spin::kAnyCycle});
    const auto differences = spin::CompareVerdicts(kst, row.spin.verdicts);
    row.verdicts = differences.empty() ? "identical (" + std::to_string(kst.size()) + " findings)"
                                       : "DIFFER: " + differences.front().text;
  }
  return row;
}

std::string Number(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void PrintTable(const std::vector<Row>& rows, const Caps& caps) {
  std::printf(
      "\n| scenario | servers | FQDNs | kst states | kst s | kst MiB | SPIN states | pan s | pan MiB | "
      "spin -a + gcc s | pan s / kst s | verdicts |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
  for (const Row& row : rows) {
    const SpinRun& s = row.spin;
    std::string pan_seconds =
        s.complete ? Format(s.pan_seconds, 2) : "> " + Format(caps.seconds, 0) + " (" + s.outcome + ")";
    if (!s.complete && s.outcome.rfind("stopped", 0) != 0) pan_seconds = s.outcome;
    std::printf(
        "| %s | %llu | %llu | %s | %s | %.1f | %s%s | %s | %.0f | %.1f | %s | %s |\n", row.label.c_str(),
        static_cast<unsigned long long>(row.kst.servers), static_cast<unsigned long long>(row.kst.fqdns),
        Number(row.kst.states).c_str(), Format(row.kst.seconds, 4).c_str(), row.kst.peak_kib / 1024.0,
        s.complete ? "" : "> ", Number(s.states).c_str(), pan_seconds.c_str(), s.pan_peak_kib / 1024.0,
        s.generate_seconds + s.compile_seconds,
        s.complete && row.kst.seconds > 0 ? ("**" + Format(s.pan_seconds / row.kst.seconds, 0) + "x**").c_str() : "-",
        row.verdicts.c_str());
  }
}

/// The seed rows: doubling n until SPIN stops, then bisecting for the largest n it finishes.
void SeedRows(const std::string& source, const std::string& work, const Caps& caps, bool quick,
              std::vector<Row>* rows) {
  int done = 0, failed = 0;
  double done_states = 1;
  auto measure = [&](int n) {
    // About five times the states per Front End (measured); pan sizes its table from that.
    const double expected = done_states * std::pow(5.0, n - done);
    rows->push_back(MeasureRow("seed, " + std::to_string(n) + " FE", n, SeedScenario(source, n), work, expected, caps));
    if (!rows->back().spin.complete) return false;
    done = n;
    done_states = static_cast<double>(rows->back().spin.states);
    return true;
  };
  for (int n = 1;; n *= 2) {
    if (!measure(n)) {
      failed = n;
      break;
    }
    if (quick && n >= 2) return;
  }
  while (failed - done > 1) {
    const int mid = (done + failed) / 2;
    if (!measure(mid)) failed = mid;
  }
  std::sort(rows->begin(), rows->end(), [](const Row& a, const Row& b) { return a.front_ends < b.front_ends; });
}

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  using namespace kst;  // NOLINT: main only
  CLI::App app{"kst_spin_bench: kst against SPIN on the seed scenario with n Front Ends and on a realistic estate"};
  std::string source = ".", work = "build/spin-bench";
  Caps caps;
  bool quick = false, realistic = true, seed = true;
  app.add_option("--source", source, "the kst source tree (for scenarios/o1-patch-night.json)");
  app.add_option("--work", work, "scratch folder for the models, pan and its trails");
  app.add_option("--max-seconds", caps.seconds, "stop SPIN after this many seconds (the row is then over the cap)");
  app.add_option("--max-memory-mib", caps.memory_mib, "pan's memory bound (-DMEMLIM), MiB");
  app.add_flag("--quick", quick, "n = 1 and 2 only, no realistic estate (smoke test)");
  app.add_flag("!--no-realistic", realistic, "skip the realistic estate");
  app.add_flag("!--no-seed", seed, "skip the seed scenario's rows");
  CLI11_PARSE(app, argc, argv);
  work = fs::absolute(work).string();
  fs::create_directories(work);
  std::vector<Row> rows;
  std::fprintf(stderr, "kst_spin_bench: caps %.0f s and %llu MiB per pan run; work folder %s\n", caps.seconds,
               static_cast<unsigned long long>(caps.memory_mib), work.c_str());
  if (seed) SeedRows(source, work, caps, quick, &rows);
  if (realistic && !quick) {
    SyntheticSize size;
    size.front_end_servers = 36;  // with its Directors and Edges: 40 servers
    size.fqdns = 2000;
    size.plan_steps = 20;
    const Scenario scenario = MakeSyntheticScenario(size);
    rows.push_back(MeasureRow("realistic, 40 servers, 2,000 FQDNs, 20 steps", 0, scenario, work, 1e9, caps));
  }
  PrintTable(rows, caps);
  const Row* largest = nullptr;
  for (const Row& row : rows)
    if (row.front_ends > 0 && row.spin.complete) largest = &row;
  if (largest)
    std::printf(
        "\nLargest n SPIN completes within %.0f s and %llu MiB: %d Front Ends; there pan takes %s s, kst %s s "
        "(%sx), with %s verdicts.\n",
        caps.seconds, static_cast<unsigned long long>(caps.memory_mib), largest->front_ends,
        Format(largest->spin.pan_seconds, 2).c_str(), Format(largest->kst.seconds, 4).c_str(),
        Format(largest->spin.pan_seconds / largest->kst.seconds, 0).c_str(),
        largest->verdicts.rfind("identical", 0) == 0 ? "identical" : "DIFFERENT");
  std::printf(
      "pan: gcc -O2 -DSAFETY -DNOREDUCE -DMEMLIM=%llu -DVECTORSZ=N; pan -c0 -e -wN (N from the states expected); kst: "
      "kst::Analyze as kst check runs it, in a forked child.\n",
      static_cast<unsigned long long>(caps.memory_mib));
  for (const Row& row : rows)
    if (row.verdicts.rfind("DIFFER", 0) == 0 || row.verdicts == "kst failed") return 1;
  return 0;
}
