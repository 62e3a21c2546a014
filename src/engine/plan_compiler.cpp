#include "engine/plan_compiler.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/interrupt.h"
#include "base/memory_budget.h"

namespace kst {
namespace {

Requirement RequirementOf(const ClaimIndex& claims, const std::string& fqdn) {
  auto it = claims.required.find(fqdn);
  return it == claims.required.end() ? Requirement{} : it->second;
}

/// Where the claim snapshots of plans abandoned on Ctrl-C go: never freed.
/// The run exits right after an interrupt, and freeing millions of claims
/// would hold Ctrl-C up for seconds. Reachable, so leak checkers accept it.
std::vector<std::vector<ClaimIndex>>& AbandonedSnapshots() {
  static auto* abandoned = new std::vector<std::vector<ClaimIndex>>;
  return *abandoned;
}

std::string FqdnKey(const std::vector<int>& parts) {
  return std::string(reinterpret_cast<const char*>(parts.data()), parts.size() * sizeof(int));
}

}  // namespace

CompiledPlan::CompiledPlan(const Scenario& scenario, const ModelCatalog& model, uint64_t max_memory_bytes)
    : scenario_(scenario), max_memory_bytes_(max_memory_bytes) {
  // Restarts and waits change no claim: they share the snapshot before them.
  snapshots_.push_back(CollectClaims(scenario.base, model));
  snapshot_at_.push_back(0);
  for (const PlanStep& step : scenario.plan) {
    // The budget is read before each new snapshot: a plan of many changes to
    // a large topology grows here, before any cell exists.
    const bool changes = step.kind == PlanStep::Kind::kPublish || step.kind == PlanStep::Kind::kAdChange;
    if (InterruptRequested() || (changes && !WithinMemoryBudget(0, PlanMemoryRefusal::Phase::kClaims))) {
      Abandon();
      return;
    }
    if (changes) snapshots_.push_back(CollectClaims(*step.after, model));
    snapshot_at_.push_back(static_cast<uint32_t>(snapshots_.size() - 1));
  }
  servers_ = snapshots_.front().servers;
  // Hashed: a search per server would be quadratic, seconds for a pool of 40,000 computers.
  std::unordered_set<std::string_view> base_servers;
  for (const KstServer& server : servers_) base_servers.insert(server.fqdn);
  for (const KstServer& server : final_claims().servers)
    if (!base_servers.count(server.fqdn)) joining_servers_.push_back(server);
  // Every FQDN any snapshot names, hashed once per name rather than a set per snapshot.
  std::unordered_set<std::string_view> seen;
  auto add = [&](const std::string& fqdn) {
    if (seen.insert(fqdn).second) fqdns_.push_back(fqdn);
  };
  for (const ClaimIndex& snapshot : snapshots_) {
    if (InterruptRequested()) {
      Abandon();
      return;
    }
    for (const auto& entry : snapshot.topology) add(entry.first);
    for (const auto& entry : snapshot.um_routing) add(entry.first);
    for (const auto& entry : snapshot.required) add(entry.first);
  }
  std::sort(fqdns_.begin(), fqdns_.end());
  // What follows is per FQDN and per server: the signatures and their ids.
  // (The claims of the last revision are judged here too.)
  const uint64_t per_name =
      fqdns_.size() * (sizeof(FqdnSignature) + sizeof(uint32_t)) + servers_.size() * sizeof(uint32_t);
  if (!WithinMemoryBudget(per_name, PlanMemoryRefusal::Phase::kClasses)) {
    Abandon();
    return;
  }
  const TouchedSnapshots touched = SnapshotsTouching();
  const std::vector<uint32_t> untouched;
  signatures_.reserve(fqdns_.size());
  for (const std::string& fqdn : fqdns_) {
    if ((signatures_.size() & 0xFF) == 0 && InterruptRequested()) {
      Abandon();
      return;
    }
    auto it = touched.find(fqdn);
    signatures_.push_back(SignatureOf(fqdn, it == touched.end() ? untouched : it->second));
  }
  SignServers();
  SignFqdns();
  // The table of signature pairs, and at most one class per pair.
  const uint64_t pairs = uint64_t{server_signature_count_} * fqdn_signature_count_;
  if (!WithinMemoryBudget(pairs * (sizeof(uint32_t) + sizeof(CellClass)), PlanMemoryRefusal::Phase::kClasses)) {
    Abandon();
    return;
  }
  Classify();
  if (InterruptRequested() || memory_refusal_) Abandon();
}

bool CompiledPlan::WithinMemoryBudget(uint64_t more_bytes, PlanMemoryRefusal::Phase phase) {
  if (max_memory_bytes_ == 0) return true;
  const uint64_t resident = ResidentBytes();
  if (resident <= max_memory_bytes_ && more_bytes <= max_memory_bytes_ - resident) return true;
  memory_refusal_ = PlanMemoryRefusal{
      phase, resident, more_bytes, servers_.size(), fqdns_.size(), server_signature_count_, fqdn_signature_count_};
  return false;
}

void CompiledPlan::Abandon() {
  // What was compiled is left unusable rather than half true: no server, no
  // FQDN, no class; every revision reads as the base.
  interrupted_ = !memory_refusal_;  // else the memory budget stopped it, and memory_refusal() says so
  servers_.clear();
  joining_servers_.clear();
  fqdns_.clear();
  signatures_.clear();
  classes_.clear();
  pair_class_.clear();
  server_sig_.clear();
  fqdn_sig_.clear();
  server_signature_count_ = fqdn_signature_count_ = 0;
  snapshot_at_.assign(scenario_.plan.size() + 1, 0);
  AbandonedSnapshots().push_back(std::move(snapshots_));
  snapshots_.assign(1, ClaimIndex{});
}

namespace {

bool SameTopologyClaims(const std::vector<Claim>& a, const std::vector<Claim>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Claim& x, const Claim& y) { return x.version == y.version; });
}

