#include "synthetic_topology.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

#include "input/topology_loader.h"

namespace kst {
namespace {

constexpr const char* kSites[] = {"ams", "lon", "nyc", "sfo", "sin", "syd", "fra", "tok"};
constexpr int kSiteCount = sizeof(kSites) / sizeof(kSites[0]);

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny and the same everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  /// In [0, n) for n > 0; the modulo bias does not matter here.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Percent(int p) { return Below(100) < static_cast<size_t>(p); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t state_;
};

/// printf into a std::string; every name here is short.
template <typename... Args>
std::string Format(const char* format, Args... args) {
  char buffer[128];
  std::snprintf(buffer, sizeof(buffer), format, args...);
  return buffer;
}

/// Builds the base topology, then the plan step by step on a working copy.
class SyntheticBuilder {
 public:
  explicit SyntheticBuilder(const SyntheticSize& size) : size_(size), random_(size.seed) {
    file_ = Format("synthetic/kst-bench-%dfe-%dfqdn-%dsteps%s.json", size.front_end_servers, size.fqdns,
                   size.plan_steps, size.distinct_pools ? "-distinct" : "");
  }

  Scenario Build() {
    AddLyncPools();
    const int remaining = std::max(0, size_.fqdns - fqdns_);
    AddExchange(std::max(4, remaining / 12));
    AddOwaTaps();
    AddApplicationTaps((size_.fqdns - fqdns_) * 45 / 100);
    AddGateways(size_.fqdns - fqdns_);
    scenario_.file = file_;
    scenario_.description = Format("synthetic: %d Front End servers, %d FQDNs, %d plan steps", size_.front_end_servers,
                                   size_.fqdns, size_.plan_steps);
    scenario_.unplanned_restarts = size_.unplanned_restarts;
    scenario_.base = topology_;
    while (static_cast<int>(scenario_.plan.size()) < size_.plan_steps) AddChangeWindow();
    return std::move(scenario_);
  }

 private:
  NamedAt At(std::string name) { return {std::move(name), Location{file_, ++line_, 9}}; }
  NamedAt NewFqdn(std::string name) {
    ++fqdns_;
    return At(std::move(name));
  }
  bool Room() const { return static_cast<int>(scenario_.plan.size()) < size_.plan_steps; }

  // --- the base topology ---

  void AddPool(const std::string& role, int version, std::string fqdn, std::vector<std::string> computers) {
    LyncPool pool;
    pool.fqdn = NewFqdn(std::move(fqdn));
    pool.role = role;
    pool.version = version;
    pool.version_location = pool.fqdn.location;
    for (std::string& computer : computers) pool.computers.push_back(NewFqdn(std::move(computer)));
    if (role == "FrontEnd" || role == "Director") registrar_pools_.push_back(pool.fqdn.name);
    if (role == "FrontEnd")
      front_end_pools_.push_back(pool.fqdn.name);
    else if (role != "PstnGateway")
      other_pools_.push_back(pool.fqdn.name);
    topology_.pools.push_back(std::move(pool));
  }

  /// Front End pools of 10-12 computers, then a Director and an Edge pool per
  /// five Front End pools (at least one each); the last Edge is still 2010.
  void AddLyncPools() {
    const int servers = std::max(1, size_.front_end_servers);
    const int pools = std::max(1, (servers + 10) / 11);
    int computer = 0;
    for (int p = 0; p < pools; ++p) {
      const char* site = kSites[p % kSiteCount];
      std::vector<std::string> computers;
      const int count = servers / pools + (p < servers % pools ? 1 : 0);
      for (int c = 0; c < count; ++c) computers.push_back(Format("fe%04d.%s.lync.contoso.com", ++computer, site));
      const int version = size_.distinct_pools ? 5 + static_cast<int>(random_.Below(3)) : 6;
      AddPool("FrontEnd", version, Format("pool%03d.%s.lync.contoso.com", p + 1, site), std::move(computers));
    }
    const int edge_pools = std::max(1, pools / 5);
    for (int p = 0; p < edge_pools; ++p) {
      const char* site = kSites[p % kSiteCount];
      auto two = [&](const char* pattern) {
        return std::vector<std::string>{Format(pattern, 2 * p + 1, site), Format(pattern, 2 * p + 2, site)};
      };
      AddPool("Director", 6, Format("dirpool%02d.%s.lync.contoso.com", p + 1, site),
              two("dir%03d.%s.lync.contoso.com"));
      AddPool("Edge", p + 1 == edge_pools ? 5 : 6, Format("edgepool%02d.%s.dmz.contoso.com", p + 1, site),
              two("edge%03d.%s.dmz.contoso.com"));
    }
  }

