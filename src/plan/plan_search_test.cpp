// kst plan on the golden cases, and a brute-force enumeration of every plan of
// a tiny vocabulary that must not beat the reported optimum.

#include "plan/plan_search.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "check/analysis.h"
#include "plan/change_steps.h"
#include "test_world.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;

const char kEx1Pool[] = R"(, "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6,
    "registrar": "pool01.contoso.com", "computers": ["ex1.contoso.com"]}])";

PlanSearchOptions Reading(const char* name) {
  PlanSearchOptions options;
  const ModelCatalog& model = ModelCatalog::Embedded();
  const Semantics* reading = name ? model.FindSemantics(name) : &model.DefaultSemantics();
  REQUIRE(reading);
  options.readings = {reading};
  options.expect_reading = reading;
  return options;
}

PlanSynthesis Plan(const Topology& before, const Topology& after, const PlanSearchOptions& options) {
  PlanSynthesis plan;
  Diagnostics diagnostics;
  const bool ok = SynthesizePlan(before, after, ModelCatalog::Embedded(), options, &plan, &diagnostics);
  INFO(DiagnosticsText(diagnostics));
  REQUIRE(ok);
  return plan;
}

/// "add_trusted_application_pool", "wait_for_replication", "restart fe01.contoso.com", ...
std::vector<std::string> Ops(const Json& document) {
  std::vector<std::string> ops;
  for (const Json& op : document["plan"]) {
    std::string text = op["op"].get<std::string>();
    if (op.contains("servers"))
      for (const Json& server : op["servers"]) text += " " + server.get<std::string>();
    ops.push_back(text);
  }
  return ops;
}

/// The best cost of every plan that uses each edit of `changes` once and up
/// to `extra` more steps, each a wait (for replication or for a UM Routing
/// poll) or an RTCSRV restart of one of `servers`, under one reading: written
/// independently of the search. With a `temporary` edit, the plans also
/// hold its two halves, its edit before its undoing, charged as the search
/// charges it (each server that needs it, for the steps in between).
PlanCost BruteForce(const Topology& before, const std::vector<ChangeStep>& changes,
                    const std::vector<std::string>& servers, size_t extra, const Semantics& reading, uint64_t* plans,
                    const TemporaryEdit* temporary = nullptr) {
  std::vector<Json> symbols;
  symbols.push_back({{"op", "wait_for_replication"}});
  symbols.push_back({{"op", "wait_for_um_poll"}});
  for (const std::string& server : servers) symbols.push_back({{"op", "restart"}, {"servers", {server}}});
  std::vector<Json> items;
  for (const ChangeStep& change : changes) items.push_back(change.op);
  if (temporary) {
    items.push_back(temporary->out.op);
    items.push_back(temporary->back.op);
  }
  const size_t out_item = changes.size(), back_item = changes.size() + 1;
  const Json topology = TopologyDocument(before);
  PlanCost best;
  bool have = false;
  std::vector<Json> ops;
  std::vector<int> placed_at(items.size(), 0);  // plan step of each item, 0: not yet
  std::function<void(size_t)> walk = [&](size_t extras_left) {
    const bool complete = std::all_of(placed_at.begin(), placed_at.end(), [](int at) { return at > 0; });
    if (complete) {
      Json document = {{"format", "kst-scenario/1"},
                       {"topology", topology},
                       {"plan", ops},
                       {"environment", {{"restarts", "planned"}}}};
      Scenario scenario;
      Diagnostics diagnostics;
      if (LoadScenarioDocument(document, "brute.json", ModelCatalog::Embedded(), &scenario, &diagnostics)) {
        AnalysisOptions analysis;
        analysis.semantics = &reading;
        analysis.compare_readings = false;
        analysis.recheck_fixes = false;
        const Report report = Analyze(scenario, true, ModelCatalog::Embedded(), analysis, diagnostics);
        int restarts = 0;
        for (const PlanStep& step : scenario.plan) restarts += static_cast<int>(step.servers.size());
        PlanCost cost = CostOf(report, static_cast<int>(scenario.plan.size()), restarts);
        if (temporary)
          for (const std::string& server : temporary->needed_on) {
            cost.outage += placed_at[back_item] - placed_at[out_item];
            cost.outage_by_server[server] += placed_at[back_item] - placed_at[out_item];
          }
        ++*plans;
        if (!have || cost < best) best = cost;
        have = true;
      }
    }
    for (size_t i = 0; i < items.size(); ++i) {
      if (placed_at[i] > 0) continue;
      if (temporary && i == back_item && placed_at[out_item] == 0) continue;  // the undoing after the edit
      ops.push_back(items[i]);
      placed_at[i] = static_cast<int>(ops.size());
      walk(extras_left);
      placed_at[i] = 0;
      ops.pop_back();
    }
    if (extras_left == 0) return;
    for (const Json& symbol : symbols) {
      ops.push_back(symbol);
      walk(extras_left - 1);
      ops.pop_back();
    }
  };
  walk(extra);
  REQUIRE(have);
  return best;
}

