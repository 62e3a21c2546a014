#include "plan/plan_search.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <set>

#include "base/interrupt.h"
#include "check/analysis.h"
#include "check/class_cache.h"
#include "model/claims.h"
#include "model/rule_ids.h"
#include "plan/plan_alternatives.h"
#include "plan/plan_expectation.h"
#include "plan/runbook_guidance.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr char kCandidateFile[] = "kst-plan-candidate.json";

uint64_t SaturatingMultiply(uint64_t a, uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}

/// The size of the candidate space: n! orders x k^n settle choices, and per
/// temporary edit (n + 2)! / 2 orders (its edit before its undoing) x k^n x 2^2
/// (the temporary edit's halves are followed by nothing or their wait).
uint64_t SpaceSize(size_t changes, size_t settles, size_t temporary) {
  uint64_t size = 1;
  for (size_t i = 1; i <= changes; ++i) size = SaturatingMultiply(SaturatingMultiply(size, i), settles);
  if (temporary == 0) return size;
  uint64_t with = 4;
  for (size_t i = 1; i <= changes; ++i) with = SaturatingMultiply(with, settles);
  for (size_t i = 3; i <= changes + 2; ++i) with = SaturatingMultiply(with, i);  // (n + 2)! / 2
  with = SaturatingMultiply(with, temporary);
  return size > UINT64_MAX - with ? UINT64_MAX : size + with;
}

/// Whether `plan` restarts at once after a topology publish: a restart may
/// then land on a server before the publish reaches it.
bool RestartsBeforePublishArrives(const PlanContext& context, const AbstractPlan& plan) {
  for (size_t i = 0; i < plan.order.size(); ++i)
    if (plan.settle[i] == Settle::kRestartAtOnce && !PlanItem(context, plan, plan.order[i]).exchange_side) return true;
  return false;
}

bool Disjoint(const std::vector<ChangeStep>& changes) {
  std::set<std::string> seen;
  for (const ChangeStep& change : changes) {
    std::set<std::string> mine(change.fqdns.begin(), change.fqdns.end());
    for (const std::string& fqdn : mine)
      if (!seen.insert(fqdn).second) return false;
  }
  return true;
}

/// The pools of BEFORE, then those only AFTER has: where restarts are grouped.
Topology PoolsOfBoth(const Topology& before, const Topology& after) {
  Topology pools;
  pools.pools = before.pools;
  for (const LyncPool& pool : after.pools)
    if (!before.FindPool(pool.fqdn.name)) pools.pools.push_back(pool);
  return pools;
}

class Search {
 public:
  Search(const ModelCatalog& model, const PlanSearchOptions& options, PlanSynthesis* out)
      : model_(model), options_(options), out_(out), started_(Clock::now()) {
    readings_ = options.readings;
    if (readings_.empty())
      for (const Semantics& semantics : model.semantics()) readings_.push_back(&semantics);
    for (const Semantics* reading : readings_) out_->readings.push_back(reading->name);
  }

  bool OutOfBudget() const {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    return InterruptRequested() || seconds > options_.time_budget_seconds;
  }

  AnalysisOptions AnalysisFor(const Semantics* reading) {
    AnalysisOptions analysis;
    analysis.semantics = reading;
    analysis.compare_readings = false;
    analysis.recheck_fixes = false;
    analysis.max_states = options_.max_states;
    analysis.max_memory_bytes = options_.max_memory_bytes;
    analysis.at = options_.at;
    analysis.class_cache = &class_cache_;
    return analysis;
  }

  Json Document(const AbstractPlan& plan) const { return WithCheckTime(ScenarioDocument(out_->context, plan)); }

  /// The check time goes into the document only where certificates or
  /// clocks are judged by it: elsewhere it would be a timestamp of no use.
  Json WithCheckTime(Json document) const {
    const Json& topology = document["topology"];
    if (options_.at && (topology.contains("certificates") || topology.contains("clocks")))
      document["at"] = FormatTimestamp(*options_.at);
    return document;
  }