  /// Exchange servers; the first third run UM and host the SipName dial
  /// plans (two servers each), some also a TelExtn plan, one an E164 plan.
  void AddExchange(int count) {
    for (int x = 0; x < count; ++x) {
      const char* site = kSites[x % kSiteCount];
      ExchangeServer server{At(Format("ex%04d.%s.mail.contoso.com", x + 1, site)), x % 5 == 4 ? "2016" : "2013"};
      const bool runs_um = x < std::max(2, count / 3);
      (runs_um ? um_servers_ : other_exchange_).push_back(server.fqdn.name);
      if (runs_um) ++fqdns_;  // in a SipName dial plan, so UM Routing claims it
      topology_.exchange_servers.push_back(std::move(server));
    }
    for (size_t i = 0; i + 1 < um_servers_.size(); i += 2) {
      const bool last_pair = i + 3 >= um_servers_.size();
      const auto end = last_pair ? um_servers_.end() : um_servers_.begin() + i + 2;
      const std::vector<std::string> servers(um_servers_.begin() + i, end);
      AddDialPlan(Format("SIP %s %03d", kSites[(i / 2) % kSiteCount], static_cast<int>(i / 2) + 1), "SipName", servers);
      if (last_pair) break;
    }
    for (size_t i = 0; i < um_servers_.size(); i += 4)
      AddDialPlan(Format("PBX %03d", static_cast<int>(i / 4) + 1), "TelExtn", {um_servers_[i]});
    AddDialPlan("PSTN E.164", "E164", {um_servers_.back()});
    if (size_.distinct_pools) AddPoolDialPlans();
  }

  /// The distinct-pool estate: a SipName dial plan per Front End pool, on its
  /// own pair of UM servers (the pairs cycle once the pools outnumber them).
  void AddPoolDialPlans() {
    const size_t n = um_servers_.size();
    for (size_t p = 0; p < front_end_pools_.size(); ++p) {
      std::vector<std::string> servers{um_servers_[(2 * p) % n]};
      const std::string& second = um_servers_[(2 * p + 1 + p / n) % n];
      if (second != servers.front()) servers.push_back(second);
      AddDialPlan(Format("SIP pool%03d", static_cast<int>(p) + 1), "SipName", servers);
    }
  }

  void AddDialPlan(std::string name, std::string uri_type, const std::vector<std::string>& servers) {
    UmDialPlan plan;
    plan.name = At(std::move(name));
    plan.uri_type = std::move(uri_type);
    plan.uri_type_location = plan.name.location;
    for (const std::string& server : servers) plan.servers.push_back(At(server));
    topology_.dial_plans.push_back(std::move(plan));
  }

  TrustedApplicationPool MakeTap(NamedAt fqdn, int version) {
    TrustedApplicationPool tap;
    tap.fqdn = std::move(fqdn);
    tap.version = version;
    tap.version_location = tap.fqdn.location;
    tap.registrar = At(random_.Pick(registrar_pools_));
    return tap;
  }

  /// OWA IM TAPs named after half the Exchange servers without UM, and, in a
  /// base large enough, one after a SipName server: a conflict already there.
  void AddOwaTaps() {
    for (size_t i = 0; i < other_exchange_.size(); i += 2) {
      AddOwaTap(other_exchange_[i]);
      ++fqdns_;  // an Exchange server that only its TAP puts into the table
    }
    if (topology_.exchange_servers.size() >= 40) AddOwaTap(um_servers_.back());
  }

