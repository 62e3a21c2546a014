// One scenario, one reading, two model checkers.
//
// kst's side is the kst binary, used as a user would: `kst check --output
// json=... --trace-out ...` for its findings and traces, `kst export promela`
// for the model, `kst replay` for SPIN's trails. SPIN's side:
//  1. `spin -a`, gcc -O2 -DSAFETY -DNOREDUCE, `pan -c0 -e`: every assertion
//     (kst rule, cell) once, each with a trail. -DSAFETY because these are
//     safety properties (no cycle detection needed); -DNOREDUCE because the
//     order-dependence observer must see every quiescent state; -c0 -e so the
//     search goes on after the first error and writes a trail per error.
//  2. gcc -O2 -DNP -DNOREDUCE, `pan -l -A`: a non-progress cycle is
//     kst/flapping (assertions are off: step 1 checked them).
// pan names the rule in each failing assertion; the cell too where the check
// is unrolled per cell (end states). Checks inside the per-FQDN loops name
// the loop variable instead, so their trail is replayed (`spin -t`, every
// violation printed, none stopping the replay): the violations printed by
// the trail's last action are the cell(s). Every (rule, cell) so found is
// real (it is printed on a real path), and every one pan reported is found.
// The verdicts are then compared per (rule, FQDN): severity and servers.
// Each violated (rule, cell) gets a trail, projected onto the cell
// (spin_trail.cpp) and replayed by kst. Each kst trace is lifted to the
// whole system (`kst export promela --guide`) and SPIN simulates the guided
// model, one order at a time: it must not get stuck, must print the rule's
// violation on the cell (or, for order-dependence, end with the trace's
// entry), and projected back onto the cell it must equal kst's trace.

#include "crosscheck.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/file_reader.h"
#include "engine/plan_compiler.h"
#include "export/promela_layout.h"
#include "input/scenario_loader.h"
#include "model/scenario.h"
#include "spin_runner.h"
#include "spin_trail.h"
#include "spin_verdicts.h"

namespace kst::spin {
namespace {

namespace fs = std::filesystem;

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

int PropertyIndex(const std::string& label) {
  const auto& properties = PromelaProperties();
  for (size_t r = 0; r < properties.size(); ++r)
    if (label == properties[r].label) return static_cast<int>(r);
  return -1;
}

/// Strips what a SPIN-derived trace cannot have (kst's wording), for comparison.
nlohmann::json Behaviour(const nlohmann::json& trace) {
  nlohmann::json out = {{"events", trace["events"]}, {"start_entry", trace["start"]["entry"]}};
  auto keys = [](const nlohmann::json& lines) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& line : lines) list.push_back(line.value("key", "?"));
    return list;
  };
  out["start_lines"] = keys(trace["start"]["lines"]);
  for (const auto& step : trace["steps"])
    out["steps"].push_back({step["event"], step["plan_step"], keys(step["lines"]), step["entry_after"]});
  return out;
}

class Session {
 public:
  Session(const std::string& kst, const std::string& dir, const std::string& scenario, const std::string& reading)
      : kst_(kst),
        dir_(dir),
        scenario_(fs::absolute(scenario).string()),
        reading_(reading),
        model_(dir, "model.pml"),
        trails_(model_) {}

  void Run(CrossCheckResult* result) {
    if (Load() && RunKst() && RunSpin() && Cycles()) {
      CompareVerdicts();
      ReplaySpinTraces();
      GuideKstTraces();
    }
    result->agree = problems_.empty();
    result->spin_states = spin_states_;
    result->kst_states = kst_states_;
    std::ostringstream line;
    line << (problems_.empty() ? "agree" : "DISAGREE") << " [" << reading_ << "] "
         << fs::path(scenario_).filename().string() << ": " << kst_verdicts_.size() << " findings, SPIN "
         << spin_states_ << " states / kst " << kst_states_ << ", " << violations_.size()
         << " (rule, cell) violations replayed by kst, " << guided_ << " kst traces followed by SPIN";
    result->report = line.str() + "\n";
    for (const std::string& problem : problems_) result->report += "  " + problem + "\n";
  }

 private:
  std::string Vector() const { return "-DVECTORSZ=" + std::to_string(layout_.VectorSize()); }