  /// Loads and analyses `plan` under every reading; `reports` (when given)
  /// receives each reading's report. False when the order is not loadable.
  bool Evaluate(const AbstractPlan& plan, EvaluatedPlan* result, std::vector<Report>* reports = nullptr) {
    result->plan = plan;
    result->by_reading.clear();
    result->cost = PlanCost();
    Scenario scenario;
    Diagnostics diagnostics;
    if (!LoadScenarioDocument(Document(plan), kCandidateFile, model_, &scenario, &diagnostics)) {
      ++out_->candidates_unloadable;
      return false;
    }
    int restarts = 0;
    for (size_t i = 0; i < scenario.plan.size(); ++i)
      if (scenario.plan[i].kind == PlanStep::Kind::kRestart)
        restarts += static_cast<int>(scenario.plan[i].servers.size());
    std::pair<int, int> temporary_span;
    if (plan.temporary >= 0) PlanOps(out_->context, plan, &temporary_span);
    std::vector<PlanCost> costs;
    for (const Semantics* reading : readings_) {
      Report report = Analyze(scenario, true, model_, AnalysisFor(reading), diagnostics);
      ++out_->analyses;
      out_->cells += report.statistics.cells;
      out_->states += report.statistics.states;
      PlanCost cost = CostOf(report, static_cast<int>(scenario.plan.size()), restarts);
      if (plan.temporary >= 0)
        AddTemporaryOutage(out_->context.temporary[static_cast<size_t>(plan.temporary)].needed_on, temporary_span.first,
                           temporary_span.second, &cost);
      result->by_reading.emplace_back(reading->name, cost);
      costs.push_back(cost);
      if (reports) reports->push_back(std::move(report));
    }
    result->cost = WorstOver(costs);
    return true;
  }

  void Consider(const EvaluatedPlan& candidate) {
    ++out_->candidates_checked;
    if (!have_best_ || candidate.cost < out_->best.cost) {
      out_->best = candidate;
      have_best_ = true;
    }
    if (candidate.plan.temporary < 0 && RestartsBeforePublishArrives(out_->context, candidate.plan) &&
        (!best_at_once_ || candidate.cost < best_at_once_->cost))
      best_at_once_ = candidate;
    if (candidate.plan.temporary >= 0 && (!best_temporary_ || candidate.cost < best_temporary_->cost))
      best_temporary_ = candidate;
    for (const auto& [reading, cost] : candidate.by_reading) {
      auto it = best_by_reading_.find(reading);
      if (it == best_by_reading_.end() || cost < it->second) best_by_reading_[reading] = cost;
    }
  }

  /// The Lync servers the change, made with a wait after each edit, leaves
  /// with an outage, a 14563 or an order-dependent end: the counter-example
  /// that says where restarts can help.
  std::vector<std::string> RestartSet(const Topology& before, const Topology& after) {
    const size_t n = out_->context.changes.size();
    AbstractPlan naive;
    naive.order.resize(n);
    std::iota(naive.order.begin(), naive.order.end(), 0);
    naive.settle.assign(n, Settle::kWait);
    EvaluatedPlan evaluated;
    std::vector<Report> reports;
    std::set<std::string> servers;
    if (!Evaluate(naive, &evaluated, &reports)) {
      out_->notes.push_back(
          "the edits in the order of the difference do not load as a plan; the restart set is "
          "every Lync server");
      for (const Topology* topology : {&before, &after})
        for (const LyncPool& pool : topology->pools)
          for (const NamedAt& server : PoolServers(pool)) servers.insert(server.name);
      return {servers.begin(), servers.end()};
    }
    for (const Report& report : reports)
      for (const Finding& finding : report.findings) {
        if (finding.rule.rfind("kst/", 0) != 0) continue;
        for (const ServerOutcome& outcome : finding.outcomes)
          if (outcome.outage || outcome.ends_absent || outcome.conflict || outcome.ends.size() > 1)
            servers.insert(outcome.server);
      }
    // Only servers of a pool can be restarted (the restart op's rule).
    std::vector<std::string> out;
    const Topology pools = PoolsOfBoth(before, after);
    for (const LyncPool& pool : pools.pools)
      for (const NamedAt& server : PoolServers(pool))
        if (servers.count(server.name) && std::find(out.begin(), out.end(), server.name) == out.end())
          out.push_back(server.name);
    return out;
  }