bool SameRequirement(const Requirement& a, const Requirement& b) {
  return a.um_host == b.um_host && a.trusted_application == b.trusted_application;
}

/// Calls `differs(fqdn)` for each key whose value differs between two sorted
/// maps (a key in one map only counts as differing): one merge walk, no lookups.
template <class Value, class Same, class Differs>
void ForEachDifference(const std::map<std::string, Value>& before, const std::map<std::string, Value>& after, Same same,
                       Differs differs) {
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      differs(b->first);
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      differs(a->first);
      ++a;
    } else {
      if (!same(b->second, a->second)) differs(a->first);
      ++b;
      ++a;
    }
  }
}

}  // namespace

CompiledPlan::TouchedSnapshots CompiledPlan::SnapshotsTouching() const {
  // Which plan step made each snapshot, and whether it was a publish.
  std::vector<uint32_t> made_by(snapshots_.size(), 0);
  for (size_t i = 0; i < scenario_.plan.size(); ++i)
    if (snapshot_at_[i + 1] != snapshot_at_[i]) made_by[snapshot_at_[i + 1]] = static_cast<uint32_t>(i);
  auto is_publish = [&](uint32_t j) { return scenario_.plan[made_by[j]].kind == PlanStep::Kind::kPublish; };
  // next_of_other_kind[j]: the first snapshot after j made by a step of the other kind (0: none).
  std::vector<uint32_t> next_of_other_kind(snapshots_.size(), 0);
  uint32_t next_publish = 0, next_ad = 0;
  for (size_t j = snapshots_.size(); j-- > 1;) {
    const uint32_t index = static_cast<uint32_t>(j);
    next_of_other_kind[j] = is_publish(index) ? next_ad : next_publish;
    (is_publish(index) ? next_publish : next_ad) = index;
  }
  TouchedSnapshots touched;
  for (uint32_t j = 1; j < snapshots_.size(); ++j) {
    auto mark = [&](const std::string& fqdn) {
      std::vector<uint32_t>& at = touched[fqdn];
      if (at.empty() || at.back() != j) at.push_back(j);
    };
    const ClaimIndex& before = snapshots_[j - 1];
    const ClaimIndex& after = snapshots_[j];
    ForEachDifference(before.topology, after.topology, SameTopologyClaims, mark);
    ForEachDifference(
        before.um_routing, after.um_routing, [](const auto&, const auto&) { return true; }, mark);
    ForEachDifference(before.required, after.required, SameRequirement, mark);
  }
  for (auto& [fqdn, at] : touched) {
    const size_t direct = at.size();
    for (size_t k = 0; k < direct; ++k)
      if (next_of_other_kind[at[k]] != 0) at.push_back(next_of_other_kind[at[k]]);
    std::sort(at.begin(), at.end());
    at.erase(std::unique(at.begin(), at.end()), at.end());
  }
  return touched;
}