void ExpectOptimalAgainstBruteForce(const Topology& before, const Topology& after, size_t extra) {
  const Semantics& reading = ModelCatalog::Embedded().DefaultSemantics();
  PlanSearchOptions options = Reading(nullptr);
  options.alternatives = false;
  options.temporary_edits = false;
  const PlanSynthesis plan = Plan(before, after, options);
  REQUIRE(plan.proven_optimal);
  std::vector<std::string> servers = {"fe01.contoso.com", "fe02.contoso.com", "edge01.contoso.com"};
  uint64_t plans = 0;
  const PlanCost brute = BruteForce(before, plan.context.changes, servers, extra, reading, &plans);
  INFO("brute force over " << plans << " plans: " << CostText(brute) << "; kst plan: " << CostText(plan.best.cost));
  // Restarts of one server per step only: the brute force may not restart
  // two servers of a pool at once, like --max-restarts-per-pool-at-once 1.
  CHECK(plans >= 100);  // one edit and up to 3 more steps anywhere: 313 plans, 586 with an Edge
  CHECK(plan.best.cost.Key() == brute.Key());
  // With temporary edits: every plan with one and one more step must not
  // beat the search's optimum, which also weighs them.
  options.temporary_edits = true;
  const PlanSynthesis with = Plan(before, after, options);
  REQUIRE(with.proven_optimal);
  CHECK_FALSE(brute < with.best.cost);
  for (const TemporaryEdit& temporary : with.context.temporary) {
    uint64_t temporary_plans = 0;
    const PlanCost brute_temporary =
        BruteForce(before, with.context.changes, servers, 1, reading, &temporary_plans, &temporary);
    INFO("with " << temporary.out.description << ": brute force over " << temporary_plans
                 << " plans: " << CostText(brute_temporary) << "; kst plan: " << CostText(with.best.cost));
    CHECK(temporary_plans >= 50);
    CHECK_FALSE(brute_temporary < with.best.cost);
  }
}

TEST_CASE("kst plan O1: no zero-outage order; publish, wait, restart one Front End at a time; the alternative") {
  const Topology before = AssertTopology(ContosoTopology());
  const Topology after = AssertTopology(ContosoTopology(kEx1Pool));
  const PlanSynthesis plan = Plan(before, after, Reading(nullptr));
  CHECK(plan.exhaustive);
  CHECK(plan.proven_optimal);
  CHECK(plan.space == 52);  // 4 settles after the edit; with the temporary edit (ex1 out of its dial plan), 3 x 4 x 4
  REQUIRE(plan.context.temporary.size() == 1);
  CHECK(plan.best.plan.temporary == -1);  // no temporary edit helps: ex1 is its dial plan's only server
  CHECK(plan.restart_servers == std::vector<std::string>{"fe01.contoso.com", "fe02.contoso.com"});
  CHECK(Ops(plan.document) == std::vector<std::string>{"add_trusted_application_pool", "wait_for_replication",
                                                       "restart fe01.contoso.com", "restart fe02.contoso.com"});
  CHECK_FALSE(plan.best.cost.HardSpecMet());
  CHECK(plan.best.cost.conflicts == 2);
  CHECK(plan.best.cost.ends_absent == 0);
  CHECK(plan.best.cost.outage == 5);  // fe01 from step 1 to 3, fe02 from step 1 to 4
  CHECK(plan.best.cost.outage_by_server.at("fe01.contoso.com") == 2);
  CHECK(plan.best.cost.outage_by_server.at("fe02.contoso.com") == 3);
  CHECK_FALSE(plan.collisions.empty());
  CHECK(plan.rechecked);
  REQUIRE(plan.by_reading.size() == 1);
  CHECK_FALSE(plan.by_reading[0].zero_outage);
  REQUIRE(plan.alternatives.size() == 1);
  CHECK(plan.alternatives[0].change.rfind("CHANGES THE TARGET", 0) == 0);
  CHECK(plan.alternatives[0].plan->best.cost.HardSpecMet());
  CHECK(plan.alternatives[0].plan->best.cost.outage == 0);
  CHECK(plan.alternatives[0].plan->rechecked);
}