  std::vector<Settle> Settles() const {
    if (out_->restart_servers.empty()) return {Settle::kNone, Settle::kWait};
    return {Settle::kNone, Settle::kWait, Settle::kRestart, Settle::kRestartAtOnce};
  }

  /// Every order of the items (the edits, and the temporary edit's halves
  /// when `temporary` names one, its edit before its undoing) with every
  /// settle choice after each. False when the budget ended it.
  bool EveryOrder(int temporary) {
    const size_t n = out_->context.changes.size();
    const size_t items = n + (temporary >= 0 ? 2 : 0);
    const std::vector<Settle> settles = Settles();
    const std::vector<Settle> temporary_settles = {Settle::kNone, Settle::kWait};
    std::vector<size_t> order(items);
    std::iota(order.begin(), order.end(), 0);
    do {
      if (temporary >= 0 && std::find(order.begin(), order.end(), n) > std::find(order.begin(), order.end(), n + 1))
        continue;
      auto choices = [&](size_t position) -> const std::vector<Settle>& {
        return order[position] >= n ? temporary_settles : settles;
      };
      std::vector<size_t> digits(items, 0);
      while (true) {
        if (OutOfBudget()) return false;
        AbstractPlan plan{order, {}, temporary};
        for (size_t i = 0; i < items; ++i) plan.settle.push_back(choices(i)[digits[i]]);
        EvaluatedPlan evaluated;
        if (Evaluate(plan, &evaluated)) Consider(evaluated);
        size_t i = 0;
        while (i < items && ++digits[i] == choices(i).size()) digits[i++] = 0;
        if (i == items) break;
      }
    } while (std::next_permutation(order.begin(), order.end()));
    return true;
  }

  void Exhaustive() {
    bool complete = EveryOrder(-1);
    for (size_t t = 0; complete && t < out_->context.temporary.size(); ++t) complete = EveryOrder(static_cast<int>(t));
    out_->exhaustive = complete;
    if (complete) {
      out_->proven_optimal = have_best_;
      out_->proof = "all " + std::to_string(out_->space) + " candidate plans checked under " +
                    std::to_string(readings_.size()) + " reading(s) (" + std::to_string(out_->candidates_unloadable) +
                    " of them not loadable: an edit before what it refers to)" +
                    (out_->context.temporary.empty()
                         ? std::string(out_->temporary_edits ? "; no temporary edit applies to the servers the change "
                                                               "touches"
                                                             : "; temporary edits left out (--no-temporary-edits)")
                         : "; with " + std::to_string(out_->context.temporary.size()) +
                               " temporary edit(s), at most one per plan");
    }
  }

  /// The candidates set aside that the operator should see priced.
  void Contrasts() {
    if (best_at_once_ && !RestartsBeforePublishArrives(out_->context, out_->best.plan))
      out_->contrasts.push_back(Contrast(
          "restarting at once after a topology publish, so a restart may land on a server before the publish reaches "
          "it (brief 6.7; under withdraw-remember a restart before a pool's removal arrives leaves the server absent "
          "for good, assumption um-remembers-withdrawn)",
          *best_at_once_));
    if (best_temporary_ && out_->best.plan.temporary < 0)
      out_->contrasts.push_back(Contrast(
          out_->exhaustive ? "the best plan with a temporary edit (none gives a better plan: every candidate with one "
                             "was checked)"
                           : "the best plan with a temporary edit found before the search ended",
          *best_temporary_));
  }