  void AddOwaTap(const std::string& exchange_server) {
    TrustedApplicationPool tap = MakeTap(At(exchange_server), 6);
    tap.computers.push_back(At(exchange_server));
    topology_.trusted_application_pools.push_back(std::move(tap));
  }

  /// Application TAPs (a pool FQDN and two or three computers), 15% still at
  /// version 5, until `budget` FQDNs are used.
  void AddApplicationTaps(int budget) {
    for (int used = 0; budget - used >= 3;) used += AddApplicationTap(random_.Percent(15) ? 5 : 6);
  }

  int AddApplicationTap(int version) {
    const int app = ++applications_;
    TrustedApplicationPool tap = MakeTap(NewFqdn(Format("app%04d.apps.contoso.com", app)), version);
    const int computers = 2 + static_cast<int>(random_.Below(2));
    for (int c = 0; c < computers; ++c)
      tap.computers.push_back(NewFqdn(Format("app%04d-n%d.apps.contoso.com", app, c + 1)));
    topology_.trusted_application_pools.push_back(std::move(tap));
    return 1 + computers;
  }

  /// PSTN gateways: one FQDN each, no KST of their own.
  void AddGateways(int count) {
    for (int g = 0; g < count; ++g)
      AddPool("PstnGateway", 6, Format("gw%05d.%s.pstn.contoso.com", g + 1, kSites[g % kSiteCount]), {});
  }

  // --- the plan ---

  void Push(PlanStep::Kind kind, std::string op, std::string description) {
    PlanStep step;
    step.kind = kind;
    step.op = std::move(op);
    step.description = std::move(description);
    step.location = Location{file_, ++line_, 5};
    step.after = std::make_shared<const Topology>(topology_);
    scenario_.plan.push_back(std::move(step));
  }

  /// One to three changes, usually a wait, then restarts of up to two pools.
  void AddChangeWindow() {
    const int changes = 1 + static_cast<int>(random_.Below(3));
    for (int c = 0; c < changes && Room(); ++c) AddChange();
    if (Room() && random_.Percent(75))
      Push(PlanStep::Kind::kWaitForReplication, "wait_for_replication",
           "wait until every server has the newest topology replica");
    const int restarts = static_cast<int>(random_.Below(3));
    for (int r = 0; r < restarts && Room(); ++r) AddRestart();
    if (size_.distinct_pools) AddScheduledRestarts();
    ++windows_;
  }

  /// The distinct-pool estate: Front End pool p restarts every 3 + p % 7
  /// change windows, starting at window p % that cadence.
  void AddScheduledRestarts() {
    for (size_t p = 0; p < front_end_pools_.size() && Room(); ++p) {
      const int cadence = 3 + static_cast<int>(p % 7);
      if (windows_ % cadence == static_cast<int>(p) % cadence) AddRestartOf(front_end_pools_[p]);
    }
  }

  void AddChange() {
    const size_t roll = random_.Below(100);
    bool done = false;
    if (roll < 20)
      done = AddTapOverSipNameServer();
    else if (roll < 30)
      done = AddTapOverOtherExchangeServer();
    else if (roll < 45)
      done = false;  // a new application TAP, below
    else if (roll < 60)
      done = RemoveTap();
    else if (roll < 75)
      done = SetPoolVersion();
    else
      done = MoveDialPlan();
    if (!done) AddNewApplicationTap();
  }

  bool HostsSipName(const std::string& server) const {
    for (const UmDialPlan& plan : topology_.dial_plans) {
      if (plan.uri_type != "SipName") continue;
      for (const NamedAt& host : plan.servers)
        if (host.name == server) return true;
    }
    return false;
  }

  bool HasTap(const std::string& fqdn) const { return topology_.FindTrustedApplicationPool(fqdn) != nullptr; }