TEST_CASE("kst plan O1 under every reading: no reading has a zero-outage order; forget ends without ex1") {
  const Topology before = AssertTopology(ContosoTopology());
  const Topology after = AssertTopology(ContosoTopology(kEx1Pool));
  PlanSearchOptions options;
  options.alternatives = false;
  const PlanSynthesis plan = Plan(before, after, options);
  CHECK(plan.proven_optimal);
  REQUIRE(plan.by_reading.size() == ModelCatalog::Embedded().semantics().size());
  for (const ReadingResult& reading : plan.by_reading) {
    INFO(reading.reading);
    CHECK_FALSE(reading.zero_outage);
    if (reading.reading == "forget") CHECK(reading.best.ends_absent > 0);
    if (reading.reading == "withdraw-remember") CHECK(reading.best.outage == 5);
  }
  CHECK(plan.rechecked);
}

TEST_CASE("kst plan, the reverse of O1 (brief 6.7): the removal must be followed by restarts, not preceded") {
  const Topology before = AssertTopology(ContosoTopology(kEx1Pool));
  const Topology after = AssertTopology(ContosoTopology());
  const PlanSynthesis plan = Plan(before, after, Reading(nullptr));
  CHECK(Ops(plan.document) == std::vector<std::string>{"remove_trusted_application_pool", "wait_for_replication",
                                                       "restart fe01.contoso.com", "restart fe02.contoso.com"});
  CHECK(plan.best.cost.ends_absent == 0);
  CHECK(plan.best.cost.outage == 5);
  CHECK(plan.rechecked);
  // The restart that lands before the removal is in the space and priced:
  // ex1 absent for good under withdraw-remember (brief 6.7).
  REQUIRE_FALSE(plan.contrasts.empty());
  CHECK(plan.contrasts[0].what.find("before the publish reaches") != std::string::npos);
  CHECK(plan.contrasts[0].steps.at(1) == "restart fe01.contoso.com");
  CHECK(plan.contrasts[0].cost.ends_absent > 0);
}

/// Contoso with ex1 and ex2 both hosting the SipName dial plan; `taps` adds trusted application pools.
Topology TwoUmServers(const std::string& taps = "") {
  return AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]},
      {"fqdn": "edgepool.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}])" +
                        taps + R"(},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}, {"fqdn": "ex2.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]}]}})");
}

TEST_CASE("kst plan: a temporary edit gives a strictly better plan when another server answers the dial plan") {
  // The reverse of O1 with ex2 also in the dial plan: take ex1 out (UM
  // Routing forgets its start-up withdrawal), remove the pool, put ex1 back:
  // UM Routing adds it again at its next poll. Outage 2 and no restart,
  // where the plan without it (remove, wait, restart, restart) costs 5.
  const Topology before = TwoUmServers(kEx1Pool);
  const Topology after = TwoUmServers();
  PlanSearchOptions options = Reading(nullptr);
  options.alternatives = false;
  const PlanSynthesis plan = Plan(before, after, options);
  CHECK(plan.exhaustive);
  CHECK(plan.proven_optimal);
  REQUIRE(plan.context.temporary.size() == 1);
  CHECK(plan.context.temporary[0].needed_on.empty());  // ex2 answers the dial plan's calls meanwhile
  CHECK(plan.best.plan.temporary == 0);
  CHECK(Ops(plan.document) == std::vector<std::string>{"set_dial_plan ex2.contoso.com", "wait_for_um_poll",
                                                       "remove_trusted_application_pool",
                                                       "set_dial_plan ex1.contoso.com ex2.contoso.com"});
  CHECK(plan.best.cost.outage == 2);
  CHECK(plan.best.cost.restarts == 0);
  CHECK(plan.best.cost.ends_absent == 0);
  CHECK(plan.rechecked);
  REQUIRE(plan.steps.size() == 4);
  CHECK(plan.steps[0].temporary);
  CHECK(plan.steps[3].temporary);
  CHECK_FALSE(plan.steps[2].temporary);
  // --no-temporary-edits really leaves them out: the reverse of O1's plan, outage 5.
  options.temporary_edits = false;
  const PlanSynthesis without = Plan(before, after, options);
  CHECK(without.context.temporary.empty());
  CHECK(without.best.plan.temporary == -1);
  CHECK(without.space == 4);
  CHECK(Ops(without.document) == std::vector<std::string>{"remove_trusted_application_pool", "wait_for_replication",
                                                          "restart fe01.contoso.com", "restart fe02.contoso.com"});
  CHECK(without.best.cost.outage == 5);
}

