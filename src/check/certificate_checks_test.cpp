// The certificate rules on one small estate with a certificate list that
// each subcase varies: which finding, which servers, which lookups.

#include "check/certificate_checks.h"

#include <doctest/doctest.h>

#include "test_world.h"

namespace kst {
namespace {

/// pool01 (fe01, fe02) is the UM IP gateway; ex1 and ex2 host the SipName
/// dial plan; `certificates` is spliced in as the topology's list.
std::string Estate(const std::string& certificates) {
  return R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
       "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com"}, {"fqdn": "ex2.contoso.com"}],
      "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]}]},
    "certificates": [)" +
         certificates + "]}";
}

std::string Certificate(const std::string& server, const std::string& cn, const std::string& services,
                        const std::string& sans = "", const std::string& until = "2030-01-01") {
  return R"({"server": ")" + server + R"(", "subject_cn": ")" + cn + R"(", "services": [)" + services +
         R"(], "san": [)" + sans + R"(], "not_before": "2024-01-01", "not_after": ")" + until + R"("})";
}

std::vector<Finding> Check(const std::string& certificates, const std::string& at = "2025-03-01") {
  Topology topology = AssertTopology(Estate(certificates));
  ImpactGraph graph({&topology}, ModelCatalog::Embedded());
  UnixSeconds when = 0;
  std::string why;
  REQUIRE(ParseTimestamp(at, &when, &why));
  return CheckCertificates(topology, graph, ModelCatalog::Embedded(), {when, 30});
}

TEST_CASE("cert/wildcard-subject") {
  SUBCASE("seed 002: a wildcard subject on UM is refused by every gateway server") {
    auto findings = Check(
        Certificate("ex1.contoso.com", "*.contoso.com", R"("UM", "IIS")", R"("*.contoso.com", "ex1.contoso.com")"));
    REQUIRE(findings.size() == 1);
    const Finding& f = findings[0];
    CHECK(f.rule == "cert/wildcard-subject");
    CHECK(f.fqdn == "ex1.contoso.com");
    CHECK(f.servers == std::vector<std::string>{"fe01.contoso.com", "fe02.contoso.com"});
    REQUIRE(f.lookups.size() == 2);
    CHECK_FALSE(f.lookups[0].found);
    CHECK(f.lookups[0].table_matches == std::vector<std::string>{"ex1.contoso.com"});
    CHECK(f.message.find("its subject alternative name ex1.contoso.com is in the table") != std::string::npos);
    REQUIRE(f.broken.size() == 1);
    CHECK(f.broken[0].condition == "certificate-subject-known");
    CHECK(f.broken[0].lookers.empty());
    CHECK(f.evidence.at(0).location.known());
  }
  SUBCASE("a wildcard subject on IIS alone is not kst's concern") {
    CHECK(Check(Certificate("ex1.contoso.com", "*.contoso.com", R"("IIS", "SMTP")")).empty());
  }
  SUBCASE("a wildcard SAN is fine") {
    CHECK(Check(Certificate("ex1.contoso.com", "ex1.contoso.com", R"("UM")", R"("*.contoso.com")")).empty());
  }
}

TEST_CASE("cert/subject-not-known") {
  SUBCASE("seed 003: the array name as subject, the servers as SANs") {
    auto findings = Check(Certificate("ex2.contoso.com", "UM.contoso.com", R"("UM")",
                                      R"("um.contoso.com", "ex1.contoso.com", "ex2.contoso.com")"));
    REQUIRE(findings.size() == 1);
    const Finding& f = findings[0];
    CHECK(f.rule == "cert/subject-not-known");
    CHECK(f.servers == std::vector<std::string>{"fe01.contoso.com", "fe02.contoso.com"});
    CHECK(f.lookups[1].name == "um.contoso.com");
    CHECK(f.lookups[1].table_matches == std::vector<std::string>{"ex1.contoso.com", "ex2.contoso.com"});
    CHECK(f.broken[0].lookers == f.servers);
    CHECK(f.message ==
          "the certificate ex2.contoso.com presents for UM has the subject um.contoso.com, which is not in the Known "
          "Servers Table of fe01.contoso.com, fe02.contoso.com: they identify ex2.contoso.com by that name and refuse "
          "it, although its subject alternative names ex1.contoso.com, ex2.contoso.com are there");
  }
  SUBCASE("a NetBIOS name (a self-signed certificate) says why it cannot match") {
    auto findings = Check(Certificate("ex1.contoso.com", "EX1", R"("UM")"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("um.contoso.com") == std::string::npos);
    CHECK(findings[0].message.find("(not a fully qualified name: single-label") != std::string::npos);
  }
  SUBCASE("the server's own FQDN, or another known server's, passes") {
    CHECK(Check(Certificate("ex1.contoso.com", "EX1.contoso.com.", R"("UM")")).empty());
  }
  SUBCASE("a UMCallRouter-only certificate is not looked up: Lync opens those connections") {
    CHECK(Check(Certificate("ex1.contoso.com", "um.contoso.com", R"("UMCallRouter")")).empty());
  }
}

TEST_CASE("cert/validity") {
  const std::string um = R"("UM", "UMCallRouter")";
  SUBCASE("expired: an error, both directions depend on it") {
    auto findings = Check(Certificate("ex1.contoso.com", "ex1.contoso.com", um, "", "2025-02-01"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Severity::kError);
    CHECK(findings[0].message.find("expired on 2025-02-01T00:00:00Z (28 d 0 h before the check time)") !=
          std::string::npos);
    CHECK(findings[0].servers == std::vector<std::string>{"fe01.contoso.com", "fe02.contoso.com"});
  }
  SUBCASE("not yet valid: an error") {
    auto findings = Check(Certificate("ex1.contoso.com", "ex1.contoso.com", um), "2023-12-31");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("is not valid before 2024-01-01T00:00:00Z") != std::string::npos);
  }
  SUBCASE("within the warning window: a warning; one day outside it: nothing") {
    auto findings = Check(Certificate("ex1.contoso.com", "ex1.contoso.com", um, "", "2025-03-31"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Severity::kWarning);
    CHECK(findings[0].assumptions.back() == "certificate-warn-window");
    CHECK(Check(Certificate("ex1.contoso.com", "ex1.contoso.com", um, "", "2025-04-01")).empty());
  }
  SUBCASE("a Lync server's own certificate affects that server") {
    auto findings = Check(Certificate("fe02.contoso.com", "pool01.contoso.com", R"("Default")", "", "2025-01-01"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].servers == std::vector<std::string>{"fe02.contoso.com"});
  }
  SUBCASE("a certificate of a server the topology lacks is skipped") {
    VirtualFileReader files;
    files.Add("t.json", Estate(Certificate("nobody.contoso.com", "nobody.contoso.com", um, "", "2024-06-01")));
    Topology topology;
    Diagnostics diagnostics;
    REQUIRE(LoadTopologyFile("t.json", &files, ModelCatalog::Embedded(), &topology, &diagnostics));
    CHECK(diagnostics.all().at(0).id == "unknown-certificate-server");
    ImpactGraph graph({&topology}, ModelCatalog::Embedded());
    CHECK(CheckCertificates(topology, graph, ModelCatalog::Embedded(), {1740787200, 30}).empty());
  }
}

}  // namespace
}  // namespace kst