  void PushAddTap() {
    const TrustedApplicationPool& tap = topology_.trusted_application_pools.back();
    Push(PlanStep::Kind::kPublish, "add_trusted_application_pool",
         "add trusted application pool " + tap.fqdn.name + " (version " + std::to_string(tap.version) + ", registrar " +
             tap.registrar.name + ")");
  }

  /// The O1 change: an OWA IM TAP named after a server of a SipName dial plan.
  bool AddTapOverSipNameServer() {
    std::vector<std::string> candidates;
    for (const ExchangeServer& server : topology_.exchange_servers)
      if (HostsSipName(server.fqdn.name) && !HasTap(server.fqdn.name)) candidates.push_back(server.fqdn.name);
    if (candidates.empty()) return false;
    AddOwaTap(random_.Pick(candidates));
    PushAddTap();
    return true;
  }

  bool AddTapOverOtherExchangeServer() {
    std::vector<std::string> candidates;
    for (const ExchangeServer& server : topology_.exchange_servers)
      if (!HostsSipName(server.fqdn.name) && !HasTap(server.fqdn.name)) candidates.push_back(server.fqdn.name);
    if (candidates.empty()) return false;
    AddOwaTap(random_.Pick(candidates));
    PushAddTap();
    return true;
  }

  void AddNewApplicationTap() {
    AddApplicationTap(6);
    PushAddTap();
  }

  /// Removes a TAP; half the time one that conflicts, if any (the O2 repair).
  bool RemoveTap() {
    std::vector<std::string> all, conflicting;
    for (const TrustedApplicationPool& tap : topology_.trusted_application_pools) {
      all.push_back(tap.fqdn.name);
      if (HostsSipName(tap.fqdn.name)) conflicting.push_back(tap.fqdn.name);
    }
    if (all.empty()) return false;
    const std::string fqdn = random_.Pick(!conflicting.empty() && random_.Percent(50) ? conflicting : all);
    auto& taps = topology_.trusted_application_pools;
    taps.erase(std::find_if(taps.begin(), taps.end(), [&](const auto& tap) { return tap.fqdn.name == fqdn; }));
    Push(PlanStep::Kind::kPublish, "remove_trusted_application_pool", "remove trusted application pool " + fqdn);
    return true;
  }

  /// Upgrades a version-5 application TAP or the 2010 Edge to 6, else moves a
  /// Front End pool in place to 7 (Skype for Business 2015).
  bool SetPoolVersion() {
    // Found by reading, written by index: a revision copies only the chunk it changes.
    const Topology& now = topology_;
    std::vector<size_t> old_taps;
    for (size_t i = 0; i < now.trusted_application_pools.size(); ++i)
      if (now.trusted_application_pools[i].version == 5) old_taps.push_back(i);
    std::vector<size_t> old_edges, front_ends;
    for (size_t i = 0; i < now.pools.size(); ++i) {
      const LyncPool& pool = now.pools[i];
      if (pool.role == "Edge" && pool.version == 5) old_edges.push_back(i);
      if (pool.role == "FrontEnd" && pool.version == 6) front_ends.push_back(i);
    }
    if (!old_taps.empty() && (old_edges.empty() || random_.Percent(70))) {
      TrustedApplicationPool& tap = topology_.trusted_application_pools[random_.Pick(old_taps)];
      return PushVersion(tap.fqdn.name, &tap.version, 6);
    }
    if (!old_edges.empty()) {
      LyncPool& edge = topology_.pools[old_edges.front()];
      return PushVersion(edge.fqdn.name, &edge.version, 6);
    }
    if (front_ends.empty()) return false;
    LyncPool& pool = topology_.pools[random_.Pick(front_ends)];
    return PushVersion(pool.fqdn.name, &pool.version, 7);
  }

  bool PushVersion(const std::string& pool, int* version, int new_version) {
    const std::string description =
        "set the version of pool " + pool + " from " + std::to_string(*version) + " to " + std::to_string(new_version);
    *version = new_version;
    Push(PlanStep::Kind::kPublish, "set_pool_version", description);
    return true;
  }

