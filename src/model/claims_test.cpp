// Claims: who puts which FQDN into a KST, with which version.

#include "model/claims.h"

#include "test_world.h"

namespace kst {
namespace {

TEST_CASE("claims of the Contoso topology") {
  // Given the brief's topology plus an OWA IM TAP for ex1, we should see both producers claim ex1.
  Topology topology = AssertTopology(ContosoTopology(R"(, "trusted_application_pools": [
      {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}])"));
  ClaimIndex claims = CollectClaims(topology, ModelCatalog::Embedded());

  SUBCASE("servers that hold a KST, and which run UM Routing") {
    REQUIRE(claims.servers.size() == 3);
    CHECK(claims.servers[0].fqdn == "edge01.contoso.com");
    CHECK_FALSE(claims.servers[0].runs_um_routing);
    CHECK(claims.servers[1].fqdn == "fe01.contoso.com");
    CHECK(claims.servers[1].runs_um_routing);
    CHECK(claims.servers[1].hosts_registrar);
  }
  SUBCASE("topology claims carry the pool's version and where it was written") {
    CHECK(claims.TopologyVersions("fe01.contoso.com") == std::vector<int>{6});
    CHECK(claims.TopologyVersions("pool01.contoso.com") == std::vector<int>{6});
    CHECK(claims.TopologyVersions("ex1.contoso.com") == std::vector<int>{6});
    CHECK(claims.topology.at("ex1.contoso.com")[0].location.line == 5);
  }
  SUBCASE("UM Routing claims SipName hosts with version 0") {
    CHECK(claims.UmRoutingClaims("ex1.contoso.com"));
    CHECK(claims.um_routing.at("ex1.contoso.com")[0].version == 0);
  }
  SUBCASE("requirements: UM on UM Routing servers, the TAP on registrar servers") {
    const Requirement& need = claims.required.at("ex1.contoso.com");
    CHECK(need.um_host);
    CHECK(need.trusted_application);
    CHECK(ServerNeeds(claims.servers[1], need));
    CHECK_FALSE(ServerNeeds(claims.servers[0], need));  // the Edge
  }
}

TEST_CASE("only SipName dial plans make UM Routing claim a server") {
  Topology topology = AssertTopology(R"({"format": "kst-topology/1",
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com"}, {"fqdn": "ex2.contoso.com"}],
                 "um_dial_plans": [{"name": "PBX", "uri_type": "TelExtn", "servers": ["ex1.contoso.com"]},
                                   {"name": "E164", "uri_type": "E164", "servers": ["ex2.contoso.com"]}]}})");
  ClaimIndex claims = CollectClaims(topology, ModelCatalog::Embedded());
  CHECK(claims.um_routing.empty());
  CHECK(claims.required.empty());
}

TEST_CASE("Exchange servers without Unified Messaging are claimed by no UM Routing, whatever dial plan lists them") {
  Topology topology = AssertTopology(R"({"format": "kst-topology/1",
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2016"}, {"fqdn": "ex2.contoso.com", "version": "2019"},
                             {"fqdn": "ex3.contoso.com", "version": "SE"}, {"fqdn": "ex4.contoso.com"}],
                 "um_dial_plans": [{"name": "SIP", "uri_type": "SipName",
                                    "servers": ["ex1.contoso.com", "ex2.contoso.com", "ex3.contoso.com", "ex4.contoso.com"]}]}})");
  const ModelCatalog& model = ModelCatalog::Embedded();
  ClaimIndex claims = CollectClaims(topology, model);
  CHECK(claims.UmRoutingClaims("ex1.contoso.com"));
  CHECK_FALSE(claims.UmRoutingClaims("ex2.contoso.com"));
  CHECK_FALSE(claims.UmRoutingClaims("ex3.contoso.com"));
  CHECK(claims.UmRoutingClaims("ex4.contoso.com"));  // version unknown: not known to have no UM
  CHECK(claims.required.count("ex2.contoso.com") == 0);
  CHECK(ExchangeVersionHostsUm(model, "2010"));
  CHECK(ExchangeVersionHostsUm(model, "2013"));
  CHECK_FALSE(ExchangeVersionHostsUm(model, "2019"));
  CHECK(ExchangeVersionHostsUm(model, ""));
}

TEST_CASE("a Standard Edition pool without computers is its own server; a PSTN gateway holds no KST") {
  Topology topology = AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "se01.contoso.com", "role": "StandardEdition", "version": 6},
      {"fqdn": "gw.contoso.com", "role": "PstnGateway", "version": 6}]}})");
  ClaimIndex claims = CollectClaims(topology, ModelCatalog::Embedded());
  REQUIRE(claims.servers.size() == 1);
  CHECK(claims.servers[0].fqdn == "se01.contoso.com");
  CHECK(claims.servers[0].runs_um_routing);
  CHECK(claims.TopologyVersions("gw.contoso.com") == std::vector<int>{6});
}

TEST_CASE("two definitions of one FQDN with different versions give two topology versions") {
  Topology topology = AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com"]},
      {"fqdn": "med.contoso.com", "role": "Mediation", "version": 5, "computers": ["med01.contoso.com"]}],
    "trusted_application_pools": [{"fqdn": "med01.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}]}})");
  ClaimIndex claims = CollectClaims(topology, ModelCatalog::Embedded());
  CHECK(claims.TopologyVersions("med01.contoso.com") == std::vector<int>{5, 6});
}

TEST_CASE("an Exchange server that serves OWA IM on its own is needed on the registrars (seed 004, option 1)") {
  // Given ex1 with "owa_im" and ex2 with a certificate assigned to OWAIM, neither named by a pool,
  // both are OWA IM servers: needed on every registrar, whatever claims them.
  Topology topology = AssertTopology(R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6, "computers": ["fe01.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013", "owa_im": true},
                             {"fqdn": "ex2.contoso.com", "version": "2013"},
                             {"fqdn": "ex3.contoso.com", "version": "2013", "owa_im": false}]},
    "certificates": [{"server": "ex2.contoso.com", "subject_cn": "ex2.contoso.com", "services": ["OWAIM"],
                      "not_before": "2025-01-01", "not_after": "2027-01-01"}]})");
  const auto servers = OwaImServers(topology);
  REQUIRE(servers.size() == 2);
  CHECK(servers[0].first == "ex1.contoso.com");
  CHECK(servers[0].second.find("owa_im") != std::string::npos);
  CHECK(servers[1].first == "ex2.contoso.com");
  CHECK(servers[1].second.find("OWAIM") != std::string::npos);
  const ClaimIndex claims = CollectClaims(topology, ModelCatalog::Embedded());
  for (const char* fqdn : {"ex1.contoso.com", "ex2.contoso.com"}) {
    CAPTURE(fqdn);
    const Requirement& need = claims.required.at(fqdn);
    CHECK(need.trusted_application);
    CHECK_FALSE(need.um_host);
    CHECK(need.why.find("OWA IM") != std::string::npos);
    CHECK(ServerNeeds(claims.servers[0], need));
    CHECK_FALSE(claims.topology.count(fqdn));  // needed, yet nothing claims it: kst/unknown-server
  }
  CHECK_FALSE(claims.required.count("ex3.contoso.com"));
}

}  // namespace
}  // namespace kst