  PlanContrast Contrast(std::string what, const EvaluatedPlan& plan) const {
    PlanContrast contrast;
    contrast.what = std::move(what);
    contrast.cost = plan.cost;
    for (const auto& op : PlanOps(out_->context, plan.plan)) {
      const std::string kind = op.value("op", std::string());
      std::string text = kind;
      if (op.contains("servers") && op["servers"].is_array())
        for (const auto& server : op["servers"]) text += " " + server.get<std::string>();
      else if (op.contains("fqdn") && op["fqdn"].is_string())
        text += " " + op["fqdn"].get<std::string>();
      else if (op.contains("pool") && op["pool"].is_object())
        text += " " + op["pool"].value("fqdn", std::string());
      if (op.contains("name") && op["name"].is_string()) text += " \"" + op["name"].get<std::string>() + "\"";
      contrast.steps.push_back(text);
    }
    return contrast;
  }

  /// Too many candidates: each edit's own optimum, then the plan that puts
  /// them together in the order of the difference.
  void EachEditAlone() {
    const size_t n = out_->context.changes.size();
    const std::vector<Settle> settles = Settles();
    std::vector<Settle> chosen(n, Settle::kRestart);
    std::map<std::string, int64_t> bound_by_reading;
    std::map<std::string, int> absent_bound_by_reading;
    bool bounded = Disjoint(out_->context.changes);
    std::string unbounded_why = "the edits share FQDNs, so no lower bound follows from their own optima";
    // The bound adds the edits' own costs: sound only when every cost is an
    // edit's, i.e. BEFORE alone (the empty plan) has no finding of its own.
    EvaluatedPlan base;
    if (bounded && Evaluate({{}, {}}, &base)) {
      for (const auto& [reading, cost] : base.by_reading)
        if (cost.ends_absent > 0 || cost.conflicts > 0 || cost.outage > 0) {
          bounded = false;
          unbounded_why =
              "BEFORE has findings of its own, which a bound made of the edits' own optima cannot set apart";
        }
    }
    for (size_t i = 0; i < n && !OutOfBudget(); ++i) {
      std::optional<EvaluatedPlan> best;
      std::map<std::string, int64_t> least_outage;
      std::map<std::string, int> least_absent;
      for (Settle settle : settles) {
        EvaluatedPlan evaluated;
        if (!Evaluate({{i}, {settle}}, &evaluated)) continue;
        ++out_->candidates_checked;
        if (!best || evaluated.cost < best->cost) best = evaluated;
        // Per reading the least (ends absent, outage): a plan that ends well
        // projects onto each edit as a plan of that edit that ends well, so
        // the outage bound is the least among the edit's plans that end well.
        for (const auto& [reading, cost] : evaluated.by_reading) {
          const bool better = !least_absent.count(reading) || cost.ends_absent < least_absent[reading] ||
                              (cost.ends_absent == least_absent[reading] && cost.outage < least_outage[reading]);
          if (!better) continue;
          least_absent[reading] = cost.ends_absent;
          least_outage[reading] = cost.outage;
        }
      }
      if (!best) {
        bounded = false;  // this edit alone does not load (it needs another first)
        unbounded_why = "an edit does not load without another before it, so it has no optimum of its own";
        continue;
      }
      chosen[i] = best->plan.settle[0];
      for (const auto& [reading, outage] : least_outage) bound_by_reading[reading] += outage;
      for (const auto& [reading, absent] : least_absent) absent_bound_by_reading[reading] += absent;
    }
    AbstractPlan plan;
    plan.order.resize(n);
    std::iota(plan.order.begin(), plan.order.end(), 0);
    plan.settle = chosen;
    EvaluatedPlan evaluated;
    if (Evaluate(plan, &evaluated)) Consider(evaluated);
    if (!have_best_) return;
    if (!bounded || OutOfBudget()) {
      out_->proof = "not proven optimal: " + (OutOfBudget() ? std::string("the time budget ran out") : unbounded_why) +
                    "; the space holds " + std::to_string(out_->space) + " candidates (--max-candidates " +
                    std::to_string(options_.max_candidates) + ")";
      return;
    }
    // Per reading, every plan ends absent on at least the sum of each edit's
    // least and has at least the sum of each edit's least outage (the cells
    // are independent). The best plan is optimal when it fails under no more
    // readings than must fail, ends absent on no more servers than must, and
    // its outage (over the readings it ends well under) meets their bound.
    const PlanCost& cost = out_->best.cost;
    int readings_bound = 0, absent_bound = 0;
    for (const auto& [reading, absent] : absent_bound_by_reading) {
      readings_bound += absent > 0 ? 1 : 0;
      absent_bound = std::max(absent_bound, absent);
    }
    int64_t outage_bound = 0;
    for (const auto& [reading, best_cost] : out_->best.by_reading)
      if (best_cost.ends_absent == 0 || cost.readings_ending_absent == static_cast<int>(readings_.size()))
        outage_bound = std::max(outage_bound, bound_by_reading[reading]);
    out_->outage_lower_bound = outage_bound;
    out_->proven_optimal = cost.readings_ending_absent == readings_bound && cost.ends_absent == absent_bound &&
                           cost.outage == outage_bound;
    out_->proof =
        std::string(out_->proven_optimal ? "optimal in ends and outage" : "not proven optimal") +
        ": the edits touch disjoint FQDNs, so their cells are independent and each edit's own optimum bounds its "
        "share (lower bound: " +
        std::to_string(absent_bound) + " server(s) ending absent, outage " + std::to_string(outage_bound) +
        " server-steps); the space holds " +
        (out_->space == UINT64_MAX ? "more than 2^64" : std::to_string(out_->space)) +
        " candidates, more than --max-candidates " + std::to_string(options_.max_candidates) +
        (out_->proven_optimal ? "; restarts and length are those of the edits' own optima, not proven minimal" : "");
  }