  /// Moves a SipName dial plan to one or two other Exchange servers; a third
  /// of the picks land on a server that is an OWA IM TAP (a conflict).
  bool MoveDialPlan() {
    std::vector<size_t> sip_plans;
    for (size_t i = 0; i < topology_.dial_plans.size(); ++i)
      if (std::as_const(topology_.dial_plans)[i].uri_type == "SipName") sip_plans.push_back(i);
    std::vector<std::string> owa_servers;
    for (const std::string& server : other_exchange_)
      if (HasTap(server)) owa_servers.push_back(server);
    if (sip_plans.empty()) return false;
    UmDialPlan* plan = &topology_.dial_plans[random_.Pick(sip_plans)];
    std::vector<NamedAt> servers;
    const int count = 1 + static_cast<int>(random_.Below(2));
    for (int i = 0; i < count; ++i) {
      const bool onto_owa = !owa_servers.empty() && random_.Percent(33);
      NamedAt server = At(random_.Pick(onto_owa ? owa_servers : um_servers_));
      if (std::find(servers.begin(), servers.end(), server) == servers.end()) servers.push_back(std::move(server));
    }
    if (servers == plan->servers) return false;
    plan->servers = std::move(servers);
    std::string description = "change UM dial plan \"" + plan->name.name + "\": servers";
    for (const NamedAt& server : plan->servers) description += " " + server.name;
    Push(PlanStep::Kind::kAdChange, "set_dial_plan", description);
    return true;
  }

  /// Restarts every server of a pool: a Front End pool four times in five.
  void AddRestart() { AddRestartOf(random_.Pick(random_.Percent(80) ? front_end_pools_ : other_pools_)); }

  void AddRestartOf(const std::string& name) {
    const LyncPool* pool = topology_.FindPool(name);
    std::vector<std::string> servers;
    for (const NamedAt& computer : PoolServers(*pool)) servers.push_back(computer.name);
    Push(PlanStep::Kind::kRestart, "restart", "restart RTCSRV on every server of pool " + name);
    scenario_.plan.back().servers = std::move(servers);
  }

  const SyntheticSize size_;
  Random random_;
  std::string file_;
  int line_ = 0;
  int fqdns_ = 0;  // distinct FQDNs of the base so far
  int applications_ = 0;
  int windows_ = 0;    // change windows so far
  Topology topology_;  // the base, then the topology after the last step
  Scenario scenario_;
  std::vector<std::string> front_end_pools_, other_pools_, registrar_pools_;
  std::vector<std::string> um_servers_, other_exchange_;
};

}  // namespace

Scenario MakeSyntheticScenario(const SyntheticSize& size) {
  return SyntheticBuilder(size).Build();
}

bool CheckSyntheticScenario(const Scenario& scenario, const ModelCatalog& model, std::string* error) {
  Diagnostics diagnostics;
  CheckTopologyReferences(scenario.base, model, &diagnostics);
  for (const PlanStep& step : scenario.plan)
    if (step.kind == PlanStep::Kind::kPublish || step.kind == PlanStep::Kind::kAdChange)
      CheckTopologyReferences(*step.after, model, &diagnostics);
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.severity != Severity::kError) continue;
    *error = d.ToString();
    return false;
  }
  return true;
}

bool MoveStepThatChangesNothing(Scenario* scenario, size_t from, size_t to) {
  std::vector<PlanStep>& plan = scenario->plan;
  if (from >= plan.size() || to >= plan.size() || plan[from].ChangesTopology()) return false;
  PlanStep step = std::move(plan[from]);
  plan.erase(plan.begin() + static_cast<std::ptrdiff_t>(from));
  plan.insert(plan.begin() + static_cast<std::ptrdiff_t>(to), std::move(step));
  // A restart or a wait holds the topology of the step before it, wherever it now stands.
  for (size_t i = std::min(from, to); i <= std::max(from, to); ++i)
    if (!plan[i].ChangesTopology())
      plan[i].after = i == 0 ? std::make_shared<const Topology>(scenario->base) : plan[i - 1].after;
  return true;
}

}  // namespace kst