CompiledPlan::FqdnSignature CompiledPlan::SignatureOf(const std::string& fqdn,
                                                      const std::vector<uint32_t>& touched) const {
  FqdnSignature signature;
  signature.base_versions = snapshots_.front().TopologyVersions(fqdn);
  signature.base_listed = snapshots_.front().UmRoutingClaims(fqdn);
  signature.start = RequirementOf(snapshots_.front(), fqdn);
  signature.end = RequirementOf(final_claims(), fqdn);
  VersionSet versions = signature.base_versions;
  bool listed = signature.base_listed;
  Requirement required = signature.start;
  // Only the snapshots that touch the FQDN can change what it sees: at every
  // other step its versions, listing and requirement are those of the step before.
  size_t next = 0;
  for (size_t i = 0; i < scenario_.plan.size() && next < touched.size(); ++i) {
    if (snapshot_at_[i + 1] != touched[next] || snapshot_at_[i + 1] == snapshot_at_[i]) continue;
    ++next;
    const ClaimIndex& after = snapshots_[snapshot_at_[i + 1]];
    Requirement now = RequirementOf(after, fqdn);
    if (now.um_host != required.um_host || now.trusted_application != required.trusted_application)
      signature.requirement_changes.emplace_back(static_cast<int>(i) + 1, now);
    required = std::move(now);
    if (scenario_.plan[i].kind == PlanStep::Kind::kPublish) {
      VersionSet now_versions = after.TopologyVersions(fqdn);
      if (now_versions == versions) continue;
      versions = now_versions;
      signature.changes.push_back({static_cast<int>(i), false, now_versions, listed});
    } else if (scenario_.plan[i].kind == PlanStep::Kind::kAdChange) {
      bool now_listed = after.UmRoutingClaims(fqdn);
      if (now_listed == listed) continue;
      listed = now_listed;
      signature.changes.push_back({static_cast<int>(i), true, versions, now_listed});
    }
  }
  return signature;
}

CellInput CompiledPlan::BuildInput(const KstServer& server, const FqdnSignature& signature) const {
  CellInput input;
  input.runs_um_routing = server.runs_um_routing;
  input.unplanned_restart = scenario_.unplanned_restarts;
  input.needed_at_start = ServerNeeds(server, signature.start);
  input.needed_at_end = ServerNeeds(server, signature.end);
  input.plan_steps = static_cast<int>(scenario_.plan.size());
  bool needed = input.needed_at_start;
  for (const auto& [steps_done, requirement] : signature.requirement_changes)
    if (ServerNeeds(server, requirement) != needed) {
      needed = !needed;
      input.need_flips.push_back(steps_done);
    }
  input.topology.push_back(signature.base_versions);
  input.ad_lists.push_back(signature.base_listed && server.runs_um_routing);
  size_t next_change = 0;
  bool publish_pending = false;
  for (size_t i = 0; i < scenario_.plan.size(); ++i) {
    const PlanStep& step = scenario_.plan[i];
    const int index = static_cast<int>(i);
    while (next_change < signature.changes.size() && signature.changes[next_change].plan_index == index) {
      const FqdnChange& change = signature.changes[next_change++];
      if (!change.ad) {
        input.topology.push_back(change.versions);
        input.steps.push_back({AdminStep::Kind::kPublish, index});
        publish_pending = true;
      } else if (server.runs_um_routing) {
        input.ad_lists.push_back(change.listed);
        input.steps.push_back({AdminStep::Kind::kAdChange, index});
      }
    }
    if (step.kind == PlanStep::Kind::kRestart &&
        std::find(step.servers.begin(), step.servers.end(), server.fqdn) != step.servers.end()) {
      input.steps.push_back({AdminStep::Kind::kRestart, index});
    } else if (step.kind == PlanStep::Kind::kWaitForReplication && publish_pending) {
      // A wait with no publish before it (for this FQDN) constrains nothing.
      input.steps.push_back({AdminStep::Kind::kWaitForReplication, index});
      publish_pending = false;
    }
  }
  return input;
}

void CompiledPlan::SignServers() {
  // Server signature: role flags and which restarts include it. Ids follow
  // the first server of each signature, so the first server of signature k
  // comes before the first of signature k + 1 (Classify relies on it).
  std::map<std::vector<int>, uint32_t> server_ids;
  server_sig_.assign(servers_.size(), 0);
  for (size_t s = 0; s < servers_.size(); ++s) {
    std::vector<int> key = {servers_[s].runs_um_routing, servers_[s].hosts_registrar};
    for (size_t i = 0; i < scenario_.plan.size(); ++i) {
      const PlanStep& step = scenario_.plan[i];
      if (step.kind == PlanStep::Kind::kRestart &&
          std::find(step.servers.begin(), step.servers.end(), servers_[s].fqdn) != step.servers.end())
        key.push_back(static_cast<int>(i));
    }
    server_sig_[s] = server_ids.emplace(key, static_cast<uint32_t>(server_ids.size())).first->second;
  }
  server_signature_count_ = server_ids.size();
}

