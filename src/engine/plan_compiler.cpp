#include "engine/plan_compiler.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/interrupt.h"
#include "base/memory_budget.h"
#include "model/claim_tally.h"

namespace kst {
namespace {

std::string FqdnKey(const std::vector<int>& parts) {
  return std::string(reinterpret_cast<const char*>(parts.data()), parts.size() * sizeof(int));
}

Requirement RequirementIn(const FqdnState& state) {
  Requirement requirement;
  requirement.um_host = state.um_host;
  requirement.trusted_application = state.trusted_application;
  return requirement;
}

}  // namespace

CompiledPlan::CompiledPlan(const Scenario& scenario, const ModelCatalog& model, uint64_t max_memory_bytes,
                           ClaimSource source)
    : scenario_(scenario), model_(model), claim_source_(source), max_memory_bytes_(max_memory_bytes) {
  base_claims_ = CollectClaims(scenario.base, model);
  const size_t steps = scenario.plan.size();
  next_publish_.assign(steps + 1, static_cast<uint32_t>(steps));
  next_ad_change_.assign(steps + 1, static_cast<uint32_t>(steps));
  for (size_t i = steps; i-- > 0;) {
    const PlanStep::Kind kind = scenario.plan[i].kind;
    next_publish_[i] = kind == PlanStep::Kind::kPublish ? static_cast<uint32_t>(i) : next_publish_[i + 1];
    next_ad_change_[i] = kind == PlanStep::Kind::kAdChange ? static_cast<uint32_t>(i) : next_ad_change_[i + 1];
  }
  for (size_t i = 0; i < steps; ++i) {
    if (scenario.plan[i].kind == PlanStep::Kind::kWaitForReplication) waits_.push_back(static_cast<uint32_t>(i));
    if (scenario.plan[i].kind == PlanStep::Kind::kWaitForUmPoll) poll_waits_.push_back(static_cast<uint32_t>(i));
  }
  const bool followed = claim_source_ == ClaimSource::kChanges ? FollowChanges(model) : FollowEveryRevision(model);
  if (!followed) {
    Abandon();
    return;
  }
  const bool changed = std::any_of(scenario.plan.begin(), scenario.plan.end(),
                                   [](const PlanStep& step) { return step.ChangesTopology(); });
  final_claims_ = changed ? CollectClaims(scenario.final_topology(), model) : base_claims_;
  servers_ = base_claims_.servers;
  // Hashed: a search per server would be quadratic, seconds for a pool of 40,000 computers.
  std::unordered_map<std::string_view, uint32_t> server_index;
  for (size_t s = 0; s < servers_.size(); ++s) server_index.emplace(servers_[s].fqdn, static_cast<uint32_t>(s));
  for (const KstServer& server : final_claims_.servers)
    if (!server_index.count(server.fqdn)) joining_servers_.push_back(server);
  restarts_of_.assign(servers_.size(), {});
  for (size_t i = 0; i < steps; ++i) {
    const PlanStep& step = scenario.plan[i];
    if (step.kind != PlanStep::Kind::kRestart) continue;
    for (const std::string& name : step.servers) {
      auto it = server_index.find(name);
      if (it == server_index.end()) continue;
      std::vector<uint32_t>& restarts = restarts_of_[it->second];
      if (restarts.empty() || restarts.back() != i) restarts.push_back(static_cast<uint32_t>(i));
    }
  }
  // Every FQDN some revision names: the base's, and those a step gives a state.
  std::unordered_set<std::string_view> seen;
  auto add = [&](const std::string& fqdn) {
    if (seen.insert(fqdn).second) fqdns_.push_back(fqdn);
  };
  for (const auto& entry : base_claims_.topology) add(entry.first);
  for (const auto& entry : base_claims_.um_routing) add(entry.first);
  for (const auto& entry : base_claims_.required) add(entry.first);
  for (const auto& [fqdn, changes] : state_changes_)
    if (std::any_of(changes.begin(), changes.end(), [](const auto& change) { return change.second.named(); }))
      add(fqdn);
  std::sort(fqdns_.begin(), fqdns_.end());
  // What follows is per FQDN and per server: the signatures and their ids.
  const uint64_t per_name =
      fqdns_.size() * (sizeof(FqdnSignature) + sizeof(uint32_t)) + servers_.size() * sizeof(uint32_t);
  if (!WithinMemoryBudget(per_name, PlanMemoryRefusal::Phase::kClasses)) {
    Abandon();
    return;
  }
  signatures_.reserve(fqdns_.size());
  for (const std::string& fqdn : fqdns_) {
    if ((signatures_.size() & 0xFF) == 0 && InterruptRequested()) {
      Abandon();
      return;
    }
    signatures_.push_back(SignatureOf(fqdn));
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

void CompiledPlan::Record(const std::string& fqdn, uint32_t step, FqdnState state, bool items_changed) {
  if (items_changed) claim_steps_[fqdn].push_back(step);
  auto it = state_changes_.find(fqdn);
  const bool same =
      it == state_changes_.end() ? state == StateIn(base_claims_, fqdn) : state == it->second.back().second;
  if (!same) state_changes_[fqdn].emplace_back(step, std::move(state));
}

bool CompiledPlan::FollowChanges(const ModelCatalog& model) {
  ClaimTally tally(scenario_.base, model);
  const Topology* before = &scenario_.base;
  std::vector<TouchedFqdn> touched;
  for (size_t i = 0; i < scenario_.plan.size() && !tally.ambiguous(); ++i) {
    const PlanStep& step = scenario_.plan[i];
    if (!step.ChangesTopology()) continue;
    // The budget is read at each change: a plan of many changes to a large
    // topology grows here, before any cell exists.
    if (InterruptRequested() || !WithinMemoryBudget(0, PlanMemoryRefusal::Phase::kClaims)) return false;
    touched.clear();
    tally.Advance(*before, *step.after, &touched);
    for (TouchedFqdn& t : touched) {
      FqdnState state = tally.StateOf(t.fqdn);
      Record(t.fqdn, static_cast<uint32_t>(i), std::move(state), t.items_changed);
    }
    before = step.after.get();
  }
  if (!tally.ambiguous()) return true;
  // Only the order of the Exchange servers decides: collect every revision instead.
  state_changes_.clear();
  claim_steps_.clear();
  claim_source_ = ClaimSource::kEveryRevision;
  return FollowEveryRevision(model);
}

namespace {

bool SameClaims(const std::vector<Claim>& a, const std::vector<Claim>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Claim& x, const Claim& y) { return x.version == y.version && x.what == y.what; });
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

bool CompiledPlan::FollowEveryRevision(const ModelCatalog& model) {
  // Two claim indexes at a time: the revision before and this one.
  ClaimIndex before = base_claims_;
  std::vector<std::string> differing;
  for (size_t i = 0; i < scenario_.plan.size(); ++i) {
    const PlanStep& step = scenario_.plan[i];
    if (!step.ChangesTopology()) continue;
    if (InterruptRequested() || !WithinMemoryBudget(0, PlanMemoryRefusal::Phase::kClaims)) return false;
    ClaimIndex after = CollectClaims(*step.after, model);
    differing.clear();
    auto mark = [&](const std::string& fqdn) { differing.push_back(fqdn); };
    ForEachDifference(before.topology, after.topology, SameClaims, mark);
    ForEachDifference(before.um_routing, after.um_routing, SameClaims, mark);
    ForEachDifference(before.required, after.required, SameRequirement, mark);
    std::sort(differing.begin(), differing.end());
    differing.erase(std::unique(differing.begin(), differing.end()), differing.end());
    for (const std::string& fqdn : differing) Record(fqdn, static_cast<uint32_t>(i), StateIn(after, fqdn), true);
    before = std::move(after);
  }
  return true;
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
  // FQDN, no class; every revision reads as an empty one.
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
  state_changes_.clear();
  claim_steps_.clear();
  restarts_of_.clear();
  base_claims_ = ClaimIndex{};
  final_claims_ = ClaimIndex{};
  abandoned_ = true;
}

const ClaimIndex& CompiledPlan::ClaimsAfter(size_t plan_index) const {
  if (abandoned_) return base_claims_;
  const Topology& topology = scenario_.TopologyAfter(plan_index + 1);
  if (&topology == &scenario_.base) return base_claims_;
  if (&topology == &scenario_.final_topology()) return final_claims_;
  std::unique_ptr<ClaimIndex>& claims = claims_after_[&topology];
  if (!claims) claims = std::make_unique<ClaimIndex>(CollectClaims(topology, model_));
  return *claims;
}

FqdnState CompiledPlan::StateAfter(const std::string& fqdn, size_t done) const {
  auto it = state_changes_.find(fqdn);
  if (it != state_changes_.end() && done > 0) {
    // The last change at a step before `done`.
    const StateChanges& changes = it->second;
    auto after = std::upper_bound(changes.begin(), changes.end(), static_cast<uint32_t>(done - 1),
                                  [](uint32_t step, const auto& change) { return step < change.first; });
    if (after != changes.begin()) return std::prev(after)->second;
  }
  return StateIn(base_claims_, fqdn);
}

std::vector<uint32_t> CompiledPlan::StepsToRead(const StateChanges& changes) const {
  std::vector<uint32_t> steps;
  const uint32_t none = static_cast<uint32_t>(scenario_.plan.size());
  for (const auto& [step, state] : changes) {
    steps.push_back(step);
    const bool publish = scenario_.plan[step].kind == PlanStep::Kind::kPublish;
    const uint32_t next_other = publish ? next_ad_change_[step + 1] : next_publish_[step + 1];
    if (next_other != none) steps.push_back(next_other);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

CompiledPlan::FqdnSignature CompiledPlan::SignatureOf(const std::string& fqdn) const {
  FqdnSignature signature;
  const FqdnState base = StateIn(base_claims_, fqdn);
  signature.base_versions = base.versions;
  signature.base_listed = base.listed;
  signature.start = RequirementIn(base);
  signature.end = RequirementIn(StateAfter(fqdn, scenario_.plan.size()));
  auto it = state_changes_.find(fqdn);
  if (it == state_changes_.end()) return signature;
  VersionSet versions = signature.base_versions;
  bool listed = signature.base_listed;
  Requirement required = signature.start;
  // Only the steps that change the FQDN's state, and the next of the other
  // kind after each, can change what its cells see: at every other step its
  // versions, listing and requirement are those of the step before.
  for (const uint32_t i : StepsToRead(it->second)) {
    const FqdnState now = StateAfter(fqdn, i + 1);
    if (now.um_host != required.um_host || now.trusted_application != required.trusted_application) {
      required = RequirementIn(now);
      signature.requirement_changes.emplace_back(static_cast<int>(i) + 1, required);
    }
    if (scenario_.plan[i].kind == PlanStep::Kind::kPublish) {
      if (now.versions == versions) continue;
      versions = now.versions;
      signature.changes.push_back({static_cast<int>(i), false, now.versions, listed});
    } else if (scenario_.plan[i].kind == PlanStep::Kind::kAdChange) {
      if (now.listed == listed) continue;
      listed = now.listed;
      signature.changes.push_back({static_cast<int>(i), true, versions, now.listed});
    }
  }
  return signature;
}

CellInput CompiledPlan::BuildInput(size_t server_index, const FqdnSignature& signature) const {
  const KstServer& server = servers_[server_index];
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
  // What the cell sees, in plan order: the FQDN's changes, the server's
  // restarts, and the first wait for replication after each publish of the
  // FQDN (a wait with no publish before it constrains nothing). Found from
  // those lists, not by walking every step: a class costs what it holds.
  // A wait for a UM Routing poll matters on a server that runs UM Routing
  // once its poll may have something to do for the FQDN: from the start when
  // AD lists it (a start-up withdrawal may be undone by a poll), else from
  // the FQDN's first change or the server's first restart.
  enum Kind { kChange, kRestart, kWait, kPollWait };
  std::vector<std::pair<uint32_t, std::pair<Kind, size_t>>> events;
  for (size_t c = 0; c < signature.changes.size(); ++c) {
    const FqdnChange& change = signature.changes[c];
    events.push_back({static_cast<uint32_t>(change.plan_index), {kChange, c}});
    if (change.ad) continue;
    auto wait = std::upper_bound(waits_.begin(), waits_.end(), static_cast<uint32_t>(change.plan_index));
    if (wait != waits_.end()) events.push_back({*wait, {kWait, 0}});
  }
  for (const uint32_t restart : restarts_of_[server_index]) events.push_back({restart, {kRestart, 0}});
  if (server.runs_um_routing && !poll_waits_.empty()) {
    uint32_t first = UINT32_MAX;
    if (signature.base_listed) first = 0;
    if (!signature.changes.empty()) first = std::min(first, static_cast<uint32_t>(signature.changes[0].plan_index));
    if (!restarts_of_[server_index].empty()) first = std::min(first, restarts_of_[server_index][0]);
    for (const uint32_t wait : poll_waits_)
      if (first != UINT32_MAX && (signature.base_listed || wait > first)) events.push_back({wait, {kPollWait, 0}});
  }
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());
  bool publish_pending = false;
  for (const auto& [step, event] : events) {
    const int index = static_cast<int>(step);
    switch (event.first) {
      case kChange: {
        const FqdnChange& change = signature.changes[event.second];
        if (!change.ad) {
          input.topology.push_back(change.versions);
          input.steps.push_back({AdminStep::Kind::kPublish, index});
          publish_pending = true;
        } else if (server.runs_um_routing) {
          input.ad_lists.push_back(change.listed);
          input.steps.push_back({AdminStep::Kind::kAdChange, index});
        }
        break;
      }
      case kRestart:
        input.steps.push_back({AdminStep::Kind::kRestart, index});
        break;
      case kWait:
        if (publish_pending) input.steps.push_back({AdminStep::Kind::kWaitForReplication, index});
        publish_pending = false;
        break;
      case kPollWait:
        input.steps.push_back({AdminStep::Kind::kWaitForUmPoll, index});
        break;
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
    key.insert(key.end(), restarts_of_[s].begin(), restarts_of_[s].end());
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
      CellInput input = BuildInput(s, signatures_[f]);
      auto [k, inserted] = key_class.emplace(input.Key(), static_cast<uint32_t>(classes_.size()));
      if (inserted) classes_.push_back({std::move(input), s, f, 0});
      pair_class_[a * fqdn_sigs + b] = k->second;
      classes_[k->second].cells += servers_with[a] * fqdns_with[b];
    }
  }
}

CellInput CompiledPlan::InputFor(size_t server, size_t fqdn) const {
  return BuildInput(server, signatures_[fqdn]);
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
  auto add = [&](const ClaimIndex& index) {
    for (const auto* table : {&index.topology, &index.um_routing}) {
      auto it = table->find(fqdn);
      if (it == table->end()) continue;
      for (const Claim& claim : it->second) {
        bool known = std::any_of(refs.begin(), refs.end(),
                                 [&](const ClaimRef& r) { return r.what == claim.what && r.version == claim.version; });
        if (!known) refs.push_back({ProducerName(claim.producer), claim.version, claim.what, claim.location});
      }
    }
  };
  add(base_claims_);
  // The claims on it change only where the items naming it do.
  auto steps = claim_steps_.find(fqdn);
  if (steps != claim_steps_.end())
    for (const uint32_t step : steps->second) add(CollectClaimsOn(scenario_.TopologyAfter(step + 1), model_, fqdn));
  return refs;
}

}  // namespace kst