  bool Fail(const std::string& problem) {
    problems_.push_back(problem);
    return false;
  }

  ProcessResult Kst(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kst_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv, dir_, 300);
  }

  bool Load() {
    DiskFileReader files;
    Diagnostics diagnostics;
    bool is_scenario = false;
    if (!LoadCheckInput(scenario_, &files, ModelCatalog::Embedded(), &scenario_data_, &is_scenario, &diagnostics))
      return Fail("cannot load " + scenario_);
    semantics_ = ModelCatalog::Embedded().FindSemantics(reading_);
    if (!semantics_) return Fail("unknown reading " + reading_);
    plan_ = std::make_unique<CompiledPlan>(scenario_data_, ModelCatalog::Embedded());
    Diagnostic error;
    if (!LayoutPromela(*plan_, &layout_, &error)) return Fail(error.ToString());
    return true;
  }

  bool RunKst() {
    ProcessResult check = Kst({"check", scenario_, "--semantics", reading_, "--no-fail", "--no-waivers", "--output",
                               "json=kst.json", "--trace-out", "kst_traces.json", "--format", "text"});
    nlohmann::json report = ReadJson(dir_ + "/kst.json");
    if (check.exit_code != 0 || report.is_discarded()) return Fail("kst check failed:\n" + check.output);
    if (report["verdict"] == "inconclusive") return Fail("kst's verdict is inconclusive");
    kst_states_ = report["statistics"].value("states", 0);
    for (const auto& finding : report["findings"]) {
      // Only the table rules come from exploring orders; the certificate and
      // clock rules (cert/*, clock/*) judge the final topology once, and the
      // Promela model has no counterpart for them.
      if (finding.value("rule", "").rfind("kst/", 0) != 0) continue;
      const bool cycle = finding["rule"] == "kst/flapping";
      // An error and a warning of one rule on one FQDN (different servers) are
      // one verdict here, as on SPIN's side: every server, the worst severity.
      Verdict& verdict = kst_verdicts_[{finding["rule"], cycle ? kAnyCycle : finding["fqdn"]}];
      if (verdict.severity != "error") verdict.severity = finding["severity"];
      if (!cycle)
        for (const auto& server : finding["servers"]) verdict.servers.insert(server);
    }
    kst_traces_ = ReadJson(dir_ + "/kst_traces.json");
    ProcessResult exported = Kst({"export", "promela", scenario_, "--semantics", reading_, "-o", "model.pml"});
    if (exported.exit_code != 0) return Fail("kst export promela failed:\n" + exported.output);
    return true;
  }

  bool RunSpin() {
    std::string error;
    if (!model_.Generate(&error) || !model_.Compile({"-DSAFETY", "-DNOREDUCE", Vector()}, "pan", &error))
      return Fail(error);
    ProcessResult run = model_.Run("pan", {"-c0", "-e", "-w20"}, 600, 4096);
    PanReport pan = ParsePanOutput(run.output);
    spin_states_ = pan.states;
    if (!pan.complete)
      return Fail("SPIN's search is incomplete: " + pan.incomplete_reasons.front() + " (pan: " + run.Summary() + ")");
    std::string problem;
    if (!AttributeViolations(pan, &trails_, &violations_, &problem)) return Fail(problem);
    return true;
  }

  /// Under the default reading only: the readings differ in what UM Routing
  /// keeps after a start-up conflict, which no cycle runs through, and each
  /// check costs a compile of pan.c.
  bool Cycles() {
    if (!semantics_->is_default) return true;
    std::string error;
    if (!model_.Compile({"-DNP", "-DNOREDUCE", Vector()}, "pan_np", &error)) return Fail(error);
    PanReport pan = ParsePanOutput(model_.Run("pan_np", {"-l", "-A", "-w20"}, 600, 4096).output);
    if (!pan.complete) return Fail("SPIN's cycle search is incomplete: " + pan.incomplete_reasons.front());
    cycle_ = pan.non_progress_cycle;
    return true;
  }

  void CompareVerdicts() {
    spin_verdicts_ = VerdictsOf(layout_, violations_, cycle_);
    for (const VerdictDifference& difference : kst::spin::CompareVerdicts(kst_verdicts_, spin_verdicts_))
      Fail(difference.text + "\n" + KstTraces(difference.key) + SpinTraces(difference.key));
  }

  std::string KstTraces(const std::pair<std::string, std::string>& key) const {
    std::string text = "  kst's trace(s):\n";
    for (const auto& trace : kst_traces_.value("traces", nlohmann::json::array()))
      if (trace.value("rule", "") == key.first && trace.value("fqdn", "") == key.second) text += TraceSummary(trace);
    return text;
  }

  std::string SpinTraces(const std::pair<std::string, std::string>& key) {
    std::string text = "  SPIN's trail(s), projected:\n";
    for (const auto& [violation, trail] : violations_) {
      nlohmann::json trace;
      if (Convert(violation, trail, &trace) && trace["rule"] == key.first && trace["fqdn"] == key.second)
        text += TraceSummary(trace);
    }
    return text;
  }

  bool Convert(const std::pair<std::string, int>& violation, int trail, nlohmann::json* trace) {
    const PromelaProperty& property = PromelaProperties().at(static_cast<size_t>(PropertyIndex(violation.first)));
    const size_t nf = layout_.fqdns.size(), cell = static_cast<size_t>(violation.second);
    std::string why;
    if (CellTraceFromRun(*plan_, layout_, ModelCatalog::Embedded(), semantics_->startup_conflict, trails_.Get(trail),
                         cell / nf, cell % nf, property.rule, SeverityName(property.severity), trace, &why)) {
      (*trace)["title"] =
          "SPIN trail " + std::to_string(trail) + ": " + violation.first + "[" + std::to_string(violation.second) + "]";
      return true;
    }
    return Fail("SPIN trail " + std::to_string(trail) + " (" + violation.first + "[" + std::to_string(cell) +
                "]) does not project onto kst's cell: " + why);
  }

  void ReplaySpinTraces() {
    nlohmann::json traces = nlohmann::json::array();
    std::set<int> at_end;  // cells whose FQDN SPIN finds absent at the end: the error covers the outage on the way
    for (const auto& [violation, trail] : violations_)
      if (violation.first == "kst_unknown_server_at_end") at_end.insert(violation.second);
    for (const auto& [violation, trail] : violations_) {
      if (violation.first == "kst_unknown_server_on_the_way" && at_end.count(violation.second)) continue;
      nlohmann::json trace;
      if (Convert(violation, trail, &trace)) traces.push_back(trace);
    }
    if (traces.empty()) return;
    // Replay refuses traces not tied to their input and model: SPIN's are
    // tied to the same ones as kst's own trace file of this scenario.
    std::ofstream(dir_ + "/spin_traces.json") << nlohmann::json{
        {"format", "kst-traces/1"},
        {"input", scenario_},
        {"input_digest", kst_traces_.value("input_digest", "")},
        {"model_digest", kst_traces_.value("model_digest", "")},
        {"semantics", reading_},
        {"traces", traces}}.dump(2);
    ProcessResult replay = Kst({"replay", "spin_traces.json"});
    if (replay.exit_code == 0) return;
    std::string both;
    for (const auto& trace : traces) both += TraceSummary(trace);
    Fail("kst replay does not reproduce SPIN's trails:\n" + replay.output + both);
  }

  void GuideKstTraces() {
    const auto traces = kst_traces_.value("traces", nlohmann::json::array());
    if (traces.empty()) return;
    ProcessResult exported = Kst(
        {"export", "promela", scenario_, "--semantics", reading_, "--guide", "kst_traces.json", "-o", "guided.pml"});
    if (exported.exit_code != 0) {
      Fail("kst export promela --guide failed:\n" + exported.output);
      return;
    }
    SpinModel guided(dir_, "guided.pml");
    std::map<std::string, std::set<uint32_t>> order_ends;  // per (fqdn, server): end entries SPIN reached
    for (size_t i = 0; i < traces.size(); ++i) {
      const auto& trace = traces[i];
      const PrintedRun run = ParsePrintedRun(guided.Simulate({"-DKST_GUIDE=GUIDE_" + std::to_string(i + 1)}));
      if (FollowedTrace(run, trace, i + 1, &order_ends)) guided_++;
    }
    for (const auto& [cell, ends] : order_ends)
      if (ends.size() < 2)
        Fail("SPIN, guided by kst's order-dependence traces for " + cell + ", reaches one end entry only");
  }

  /// Checks one guided simulation against kst trace `trace` (number `n`).
  bool FollowedTrace(const PrintedRun& run, const nlohmann::json& trace, size_t n,
                     std::map<std::string, std::set<uint32_t>>* order_ends) {
    const std::string rule = trace.value("rule", ""), severity = trace.value("severity", "");
    const std::string where = "kst trace " + std::to_string(n) + " (" + rule + " " + trace.value("fqdn", "") + " on " +
                              trace.value("server", "") + ")";
    const int s = plan_->ServerIndex(trace.value("server", "")), f = plan_->FqdnIndex(trace.value("fqdn", ""));
    const int cell = s * static_cast<int>(layout_.fqdns.size()) + f;
    std::set<std::pair<int, int>> printed;
    for (const auto& action : run.actions)
      for (const auto& violation : action.violations) printed.insert({violation.rule, violation.cell});
    for (const auto& violation : printed)
      if (violation.first == PropertyIndex("kst_guide_blocked"))
        return Fail(where + ": SPIN could not follow it (the guided run got stuck)\n" + TraceSummary(trace));
    nlohmann::json spin_trace;
    std::string why;
    if (!CellTraceFromRun(*plan_, layout_, ModelCatalog::Embedded(), semantics_->startup_conflict, run,
                          static_cast<size_t>(s), static_cast<size_t>(f), rule, severity, &spin_trace, &why))
      return Fail(where + ": SPIN's guided run does not project onto the cell: " + why + "\n" + TraceSummary(trace));
    if (Behaviour(spin_trace) != Behaviour(trace))
      return Fail(where + ": SPIN, guided, logs or holds something else\n  kst:\n" + TraceSummary(trace) + "  SPIN:\n" +
                  TraceSummary(spin_trace));
    std::string label = rule == "kst/version-conflict"                        ? "kst_version_conflict"
                        : rule == "kst/unknown-server" && severity == "error" ? "kst_unknown_server_at_end"
                        : rule == "kst/unknown-server"                        ? "kst_unknown_server_on_the_way"
                                                                              : "";
    if (!label.empty() && !printed.count({PropertyIndex(label), cell}))
      return Fail(where + ": SPIN, guided, does not report " + label + "[" + std::to_string(cell) + "]");
    if (rule == "kst/order-dependent") {
      // The last action that changed something (skipped polls change nothing) must be quiescent.
      auto last = std::find_if(run.actions.rbegin(), run.actions.rend(),
                               [](const PrintedRun::Action& action) { return action.kind != "poll-skipped"; });
      auto end = std::find_if(last->ends.begin(), last->ends.end(), [&](const auto& e) { return e.first == cell; });
      if (!last->quiescent || end == last->ends.end())
        return Fail(where + ": SPIN, guided, does not end in a quiescent state");
      (*order_ends)[trace.value("fqdn", "") + " on " + trace.value("server", "")].insert(end->second);
    }
    return true;
  }

  std::string kst_, dir_, scenario_, reading_;
  SpinModel model_;
  Scenario scenario_data_;
  const Semantics* semantics_ = nullptr;
  std::unique_ptr<CompiledPlan> plan_;
  PromelaLayout layout_;
  Verdicts kst_verdicts_, spin_verdicts_;
  nlohmann::json kst_traces_;
  TrailCache trails_;
  Violations violations_;
  bool cycle_ = false;
  std::vector<std::string> problems_;
  uint64_t spin_states_ = 0, kst_states_ = 0;
  int guided_ = 0;
};

}  // namespace

CrossCheckResult CrossCheck::Check(const std::string& scenario, const std::string& reading, const std::string& name) {
  const auto start = std::chrono::steady_clock::now();
  const std::string dir = work_dir_ + "/" + name + "-" + reading;
  fs::remove_all(dir);
  fs::create_directories(dir);
  CrossCheckResult result;
  Session(kst_, dir, scenario, reading).Run(&result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace kst::spin
