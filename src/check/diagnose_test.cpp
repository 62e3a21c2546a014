// kst diagnose: symptoms in the logs rank the causes; a finding kst raises
// on the topology adds to its candidate; a change logged after the first
// symptom argues against itself; ties and missing symptoms are inconclusive.

#include "check/diagnose.h"

#include <doctest/doctest.h>

#include "check/analysis.h"
#include "test_world.h"

namespace kst {
namespace {

constexpr UnixSeconds kBase = 1414106340;  // 2014-10-23T23:19:00Z

EventRecord Record(const char* provider, uint32_t id, int minute, const std::string& computer,
                   std::vector<std::string> strings, std::string message = "") {
  EventRecord r;
  r.provider = provider;
  r.event_id = id;
  r.time = kBase + minute * 60;
  r.computer = computer;
  r.strings = std::move(strings);
  r.message = std::move(message);
  r.location = Location{computer + ".xml", minute + 100, 1};
  return r;
}

const char* kEdgeTopology = R"({"format": "kst-topology/1", "lync": {"pools": [
    {"fqdn": "pool.adatum.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.adatum.com"]},
    {"fqdn": "edgepool.adatum.com", "role": "Edge", "version": 6, "computers": ["edge01.adatum.com"]}],
    "hosting_providers": [{"identity": "Exchange Online", "proxy_fqdn": "exap.um.outlook.com",
                           "edge_pool": "edgepool.adatum.com"}]}})";

Diagnosis Run(const Topology& topology, const std::vector<EventRecord>& records, const Report* report = nullptr) {
  DiagnoseInputs inputs;
  inputs.topology = &topology;
  inputs.report = report;
  inputs.records = &records;
  for (const EventRecord& r : records) inputs.computers.insert(r.computer);
  return Diagnose(inputs, ModelCatalog::Embedded(), DiagnosisRules::Embedded());
}

const std::string kSkewed =
    "SIP/2.0 429 Provide Referrer Identity\nms-diagnostics: 1020;reason=\"Identity of the referrer could not be "
    "verified\";HRESULT=\"0xC3E93EE0(SIP_E_CRYPT_REFERRER_DATE_SKEWED)\"\nms-edge-proxy-message-trust: "
    "ms-source-type=EdgeProxyGenerated;ms-ep-fqdn=EDGE01.adatum.com;ms-source-verified-user=verified";

}  // namespace

TEST_CASE("diagnose: ms-diagnostics codes and clock jumps are read from the record's text") {
  CHECK(MsDiagnosticsCodes("ms-diagnostics: 15030;reason=x\nMS-Diagnostics:1020;a") == std::vector<int>{15030, 1020});
  CHECK(MsDiagnosticsCodes("ms-diagnostics: ;reason").empty());
  EventRecord jump = Record("Microsoft-Windows-Kernel-General", 1, 0, "edge01.adatum.com",
                            {"2014-10-24T02:33:25.5000000Z", "2014-10-23T21:33:25.5000000Z"});
  CHECK(ClockJumpSeconds(jump) == 18000);
  // Without insertion strings, from the message, marks and all.
  EventRecord rendered = Record("Microsoft-Windows-Kernel-General", 1, 0, "edge01.adatum.com", {},
                                "The system time has changed to \xE2\x80\x8E"
                                "2014\xE2\x80\x8E"
                                "-10-23T21:00:00.0Z from "
                                "2014-10-24T02:00:00.0Z.");
  CHECK(ClockJumpSeconds(rendered) == -18000);
  CHECK_FALSE(ClockJumpSeconds(Record("Microsoft-Windows-Kernel-General", 1, 0, "x.adatum.com", {"now", "then"})));
}

TEST_CASE("diagnose: a date-skewed referrer and a clock jump on the Edge rank the Edge's clock first") {
  const Topology topology = AssertTopology(kEdgeTopology);
  const std::vector<EventRecord> records = {
      Record("LS Protocol Stack", 99999, 1, "fe01.adatum.com", {}, kSkewed),
      Record("Microsoft-Windows-Kernel-General", 1, 190, "edge01.adatum.com",
             {"2014-10-24T02:29:00Z", "2014-10-23T21:29:00Z"}),
      // Password sync came back eleven minutes after the first symptom: the red herring.
      Record("Directory Synchronization", 656, 12, "dirsync01.adatum.com", {"password change request"}),
  };
  const Diagnosis d = Run(topology, records);
  REQUIRE(d.diagnosed);
  REQUIRE(d.ranked.size() == 2);
  CHECK(d.ranked[0].cause->id == "clock-skew");
  CHECK(d.ranked[0].subject == "edge01.adatum.com");
  CHECK(d.ranked[0].score == 10);  // +6 the 1020, +4 the jump; the topology has no clock reading to judge
  CHECK(d.ranked[1].cause->id == "coincident-change");
  CHECK(d.ranked[1].score < 0);
  REQUIRE(d.onset);
  CHECK(d.onset->computer == "fe01.adatum.com");
  CHECK(d.clock_suspects == std::vector<std::string>{"edge01.adatum.com"});
  bool said = false;
  for (const std::string& n : d.notes) said = said || n.find("no clock of edge01.adatum.com") != std::string::npos;
  CHECK(said);
}

