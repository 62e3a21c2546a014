// What ExploreCell promises (cell_explorer.h): shortest paths to a 14563, to each distinct end entry and to an
// absence; a state budget; an optional graph; the same answer every run. Every returned path is replayed through
// a fresh CellModel, and small cells are checked against a brute-force BFS written here over CellModel::Apply alone.

#include "engine/cell_explorer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <sstream>

namespace kst {
namespace {

using Kind = AdminStep::Kind;
using Policy = StartupConflictPolicy;
constexpr Policy kPolicies[] = {Policy::kWithdrawRemember, Policy::kWithdrawRetry, Policy::kWithdrawForget};
constexpr CellEvent kAdmin = CellEvent::kAdminStep, kRepl = CellEvent::kReplicate, kPoll = CellEvent::kUmPoll,
                    kCrash = CellEvent::kUnplannedRestart;

/// A server whose AD lists the FQDN; `um` says whether it runs UM Routing.
CellInput Cell(std::vector<VersionSet> topology, std::vector<Kind> steps, bool um = true, bool crash = false) {
  CellInput input;
  input.runs_um_routing = um;
  input.unplanned_restart = crash;
  input.topology = std::move(topology);
  input.ad_lists = {true};
  for (size_t i = 0; i < steps.size(); ++i) {
    input.steps.push_back({steps[i], static_cast<int>(i)});
    if (steps[i] == Kind::kAdChange) input.ad_lists.push_back(!input.ad_lists.back());
  }
  return input;
}

/// Replays `path` from the start, requiring each step to be enabled; `conflicts[i]`: step i logged 14563.
CellState Replay(const CellModel& model, const EventPath& path, std::vector<bool>* conflicts = nullptr) {
  bool conflict = false;
  CellState state = model.Initial(nullptr, &conflict);
  for (CellEvent event : path) {
    CellState next;
    REQUIRE(model.Apply(state, event, &next, &conflict, nullptr));
    if (conflicts) conflicts->push_back(conflict);
    state = next;
  }
  return state;
}

/// The brute-force answer: distances from the start over Apply, nothing else.
struct Oracle {
  uint64_t states = 0, transitions = 0;
  int depth = 0;
  std::optional<int> conflict, absent;  // shortest lengths
  std::map<int, int> ends;              // end entry (version, -1 for absent) -> shortest length
};

int EntryKey(const CellEntry& entry) {
  return entry.present ? entry.version : -1;
}
std::optional<int> Length(const std::optional<EventPath>& path) {
  return path ? std::optional<int>(int(path->size())) : std::nullopt;
}

Oracle BruteForce(const CellModel& model) {
  Oracle oracle;
  bool conflict = false;
  std::map<uint64_t, int> dist;
  std::deque<CellState> queue{model.Initial(nullptr, &conflict)};
  dist[queue.front().Pack()] = 0;
  for (; !queue.empty(); queue.pop_front()) {
    const CellState s = queue.front();
    const int d = dist[s.Pack()];
    oracle.depth = std::max(oracle.depth, d);
    // FIFO, so the first state (or transition) seen with a property is the nearest one.
    if (!model.Entry(s).present && !oracle.absent) oracle.absent = d;
    if (model.IsEnd(s)) oracle.ends.emplace(EntryKey(model.Entry(s)), d);
    for (const CellEventInfo& info : kCellEvents) {
      CellState next;
      if (!model.Apply(s, info.event, &next, &conflict, nullptr)) continue;
      oracle.transitions++;
      if (conflict && !oracle.conflict) oracle.conflict = d + 1;
      if (dist.emplace(next.Pack(), d + 1).second) queue.push_back(next);
    }
  }
  oracle.states = dist.size();
  return oracle;
}

/// Every path in `verdict` replays and ends where it says; only the last step of the conflict path logs 14563
/// (an earlier one would make a shorter conflict path).
void CheckPaths(const CellInput& input, Policy policy, const CellVerdict& verdict) {
  const CellModel model(input, policy, "replay");  // fresh: nothing the explorer did can leak into the replay
  if (verdict.conflict_path) {
    std::vector<bool> conflicts;
    Replay(model, *verdict.conflict_path, &conflicts);
    REQUIRE_FALSE(conflicts.empty());
    CHECK(conflicts.back());
    CHECK(std::count(conflicts.begin(), conflicts.end(), true) == 1);
  }
  if (verdict.absent_path) CHECK_FALSE(model.Entry(Replay(model, *verdict.absent_path)).present);
  for (size_t i = 0; i < verdict.ends.size(); ++i) {
    const CellState end = Replay(model, verdict.ends[i].path);
    CHECK(model.IsEnd(end));
    CHECK(model.Entry(end) == verdict.ends[i].entry);
    for (size_t j = 0; j < i; ++j) CHECK_FALSE(verdict.ends[j].entry == verdict.ends[i].entry);  // once each
  }
}

/// Everything a verdict says, as text, for comparing whole verdicts.
std::string Digest(const CellVerdict& v) {
  std::ostringstream out;
  auto path = [&](const std::optional<EventPath>& p) {
    out << (p ? " [" : " none");
    for (CellEvent event : p.value_or(EventPath{})) out << CellEventName(event) << ' ';
  };
  out << v.initial_conflict << v.complete << ' ' << v.states << ' ' << v.transitions << ' ' << v.depth;
  path(v.conflict_path);
  path(v.absent_path);
  for (const EndOutcome& end : v.ends) path(end.path), out << end.entry.ToString();
  for (const CellState& state : v.state_list) out << " s" << state.Pack();
  for (const StateEdge& e : v.edges) out << ' ' << e.from << '>' << e.to << CellEventName(e.event) << e.conflict;
  return out.str();
}

/// Every plan of up to three admin steps, on a Front End and an Edge, with and without unplanned restarts, from a
/// few base topologies, under every reading: small enough to brute-force, varied enough to reach every rule.
template <typename Fn>
void ForSmallCells(Fn fn) {
  const VersionSet kTopologies[] = {{}, {0}, {6}, {5, 6}};
  for (int length = 0; length <= 3; ++length) {
    for (int code = 0; code < (1 << (2 * length)); ++code) {
      std::vector<Kind> steps;
      for (int i = 0; i < length; ++i) steps.push_back(static_cast<Kind>((code >> (2 * i)) & 3));
      for (int base = 0; base < 4; ++base) {
        std::vector<VersionSet> topology{kTopologies[base]};
        for (Kind kind : steps)
          if (kind == Kind::kPublish) topology.push_back(kTopologies[(base + topology.size()) % 4]);
        for (int flags = 0; flags < 12; ++flags) {  // UM Routing, unplanned restarts, reading
          const CellInput input = Cell(topology, steps, flags & 1, flags & 2);
          CellModel model(input, kPolicies[flags / 4], "ex1.contoso.com");
          INFO(input.Key(), " reading ", flags / 4);
          fn(model, kPolicies[flags / 4]);
        }
      }
    }
  }
}

TEST_CASE("explorer: every small cell agrees with a brute-force BFS, and every path replays") {
  // The core promise: BFS, so each path is a shortest one, and exhaustive, so nothing reachable is missed.
  ForSmallCells([](const CellModel& model, Policy policy) {
    const CellVerdict verdict = ExploreCell(model, 100000, false);
    const Oracle oracle = BruteForce(model);
    CHECK(verdict.complete);
    CHECK(verdict.states == oracle.states);
    CHECK(verdict.transitions == oracle.transitions);
    CHECK(verdict.depth == oracle.depth);
    CHECK(Length(verdict.conflict_path) == oracle.conflict);
    CHECK(Length(verdict.absent_path) == oracle.absent);
    std::map<int, int> ends;
    for (const EndOutcome& end : verdict.ends) ends.emplace(EntryKey(end.entry), int(end.path.size()));
    CHECK(ends == oracle.ends);
    CheckPaths(model.input(), policy, verdict);
  });
}

TEST_CASE("explorer: a base topology with two versions is a conflict at the start, not a path") {
  // initial_conflict is the steady start's 14563; conflict_path covers only later steps, so it stays empty here.
  for (bool um : {true, false}) {
    const CellInput input = Cell({{5, 6}}, {}, um);
    CellModel model(input, Policy::kWithdrawRemember, "ex1.contoso.com");
    const CellVerdict verdict = ExploreCell(model, 100, false);
    CHECK(verdict.initial_conflict);
    CHECK_FALSE(verdict.conflict_path);
    REQUIRE(verdict.absent_path);
    CHECK(verdict.absent_path->empty());  // absent from the start: the empty path
    REQUIRE(verdict.ends.size() == 1);
    CHECK(verdict.ends[0].path.empty());
    CHECK_FALSE(verdict.ends[0].entry.present);
  }
  // A clean start is not flagged, and a cell that never loses its FQDN has no absent path.
  const CellInput clean = Cell({{}}, {});
  const CellVerdict verdict = ExploreCell(CellModel(clean, Policy::kWithdrawRemember, "ex1"), 100, false);
  CHECK_FALSE(verdict.initial_conflict);
  CHECK_FALSE(verdict.absent_path);
}

TEST_CASE("explorer: two end tables, each once, each with its own shortest order (hand-computed)") {
  // O1 with an unplanned restart: the TAP arriving breaks ex1 (absent after 2 steps); a restart after it arrives
  // withdraws UM Routing's claim and leaves version 6 (3 steps). Ends are per entry, not per state.
  const CellInput input = Cell({{}, {6}}, {Kind::kPublish}, true, true);
  CellModel model(input, Policy::kWithdrawRemember, "ex1.contoso.com");
  const CellVerdict verdict = ExploreCell(model, 1000, false);
  REQUIRE(verdict.ends.size() == 2);
  CHECK_FALSE(verdict.ends[0].entry.present);
  CHECK(verdict.ends[0].path == EventPath{kAdmin, kRepl});
  CHECK(verdict.ends[1].entry == CellEntry{true, 6});
  CHECK(verdict.ends[1].path == EventPath{kAdmin, kRepl, kCrash});
  CHECK(*verdict.conflict_path == EventPath{kAdmin, kRepl});
  CHECK(*verdict.absent_path == EventPath{kAdmin, kRepl});
  CheckPaths(input, Policy::kWithdrawRemember, verdict);
}

TEST_CASE("explorer: the readings of UM Routing's start-up conflict change the verdict") {
  // A TAP for ex1 in the base topology: the start logs 14563 and UM Routing withdraws. Only the forget reading
  // re-claims on the next poll (a second 14563, then absent); remember and retry keep version 6.
  const CellInput input = Cell({{6}}, {});
  for (Policy policy : kPolicies) {
    CellModel model(input, policy, "ex1.contoso.com");
    const CellVerdict verdict = ExploreCell(model, 100, false);
    CAPTURE(static_cast<int>(policy));
    CHECK(verdict.initial_conflict);
    REQUIRE(verdict.ends.size() == 1);
    if (policy == Policy::kWithdrawForget) {
      CHECK(verdict.conflict_path == EventPath{kPoll});
      CHECK_FALSE(verdict.ends[0].entry.present);
    } else {
      CHECK_FALSE(verdict.conflict_path);
      CHECK(verdict.ends[0].entry == CellEntry{true, 6});
    }
    CheckPaths(input, policy, verdict);
  }
}

TEST_CASE("explorer: the state budget is a hard limit, and enough budget means complete") {
  // Paths found before the budget ran out must still be real; states never exceed max_states.
  const CellInput input =
      Cell({{}, {6}, {}, {5, 6}}, {Kind::kPublish, Kind::kAdChange, Kind::kPublish, Kind::kRestart, Kind::kPublish},
           true, true);
  CellModel model(input, Policy::kWithdrawRetry, "ex1.contoso.com");
  const uint64_t total = ExploreCell(model, 1'000'000, false).states;
  REQUIRE(total > 10);
  for (uint64_t budget = 0; budget <= total + 1; ++budget) {
    CAPTURE(budget);
    const CellVerdict verdict = ExploreCell(model, budget, true);
    CHECK(verdict.complete == (budget >= total));
    CHECK(verdict.states == std::min(budget, total));
    CHECK(verdict.state_list.size() == verdict.states);
    for (const StateEdge& edge : verdict.edges) CHECK((edge.from < verdict.states && edge.to < verdict.states));
    CheckPaths(input, Policy::kWithdrawRetry, verdict);
  }
}

TEST_CASE("explorer: keep_graph lists every state once and every transition as Apply does it") {
  // Graph analyses and --dot read state_list/edges; they must be the same graph that states/transitions count.
  ForSmallCells([](const CellModel& model, Policy) {
    const CellVerdict plain = ExploreCell(model, 100000, false);
    CellVerdict graph = ExploreCell(model, 100000, true);
    REQUIRE(graph.state_list.size() == graph.states);
    CHECK(graph.edges.size() == graph.transitions);
    bool conflict = false;
    CHECK(graph.state_list[0] == model.Initial(nullptr, &conflict));
    std::map<uint64_t, int> distinct;
    for (const CellState& state : graph.state_list) distinct[state.Pack()]++;
    CHECK(distinct.size() == graph.states);
    for (const StateEdge& edge : graph.edges) {
      CellState next;
      REQUIRE(model.Apply(graph.state_list[edge.from], edge.event, &next, &conflict, nullptr));
      CHECK(next == graph.state_list[edge.to]);
      CHECK(conflict == edge.conflict);
    }
    graph.state_list.clear();  // apart from the graph, asking for it changes nothing (and plain runs have none)
    graph.edges.clear();
    CHECK(Digest(graph) == Digest(plain));
  });
}

TEST_CASE("explorer: two runs give the same verdict, paths and graph") {
  // Reports, traces and --dot output are compared byte for byte across runs (e2e_determinism).
  ForSmallCells([](const CellModel& model, Policy) {
    CHECK(Digest(ExploreCell(model, 100000, true)) == Digest(ExploreCell(model, 100000, true)));
  });
}

}  // namespace
}  // namespace kst
