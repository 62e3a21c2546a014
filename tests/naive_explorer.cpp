// The naive oracle: the KST system explored as one global transition system.
//
// The real checker is fast because of two reductions: it splits the system
// into (server, FQDN) cells, each seeing only its projection of the plan
// (publishes and AD changes that leave the FQDN alone are dropped, and so are
// waits with no such publish pending: plan_compiler.cpp), and it explores
// cells with equal inputs once, as a class. Both are arguments, and a slip in
// either silently hides orders. This explorer believes neither. Its state is
// global: the plan pointer; per server the replica applied, the AD revision
// UM Routing read and whether the one unplanned restart was used; per
// (server, FQDN) UM Routing's flags. Its events are global too: the next admin
// step acts on every server at once (a wait only once every server holds the
// newest replica), replicate(S) and um_poll(S) act on all of S's FQDNs,
// unplanned_restart(S) restarts S.
//
// What an event does to one cell is CellModel's code, reused on purpose: it is
// pinned by cell_model_test.cpp, and here only the reductions are under test.
// Each cell's CellInput is built below from the raw plan, not by CompiledPlan:
// every step is present, a publish may repeat an unchanged version set, waits
// stay, and another server's restart stays too (it is just not applied to the
// cell). All cells of a server share its replica and AD revision in the global
// state, so they stay in step by construction.
//
// Lengths: a global path also carries other servers' events and replications
// of irrelevant publishes, so its length is not the cell's. Each global event
// gets a weight per cell -- 1 if the cell's own projected run would contain
// it, else 0 -- and a 0-1 BFS finds the fewest weighted events up to the first
// 14563 (or absence). The weight re-states which steps a cell sees; it affects
// only these lengths, never reachability or end tables.
//
// Following a schedule (FollowSchedules): kst's cell paths, lifted to the
// whole system by global_schedule.cpp, are executed here event by event. An
// event the whole system does not enable, or one that is not the cell's own
// but changes the cell, rejects the path; otherwise the cell's entry and
// 14563 after each of its own events, and whether the run ends quiescent,
// are returned for oracle_test.cpp to compare with kst's cell model.

#include "naive_explorer.h"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "model/claims.h"

namespace kst::naive {
namespace {

// A global event is a CellEvent on a server (kAdminStep: on all of them).
constexpr CellEvent kEvents[] = {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kUmPoll,
                                 CellEvent::kUnplannedRestart};

struct Edge {
  uint32_t from, to;
  CellEvent event;
  uint8_t server;
};

AdminStep::Kind AdminKindOf(PlanStep::Kind kind) {
  using P = PlanStep::Kind;
  using A = AdminStep::Kind;
  return kind == P::kPublish         ? A::kPublish
         : kind == P::kAdChange      ? A::kAdChange
         : kind == P::kRestart       ? A::kRestart
         : kind == P::kWaitForUmPoll ? A::kWaitForUmPoll
                                     : A::kWaitForReplication;
}

bool Names(const PlanStep& step, const std::string& server) {
  return std::find(step.servers.begin(), step.servers.end(), server) != step.servers.end();
}

// A global state is a byte string: [plan pointer], then per server [replica,
// AD revision read, unplanned restart used], then per cell [UM flags]; the
// rest is zero. A fixed size keeps copies off the heap.
constexpr size_t kMaxStateBytes = 64;
using State = std::array<uint8_t, kMaxStateBytes>;

struct StateHash {
  size_t operator()(const State& s) const {
    return std::hash<std::string_view>()(std::string_view(reinterpret_cast<const char*>(s.data()), s.size()));
  }
};

class World {
 public:
  World(const Scenario& scenario, const ModelCatalog& model, StartupConflictPolicy policy) : scenario_(scenario) {
    std::vector<ClaimIndex> snapshots = {CollectClaims(scenario.base, model)};
    for (const PlanStep& step : scenario.plan) snapshots.push_back(CollectClaims(*step.after, model));
    servers_ = snapshots[0].servers;
    for (const ClaimIndex& snapshot : snapshots)
      for (const std::string& fqdn : snapshot.AllFqdns()) fqdns_.push_back(fqdn);
    std::sort(fqdns_.begin(), fqdns_.end());
    fqdns_.erase(std::unique(fqdns_.begin(), fqdns_.end()), fqdns_.end());
    published_upto_ = {0};
    for (const PlanStep& step : scenario.plan)
      published_upto_.push_back(published_upto_.back() + (step.kind == PlanStep::Kind::kPublish));
    inputs_.reserve(servers_.size() * fqdns_.size());  // models_ keep references into inputs_
    for (const KstServer& server : servers_)
      for (const std::string& fqdn : fqdns_) AddCell(server, fqdn, snapshots, policy);
  }