TEST_CASE("diagnose: a change before the first symptom coincides, but does not outrank a cause with evidence") {
  const Topology topology = AssertTopology(kEdgeTopology);
  const std::vector<EventRecord> records = {
      Record("Directory Synchronization", 650, 0, "dirsync01.adatum.com", {}),
      Record("LS Protocol Stack", 99999, 5, "fe01.adatum.com", {}, kSkewed),
  };
  const Diagnosis d = Run(topology, records);
  REQUIRE(d.ranked.size() == 2);
  CHECK(d.ranked[0].cause->id == "clock-skew");
  CHECK(d.ranked[1].cause->id == "coincident-change");
  CHECK(d.ranked[1].score == 1);  // +2 coincides, -1 no impact path
}

TEST_CASE("diagnose: 14563 with a finding raised on the topology ranks the KST conflict first") {
  const Scenario scenario = ScenarioFromTopology(AssertTopology(ContosoTopology(
      R"(, "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}])")));
  AnalysisOptions options;
  options.compare_readings = false;
  options.recheck_fixes = false;
  const Report report = Analyze(scenario, false, ModelCatalog::Embedded(), options, Diagnostics());
  const std::vector<EventRecord> records = {
      Record("LS Protocol Stack", 14563, 0, "fe02.contoso.com", {"ex1.contoso.com", "0", "6"}),
      Record("MSExchange Unified Messaging", 1344, 3, "ex1.contoso.com", {}),
  };
  const Diagnosis d = Run(scenario.base, records, &report);
  REQUIRE(d.diagnosed);
  CHECK(d.ranked[0].cause->id == "kst-conflict");
  CHECK(d.ranked[0].subject == "ex1.contoso.com");
  CHECK_FALSE(d.ranked[0].findings.empty());
  CHECK(d.ranked[0].score == 4 + 6 + 2);
  // The certificate subject the MWI failure also fits has no certificate to judge and nothing more for it.
  CHECK(d.ranked[1].cause->id == "certificate-subject");
  CHECK(d.ranked[1].score == 2);
}

TEST_CASE("diagnose: no symptom, or two causes level at the top, is inconclusive") {
  const Topology topology = AssertTopology(ContosoTopology());
  const Diagnosis none = Run(topology, {Record("LS Protocol Stack", 14492, 0, "fe01.contoso.com", {"x"})});
  CHECK_FALSE(none.diagnosed);
  CHECK(none.ranked.empty());
  // A 15030 alone fits a certificate's validity and a clock equally, and the topology has neither to judge.
  const Diagnosis tie =
      Run(topology, {Record("LS Protocol Stack", 99999, 0, "fe01.contoso.com", {}, "ms-diagnostics: 15030;reason=x")});
  CHECK_FALSE(tie.diagnosed);
  REQUIRE(tie.ranked.size() == 3);
  CHECK(tie.ranked[0].score == 1);
  CHECK(tie.ranked[1].score == 1);
  CHECK(tie.ranked[2].cause->id == "kst-conflict");  // -3 kst judged the topology, -4 fe01 logged no 14563
  CHECK(tie.ranked[2].score == 1 - 3 - 4);
  REQUIRE(tie.inconclusive_reasons.size() == 1);
  CHECK(tie.inconclusive_reasons[0].find("tie") != std::string::npos);
}

TEST_CASE("diagnose: the ranking does not depend on the order of the records") {
  const Topology topology = AssertTopology(kEdgeTopology);
  std::vector<EventRecord> records = {
      Record("LS Protocol Stack", 99999, 1, "fe01.adatum.com", {}, kSkewed + "\nms-diagnostics: 15030;reason=x"),
      Record("Directory Synchronization", 656, 12, "dirsync01.adatum.com", {}),
      Record("LS Protocol Stack", 14619, 2, "edge01.adatum.com", {}),
  };
  const Diagnosis a = Run(topology, records);
  std::reverse(records.begin(), records.end());
  const Diagnosis b = Run(topology, records);
  REQUIRE(a.ranked.size() == b.ranked.size());
  for (size_t i = 0; i < a.ranked.size(); ++i) {
    CHECK(a.ranked[i].cause == b.ranked[i].cause);
    CHECK(a.ranked[i].subject == b.ranked[i].subject);
    CHECK(a.ranked[i].score == b.ranked[i].score);
  }
}

}  // namespace kst