void CompiledPlan::SignFqdns() {
  // FQDN signature: its changes and requirements; ids in first-FQDN order, as for servers.
  std::unordered_map<std::string, uint32_t> fqdn_ids;
  fqdn_sig_.assign(fqdns_.size(), 0);
  for (size_t f = 0; f < fqdns_.size(); ++f) {
    const FqdnSignature& sig = signatures_[f];
    std::vector<int> key = {sig.base_listed, sig.start.um_host,           sig.start.trusted_application,
                            sig.end.um_host, sig.end.trusted_application, -1};
    key.insert(key.end(), sig.base_versions.begin(), sig.base_versions.end());
    for (const FqdnChange& change : sig.changes) {
      key.insert(key.end(), {-2, change.plan_index, change.ad, change.listed});
      key.insert(key.end(), change.versions.begin(), change.versions.end());
    }
    fqdn_sig_[f] = fqdn_ids.emplace(FqdnKey(key), static_cast<uint32_t>(fqdn_ids.size())).first->second;
  }
  fqdn_signature_count_ = fqdn_ids.size();
}

void CompiledPlan::Classify() {
  // Per signature: its first member (whose input stands for all) and how many share it.
  const size_t server_sigs = server_signature_count_, fqdn_sigs = fqdn_signature_count_;
  std::vector<uint32_t> first_server(server_sigs, UINT32_MAX), first_fqdn(fqdn_sigs, UINT32_MAX);
  std::vector<uint64_t> servers_with(server_sigs, 0), fqdns_with(fqdn_sigs, 0);
  for (size_t s = 0; s < servers_.size(); ++s) {
    first_server[server_sig_[s]] = std::min(first_server[server_sig_[s]], static_cast<uint32_t>(s));
    servers_with[server_sig_[s]]++;
  }
  for (size_t f = 0; f < fqdns_.size(); ++f) {
    first_fqdn[fqdn_sig_[f]] = std::min(first_fqdn[fqdn_sig_[f]], static_cast<uint32_t>(f));
    fqdns_with[fqdn_sig_[f]]++;
  }
  // Pair the signatures; equal pairs are equal inputs. Different pairs can
  // still give equal inputs (e.g. AD changes a non-UM server ignores), so
  // the built inputs are deduplicated by their canonical key too. Pairs are
  // visited in signature order, which is the order of their first cells
  // (server by server, FQDN by FQDN): classes are numbered, and their
  // representatives chosen, as a walk over every cell would.
  std::unordered_map<std::string, uint32_t> key_class;
  pair_class_.assign(server_sigs * fqdn_sigs, 0);
  size_t pairs_unpolled = 0;
  for (size_t a = 0; a < server_sigs; ++a) {
    if (InterruptRequested()) return;  // the constructor abandons the plan
    // The classes grow with the pairs: the budget is polled every few thousand of them.
    pairs_unpolled += fqdn_sigs;
    if (pairs_unpolled >= 4096) {
      pairs_unpolled = 0;
      if (!WithinMemoryBudget(0, PlanMemoryRefusal::Phase::kClasses)) return;
    }
    for (size_t b = 0; b < fqdn_sigs; ++b) {
      const uint32_t s = first_server[a], f = first_fqdn[b];
      CellInput input = BuildInput(servers_[s], signatures_[f]);
      auto [k, inserted] = key_class.emplace(input.Key(), static_cast<uint32_t>(classes_.size()));
      if (inserted) classes_.push_back({std::move(input), s, f, 0});
      pair_class_[a * fqdn_sigs + b] = k->second;
      classes_[k->second].cells += servers_with[a] * fqdns_with[b];
    }
  }
}

CellInput CompiledPlan::InputFor(size_t server, size_t fqdn) const {
  return BuildInput(servers_[server], signatures_[fqdn]);
}

int CompiledPlan::ServerIndex(const std::string& fqdn) const {
  for (size_t s = 0; s < servers_.size(); ++s)
    if (servers_[s].fqdn == fqdn) return static_cast<int>(s);
  return -1;
}

int CompiledPlan::FqdnIndex(const std::string& fqdn) const {
  auto it = std::lower_bound(fqdns_.begin(), fqdns_.end(), fqdn);
  return it != fqdns_.end() && *it == fqdn ? static_cast<int>(it - fqdns_.begin()) : -1;
}

std::vector<ClaimRef> CompiledPlan::ClaimsOn(const std::string& fqdn) const {
  std::vector<ClaimRef> refs;
  for (const ClaimIndex* index = snapshots_.data(); index != snapshots_.data() + snapshots_.size(); ++index) {
    for (const auto* table : {&index->topology, &index->um_routing}) {
      auto it = table->find(fqdn);
      if (it == table->end()) continue;
      for (const Claim& claim : it->second) {
        bool known = std::any_of(refs.begin(), refs.end(),
                                 [&](const ClaimRef& r) { return r.what == claim.what && r.version == claim.version; });
        if (!known) refs.push_back({ProducerName(claim.producer), claim.version, claim.what, claim.location});
      }
    }
  }
  return refs;
}

}  // namespace kst
