// The naive oracle against the real checker (house style 14): the golden
// cases, every scenario of a tiny scope, and a seeded random sample of a
// larger one. The real path is CompiledPlan (projection, classes) plus
// ExploreCell per class; the naive path is naive_explorer.cpp. Per cell they
// must agree on 14563 reachability and its shortest length, the set of end
// entries, and whether (and how soon) the FQDN can be absent; and every path
// kst would report (to a 14563, to an absence, to each end entry), lifted to
// the whole system, must be accepted by the oracle with the same entries.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>

#include "base/file_reader.h"
#include "engine/cell_explorer.h"
#include "engine/global_schedule.h"
#include "engine/plan_compiler.h"
#include "input/scenario_loader.h"
#include "naive_explorer.h"
#include "oracle_scenarios.h"
#include "sanitized.h"

namespace kst {
namespace {

using namespace oracle;

const ModelCatalog& Model() {
  return ModelCatalog::Embedded();
}

// Under AddressSanitizer (KST_SANITIZE) the oracle is ~40x slower: check 2-step plans and 20 random draws.
#ifdef KST_SANITIZED
constexpr int kTinyPlanLength = 2, kRandomScenarios = 20;
#else
constexpr int kTinyPlanLength = 3, kRandomScenarios = 150;
#endif

std::optional<int> Length(bool at_start, const std::optional<EventPath>& path) {
  if (at_start) return 0;
  return path ? std::optional<int>(static_cast<int>(path->size())) : std::nullopt;
}

std::string Text(const std::optional<int>& length) {
  return length ? std::to_string(*length) : "unreachable";
}

std::string Text(const std::vector<CellEntry>& ends) {
  std::string text;
  for (const CellEntry& entry : ends) text += (text.empty() ? "" : ", ") + entry.ToString();
  return "{" + text + "}";
}

/// kst's paths, lifted to the whole system (global_schedule.h), must be
/// accepted by the naive oracle: every event enabled, the cell changed by its
/// own events only, each of them leaving the entry (and 14563) that kst's cell
/// model says, and each path showing what it was reported for. One cell per
/// class: its cells share their inputs. "" or the first problem.
std::string UnacceptedTrace(const Scenario& scenario, const Semantics& reading, const CompiledPlan& plan,
                            const std::vector<CellVerdict>& verdicts) {
  struct Lifted {
    EventPath path;
    std::string what;
    CellEntry entry;  // the end entry, for an end path
  };
  std::vector<GlobalSchedule> schedules;
  std::vector<Lifted> lifted;
  for (size_t k = 0; k < verdicts.size(); ++k) {
    const CellClass& cell_class = plan.classes()[k];
    const CellVerdict& verdict = verdicts[k];
    std::vector<Lifted> paths;
    if (verdict.conflict_path) paths.push_back({*verdict.conflict_path, "conflict", {}});
    if (verdict.absent_path) paths.push_back({*verdict.absent_path, "absence", {}});
    for (const EndOutcome& end : verdict.ends) paths.push_back({end.path, "end", end.entry});
    for (const Lifted& path : paths) {
      GlobalSchedule schedule;
      std::string error;
      if (!LiftCellPath(plan, reading.startup_conflict, cell_class.first_server, cell_class.first_fqdn, path.path,
                        path.what == "end", &schedule, &error))
        return path.what + " path of class " + std::to_string(k) + " cannot be lifted: " + error;
      schedules.push_back(std::move(schedule));
      lifted.push_back(path);
    }
  }
  std::vector<naive::FollowedCell> followed;
  const std::vector<std::string> problems =
      naive::FollowSchedules(scenario, Model(), reading.startup_conflict, schedules, &followed);
  for (size_t i = 0; i < schedules.size(); ++i) {
    const std::string where = "[" + reading.name + "] " + scenario.description + " -- the lifted " + lifted[i].what +
                              " path of " + plan.servers()[schedules[i].server].fqdn + " / " +
                              plan.fqdns()[schedules[i].fqdn] + ": ";
    if (!problems[i].empty()) return where + problems[i];
    const CellInput input = plan.InputFor(schedules[i].server, schedules[i].fqdn);
    const CellModel cell(input, reading.startup_conflict, "");
    bool conflict = false;
    CellState state = cell.Initial(nullptr, &conflict);
    const naive::FollowedCell& run = followed[i];
    if (run.entries.size() != lifted[i].path.size()) return where + "the oracle saw another number of cell events";
    for (size_t e = 0; e < lifted[i].path.size(); ++e) {
      CellState next;
      cell.Apply(state, lifted[i].path[e], &next, &conflict, nullptr);
      state = next;
      if (!(run.entries[e] == cell.Entry(state)) || run.conflicts[e] != conflict)
        return where + "event " + std::to_string(e + 1) + " leaves " + run.entries[e].ToString() + " in the oracle, " +
               cell.Entry(state).ToString() + " in kst";
    }
    const CellEntry last = run.entries.empty() ? run.start : run.entries.back();
    const bool last_conflict = run.conflicts.empty() ? run.start_conflict : run.conflicts.back();
    if (lifted[i].what == "conflict" && !last_conflict) return where + "no 14563 at its end in the oracle";
    if (lifted[i].what == "absence" && last.present) return where + "the FQDN is present at its end in the oracle";
    if (lifted[i].what == "end" && (!run.global_end || !(last == lifted[i].entry)))
      return where + "the oracle does not end quiescent with " + lifted[i].entry.ToString();
  }
  return "";
}

/// Explores `scenario` both ways; "" when every cell agrees, else the first difference.
std::string Disagreement(const Scenario& scenario, const Semantics& reading, uint64_t* global_states = nullptr) {
  const naive::Outcome naive = naive::ExploreNaively(scenario, Model(), reading.startup_conflict);
  if (global_states) *global_states = naive.states;
  const CompiledPlan plan(scenario, Model());
  std::vector<CellVerdict> verdicts;
  for (const CellClass& cell_class : plan.classes())
    verdicts.push_back(ExploreCell(CellModel(cell_class.input, reading.startup_conflict, ""), 1u << 24, false));
  const std::string where = "[" + reading.name + "] " + scenario.description + " -- ";
  if (!naive.complete) return where + "the naive exploration ran out of states";
  std::vector<std::string> servers;
  for (const KstServer& server : plan.servers()) servers.push_back(server.fqdn);
  if (servers != naive.servers || plan.fqdns() != naive.fqdns) return where + "the two sides see different cells";
  for (size_t s = 0; s < servers.size(); ++s) {
    for (size_t f = 0; f < naive.fqdns.size(); ++f) {
      const std::string cell = where + servers[s] + " / " + naive.fqdns[f] + ": ";
      const CellVerdict& real = verdicts[plan.ClassOf(s, f)];
      const naive::CellOutcome& oracle = naive.At(s, f);
      if (!real.complete) return cell + "the real exploration ran out of states";
      const std::optional<int> conflict = Length(real.initial_conflict, real.conflict_path);
      const std::optional<int> absent = Length(false, real.absent_path);
      std::vector<CellEntry> ends;
      for (const EndOutcome& end : real.ends) ends.push_back(end.entry);
      std::sort(ends.begin(), ends.end(), naive::EntryLess);
      if (oracle.conflict != conflict.has_value() || oracle.conflict_length != conflict)
        return cell + "14563 naive " + Text(oracle.conflict_length) + ", real " + Text(conflict);
      if (oracle.ends != ends) return cell + "end entries naive " + Text(oracle.ends) + ", real " + Text(ends);
      if (oracle.ever_absent != absent.has_value() || oracle.absent_length != absent)
        return cell + "absence naive " + Text(oracle.absent_length) + ", real " + Text(absent);
      if (plan.InputFor(s, f).Key() != plan.classes()[plan.ClassOf(s, f)].input.Key())
        return cell + "its class's input is not its own";
    }
  }
  return UnacceptedTrace(scenario, reading, plan, verdicts);
}

/// Checks scenarios under every reading; keeps the first disagreement.
struct Tally {
  int scenarios = 0, runs = 0, disagreements = 0;
  uint64_t max_states = 0;  // the largest global state space seen
  std::string first;