  void ByReading() {
    for (const Semantics* reading : readings_) {
      ReadingResult result;
      result.reading = reading->name;
      auto it = best_by_reading_.find(reading->name);
      if (it != best_by_reading_.end()) result.best = it->second;
      result.zero_outage = result.best.HardSpecMet() && result.best.outage == 0;
      out_->by_reading.push_back(result);
    }
  }

  bool have_best() const { return have_best_; }

 private:
  const ModelCatalog& model_;
  const PlanSearchOptions& options_;
  PlanSynthesis* out_;
  Clock::time_point started_;
  std::vector<const Semantics*> readings_;
  /// Candidates differ from each other by a few steps: each explores only the classes the others did not.
  ClassCache class_cache_;
  bool have_best_ = false;
  std::map<std::string, PlanCost> best_by_reading_;
  std::optional<EvaluatedPlan> best_at_once_;    // the best that restarts at once after a publish (no temporary edit)
  std::optional<EvaluatedPlan> best_temporary_;  // the best candidate with a temporary edit
};

/// "ex1.contoso.com: Topology version 6 (trusted application pool ex1.contoso.com, after.json:7:9) against
/// UM Routing version 0 (...)": the claims that collide in the best plan.
std::vector<std::string> Collisions(const Report& report) {
  std::vector<std::string> out;
  for (const Finding& finding : report.findings) {
    if (finding.rule != rule::kVersionConflict) continue;
    std::string text = finding.fqdn + ":";
    for (size_t i = 0; i < finding.claims.size(); ++i) {
      const ClaimRef& claim = finding.claims[i];
      text += (i == 0 ? " " : " against ") + claim.producer + " version " + std::to_string(claim.version) + " (" +
              claim.what + (claim.location.known() ? ", " + claim.location.ToString() : "") + ")";
    }
    out.push_back(text);
  }
  return out;
}

