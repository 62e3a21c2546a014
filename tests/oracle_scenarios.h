#pragma once
// The scenarios both oracles check (oracle_test.cpp at cell level,
// finding_oracle_test.cpp at finding level), built in memory as
// scenario_loader.cpp would build them: the tiny scope enumerated plan by
// plan, and a seeded random sample of a larger scope.

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "model/scenario.h"

namespace kst::oracle {

inline NamedAt Name(const std::string& host) {
  return {host + ".contoso.com", {}};
}
inline std::string Ex(int i) {
  return "ex" + std::to_string(i + 1);
}

/// Front Ends fe01.. in pool01, maybe an Edge, Exchange servers ex1.., each
/// maybe hosting a SipName dial plan and maybe given an OWA IM TAP.
struct Shape {
  int front_ends = 1;
  bool edge = false;
  int exchange = 1;
  bool tap_pools = false;         // exN's TAP is pool owaN with computer exN; else its FQDN is exN (O1)
  std::vector<bool> listed;       // exN hosts a SipName dial plan
  std::vector<int> tap_versions;  // 0: exN has no TAP
  bool unplanned_restarts = false;
};

enum class OpKind {
  kAddTap,
  kRemoveTap,
  kSetTapVersion,
  kAddDialPlan,
  kRemoveDialPlan,
  kRestartFe01,
  kRestartAll,
  kWait,
  kSetPoolVersion,  // pool01 between versions 6 and 5 (random mode only)
  kWaitPoll,        // wait_for_um_poll (random mode only)
};

struct Op {
  OpKind kind;
  int target = 0;   // the Exchange server
  int version = 6;  // kAddTap
};

/// Builds a kst::Scenario in memory as scenario_loader.cpp would: each plan
/// step carries the whole topology after it.
class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(const Shape& shape) : shape_(shape) {
    Topology& base = scenario_.base;
    base.pools.push_back({Name("pool01"), "FrontEnd", 6, {}, {}, ""});
    for (int i = 0; i < shape.front_ends; ++i) base.pools[0].computers.push_back(Name("fe0" + std::to_string(i + 1)));
    if (shape.edge) base.pools.push_back({Name("edgepool"), "Edge", 6, {}, {Name("edge01")}, ""});
    scenario_.unplanned_restarts = shape.unplanned_restarts;
    scenario_.description = std::to_string(shape.front_ends) + " FE" + (shape.edge ? " + Edge" : "") +
                            (shape.tap_pools ? ", TAPs owaN" : ", TAPs named exN") + ", restarts " +
                            (shape.unplanned_restarts ? "any" : "planned") + "; base:";
    for (int i = 0; i < shape.exchange; ++i) {
      base.exchange_servers.push_back({Name(Ex(i)), "2013"});
      if (shape.listed[i]) AddDialPlan(i, &base);
      if (shape.tap_versions[i]) AddTap(i, shape.tap_versions[i], &base);
      scenario_.description += " " + Ex(i) + (shape.listed[i] ? " SipName" : "") +
                               (shape.tap_versions[i] ? " TAP v" + std::to_string(shape.tap_versions[i]) : "");
    }
    scenario_.description += "; plan:";
  }

  /// Adds `op`; false (and nothing added) when the loader would reject it here.
  bool Add(const Op& op) {
    Topology topology = scenario_.final_topology();
    auto& taps = topology.trusted_application_pools;
    auto& plans = topology.dial_plans;
    const std::string tap_name = TapName(op.target);
    auto tap = std::find_if(taps.begin(), taps.end(), [&](const auto& p) { return p.fqdn == Name(tap_name); });
    auto plan =
        std::find_if(plans.begin(), plans.end(), [&](const auto& p) { return p.name.name == "SIP " + Ex(op.target); });
    const bool has_tap = tap != taps.end(), listed = plan != plans.end();
    const bool valid[] = {!has_tap, has_tap, has_tap, !listed, listed, true, true, true, true, true};
    if (!valid[static_cast<int>(op.kind)]) return false;
    PlanStep step;
    step.kind = op.kind == OpKind::kAddDialPlan || op.kind == OpKind::kRemoveDialPlan ? PlanStep::Kind::kAdChange
                                                                                      : PlanStep::Kind::kPublish;
    switch (op.kind) {
      case OpKind::kAddTap:
        AddTap(op.target, op.version, &topology);
        step.description = "add TAP " + tap_name + " v" + std::to_string(op.version);
        break;
      case OpKind::kRemoveTap:
        taps.erase(tap);
        step.description = "remove TAP " + tap_name;
        break;
      case OpKind::kSetTapVersion: {
        TrustedApplicationPool& written = taps[static_cast<size_t>(tap - taps.begin())];
        written.version = written.version == 6 ? 5 : 6;
        step.description = "set TAP " + tap_name + " to v" + std::to_string(written.version);
      } break;
      case OpKind::kAddDialPlan:
        AddDialPlan(op.target, &topology);
        step.description = "add SipName dial plan on " + Ex(op.target);
        break;
      case OpKind::kRemoveDialPlan:
        plans.erase(plan);
        step.description = "remove dial plan of " + Ex(op.target);
        break;
      case OpKind::kRestartFe01:
      case OpKind::kRestartAll:
        step.kind = PlanStep::Kind::kRestart;
        for (const LyncPool& pool : topology.pools)
          for (const NamedAt& computer : PoolServers(pool))
            if (op.kind == OpKind::kRestartAll || computer == Name("fe01")) step.servers.push_back(computer.name);
        step.description = op.kind == OpKind::kRestartAll ? "restart all" : "restart fe01";
        break;
      case OpKind::kWait:
        step.kind = PlanStep::Kind::kWaitForReplication;
        step.description = "wait";
        break;
      case OpKind::kWaitPoll:
        step.kind = PlanStep::Kind::kWaitForUmPoll;
        step.op = "wait_for_um_poll";
        step.description = "wait for a poll";
        break;
      case OpKind::kSetPoolVersion:
        topology.pools[0].version = topology.pools[0].version == 6 ? 5 : 6;
        step.description = "set pool01 to v" + std::to_string(topology.pools[0].version);
        break;
    }
    scenario_.description += (scenario_.plan.empty() ? " " : ", ") + step.description;
    step.after = std::make_shared<const Topology>(std::move(topology));
    scenario_.plan.push_back(std::move(step));
    return true;
  }

