// The topology a finding's impact is judged on: the revisions in force while it hurts.

#include "check/impact_in_force.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "check/analysis.h"
#include "test_world.h"

namespace kst {
namespace {

ServerOutcome Window(int from, int to, bool ends_absent = false) {
  ServerOutcome outcome;
  outcome.outage = true;
  outcome.window_from = from;
  outcome.window_to = to;
  outcome.ends_absent = ends_absent;
  return outcome;
}

TEST_CASE("the steps in force are each server's window, the plan's end for a window left open") {
  Finding finding;
  CHECK(StepsInForce(finding, 3).empty());
  finding.outcomes.push_back(ServerOutcome{});  // 14563 or an entry change on an FQDN nothing needs: no window
  CHECK(StepsInForce(finding, 3).empty());
  finding.outcomes.push_back(Window(1, 3));  // absent with 1 and 2 steps done, back at step 3
  CHECK(StepsInForce(finding, 3) == std::vector<int>{1, 2});
  finding.outcomes.push_back(Window(0, 2));  // already absent at the start
  CHECK(StepsInForce(finding, 3) == std::vector<int>{0, 1, 2});
  finding.outcomes.push_back(Window(2, 0, true));  // never back
  CHECK(StepsInForce(finding, 3) == std::vector<int>{0, 1, 2, 3});
}

bool Breaks(const Finding& finding, const std::string& feature) {
  return std::any_of(finding.impact.breaks.begin(), finding.impact.breaks.end(),
                     [&](const FeatureImpact& item) { return item.feature == feature; });
}

const Finding& Only(const Report& report, const std::string& rule) {
  auto it = std::find_if(report.findings.begin(), report.findings.end(),
                         [&](const Finding& f) { return f.rule == rule && f.fqdn == "ex1.contoso.com"; });
  REQUIRE(it != report.findings.end());
  return *it;
}

std::string Plan(const std::string& steps) {
  return R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() + R"(, "plan": [)" + steps +
         R"(], "environment": {"restarts": "planned"}})";
}

const char* kAddTap = R"({"op": "add_trusted_application_pool",
    "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})";
const char* kRemoveTap = R"({"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})";

TEST_CASE("O2: the pool the plan adds and removes again serves OWA IM during the conflict window") {
  // Neither end of the plan has the pool, so an impact on the ends alone would leave OWA IM out.
  const Report report =
      Analyze(AssertScenario(Plan(std::string(kAddTap) + R"(, {"op": "wait_for_replication"}, )" + kRemoveTap)), true,
              ModelCatalog::Embedded(), {}, {});
  const Finding& conflict = Only(report, "kst/version-conflict");
  CHECK(Breaks(conflict, "owa-im"));
  CHECK(Breaks(conflict, "voicemail-deposit"));
}

TEST_CASE("O1: the pool added at step 1 breaks OWA IM too, from then on") {
  const Report report = Analyze(AssertScenario(Plan(kAddTap)), true, ModelCatalog::Embedded(), {}, {});
  CHECK(Breaks(Only(report, "kst/version-conflict"), "owa-im"));
}

/// An Impact as text: what the report prints of it, in order.
std::string ImpactText(const Impact& impact) {
  std::string text;
  auto features = [&](const char* what, const std::vector<FeatureImpact>& items) {
    for (const FeatureImpact& item : items) {
      text += std::string(what) + " " + item.feature + " " + item.direction + " " + item.peer + ":";
      for (const std::string& server : item.servers) text += " " + server;
      text += "\n";
    }
  };
  features("breaks", impact.breaks);
  features("works", impact.still_works);
  for (const PredictedObservation& observed : impact.observations) {
    text += "observed " + observed.observation.id + ":";
    for (const std::string& server : observed.servers) text += " " + server;
    text += "\n";
  }
  for (const Symptom& symptom : impact.symptoms) text += "symptom " + symptom.text + "\n";
  for (const std::string& id : impact.assumptions) text += "assumes " + id + "\n";
  return text;
}

TEST_CASE("a finding's impact is what the graph of every revision in its window says") {
  // ImpactGraphs::InForce builds one revision of each kind (the FQDN's
  // requirement, ImpactGraph::ServersView); here the graph of every revision
  // in each finding's window is built instead and must say the same. The plan
  // keeps ex1's conflict window open while it changes, one step at a time,
  // each part of the servers view: pool versions (no part of it), a pool's
  // computers, Exchange servers, and a trusted application computer.
  const std::string topology = R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]},
      {"fqdn": "pool02.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe03.contoso.com"]},
      {"fqdn": "edgepool.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}],
    "hosting_providers": [{"identity": "Exchange Online", "proxy_fqdn": "exap.um.outlook.com", "edge_pool": "edgepool.contoso.com"}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"},
                             {"fqdn": "ex2.contoso.com", "version": "2013", "owa_im": true}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]}],
                 "um_ip_gateways": [{"name": "gw", "address": "pool01.contoso.com"}]}})";
  const std::string steps = R"(
    {"op": "add_trusted_application_pool", "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}},
    {"op": "add_trusted_application_pool", "pool": {"fqdn": "ex2.contoso.com", "version": 5, "registrar": "pool02.contoso.com"}},
    {"op": "set_pool_version", "pool": "pool02.contoso.com", "version": 5},
    {"op": "wait_for_replication"},
    {"op": "set_pool_version", "pool": "pool02.contoso.com", "version": 6},
    {"op": "add_computer", "pool": "pool02.contoso.com", "fqdn": "fe04.contoso.com"},
    {"op": "add_exchange_server", "server": {"fqdn": "ex3.contoso.com", "version": "2013"}},
    {"op": "add_computer", "pool": "ex1.contoso.com", "fqdn": "ex3.contoso.com"},
    {"op": "restart", "pool": "pool01.contoso.com"},
    {"op": "remove_trusted_application_pool", "fqdn": "ex2.contoso.com"},
    {"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"})";
  const Scenario scenario = AssertScenario(R"({"format": "kst-scenario/1", "topology": )" + topology +
                                           R"(, "plan": [)" + steps + R"(], "environment": {"restarts": "any"}})");
  const ModelCatalog& model = ModelCatalog::Embedded();
  const Report report = Analyze(scenario, true, model, {}, {});
  size_t windows = 0, long_windows = 0;
  for (const Finding& finding : report.findings) {
    const std::vector<int> in_force = StepsInForce(finding, static_cast<int>(scenario.plan.size()));
    if (in_force.empty()) continue;
    std::vector<const Topology*> topologies;
    for (const int done : in_force)
      if (const Topology* t = &scenario.TopologyAfter(static_cast<size_t>(done));
          std::find(topologies.begin(), topologies.end(), t) == topologies.end())
        topologies.push_back(t);
    std::vector<ClaimIndex> claims;
    for (const Topology* t : topologies) claims.push_back(CollectClaims(*t, model));
    std::vector<const ClaimIndex*> claim_pointers;
    for (const ClaimIndex& index : claims) claim_pointers.push_back(&index);
    const ImpactGraph every_revision(topologies, model, claim_pointers, {finding.fqdn});
    CAPTURE(finding.rule);
    CAPTURE(finding.fqdn);
    CHECK(ImpactText(finding.impact) == ImpactText(every_revision.Evaluate(finding.broken)));
    ++windows;
    if (topologies.size() >= 5) ++long_windows;
  }
  CHECK(windows >= 2);       // ex1's and ex2's conflicts, at least
  CHECK(long_windows >= 1);  // a window across the changes of the servers view
}

}  // namespace
}  // namespace kst
