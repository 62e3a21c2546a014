// The pictures: the topology graph, the sequence diagrams of kst explain and
// the impact view, on the seed cases. DOT is checked for what it must say;
// graphviz_test.cpp checks that Graphviz accepts it.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "check/analysis.h"
#include "report/impact_view.h"
#include "report/sequence_diagram.h"
#include "report/topology_graph.h"
#include "test_world.h"

namespace kst {
namespace {

/// Seed 002 in small: srv03 (Standard Edition) is the UM IP gateway of
/// srv12, whose UM certificate has a wildcard subject.
const char* const kSeed002 = R"({"format": "kst-scenario/1", "at": "2012-01-05", "plan": [], "topology": {
    "lync": {"pools": [{"fqdn": "srv03.wingtiptoys.com", "role": "StandardEdition", "version": 5, "site": "HQ"}]},
    "exchange": {"servers": [{"fqdn": "srv12.wingtiptoys.com", "version": "2010"}],
      "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ["srv12.wingtiptoys.com"]}],
      "um_ip_gateways": [{"name": "srv03", "address": "srv03.wingtiptoys.com"}]},
    "certificates": [{"server": "srv12.wingtiptoys.com", "subject_cn": "*.wingtiptoys.com", "services": ["UM"],
                      "not_before": "2011-06-01", "not_after": "2013-06-01"}]}})";

struct Checked {
  Scenario scenario;
  Report report;
};

Checked CheckScenario(const std::string& text) {
  Checked checked{AssertScenario(text), {}};
  checked.report = Analyze(checked.scenario, true, ModelCatalog::Embedded(), {}, {});
  return checked;
}

TEST_CASE("kst graph: the topology with the findings in red") {
  Checked seed = CheckScenario(kSeed002);
  std::ostringstream dot;
  WriteTopologyDot(seed.scenario.final_topology(), seed.report, ModelCatalog::Embedded(), dot);
  const std::string text = dot.str();
  CHECK(text.rfind("digraph kst {", 0) == 0);
  CHECK(text.find("subgraph \"cluster_site_HQ\"") != std::string::npos);
  CHECK(text.find(
            "\"srv12.wingtiptoys.com\" [label=\"srv12.wingtiptoys.com\\nExchange 2010\\nUM: CN=*.wingtiptoys.com\", "
            "shape=box3d, style=\"\", color=\"#c0392b\"") != std::string::npos);
  CHECK(text.find("\"srv12.wingtiptoys.com\" -> \"srv03.wingtiptoys.com\" [color=\"#c0392b\"") != std::string::npos);
  CHECK(text.find("xlabel=\"cert/wildcard-subject:\\nmessage waiting indicator\\nplay on phone\\nauto attendant "
                  "transfer to a user\"") != std::string::npos);
  CHECK(text.find("\"gateway:srv03\" -> \"srv03.wingtiptoys.com\" [lhead=\"cluster_pool_srv03.wingtiptoys.com\"") !=
        std::string::npos);
}

TEST_CASE("kst explain: sequence diagrams") {
  SUBCASE("a certificate finding: the refused direction, then the one that works") {
    Checked seed = CheckScenario(kSeed002);
    REQUIRE(seed.report.findings.size() == 1);
    SequenceDiagram diagram = ImpactSequence(seed.report.findings[0]);
    CHECK(diagram.lifelines == std::vector<std::string>{"srv12.wingtiptoys.com", "srv03.wingtiptoys.com"});
    std::ostringstream text;
    WriteSequenceText(diagram, text);
    CHECK(text.str().find("  1. [1] -> [2] Exchange -> Lync: message waiting indicator, play on phone, auto attendant "
                          "transfer to a user\n") != std::string::npos);
    CHECK(text.str().find("  2. [2] -> [1] refused (!)\n") != std::string::npos);
    CHECK(text.str().find("  3. [2] -> [1] Lync -> Exchange: voicemail deposit, subscriber access, auto attendant "
                          "answering\n  4. [1] -> [2] works\n") != std::string::npos);
    CHECK(text.str().find("[2] srv03.wingtiptoys.com looks up *.wingtiptoys.com: not in its table (!)") !=
          std::string::npos);
    std::ostringstream dot;
    WriteSequenceDot(diagram, dot);
    CHECK(dot.str().find("\"l0_2\" -> \"l1_2\" [label=\"1. Exchange -> Lync:") != std::string::npos);
  }
  SUBCASE("a KST trace: lifelines per component, the 14563 on the protocol stack") {
    Checked o1 = CheckScenario(R"({"format": "kst-scenario/1", "topology": )" + ContosoTopology() +
                               R"(, "plan": [{"op": "add_trusted_application_pool", "pool": {"fqdn": "ex1.contoso.com",
                                  "version": 6, "registrar": "pool01.contoso.com"}}]})");
    const Finding& conflict = o1.report.findings.at(0);
    REQUIRE(conflict.rule == "kst/version-conflict");
    SequenceDiagram diagram = TraceSequence(conflict, conflict.traces.at(0), o1.scenario);
    CHECK(diagram.lifelines.size() == 5);
    const SequenceRow& last = diagram.rows.back();
    CHECK(last.text == "table: ex1.contoso.com absent");
    CHECK(last.tone == SequenceRow::Tone::kFailure);
    bool publish = false, conflict_line = false;
    for (const SequenceRow& row : diagram.rows) {
      publish |= row.from == 0 && row.to == 1 && row.text.find("plan step 1") == 0;
      conflict_line |= row.from == 4 && row.to == 4 && row.text.rfind("14563 LS Protocol Stack", 0) == 0;
    }
    CHECK(publish);
    CHECK(conflict_line);
  }
}

TEST_CASE("kst impact: conditions per channel, with their state") {
  Checked seed = CheckScenario(kSeed002);
  ImpactGraph graph({&seed.scenario.base}, ModelCatalog::Embedded());
  std::ostringstream text;
  REQUIRE(WriteImpactView(graph, seed.scenario.base, seed.report, "", "text", text));
  CHECK(text.str().find("    message waiting indicator: BROKEN on srv03.wingtiptoys.com (cert/wildcard-subject)\n") !=
        std::string::npos);
  CHECK(text.str().find("    voicemail deposit: works\n") != std::string::npos);
  CHECK(text.str().find("certificate subject known (srv12.wingtiptoys.com, for UM): broken -- cert/wildcard-subject "
                        "(srv12.wingtiptoys.com) for srv03.wingtiptoys.com") != std::string::npos);
  CHECK(text.str().find("certificate valid (each Lync server, for Default): not checked -- no certificate of "
                        "srv03.wingtiptoys.com in the input") != std::string::npos);
  std::ostringstream json;
  REQUIRE(WriteImpactView(graph, seed.scenario.base, seed.report, "srv12.wingtiptoys.com", "json", json));
  nlohmann::json doc = nlohmann::json::parse(json.str());
  CHECK(doc["peers"].size() == 1);
  CHECK(doc["peers"][0]["channels"][1]["features"][0]["works"] == false);
  CHECK(doc["peers"][0]["channels"][1]["direction"] == "exchange-to-lync");
  std::ostringstream ignored;
  CHECK_FALSE(WriteImpactView(graph, seed.scenario.base, seed.report, "srv03.wingtiptoys.com", "text", ignored));
}

}  // namespace
}  // namespace kst