/// Per plan step: whose outage window it opens or closes, where a 14563 may follow.
std::vector<RunbookStep> Steps(const Scenario& scenario, const Json& ops, const Report& report) {
  std::vector<RunbookStep> steps;
  for (size_t i = 0; i < scenario.plan.size(); ++i) {
    RunbookStep step;
    step.number = static_cast<int>(i + 1);
    step.op = ops.at(i);
    step.description = scenario.plan[i].description;
    steps.push_back(std::move(step));
  }
  std::set<std::pair<std::string, std::string>> conflicts;  // (server, FQDN)
  for (const Finding& finding : report.findings)
    if (finding.rule == rule::kVersionConflict)
      for (const ServerOutcome& outcome : finding.outcomes)
        if (outcome.conflict) conflicts.insert({outcome.server, finding.fqdn});
  for (const Finding& finding : report.findings) {
    if (finding.rule != rule::kUnknownServer) continue;
    for (const ServerOutcome& outcome : finding.outcomes) {
      if (!outcome.outage && !outcome.ends_absent) continue;
      const std::string who = outcome.server + ": " + finding.fqdn;
      if (outcome.window_from >= 1 && outcome.window_from <= static_cast<int>(steps.size())) {
        steps[outcome.window_from - 1].opens.push_back(who);
        if (conflicts.count({outcome.server, finding.fqdn})) steps[outcome.window_from - 1].conflicts.push_back(who);
      }
      if (!outcome.ends_absent && outcome.window_to >= 1 && outcome.window_to <= static_cast<int>(steps.size()))
        steps[outcome.window_to - 1].closes.push_back(who);
    }
  }
  return steps;
}

/// Per integration feature, the server x plan steps in which it is broken:
/// each outage window of a kst/unknown-server finding, counted for every
/// feature the finding's impact breaks on that server.
std::vector<FeatureOutage> FeatureOutages(const Report& report, int length) {
  std::vector<FeatureOutage> out;
  for (const Finding& finding : report.findings) {
    if (finding.rule != rule::kUnknownServer) continue;
    for (const ServerOutcome& outcome : finding.outcomes) {
      int64_t steps = 0;
      if (outcome.ends_absent)
        steps = length + 1 - outcome.window_from;
      else if (outcome.outage)
        steps = (outcome.window_to == 0 ? length + 1 : outcome.window_to) - outcome.window_from;
      if (steps <= 0) continue;
      for (const FeatureImpact& impact : finding.impact.breaks) {
        if (std::find(impact.servers.begin(), impact.servers.end(), outcome.server) == impact.servers.end()) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const FeatureOutage& item) {
          return item.feature == impact.feature && item.direction == impact.direction && item.peer == impact.peer;
        });
        if (it == out.end()) {
          it = out.insert(out.end(), FeatureOutage());
          it->feature = impact.feature;
          it->name = impact.name;
          it->direction = impact.direction;
          it->peer = impact.peer;
        }
        it->server_steps += steps;
        it->by_server[outcome.server] += steps;
      }
    }
  }
  return out;
}

}  // namespace

