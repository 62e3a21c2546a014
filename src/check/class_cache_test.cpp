// A report made with a ClassCache is the report made without it.

#include "check/class_cache.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "check/analysis.h"
#include "test_world.h"

namespace kst {
namespace {

/// What a report says, finding by finding, with the statistics that count the exploration.
std::string Summary(const Report& report) {
  std::string text = "verdict " + std::to_string(static_cast<int>(report.verdict)) + "\n";
  for (const std::string& reason : report.inconclusive_reasons) text += "inconclusive " + reason + "\n";
  const Statistics& stats = report.statistics;
  text += "classes " + std::to_string(stats.classes) + " states " + std::to_string(stats.states) + " transitions " +
          std::to_string(stats.transitions) + " depth " + std::to_string(stats.depth) + "\n";
  for (const Finding& finding : report.findings) {
    text += finding.rule + " " + finding.fqdn + " " + std::to_string(static_cast<int>(finding.severity)) + ":";
    for (const std::string& server : finding.servers) text += " " + server;
    text += "\n  holds under:";
    for (const std::string& reading : finding.holds_under) text += " " + reading;
    text += "\n  by reading:";
    for (const ReadingSeverity& entry : finding.by_reading)
      text += " " + entry.reading + "=" + (entry.severity ? std::to_string(static_cast<int>(*entry.severity)) : "-");
    for (const ServerOutcome& outcome : finding.outcomes)
      text +=
          "\n  " + outcome.server + (outcome.conflict ? " conflict" : "") + (outcome.ends_absent ? " absent" : "") +
          (outcome.outage ? " window " + std::to_string(outcome.window_from) + "-" + std::to_string(outcome.window_to)
                          : "");
    for (const std::string& event : finding.events) text += "\n  event " + event;
    for (const CheckedFix& fix : finding.checked_fixes) text += "\n  fix " + fix.fix + " -> " + fix.verdict;
    text += "\n";
  }
  return text;
}

/// Two Front End pools, an OWA IM TAP added over a SipName server, waits and restarts:
/// `steps` are the plan's steps as JSON objects, in order.
Scenario PatchNight(const std::vector<std::string>& steps) {
  std::string plan;
  for (const std::string& step : steps) plan += (plan.empty() ? "" : ", ") + step;
  return AssertScenario(R"({"format": "kst-scenario/1", "topology": {"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]},
      {"fqdn": "pool02.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe03.contoso.com", "fe04.contoso.com"]},
      {"fqdn": "edge.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}, {"fqdn": "ex2.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]}]}},
    "plan": [)" + plan + R"(], "environment": {"restarts": "any"}})");
}

const std::string kAddTap =
    R"({"op": "add_trusted_application_pool", "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})";
const std::string kAddOtherTap =
    R"({"op": "add_trusted_application_pool", "pool": {"fqdn": "app.contoso.com", "version": 5, "registrar": "pool02.contoso.com"}})";
const std::string kWait = R"({"op": "wait_for_replication"})";
const std::string kRestart1 = R"({"op": "restart", "pool": "pool01.contoso.com"})";
const std::string kRestart2 = R"({"op": "restart", "pool": "pool02.contoso.com"})";
const std::string kRemoveTap = R"({"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})";

const std::vector<std::string> kNight = {kAddTap, kWait, kRestart1, kAddOtherTap, kWait, kRestart2, kRemoveTap, kWait};

Report Check(const Scenario& scenario, ClassCache* cache, uint64_t max_states = 50'000'000) {
  AnalysisOptions options;
  options.class_cache = cache;
  options.max_states = max_states;
  return Analyze(scenario, true, ModelCatalog::Embedded(), options, {});
}

TEST_CASE("a second check of the same plan explores nothing and reports the same") {
  const Scenario scenario = PatchNight(kNight);
  const std::string uncached = Summary(Check(scenario, nullptr));
  ClassCache cache;
  CHECK(Summary(Check(scenario, &cache)) == uncached);
  REQUIRE(cache.size() > 0);
  const uint64_t misses = cache.misses();
  CHECK(Summary(Check(scenario, &cache)) == uncached);
  CHECK(cache.misses() == misses);  // every class, fixes and other readings included, came from the cache
  CHECK(cache.hits() > 0);
}

TEST_CASE("a plan with one step moved explores only the classes whose projection changed") {
  ClassCache cache;
  Check(PatchNight(kNight), &cache);
  const size_t kept = cache.size();
  // The TAP over ex1 is removed before pool02 restarts: pool02's cells of
  // ex1 see another order of steps; pool01's and the other FQDNs' do not.
  std::vector<std::string> moved = kNight;
  std::swap(moved[5], moved[6]);
  const Scenario edited = PatchNight(moved);
  const uint64_t hits_before = cache.hits(), misses_before = cache.misses();
  const Report cached = Check(edited, &cache);
  CHECK(Summary(cached) == Summary(Check(edited, nullptr)));
  CHECK(cache.hits() > hits_before);      // pool01's classes, at least
  CHECK(cache.misses() > misses_before);  // pool02's changed
  CHECK(cache.size() > kept);
}

TEST_CASE("a cached class is explored again where the state budget would have stopped it") {
  const Scenario scenario = PatchNight(kNight);
  ClassCache cache;
  const Report full = Check(scenario, &cache);
  REQUIRE(full.statistics.states > 4);
  // Half the states: a budget-limited check must say what the budget says, cache or not.
  const uint64_t budget = full.statistics.states / 2;
  const Report limited = Check(scenario, nullptr, budget);
  REQUIRE_FALSE(limited.inconclusive_reasons.empty());
  CHECK(Summary(Check(scenario, &cache, budget)) == Summary(limited));
}

TEST_CASE("readings and depths are kept apart") {
  const ModelCatalog& model = ModelCatalog::Embedded();
  REQUIRE(model.semantics().size() >= 2);
  CellInput input;
  input.topology = {VersionSet{6}};
  input.ad_lists = {true};
  const std::string a = ClassCache::KeyOf(input, model.semantics()[0], ClassCache::Depth::kWithAbsences);
  CHECK(a != ClassCache::KeyOf(input, model.semantics()[1], ClassCache::Depth::kWithAbsences));
  CHECK(a != ClassCache::KeyOf(input, model.semantics()[0], ClassCache::Depth::kVerdictOnly));
  ClassCache cache;
  ClassResult incomplete;
  incomplete.verdict.complete = false;
  cache.Store(a, incomplete);
  CHECK(cache.size() == 0);  // only complete explorations are kept
  ClassResult complete;
  complete.verdict.states = 10;
  cache.Store(a, complete);
  CHECK(cache.Find(a, 9) == nullptr);  // more states than the budget left
  CHECK(cache.Find(a, 10) != nullptr);
  CHECK(cache.hits() == 1);
  CHECK(cache.misses() == 1);
}

}  // namespace
}  // namespace kst
