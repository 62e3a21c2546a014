// The identity sections of kst-topology/1 (certificates, clocks, UM IP
// gateways, hosting providers): what loads, how names are normalised, and a
// table of bad inputs with the exact diagnostics.

#include "input/certificate_loader.h"

#include <doctest/doctest.h>

#include "test_world.h"

namespace kst {
namespace {

const char* const kPools = R"("lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com"]},
      {"fqdn": "edgepool.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com"}]})";

/// Loads a topology of kPools plus `sections`; returns the diagnostics, one a line.
std::string Load(const std::string& sections, Topology* topology, bool* ok) {
  VirtualFileReader files;
  files.Add("t.json", std::string(R"({"format": "kst-topology/1", )") + kPools + sections + "}");
  Diagnostics diagnostics;
  *ok = LoadTopologyFile("t.json", &files, ModelCatalog::Embedded(), topology, &diagnostics);
  return DiagnosticsText(diagnostics);
}

TEST_CASE("certificates and clocks load") {
  Topology topology;
  bool ok = false;
  std::string printed = Load(R"(, "certificates": [
      {"server": "EX1.contoso.com", "subject_cn": "UM.Contoso.com.", "san": ["*.Contoso.com", "ex1.contoso.com"],
       "services": ["UM", "UMCallRouter"], "not_before": "2024-01-01", "not_after": "2026-01-01T12:00:00+01:00",
       "issuer": "CN=Contoso CA", "thumbprint": "6c 7d e0 9f 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"}],
    "clocks": [{"server": "edge01.contoso.com", "offset_seconds": -18000.25, "measured_at": "2014-10-24T02:31:00Z"}])",
                             &topology, &ok);
  INFO(printed);
  REQUIRE(ok);
  CHECK(printed.empty());
  REQUIRE(topology.certificates.size() == 1);
  const Certificate& c = topology.certificates[0];
  CHECK(c.server.name == "ex1.contoso.com");
  CHECK(c.subject_cn.name == "um.contoso.com");
  CHECK(c.subject_cn.location.ToString() == "t.json:5:51");
  CHECK(c.sans[0].name == "*.contoso.com");
  CHECK(IsWildcardName(c.sans[0].name));
  CHECK(c.HasService("UMCallRouter"));
  CHECK(FormatTimestamp(c.not_after) == "2026-01-01T11:00:00Z");
  CHECK(c.thumbprint == "6C7DE09F00112233445566778899AABBCCDDEEFF");
  REQUIRE(topology.clocks.size() == 1);
  CHECK(topology.clocks[0].offset_seconds == -18000.25);
}

TEST_CASE("bad identity sections") {
  const struct {
    const char* what;
    const char* sections;
    const char* expected;
  } cases[] = {
      {"an invalid time",
       R"(, "certificates": [{"server": "ex1.contoso.com", "subject_cn": "ex1.contoso.com", "services": ["UM"],
            "not_before": "2024-13-01", "not_after": "2026-01-01"}])",
       "t.json:5:27: error[invalid-time]: \"2024-13-01\" is not a valid time: no such day "
       "(/certificates/0/not_before)\n"},
      {"validity the wrong way round",
       R"(, "certificates": [{"server": "ex1.contoso.com", "subject_cn": "ex1.contoso.com", "services": ["UM"],
            "not_before": "2026-01-01", "not_after": "2024-01-01"}])",
       "t.json:5:54: error[wrong-value]: not_after 2024-01-01T00:00:00Z is before not_before 2026-01-01T00:00:00Z "
       "(/certificates/0/not_after)\n"},
      {"a thumbprint that is no hash",
       R"(, "certificates": [{"server": "ex1.contoso.com", "subject_cn": "ex1.contoso.com", "services": ["UM"],
            "not_before": "2024-01-01", "not_after": "2026-01-01", "thumbprint": "xyz"}])",
       "t.json:5:82: error[invalid-thumbprint]: \"xyz\" is not a thumbprint (40 or 64 hexadecimal digits) "
       "(/certificates/0/thumbprint)\n"},
      {"a subject with a blank",
       R"(, "certificates": [{"server": "ex1.contoso.com", "subject_cn": "UM server", "services": ["UM"],
            "not_before": "2024-01-01", "not_after": "2026-01-01"}])",
       "t.json:4:122: error[invalid-certificate-name]: \"UM server\" is not a usable subject CN (empty, or blanks "
       "inside) (/certificates/0/subject_cn)\n"},
      {"an unknown service: a warning, the certificate is kept",
       R"(, "certificates": [{"server": "ex1.contoso.com", "subject_cn": "ex1.contoso.com", "services": ["Telnet"],
            "not_before": "2024-01-01", "not_after": "2026-01-01"}])",
       "t.json:4:154: warning[unknown-certificate-service]: unknown certificate service \"Telnet\" (known: UM, "
       "UMCallRouter, OWAIM, IIS, SMTP, IMAP, POP, Federation, Default, Internal, AccessEdgeExternal, "
       "WebServicesInternal, WebServicesExternal); it is not checked (/certificates/0/services)\n"},
      {"a negative offset is fine, a string is not",
       R"(, "clocks": [{"server": "edge01.contoso.com", "offset_seconds": "-5h", "measured_at": "2014-10-24"}])",
       "t.json:4:123: error[wrong-type]: expected a number, found string (/clocks/0/offset_seconds)\n"},
      {"two readings of one server",
       R"(, "clocks": [{"server": "edge01.contoso.com", "offset_seconds": 1, "measured_at": "2014-10-24"},
                    {"server": "edge01.contoso.com", "offset_seconds": 2, "measured_at": "2014-10-25"}])",
       "t.json:5:32: error[duplicate-definition]: a second clock reading of edge01.contoso.com (first at "
       "t.json:4:83) (/clocks/1/server)\n"},
  };
  for (const auto& c : cases) {
    Topology topology;
    bool ok = false;
    INFO(c.what);
    CHECK(Load(c.sections, &topology, &ok) == c.expected);
  }
}

TEST_CASE("UM IP gateways and hosting providers must name the right pools") {
  VirtualFileReader files;
  files.Add("t.json", R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6}],
    "hosting_providers": [{"identity": "EXO", "proxy_fqdn": "exap.um.outlook.com", "edge_pool": "pool01.contoso.com"}]},
    "exchange": {"um_ip_gateways": [{"name": "gw", "address": "ex1.contoso.com"}]}})");
  Topology topology;
  Diagnostics diagnostics;
  CHECK_FALSE(LoadTopologyFile("t.json", &files, ModelCatalog::Embedded(), &topology, &diagnostics));
  CHECK(DiagnosticsText(diagnostics) ==
        "t.json:4:63: error[unknown-gateway-pool]: UM IP gateway \"gw\" sends to \"ex1.contoso.com\", which is not a "
        "Lync pool of the topology (/exchange/um_ip_gateways/0/address)\n"
        "t.json:3:97: error[unknown-edge-pool]: hosting provider \"EXO\" is reached through \"pool01.contoso.com\", "
        "which is not an Edge pool of the topology (/lync/hosting_providers/0/edge_pool)\n");
}

}  // namespace
}  // namespace kst
