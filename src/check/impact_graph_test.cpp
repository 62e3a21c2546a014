// The impact graph on a small estate: which features a broken condition
// reaches, per direction and Lync server, and which of the same peer it
// leaves working. The seeds' one-way symptoms must come out of these.

#include "check/impact_graph.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "test_world.h"

namespace kst {
namespace {

/// Contoso: pool01 (fe01, fe02) and a Director; ex1 hosts a SipName dial plan
/// and is an OWA IM server; ex2 hosts the dial plan too; the UM IP gateway is
/// pool01; hosted UM goes through edge01.
const char* const kEstate = R"({"format": "kst-topology/1", "lync": {
    "pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
               "computers": ["fe01.contoso.com", "fe02.contoso.com"]},
              {"fqdn": "pool02.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe03.contoso.com"]},
              {"fqdn": "dir01.contoso.com", "role": "Director", "version": 6},
              {"fqdn": "edgepool.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}],
    "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}],
    "hosting_providers": [{"identity": "Exchange Online", "proxy_fqdn": "exap.um.outlook.com",
                           "edge_pool": "edgepool.contoso.com"}]},
  "exchange": {"servers": [{"fqdn": "ex1.contoso.com"}, {"fqdn": "ex2.contoso.com"}],
    "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]}],
    "um_ip_gateways": [{"name": "pool01", "address": "pool01.contoso.com"}]}})";

class ImpactGraphTest {
 protected:
  ImpactGraphTest() : topology_(AssertTopology(kEstate)), graph_({&topology_}, ModelCatalog::Embedded()) {}

  /// "feature@peer" of every impact item.
  static std::set<std::string> Names(const std::vector<FeatureImpact>& items) {
    std::set<std::string> names;
    for (const FeatureImpact& item : items) names.insert(item.feature + "@" + item.peer);
    return names;
  }
  static const FeatureImpact* Find(const std::vector<FeatureImpact>& items, const std::string& feature) {
    for (const FeatureImpact& item : items)
      if (item.feature == feature) return &item;
    return nullptr;
  }

  Topology topology_;
  ImpactGraph graph_;
};

TEST_CASE_FIXTURE(ImpactGraphTest, "peers and Lync sides come from the topology") {
  CHECK(graph_.peers().size() == 3);  // ex1 (UM, OWA IM), ex2 (UM), edge01 (hosted UM)
  CHECK(graph_.peers().at("ex1.contoso.com").size() == 2);
  const std::vector<std::string> um_routing = {"fe01.contoso.com", "fe02.contoso.com", "fe03.contoso.com"};
  const std::vector<std::string> gateways = {"fe01.contoso.com", "fe02.contoso.com"};
  const std::vector<std::string> registrars = {"dir01.contoso.com", "fe01.contoso.com", "fe02.contoso.com",
                                               "fe03.contoso.com"};
  const ImpactModel& model = ModelCatalog::Embedded().impact();
  CHECK(graph_.LyncServers(*model.FindChannel("lync-to-um")) == um_routing);
  CHECK(graph_.LyncServers(*model.FindChannel("um-to-lync")) == gateways);  // the UM IP gateway narrows it
  CHECK(graph_.LyncServers(*model.FindChannel("owa-to-lync")) == registrars);
  CHECK(graph_.vertex_count() > graph_.channels().size() + graph_.features().size());
}

TEST_CASE_FIXTURE(ImpactGraphTest, "a certificate subject Lync cannot look up breaks one direction only") {
  // Given fe01 cannot look up ex2's UM certificate subject (seed 003), we
  // should lose what Exchange opens towards fe01 and keep what Lync opens.
  Impact impact = graph_.Evaluate({{"certificate-subject-known", "ex2.contoso.com", {"fe01.contoso.com"}, {"UM"}}});
  CHECK(Names(impact.breaks) == std::set<std::string>{"message-waiting-indicator@ex2.contoso.com",
                                                      "play-on-phone@ex2.contoso.com",
                                                      "auto-attendant-transfer@ex2.contoso.com"});
  for (const FeatureImpact& item : impact.breaks) {
    CHECK(item.direction == "exchange-to-lync");
    CHECK(item.servers == std::vector<std::string>{"fe01.contoso.com"});
  }
  CHECK(Names(impact.still_works) == std::set<std::string>{"voicemail-deposit@ex2.contoso.com",
                                                           "subscriber-access@ex2.contoso.com",
                                                           "auto-attendant@ex2.contoso.com"});
  CHECK(impact.observations.size() == 3);  // SIPStack refusal, 1400, 1344
  CHECK(std::find(impact.assumptions.begin(), impact.assumptions.end(), "um-gateway-receivers") !=
        impact.assumptions.end());
}

TEST_CASE_FIXTURE(ImpactGraphTest, "a server missing from the tables breaks both directions, OWA IM included") {
  Impact impact = graph_.Evaluate({{"in-kst", "ex1.contoso.com", {"fe01.contoso.com", "fe02.contoso.com"}, {}}});
  CHECK(Names(impact.breaks).size() == 7);
  CHECK(Find(impact.breaks, "owa-im")->servers == std::vector<std::string>{"fe01.contoso.com", "fe02.contoso.com"});
  CHECK(Find(impact.breaks, "voicemail-deposit")->direction == "lync-to-exchange");
  CHECK(impact.still_works.empty());
}