TEST_CASE("kst plan: seed 004's caveat as a topology alternative: a pool for an OWA IM server the dial plan leaves") {
  // ex1 serves OWA IM through UM Routing's entry; the change moves the
  // SipName dial plan to ex2: every order ends without ex1 on the registrars.
  const auto topology = [](const char* host, const char* taps) {
    return AssertTopology(std::string(R"({"format": "kst-topology/1", "lync": {"pools": [
        {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]}])") +
                          taps + R"(},
      "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013", "owa_im": true},
                               {"fqdn": "ex2.contoso.com", "version": "2013"}],
                   "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": [")" +
                          host + R"("]}]}})");
  };
  PlanSearchOptions options = Reading(nullptr);
  const PlanSynthesis plan = Plan(topology("ex1.contoso.com", ""), topology("ex2.contoso.com", ""), options);
  CHECK(plan.best.cost.ends_absent > 0);
  const auto alternative = std::find_if(plan.alternatives.begin(), plan.alternatives.end(), [](const auto& item) {
    return item.change.find("a trusted application pool ex1.contoso.com") != std::string::npos;
  });
  REQUIRE(alternative != plan.alternatives.end());
  CHECK(alternative->change.rfind("CHANGES THE TARGET", 0) == 0);
  CHECK(alternative->plan->best.cost.ends_absent == 0);  // the pool keeps ex1 in the registrars' tables
  CHECK(alternative->plan->rechecked);
}

TEST_CASE("kst plan: a wait for a UM Routing poll orders the poll before the next step") {
  // ex1 leaves the dial plan, then the pool is added: without the wait, the
  // publish may reach a server before UM Routing drops its version 0 (a
  // 14563); with it, never.
  const Topology before = TwoUmServers();
  const auto conflicts = [&](const char* wait) {
    Json plan = Json::array({{{"op", "set_dial_plan"}, {"name", "Contoso SIP"}, {"servers", {"ex2.contoso.com"}}}});
    if (wait) plan.push_back({{"op", wait}});
    plan.push_back({{"op", "add_trusted_application_pool"},
                    {"pool",
                     {{"fqdn", "ex1.contoso.com"},
                      {"version", 6},
                      {"registrar", "pool01.contoso.com"},
                      {"computers", {"ex1.contoso.com"}}}}});
    const Json document = {{"format", "kst-scenario/1"}, {"topology", TopologyDocument(before)}, {"plan", plan}};
    Scenario scenario;
    Diagnostics diagnostics;
    REQUIRE(LoadScenarioDocument(document, "poll.json", ModelCatalog::Embedded(), &scenario, &diagnostics));
    AnalysisOptions analysis;
    analysis.recheck_fixes = false;
    const Report report = Analyze(scenario, true, ModelCatalog::Embedded(), analysis, diagnostics);
    return std::count_if(report.findings.begin(), report.findings.end(),
                         [](const Finding& finding) { return finding.rule == "kst/version-conflict"; });
  };
  CHECK(conflicts(nullptr) > 0);
  CHECK(conflicts("wait_for_replication") > 0);  // a replication wait does not wait for UM Routing
  CHECK(conflicts("wait_for_um_poll") == 0);
}