  void Check(const Scenario& scenario) {
    scenarios++;
    for (const Semantics& reading : Model().semantics()) {
      uint64_t states = 0;
      const std::string difference = Disagreement(scenario, reading, &states);
      runs++;
      max_states = std::max(max_states, states);
      if (!difference.empty() && disagreements++ == 0) first = difference;
    }
  }
  std::string Summary(std::chrono::steady_clock::time_point start) const {
    return std::to_string(scenarios) + " scenarios, " + std::to_string(runs) + " runs, up to " +
           std::to_string(max_states) + " global states, " +
           std::to_string(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()) + " s";
  }
};

TEST_CASE("naive oracle: golden cases O1-O3") {
  // Given the three documented observations, the naive global explorer should
  // reproduce them for ex1 on every server and agree with the real checker.
  struct Golden {
    const char* file;
    CellEntry front_end_end, edge_end;  // ex1's one end entry on each Front End, on the Edge
  };
  for (const Golden& golden : {Golden{"o1-add-owa-tap-breaks-um.json", {false, 0}, {true, 6}},
                               Golden{"o2-remove-tap-restores.json", {true, 0}, {false, 0}},
                               Golden{"o3-restart-repairs.json", {true, 6}, {true, 6}}}) {
    CAPTURE(golden.file);
    DiskFileReader files;
    Diagnostics diagnostics;
    Scenario scenario;
    REQUIRE(LoadScenarioFile(std::string(KST_SOURCE_DIR) + "/scenarios/" + golden.file, &files, Model(), &scenario,
                             &diagnostics));
    const naive::Outcome outcome =
        naive::ExploreNaively(scenario, Model(), Model().DefaultSemantics().startup_conflict);
    const auto f = std::find(outcome.fqdns.begin(), outcome.fqdns.end(), "ex1.contoso.com") - outcome.fqdns.begin();
    REQUIRE(outcome.servers == std::vector<std::string>{"edge01.contoso.com", "fe01.contoso.com", "fe02.contoso.com"});
    for (size_t s : {1, 2}) {
      CHECK(outcome.At(s, f).conflict);
      CHECK(outcome.At(s, f).conflict_length == 2);  // the publish, then its replication to this server
      CHECK(outcome.At(s, f).ends == std::vector<CellEntry>{golden.front_end_end});
    }
    CHECK_FALSE(outcome.At(0, f).conflict);
    CHECK(outcome.At(0, f).ends == std::vector<CellEntry>{golden.edge_end});
    for (const Semantics& reading : Model().semantics()) CHECK(Disagreement(scenario, reading) == "");
  }
}

TEST_CASE("naive oracle: every scenario of the tiny scope agrees with the real checker") {
  // Given 1-2 Front Ends, maybe an Edge, ex1 with or without a SipName dial
  // plan and a TAP (v5/v6, named ex1 or a pool owa1), planned or any restarts,
  // and every valid plan of up to 3 steps (2 for three servers with any
  // restarts, the costly corner the random mode covers), we should find no
  // cell where the two explorers differ.
  const auto start = std::chrono::steady_clock::now();
  Tally tally;
  ForEachTinyScenario(
      kTinyPlanLength, [&](const Scenario& s) { tally.Check(s); }, kTinyPlanLength == 3);
  MESSAGE("tiny scope: " << tally.Summary(start));
  CHECK(tally.scenarios > (kTinyPlanLength == 3 ? 15000 : 1000));
  INFO("first (smallest) disagreement: " << tally.first);
  CHECK(tally.disagreements == 0);
}

TEST_CASE("naive oracle: seeded random scenarios of a larger scope agree with the real checker") {
  // Given 3 Lync servers, two Exchange servers with their TAP FQDNs and 5-step
  // plans drawn with a fixed seed (pool version changes too), we should again
  // find no difference.
  const auto start = std::chrono::steady_clock::now();
  const unsigned seed = OracleSeed();
  std::mt19937 random(seed);
  Tally tally;
  for (int i = 0; i < kRandomScenarios; ++i) tally.Check(RandomScenario(random));
  MESSAGE("random scope (seed " << seed << "): " << tally.Summary(start));
  INFO("seed " << seed << " (rerun with KST_ORACLE_SEED=" << seed << "), first disagreement: " << tally.first);
  CHECK(tally.disagreements == 0);
}

}  // namespace
}  // namespace kst