bool SynthesizePlan(const Topology& before, const Topology& after, const ModelCatalog& model,
                    const PlanSearchOptions& options, PlanSynthesis* out, Diagnostics* diagnostics) {
  const auto started = Clock::now();
  if (!DiffTopologies(before, after, &out->context.changes, diagnostics)) return false;
  out->context.base_topology = TopologyDocument(before);
  out->context.unplanned_restarts = options.unplanned_restarts;
  out->context.description = options.description;
  out->expect_reading = (options.expect_reading ? *options.expect_reading : model.DefaultSemantics()).name;
  Search search(model, options, out);
  out->restart_servers = search.RestartSet(before, after);
  out->max_restarts_per_pool = options.max_restarts_per_pool;
  out->context.restart_waves =
      RestartWaves(PoolsOfBoth(before, after), out->restart_servers, options.max_restarts_per_pool);
  const size_t settles = out->restart_servers.empty() ? 2 : 4;
  out->temporary_edits = options.temporary_edits;
  if (options.temporary_edits) out->context.temporary = TemporaryEdits(before, out->context.changes, model);
  out->space = SpaceSize(out->context.changes.size(), settles, out->context.temporary.size());
  if (out->space > options.max_candidates && !out->context.temporary.empty()) {
    // Too many for every order: the edits alone are searched, as below.
    out->notes.push_back(
        "temporary edits were not searched: with them the space exceeds --max-candidates; the plan uses the "
        "change's own edits only");
    out->context.temporary.clear();
    out->temporary_edits = false;
    out->space = SpaceSize(out->context.changes.size(), settles, 0);
  }
  if (out->space <= options.max_candidates)
    search.Exhaustive();
  else
    search.EachEditAlone();
  search.ByReading();
  search.Contrasts();
  if (!search.have_best()) {
    diagnostics->Error("plan-no-candidate", Location{after.file}, "",
                       "no candidate plan could be loaded and judged: every order of the edits refers to something "
                       "before it exists, or the budget ran out first");
    return false;
  }
  if (!out->exhaustive && !out->proven_optimal && out->proof.empty())
    out->proof = "not proven optimal: the search ended early";

  // The chosen plan: analysed again as `kst check` would (every reading
  // compared, fixes re-checked), its expect block made from that report,
  // then the written document loaded again and checked against it.
  out->document = search.WithCheckTime(ScenarioDocument(out->context, out->best.plan));
  Scenario scenario;
  Diagnostics load;
  if (!LoadScenarioDocument(out->document, kCandidateFile, model, &scenario, &load)) {
    diagnostics->Append(load);
    return false;
  }
  AnalysisOptions analysis;
  analysis.semantics = options.expect_reading;
  analysis.max_states = options.max_states;
  analysis.max_memory_bytes = options.max_memory_bytes;
  analysis.at = options.at;
  analysis.recheck_fixes = false;
  out->report = Analyze(scenario, true, model, analysis, load);
  out->document["expect"] = ExpectBlock(out->report);
  out->collisions = out->best.cost.HardSpecMet() ? std::vector<std::string>{} : Collisions(out->report);
  out->steps = Steps(scenario, out->document["plan"], out->report);
  if (out->best.plan.temporary >= 0) {
    std::pair<int, int> span;
    PlanOps(out->context, out->best.plan, &span);
    for (const int number : {span.first, span.second})
      if (number >= 1 && number <= static_cast<int>(out->steps.size())) out->steps[number - 1].temporary = true;
  }
  out->feature_outage = FeatureOutages(out->report, static_cast<int>(scenario.plan.size()));
  AddRunbookGuidance(scenario, model, &out->steps);
  out->scenario = std::make_shared<const Scenario>(std::move(scenario));  // for the HTML report's estate
  Scenario written;
  Diagnostics reload;
  if (LoadScenarioDocument(out->document, kCandidateFile, model, &written, &reload)) {
    AnalysisOptions check = analysis;
    check.recheck_fixes = true;  // as kst check runs it
    const Report confirmed = Analyze(written, true, model, check, reload);
    out->rechecked = confirmed.expectation && confirmed.expectation->met;
    if (confirmed.expectation) out->recheck_differences = confirmed.expectation->differences;
  } else {
    for (const Diagnostic& d : reload.all()) out->recheck_differences.push_back(d.ToString());
  }
  if (options.alternatives) AddAlternatives(before, after, model, options, out);
  out->seconds = std::chrono::duration<double>(Clock::now() - started).count();
  out->peak_rss_kib = PeakRssKib();
  return true;
}

}  // namespace kst