  const std::vector<KstServer>& servers() const { return servers_; }
  const std::vector<std::string>& fqdns() const { return fqdns_; }
  size_t cells() const { return models_.size(); }
  bool PlanDone(const State& state) const { return Step(state) == scenario_.plan.size(); }
  /// Plan done and no replication or poll enabled anywhere.
  bool IsEnd(const State& state) const {
    State next;
    std::vector<uint32_t> conflicts;
    if (!PlanDone(state)) return false;
    for (size_t s = 0; s < servers_.size(); ++s)
      if (Next(state, CellEvent::kReplicate, s, &next, &conflicts) ||
          Next(state, CellEvent::kUmPoll, s, &next, &conflicts))
        return false;
    return true;
  }
  CellEntry EntryOf(const State& state, size_t c) const { return models_[c].Entry(View(state, c)); }
  size_t StepsDone(const State& state) const { return Step(state); }
  const std::vector<bool>& NeededAfter(size_t c) const { return needed_[c]; }

  State Initial(std::vector<bool>* conflicts) const {
    if (1 + 3 * servers_.size() + cells() > kMaxStateBytes || scenario_.plan.size() > 250)
      throw std::invalid_argument("naive explorer: the world is too big for its byte-string states");
    State state{};
    for (size_t c = 0; c < cells(); ++c) {
      bool conflict = false;
      Store(models_[c].Initial(nullptr, &conflict), c, &state);
      conflicts->push_back(conflict);
    }
    return state;
  }

  /// Applies a global event; false when it is not enabled or changes nothing.
  bool Next(const State& from, CellEvent event, size_t s, State* to, std::vector<uint32_t>* conflicts) const {
    *to = from;
    conflicts->clear();
    const int published = published_upto_[Step(from)];
    if (event == CellEvent::kAdminStep) {
      if (PlanDone(from)) return false;
      const PlanStep& step = scenario_.plan[Step(from)];
      for (size_t t = 0; t < servers_.size(); ++t)
        if (step.kind == PlanStep::Kind::kWaitForReplication && Server(from, t, 0) < published) return false;
      // A wait for a UM Routing poll: no UM Routing anywhere has a poll left that would change a cell.
      if (step.kind == PlanStep::Kind::kWaitForUmPoll)
        for (size_t c = 0; c < cells(); ++c) {
          CellState polled;
          bool conflict = false;
          if (models_[c].Apply(View(from, c), CellEvent::kUmPoll, &polled, &conflict, nullptr)) return false;
        }
      for (size_t t = 0; t < servers_.size(); ++t)
        if (step.kind != PlanStep::Kind::kRestart || Names(step, servers_[t].fqdn))
          ApplyToServer(from, t, event, to, conflicts);
      (*to)[0]++;
      return true;
    }
    const bool enabled = event == CellEvent::kReplicate ? Server(from, s, 0) < published
                         : event == CellEvent::kUmPoll  ? servers_[s].runs_um_routing
                                                        : scenario_.unplanned_restarts && !Server(from, s, 2);
    if (enabled) ApplyToServer(from, s, event, to, conflicts);
    return enabled && *to != from;
  }

  /// 1 if the cell's own run would contain this event, else 0 (see the essay).
  int Weight(size_t c, const Edge& edge, const State& from, const State& to) const {
    const size_t s = c / fqdns_.size();
    const Weights& w = weights_[c];
    switch (edge.event) {
      case CellEvent::kAdminStep:
        return w.step[Step(from)];
      case CellEvent::kReplicate:
        return edge.server == s && w.publish[Server(from, s, 0)];
      case CellEvent::kUmPoll:
        return edge.server == s &&
               (Flags(from, c) != Flags(to, c) || w.ad_upto[Server(from, s, 1)] != w.ad_upto[Server(to, s, 1)]);
      case CellEvent::kUnplannedRestart:
        return edge.server == s;
    }
    return 1;
  }

 private:
  struct Weights {
    std::vector<int> step;     // per plan step
    std::vector<int> publish;  // per publish, in order
    std::vector<int> ad_upto;  // AD changes the cell sees among the first k
  };

  void AddCell(const KstServer& server, const std::string& fqdn, const std::vector<ClaimIndex>& snapshots,
               StartupConflictPolicy policy) {
    CellInput input;
    Weights w{{}, {}, {0}};
    input.runs_um_routing = server.runs_um_routing;
    input.unplanned_restart = scenario_.unplanned_restarts;
    input.topology = {snapshots[0].TopologyVersions(fqdn)};
    input.ad_lists = {snapshots[0].UmRoutingClaims(fqdn)};
    bool publish_seen = false;              // a publish the cell sees since the last wait it sees
    bool cell_touched = input.ad_lists[0];  // listed before the plan, or a change or restart seen since
    for (size_t i = 0; i < scenario_.plan.size(); ++i) {
      const PlanStep& step = scenario_.plan[i];
      input.steps.push_back({AdminKindOf(step.kind), static_cast<int>(i)});
      int weight = Names(step, server.fqdn);  // restarts; the other kinds have no servers
      if (step.kind == PlanStep::Kind::kPublish) {
        input.topology.push_back(snapshots[i + 1].TopologyVersions(fqdn));
        weight = input.topology.back() != input.topology[input.topology.size() - 2];
        w.publish.push_back(weight);
        publish_seen |= weight;
      } else if (step.kind == PlanStep::Kind::kAdChange) {
        input.ad_lists.push_back(snapshots[i + 1].UmRoutingClaims(fqdn));
        weight = server.runs_um_routing && input.ad_lists.back() != input.ad_lists[input.ad_lists.size() - 2];
        w.ad_upto.push_back(w.ad_upto.back() + weight);
      } else if (step.kind == PlanStep::Kind::kWaitForReplication) {
        weight = std::exchange(publish_seen, false);
      } else if (step.kind == PlanStep::Kind::kWaitForUmPoll) {
        // The plan compiler's projection: on a UM Routing server, every poll
        // wait once the FQDN is listed or the cell has seen a change or restart.
        weight = server.runs_um_routing && cell_touched;
      }
      cell_touched |= weight != 0 && step.kind != PlanStep::Kind::kWaitForReplication;
      w.step.push_back(weight);
    }
    std::vector<bool> needed;  // the requirement as each snapshot states it, read from the claims directly
    for (const ClaimIndex& snapshot : snapshots) {
      auto requirement = snapshot.required.find(fqdn);
      needed.push_back(requirement != snapshot.required.end() && ServerNeeds(server, requirement->second));
    }
    needed_.push_back(std::move(needed));
    inputs_.push_back(std::move(input));
    weights_.push_back(std::move(w));
    models_.emplace_back(inputs_.back(), policy, fqdn);
  }

  size_t Step(const State& state) const { return state[0]; }
  int Server(const State& state, size_t s, int field) const { return state[1 + 3 * s + field]; }
  uint8_t Flags(const State& state, size_t c) const { return state[1 + 3 * servers_.size() + c]; }

  CellState View(const State& state, size_t c) const {
    const size_t s = c / fqdns_.size();
    const uint8_t flags = Flags(state, c);
    return {static_cast<uint16_t>(Step(state)),
            static_cast<uint16_t>(Server(state, s, 0)),
            static_cast<uint16_t>(Server(state, s, 1)),
            (flags & 1) != 0,
            (flags & 2) != 0,
            (flags & 4) != 0,
            Server(state, s, 2) != 0};
  }

  void Store(const CellState& cell, size_t c, State* state) const {
    const size_t s = c / fqdns_.size();
    (*state)[1 + 3 * s] = static_cast<uint8_t>(cell.replica);
    (*state)[2 + 3 * s] = static_cast<uint8_t>(cell.ad_seen);
    (*state)[3 + 3 * s] = cell.restart_used;
    (*state)[1 + 3 * servers_.size() + c] =
        static_cast<uint8_t>(cell.um_claim | cell.um_handled << 1 | cell.um_retry << 2);
  }

  // Every cell of server s reads `from` and writes its result into `to`.
  void ApplyToServer(const State& from, size_t s, CellEvent event, State* to, std::vector<uint32_t>* conflicts) const {
    for (size_t c = s * fqdns_.size(); c < (s + 1) * fqdns_.size(); ++c) {
      CellState next;
      bool conflict = false;
      if (!models_[c].Apply(View(from, c), event, &next, &conflict, nullptr)) {
        if (event == CellEvent::kUmPoll) continue;  // nothing to do for this FQDN
        throw std::logic_error("naive explorer: a global event is not enabled on one of its cells");
      }
      Store(next, c, to);
      if (conflict) conflicts->push_back(static_cast<uint32_t>(c));
    }
  }

  const Scenario& scenario_;
  std::vector<KstServer> servers_;
  std::vector<std::string> fqdns_;
  std::vector<int> published_upto_;  // publishes among the first k plan steps
  std::vector<CellInput> inputs_;
  std::vector<Weights> weights_;
  std::vector<std::vector<bool>> needed_;  // per cell, per snapshot (k plan steps done)
  std::vector<CellModel> models_;
};

/// 0-1 BFS: for each global state, the fewest events of cell c's own run that reach it.
std::vector<int> CellDistances(const World& world, size_t c, const std::vector<State>& states,
                               const std::vector<Edge>& edges, const std::vector<uint32_t>& edge_begin) {
  std::vector<int> dist(states.size(), std::numeric_limits<int>::max());
  std::deque<uint32_t> queue = {0};
  dist[0] = 0;
  while (!queue.empty()) {
    const uint32_t u = queue.front();
    queue.pop_front();
    for (uint32_t e = edge_begin[u]; e < edge_begin[u + 1]; ++e) {
      const int w = world.Weight(c, edges[e], states[u], states[edges[e].to]);
      if (dist[u] + w >= dist[edges[e].to]) continue;
      dist[edges[e].to] = dist[u] + w;
      if (w)
        queue.push_back(edges[e].to);
      else
        queue.push_front(edges[e].to);
    }
  }
  return dist;
}

std::string Follow(const World& world, const GlobalSchedule& schedule, FollowedCell* out) {
  const size_t cell = schedule.server * world.fqdns().size() + schedule.fqdn;
  std::vector<bool> start_conflicts;
  State state = world.Initial(&start_conflicts), next;
  out->start = world.EntryOf(state, cell);
  out->start_conflict = start_conflicts[cell];
  CellEntry entry = out->start;
  std::vector<uint32_t> conflicts;
  for (size_t i = 0; i < schedule.events.size(); ++i) {
    const GlobalEvent& event = schedule.events[i];
    const CellEvent kind = event.kind == CellEvent::kAdminStep   ? CellEvent::kAdminStep
                           : event.kind == CellEvent::kReplicate ? CellEvent::kReplicate
                           : event.kind == CellEvent::kUmPoll    ? CellEvent::kUmPoll
                                                                 : CellEvent::kUnplannedRestart;
    const std::string what = "event " + std::to_string(i + 1) + " (" + CellEventName(event.kind) + ")";
    if (!world.Next(state, kind, event.server < 0 ? 0 : static_cast<size_t>(event.server), &next, &conflicts)) {
      if (event.optional) continue;
      return what + " is not enabled in the whole system";
    }
    const bool conflict = std::find(conflicts.begin(), conflicts.end(), cell) != conflicts.end();
    const CellEntry after = world.EntryOf(next, cell);
    if (event.cell_event) {
      out->entries.push_back(after);
      out->conflicts.push_back(conflict);
    } else if (conflict || !(after == entry)) {
      return what + " is not the cell's, but changes it";
    }
    entry = after;
    state = next;
  }
  out->global_end = world.IsEnd(state);
  return "";
}

void Shorter(std::optional<int>* best, int length) {
  if (!*best || length < **best) *best = length;
}

}  // namespace

std::vector<std::string> FollowSchedules(const Scenario& scenario, const ModelCatalog& model,
                                         StartupConflictPolicy policy, const std::vector<GlobalSchedule>& schedules,
                                         std::vector<FollowedCell>* out) {
  const World world(scenario, model, policy);
  std::vector<std::string> problems;
  out->assign(schedules.size(), FollowedCell{});
  for (size_t i = 0; i < schedules.size(); ++i) problems.push_back(Follow(world, schedules[i], &(*out)[i]));
  return problems;
}

bool EntryLess(const CellEntry& a, const CellEntry& b) {
  if (a.present != b.present) return !a.present;
  return a.present && a.version < b.version;
}

Outcome ExploreNaively(const Scenario& scenario, const ModelCatalog& model, StartupConflictPolicy policy,
                       uint64_t max_states) {
  const World world(scenario, model, policy);
  Outcome out;
  for (const KstServer& server : world.servers()) out.servers.push_back(server.fqdn);
  out.fqdns = world.fqdns();
  out.cells.resize(world.cells());
  for (size_t c = 0; c < world.cells(); ++c) {
    out.cells[c].absent_after.assign(scenario.plan.size() + 1, false);
    out.cells[c].needed_after = world.NeededAfter(c);
  }
  std::vector<bool> start_conflicts;
  std::vector<State> states = {world.Initial(&start_conflicts)};
  std::unordered_map<State, uint32_t, StateHash> index = {{states[0], 0}};
  std::vector<Edge> edges;
  std::vector<uint32_t> edge_begin;
  std::vector<std::pair<uint32_t, uint32_t>> conflict_marks;  // (edge, cell) that logged 14563
  State next;
  std::vector<uint32_t> conflicts;
  for (uint32_t head = 0; head < states.size(); ++head) {
    edge_begin.push_back(static_cast<uint32_t>(edges.size()));
    const State state = states[head];
    bool end = world.PlanDone(state);  // ... and no replicate or poll is enabled (checked below)
    for (CellEvent event : kEvents) {
      for (size_t s = 0; s < (event == CellEvent::kAdminStep ? 1 : world.servers().size()); ++s) {
        if (!world.Next(state, event, s, &next, &conflicts)) continue;
        if (event == CellEvent::kReplicate || event == CellEvent::kUmPoll) end = false;
        auto [it, inserted] = index.emplace(next, static_cast<uint32_t>(states.size()));
        if (inserted && states.size() >= max_states) {
          out.complete = false;
          index.erase(it);
          continue;
        }
        if (inserted) states.push_back(next);
        for (uint32_t c : conflicts) conflict_marks.push_back({static_cast<uint32_t>(edges.size()), c});
        edges.push_back({head, it->second, event, static_cast<uint8_t>(s)});
      }
    }
    for (size_t c = 0; c < world.cells(); ++c) {
      const CellEntry entry = world.EntryOf(state, c);
      out.cells[c].ever_absent |= !entry.present;
      if (!entry.present) out.cells[c].absent_after[world.StepsDone(state)] = true;
      std::vector<CellEntry>& ends = out.cells[c].ends;
      if (end && std::find(ends.begin(), ends.end(), entry) == ends.end()) ends.push_back(entry);
    }
  }
  edge_begin.push_back(static_cast<uint32_t>(edges.size()));
  out.states = states.size();
  out.transitions = edges.size();

  for (size_t c = 0; c < world.cells(); ++c) {
    CellOutcome& cell = out.cells[c];
    std::sort(cell.ends.begin(), cell.ends.end(), EntryLess);
    cell.conflict = start_conflicts[c];
    for (const auto& mark : conflict_marks) cell.conflict |= mark.second == c;
    if (start_conflicts[c]) cell.conflict_length = 0;
    if (!world.EntryOf(states[0], c).present) cell.absent_length = 0;
    if ((!cell.conflict || cell.conflict_length) && (!cell.ever_absent || cell.absent_length)) continue;
    const std::vector<int> dist = CellDistances(world, c, states, edges, edge_begin);
    for (const auto& [e, mark_cell] : conflict_marks)
      if (mark_cell == c && !start_conflicts[c])
        Shorter(&cell.conflict_length,
                dist[edges[e].from] + world.Weight(c, edges[e], states[edges[e].from], states[edges[e].to]));
    for (uint32_t u = 0; u < states.size() && cell.absent_length != 0; ++u)
      if (!world.EntryOf(states[u], c).present) Shorter(&cell.absent_length, dist[u]);
  }
  return out;
}

}  // namespace kst::naive