  const Scenario& scenario() const { return scenario_; }

 private:
  std::string TapName(int i) const { return shape_.tap_pools ? "owa" + std::to_string(i + 1) : Ex(i); }

  void AddTap(int i, int version, Topology* topology) const {
    topology->trusted_application_pools.push_back({Name(TapName(i)), version, {}, Name("pool01"), {Name(Ex(i))}});
  }

  static void AddDialPlan(int i, Topology* topology) {
    topology->dial_plans.push_back({{"SIP " + Ex(i), {}}, "SipName", {}, {Name(Ex(i))}});
  }

  Shape shape_;
  Scenario scenario_;
};

/// Every valid plan of exactly `length` more tiny-scope ops after `builder`'s.
inline void ForEachPlan(const ScenarioBuilder& builder, int length, const std::function<void(const Scenario&)>& visit) {
  if (length == 0) return visit(builder.scenario());
  for (int kind = 0; kind <= static_cast<int>(OpKind::kWait); ++kind) {
    ScenarioBuilder next = builder;
    if (next.Add({static_cast<OpKind>(kind)})) ForEachPlan(next, length - 1, visit);
  }
}

/// Every scenario of the tiny scope with plans of up to `max_length` steps:
/// 1-2 Front Ends, maybe an Edge, ex1 with or without a SipName dial plan and
/// a TAP (v5/v6, named ex1 or a pool owa1), planned or any restarts.
/// `skip_costliest` leaves out the plans of `max_length` steps on three
/// servers with any restarts (the random scope covers that corner).
inline void ForEachTinyScenario(int max_length, const std::function<void(const Scenario&)>& visit,
                                bool skip_costliest = false) {
  for (int length = 0; length <= max_length; ++length)
    for (int front_ends : {1, 2})
      for (bool edge : {false, true})
        for (bool tap_pools : {false, true})
          for (bool listed : {true, false})
            for (int tap_version : {0, 6, 5})
              for (bool unplanned : {false, true}) {
                if (skip_costliest && front_ends == 2 && edge && unplanned && length == max_length) continue;
                const Shape shape{front_ends, edge, 1, tap_pools, {listed}, {tap_version}, unplanned};
                ForEachPlan(ScenarioBuilder(shape), length, visit);
              }
}

/// One scenario of the random scope: 3 Lync servers, two Exchange servers
/// with their TAP FQDNs, and a 5-step plan (pool version changes too).
inline Scenario RandomScenario(std::mt19937& random) {
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const int kVersions[] = {0, 5, 6};
  Shape shape;
  shape.front_ends = 2 + pick(2);
  shape.edge = shape.front_ends == 2;
  shape.exchange = 2;
  shape.tap_pools = pick(2);
  shape.listed = {pick(2) == 1, pick(2) == 1};
  shape.tap_versions = {kVersions[pick(3)], kVersions[pick(3)]};
  shape.unplanned_restarts = pick(2);
  ScenarioBuilder builder(shape);
  while (builder.scenario().plan.size() < 5) builder.Add({static_cast<OpKind>(pick(10)), pick(2), pick(2) ? 6 : 5});
  return builder.scenario();
}

/// The seed of the random scope: fixed for a reproducible suite; KST_ORACLE_SEED draws another sample.
inline unsigned OracleSeed() {
  const char* seed_text = std::getenv("KST_ORACLE_SEED");
  return seed_text ? static_cast<unsigned>(std::strtoul(seed_text, nullptr, 10)) : 20240611u;
}

}  // namespace kst::oracle