TEST_CASE_FIXTURE(ImpactGraphTest, "certificate services and sides filter what breaks") {
  SUBCASE("a certificate for IIS only breaks nothing") {
    CHECK(graph_.Evaluate({{"certificate-valid", "ex1.contoso.com", {}, {"IIS", "SMTP"}}}).empty());
  }
  SUBCASE("an expired OWA IM certificate breaks OWA IM on every registrar") {
    Impact impact = graph_.Evaluate({{"certificate-valid", "ex1.contoso.com", {}, {"OWAIM"}}});
    CHECK(Names(impact.breaks) == std::set<std::string>{"owa-im@ex1.contoso.com"});
    CHECK(impact.breaks[0].servers.size() == 4);
  }
  SUBCASE("a Lync server's own expired certificate breaks its channels there only") {
    Impact impact = graph_.Evaluate({{"certificate-valid", "fe03.contoso.com", {}, {"Default"}}});
    for (const FeatureImpact& item : impact.breaks) CHECK(item.servers == std::vector<std::string>{"fe03.contoso.com"});
    CHECK(Find(impact.breaks, "voicemail-deposit"));
    CHECK_FALSE(Find(impact.breaks, "message-waiting-indicator"));  // fe03 is no UM IP gateway
  }
  SUBCASE("nothing broken, or a condition of a server no channel uses") {
    CHECK(graph_.Evaluate({}).empty());
    CHECK(graph_.Evaluate({{"clock-within-tolerance", "ex2.contoso.com", {}, {}}}).empty());
  }
}

TEST_CASE_FIXTURE(ImpactGraphTest, "a skewed clock breaks referred hosted voicemail only (seeds 000 and 001)") {
  SUBCASE("the Edge's clock") {
    Impact impact = graph_.Evaluate({{"clock-within-tolerance", "edge01.contoso.com", {}, {}}});
    CHECK(Names(impact.breaks) == std::set<std::string>{"hosted-voicemail-internal@edge01.contoso.com"});
    CHECK(Names(impact.still_works) == std::set<std::string>{"hosted-voicemail-external@edge01.contoso.com"});
    CHECK(impact.symptoms.size() == 2);
    CHECK(impact.observations.size() == 4);  // 429, 1020, 15030 on the Front Ends, 14619 on the Edge
  }
  SUBCASE("a Front End's clock, as the signer") {
    Impact impact = graph_.Evaluate({{"clock-within-tolerance", "fe02.contoso.com", {}, {}}});
    REQUIRE(impact.breaks.size() == 1);
    CHECK(impact.breaks[0].servers == std::vector<std::string>{"fe02.contoso.com"});
    CHECK(std::find(impact.assumptions.begin(), impact.assumptions.end(), "signer-clock") != impact.assumptions.end());
  }
}

/// Everything Evaluate says, in one comparable line per item.
std::vector<std::string> Said(const Impact& impact) {
  std::vector<std::string> lines;
  auto join = [](const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += item + ",";
    return text;
  };
  for (const FeatureImpact& item : impact.breaks)
    lines.push_back("breaks " + item.feature + " " + item.direction + " " + item.peer + " " + join(item.servers));
  for (const FeatureImpact& item : impact.still_works)
    lines.push_back("works " + item.feature + " " + item.direction + " " + item.peer + " " + join(item.servers));
  for (const PredictedObservation& item : impact.observations)
    lines.push_back("observed " + item.observation.party + " " + item.observation.id + " " + join(item.servers));
  for (const Symptom& symptom : impact.symptoms) lines.push_back("symptom " + symptom.text);
  lines.push_back("assumptions " + join(impact.assumptions));
  return lines;
}

TEST_CASE_FIXTURE(ImpactGraphTest, "a graph focused on a subject says what the whole graph says about it") {
  // Every condition of the model on every peer and Lync server, with and
  // without lookers and services: the focused graph (what a finding in a long
  // plan's window is judged on) must agree with the whole one item by item.
  std::vector<std::string> subjects;
  for (const auto& [peer, why] : graph_.peers()) subjects.push_back(peer);
  for (const char* server :
       {"fe01.contoso.com", "fe03.contoso.com", "dir01.contoso.com", "pool01.contoso.com", "nobody.contoso.com"})
    subjects.push_back(server);
  const std::vector<std::vector<std::string>> lookers = {{}, {"fe01.contoso.com"}, {"ex1.contoso.com"}};
  const std::vector<std::vector<std::string>> services = {{}, {"UM"}, {"OWAIM"}};
  int compared = 0;
  for (const std::string& subject : subjects) {
    const ImpactGraph focused({&topology_}, ModelCatalog::Embedded(), {}, {subject});
    CHECK(focused.vertex_count() <= graph_.vertex_count());
    for (const ConditionInfo& condition : ModelCatalog::Embedded().impact().conditions())
      for (const auto& who : lookers)
        for (const auto& which : services) {
          const std::vector<BrokenCondition> broken = {{condition.id, subject, who, which}};
          CHECK_MESSAGE(Said(focused.Evaluate(broken)) == Said(graph_.Evaluate(broken)),
                        condition.id << " on " << subject);
          ++compared;
        }
  }
  CHECK(compared > 100);
  // A peer's focus is smaller than the estate; a Lync server's is the estate.
  CHECK(ImpactGraph({&topology_}, ModelCatalog::Embedded(), {}, {"ex2.contoso.com"}).vertex_count() <
        graph_.vertex_count());
  CHECK(ImpactGraph({&topology_}, ModelCatalog::Embedded(), {}, {"fe01.contoso.com"}).vertex_count() ==
        graph_.vertex_count());
}

}  // namespace
}  // namespace kst