TEST_CASE("kst plan: a brute-force enumeration of every small plan does not beat the reported optimum") {
  SUBCASE("O1") {
    ExpectOptimalAgainstBruteForce(AssertTopology(ContosoTopology()), AssertTopology(ContosoTopology(kEx1Pool)), 3);
  }
  SUBCASE("the reverse of O1") {
    ExpectOptimalAgainstBruteForce(AssertTopology(ContosoTopology(kEx1Pool)), AssertTopology(ContosoTopology()), 3);
  }
}

/// ex1 (an OWA IM pool) and ex2 (none), the SipName dial plan on `host`.
Topology SipNameOn(const std::string& host) {
  return AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]}],
    "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com",
                                   "computers": ["ex1.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}, {"fqdn": "ex2.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": [")" +
                        host + R"("]}]}})");
}

TEST_CASE("kst plan: moving a SipName dial plan off and onto an OWA IM pool's server, against brute force") {
  SUBCASE("off the pool's server") {
    ExpectOptimalAgainstBruteForce(SipNameOn("ex1.contoso.com"), SipNameOn("ex2.contoso.com"), 3);
  }
  SUBCASE("onto the pool's server") {
    ExpectOptimalAgainstBruteForce(SipNameOn("ex2.contoso.com"), SipNameOn("ex1.contoso.com"), 3);
  }
}

TEST_CASE("kst plan: each edit's own optimum bounds the plan of edits on disjoint FQDNs") {
  // Two O1 changes on two SipName hosts: too many candidates for --max-candidates 1.
  const auto topology = [](const std::string& taps) {
    return AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
        {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com"]}])" +
                          taps + R"(},
      "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}, {"fqdn": "ex2.contoso.com", "version": "2013"}],
                   "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]}]}})");
  };
  const Topology before = topology("");
  const Topology after = topology(R"(, "trusted_application_pools": [
      {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com", "computers": ["ex1.contoso.com"]},
      {"fqdn": "ex2.contoso.com", "version": 6, "registrar": "pool01.contoso.com", "computers": ["ex2.contoso.com"]}])");
  PlanSearchOptions bounded = Reading(nullptr);
  bounded.max_candidates = 1;
  bounded.alternatives = false;
  const PlanSynthesis fast = Plan(before, after, bounded);
  PlanSearchOptions all = Reading(nullptr);
  all.alternatives = false;
  const PlanSynthesis exhaustive = Plan(before, after, all);
  REQUIRE(exhaustive.exhaustive);
  // 2! x 4^2 orders and settles; per temporary edit (ex1 or ex2 out of the dial plan), 4!/2 x 4^2 x 2^2.
  CHECK(exhaustive.space == 2 * 16 + 2 * 12 * 16 * 4);
  REQUIRE(fast.outage_lower_bound);
  CHECK(*fast.outage_lower_bound <= exhaustive.best.cost.outage);
  CHECK(fast.proven_optimal);  // BEFORE has no finding of its own: the bound holds and is met
  CHECK(fast.best.cost.outage == exhaustive.best.cost.outage);
  CHECK(fast.rechecked);
}

TEST_CASE("kst plan: BEFORE and AFTER no plan op can join are refused with a located error") {
  const Topology before = AssertTopology(ContosoTopology());
  SUBCASE("two estates") {
    Topology other = AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
        {"fqdn": "pool01.fabrikam.com", "role": "FrontEnd", "version": 6}]}})");
    other.file = "after.json";
    std::vector<ChangeStep> changes;
    Diagnostics diagnostics;
    CHECK_FALSE(DiffTopologies(before, other, &changes, &diagnostics));
    REQUIRE(diagnostics.has_errors());
    CHECK(diagnostics.all()[0].id == "plan-cannot-join");
    CHECK(diagnostics.all()[0].location.line > 0);
  }
  SUBCASE("a pool that changes role") {
    const Topology other = AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
        {"fqdn": "pool01.contoso.com", "role": "Director", "version": 6,
         "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]}})");
    std::vector<ChangeStep> changes;
    Diagnostics diagnostics;
    CHECK_FALSE(DiffTopologies(before, other, &changes, &diagnostics));
    REQUIRE(diagnostics.has_errors());
    CHECK(diagnostics.all()[0].message.find("role") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst
