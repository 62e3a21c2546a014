// The kst-topology/1 loader: the README example loads, absent sections are
// fine, and every bad input gives one diagnostic with its id and location
// (a table of bad topologies, as in re2's parse_test badtests[]).

#include "input/topology_loader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "input/topology_writer.h"

namespace kst {
namespace {

const std::string kPath = "topology.json";

/// The topology of the issue, pretty-printed as in README.md.
const char* const kExample = R"({
  "format": "kst-topology/1",
  "lync": {
    "pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
       "computers": ["fe01.contoso.com", "fe02.contoso.com"]}
    ],
    "trusted_application_pools": [
      {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com",
       "computers": ["ex1.contoso.com"]}
    ]
  },
  "exchange": {
    "servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
    "um_dial_plans": [
      {"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}
    ]
  }
})";

class TopologyLoaderTest {
 protected:
  /// Loads `text` as topology.json; returns the diagnostics as printed,
  /// one a line.
  std::string Load(const std::string& text) {
    files_.Add(kPath, text);
    ok_ = LoadTopologyFile(kPath, &files_, ModelCatalog::Embedded(), &topology_, &diagnostics_);
    std::string printed;
    for (const Diagnostic& d : diagnostics_.all()) printed += (printed.empty() ? "" : "\n") + d.ToString();
    return printed;
  }

  /// Loads `text`, requiring success without any diagnostic, then checks
  /// the invariants every loaded topology keeps.
  void AssertLoad(const std::string& text) {
    std::string printed = Load(text);
    INFO(printed);
    REQUIRE(ok_);
    REQUIRE(printed.empty());
    VerifyTopology();
  }

  /// Every name is normalised and points back into the file.
  void VerifyTopology() const {
    CHECK(topology_.file == kPath);
    auto verify = [](const NamedAt& name) {
      INFO(name.name);
      CHECK(name.location.file == kPath);
      CHECK(name.location.known());
    };
    for (const LyncPool& pool : topology_.pools) {
      verify(pool.fqdn);
      for (const NamedAt& computer : pool.computers) verify(computer);
    }
    for (const TrustedApplicationPool& tap : topology_.trusted_application_pools) {
      verify(tap.fqdn);
      verify(tap.registrar);
      CHECK_FALSE(tap.computers.empty());
    }
    for (const ExchangeServer& server : topology_.exchange_servers) verify(server.fqdn);
    for (const UmDialPlan& plan : topology_.dial_plans) verify(plan.name);
  }

  VirtualFileReader files_;
  Topology topology_;
  Diagnostics diagnostics_;
  bool ok_ = false;
};

TEST_CASE_FIXTURE(TopologyLoaderTest, "the issue's example topology loads") {
  // Given the README example, we should read every item with its location.
  AssertLoad(kExample);
  CHECK(files_.reads() == std::vector<std::string>{kPath});

  REQUIRE(topology_.pools.size() == 1);
  const LyncPool& pool = topology_.pools[0];
  CHECK(pool.fqdn.name == "pool01.contoso.com");
  CHECK(pool.fqdn.location.ToString() == "topology.json:5:16");
  CHECK(pool.role == "FrontEnd");
  CHECK(pool.version == 6);
  CHECK(pool.version_location.ToString() == "topology.json:5:69");
  CHECK(pool.computers == std::vector<NamedAt>{{"fe01.contoso.com", {}}, {"fe02.contoso.com", {}}});
  CHECK(pool.computers[1].location.ToString() == "topology.json:6:42");

  REQUIRE(topology_.trusted_application_pools.size() == 1);
  const TrustedApplicationPool& tap = topology_.trusted_application_pools[0];
  CHECK(tap.fqdn.name == "ex1.contoso.com");
  CHECK(tap.registrar.name == "pool01.contoso.com");
  CHECK(tap.registrar.location.ToString() == "topology.json:9:62");
  CHECK(tap.version == 6);

  REQUIRE(topology_.exchange_servers.size() == 1);
  CHECK(topology_.exchange_servers[0].version == "2013");
  REQUIRE(topology_.dial_plans.size() == 1);
  const UmDialPlan& plan = topology_.dial_plans[0];
  CHECK(plan.name.name == "Contoso SIP");
  CHECK(plan.uri_type == "SipName");
  CHECK(plan.uri_type_location.ToString() == "topology.json:16:43");
  CHECK(plan.servers == std::vector<NamedAt>{{"ex1.contoso.com", {}}});
}

TEST_CASE_FIXTURE(TopologyLoaderTest, "what the loader fills in or accepts") {
  SUBCASE("sections absent") {
    AssertLoad(R"({"format": "kst-topology/1"})");
    CHECK(topology_.pools.empty());
    CHECK(topology_.dial_plans.empty());
  }

  SUBCASE("sections and arrays empty") {
    AssertLoad(R"({"format": "kst-topology/1", "lync": {}, "exchange": {"servers": [], "um_dial_plans": []}})");
    CHECK(topology_.exchange_servers.empty());
  }

  SUBCASE("names are normalised; a TAP without computers is its own computer") {
    AssertLoad(R"({"format": "kst-topology/1", "description": "lab",
      "lync": {"pools": [{"fqdn": "POOL01.Contoso.com.", "role": "Director", "version": 5, "site": "Paris"}],
               "trusted_application_pools": [{"fqdn": "Ex1.contoso.com", "version": 0,
                 "registrar": "pool01.contoso.com", "applications": ["OWA"], "description": "IM"}]},
      "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "roles": ["Mailbox"]}]}})");
    CHECK(topology_.pools[0].fqdn.name == "pool01.contoso.com");
    CHECK(topology_.pools[0].computers.empty());
    const TrustedApplicationPool& tap = topology_.trusted_application_pools[0];
    CHECK(tap.computers == std::vector<NamedAt>{{"ex1.contoso.com", {}}});
    CHECK(tap.computers[0].location.ToString() == "topology.json:3:55");
    CHECK(topology_.exchange_servers[0].version == "");
  }

  SUBCASE("a topology inline in a scenario needs no format") {
    JsonNode root;
    REQUIRE(ParseJsonDocument("scenario.json", R"({"lync": {}})", &root, &diagnostics_));
    CHECK(ReadTopology(root, ModelCatalog::Embedded(), false, &topology_, &diagnostics_));
    CHECK(diagnostics_.all().empty());
  }
}

struct BadTopology {
  const char* what;
  const char* text;
  std::string expected;  // every diagnostic as printed, one a line
};

// Each entry starts from a small contoso topology and breaks one thing.
const BadTopology kBadTopologies[] = {
    {"wrong type: owa_im as a string", R"({"format": "kst-topology/1",
  "exchange": {"servers": [
    {"fqdn": "ex1.contoso.com", "owa_im": "yes"}]}})",
     "topology.json:3:43: error[wrong-type]: expected true or false, found string (/exchange/servers/0/owa_im)"},
    {"missing field", R"({"format": "kst-topology/1",
  "lync": {"pools": [
    {"fqdn": "pool01.contoso.com", "version": 6}]}})",
     "topology.json:3:5: error[missing-field]: pool lacks the required field \"role\" (/lync/pools/0/role)"},
    {"missing format", R"({
  "lync": {}})",
     "topology.json:1:1: error[missing-field]: topology lacks the required field \"format\" (/format)"},
    {"wrong type: version as a string", R"({"format": "kst-topology/1",
  "lync": {"pools": [
    {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": "6"}]}})",
     "topology.json:3:67: error[wrong-type]: expected a non-negative integer, found string (/lync/pools/0/version)"},
    {"wrong type: negative version", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": -1}]}})",
     "topology.json:2:84: error[wrong-type]: expected a non-negative integer, found integer "
     "(/lync/pools/0/version)"},
    {"wrong type: pool as a string", R"({"format": "kst-topology/1",
  "lync": {"pools": ["pool01.contoso.com"]}})",
     "topology.json:2:22: error[wrong-type]: pool must be an object, not string (/lync/pools/0)"},
    {"wrong type: computers as a string", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                      "computers": "fe01.contoso.com"}]}})",
     "topology.json:3:36: error[wrong-type]: expected an array of FQDNs, found string (/lync/pools/0/computers)"},
    {"unknown role", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "Frontend", "version": 6}]}})",
     "topology.json:2:61: error[unknown-role]: unknown role \"Frontend\"; known roles: FrontEnd, StandardEdition, "
     "Director, Edge, Mediation, PstnGateway (/lync/pools/0/role)"},
    {"unknown uri_type", R"({"format": "kst-topology/1",
  "exchange": {"servers": [{"fqdn": "ex1.contoso.com"}],
    "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SIPName", "servers": ["ex1.contoso.com"]}]}})",
     "topology.json:3:59: error[unknown-uri-type]: unknown uri_type \"SIPName\"; known: SipName, TelExtn, E164 "
     "(/exchange/um_dial_plans/0/uri_type)"},
    {"dial plan names an unlisted Exchange server", R"({"format": "kst-topology/1",
  "exchange": {"servers": [{"fqdn": "ex1.contoso.com"}],
    "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName",
                       "servers": ["ex1.contoso.com", "ex2.contoso.com"]}]}})",
     "topology.json:4:55: error[unknown-exchange-server]: UM dial plan \"Contoso SIP\" names Exchange server "
     "\"ex2.contoso.com\", which is not listed under exchange.servers"},
    {"TAP registrar is no pool", R"({"format": "kst-topology/1",
  "lync": {"trusted_application_pools": [
    {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool02.contoso.com"}]}})",
     "topology.json:3:60: error[unknown-registrar]: registrar \"pool02.contoso.com\" of trusted application pool "
     "\"ex1.contoso.com\" is not a pool of the topology"},
    {"TAP registrar is an Edge pool", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "edge.contoso.com", "role": "Edge", "version": 6}],
    "trusted_application_pools": [
    {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "edge.contoso.com"}]}})",
     "topology.json:4:60: error[unknown-registrar]: registrar \"edge.contoso.com\" of trusted application pool "
     "\"ex1.contoso.com\" is a pool of role Edge, which hosts no registrar"},
    {"invalid FQDN, and references wait for a clean read", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                      "computers": ["fe01.contoso.com", "FE02"]}],
    "trusted_application_pools": [
    {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool02.contoso.com"}]}})",
     "topology.json:3:57: error[invalid-fqdn]: \"FE02\" is not a valid FQDN: single-label (NetBIOS-style) name; "
     "Lync needs the fully qualified name (/lync/pools/0/computers/1)"},
    {"duplicate pool, across pools and TAPs", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6}],
    "trusted_application_pools": [
    {"fqdn": "Pool01.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}]}})",
     "topology.json:4:14: error[duplicate-definition]: pool \"pool01.contoso.com\" is defined twice (first at "
     "topology.json:2:31)"},
    {"wrong format", R"({
  "format": "kst-scenario/1",
  "lync": {}})",
     "topology.json:2:13: error[wrong-format]: format is \"kst-scenario/1\", expected \"kst-topology/1\" "
     "(/format)"},
    {"every error in one run", R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "*.contoso.com", "role": "FrontEnd", "version": 6},
                     {"fqdn": "pool02.contoso.com", "role": "Mediaton", "version": 6}]}})",
     "topology.json:2:31: error[invalid-fqdn]: \"*.contoso.com\" is not a valid FQDN: a wildcard is not a server "
     "name (/lync/pools/0/fqdn)\n"
     "topology.json:3:61: error[unknown-role]: unknown role \"Mediaton\"; known roles: FrontEnd, StandardEdition, "
     "Director, Edge, Mediation, PstnGateway (/lync/pools/1/role)"},
    {"Exchange version that is no Exchange version", R"({"format": "kst-topology/1",
  "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "banana"}]}})",
     "topology.json:2:67: error[unknown-exchange-version]: unknown Exchange version \"banana\" of server "
     "\"ex1.contoso.com\"; known: 2010, 2013, 2016, 2019, SE (/exchange/servers/0/version)"},
    {"Exchange version written as a product name", R"({"format": "kst-topology/1",
  "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "Exchange 2013"}]}})",
     "topology.json:2:67: error[unknown-exchange-version]: unknown Exchange version \"Exchange 2013\" of server "
     "\"ex1.contoso.com\"; known: 2010, 2013, 2016, 2019, SE (/exchange/servers/0/version)"},
    {"malformed JSON", "{\"format\": \"kst-topology/1\",\n  \"lync\": {\"pools\": [],}}",
     "topology.json:2:24: error[json-syntax]: malformed JSON: syntax error while parsing object key - unexpected "
     "'}'; expected string literal"},
};

TEST_CASE_FIXTURE(TopologyLoaderTest, "bad topologies: one diagnostic each, with id and location") {
  for (const BadTopology& bad : kBadTopologies) {
    SUBCASE(bad.what) {
      CHECK(Load(bad.text) == bad.expected);
      CHECK_FALSE(ok_);
    }
  }
}

TEST_CASE_FIXTURE(TopologyLoaderTest, "warnings still load the topology; an unreadable file does not") {
  SUBCASE("unknown field") {
    CHECK(Load(R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                      "sites": "Paris"}]}})") ==
          std::string("topology.json:3:23: warning[unknown-field]: unknown field \"sites\" in pool is "
                      "not understood; the verdict cannot rest on it (/lync/pools/0/sites)"));
    CHECK(ok_);
    CHECK(topology_.pools.size() == 1);
  }

  SUBCASE("unknown version number") {
    CHECK(Load(R"({"format": "kst-topology/1",
  "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 9}]}})") ==
          std::string("topology.json:2:84: warning[unknown-version]: version 9 is not a known KST "
                      "version; it is compared as a plain number (/lync/pools/0/version)"));
    CHECK(ok_);
    CHECK(topology_.pools[0].version == 9);
  }

  SUBCASE("an Exchange 2019 server of a SipName dial plan: warned, and UM Routing claims nothing for it") {
    CHECK(Load(R"({"format": "kst-topology/1",
  "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2019"}, {"fqdn": "ex2.contoso.com", "version": "2016"}],
    "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com", "ex2.contoso.com"]},
                      {"name": "PBX", "uri_type": "TelExtn", "servers": ["ex1.contoso.com"]}]}})") ==
          std::string("topology.json:3:82: warning[exchange-2019-no-um]: Exchange 2019 server ex1.contoso.com has "
                      "no Unified Messaging, yet it is listed as a server of SipName dial plan \"Contoso SIP\"; UM "
                      "Routing adds no Known Servers Table entry for it"));
    CHECK(ok_);
    REQUIRE(topology_.dial_plans.size() == 2);
    CHECK(topology_.dial_plans[0].servers.size() == 2);  // kept as written; the claims skip it
  }

  SUBCASE("every Exchange version of the model loads") {
    for (const ExchangeVersionInfo& version : ModelCatalog::Embedded().exchange_versions()) {
      Topology topology;
      Diagnostics diagnostics;
      VirtualFileReader files;
      files.Add(kPath,
                R"({"format": "kst-topology/1", "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": ")" +
                    version.name + "\"}]}}");
      CHECK(LoadTopologyFile(kPath, &files, ModelCatalog::Embedded(), &topology, &diagnostics));
      CHECK(diagnostics.all().empty());
    }
  }

  SUBCASE("an unreadable file is an error without a position") {
    CHECK_FALSE(LoadTopologyFile("missing.json", &files_, ModelCatalog::Embedded(), &topology_, &diagnostics_));
    REQUIRE(diagnostics_.all().size() == 1);
    CHECK(diagnostics_.all()[0].ToString() ==
          "missing.json: error[unreadable-file]: cannot read file: No such file or directory");
  }
}

}  // namespace
}  // namespace kst

namespace kst {
namespace {

/// `utf8` (ASCII here) as UTF-16 with a byte-order mark, as Windows PowerShell 5.1 writes it.
std::string Utf16WithBom(const std::string& utf8, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (const char c : utf8) {
    out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
  }
  return out;
}

TEST_CASE_FIXTURE(TopologyLoaderTest, "a topology saved as UTF-16 by Windows PowerShell loads, lines kept") {
  auto load = [](const std::string& bytes, Topology* topology) {
    VirtualFileReader files;
    Diagnostics diagnostics;
    files.Add(kPath, bytes);
    const bool ok = LoadTopologyFile(kPath, &files, ModelCatalog::Embedded(), topology, &diagnostics);
    CHECK(diagnostics.all().empty());
    return ok;
  };
  Topology utf8;
  REQUIRE(load(kExample, &utf8));
  for (const bool little_endian : {true, false}) {
    CAPTURE(little_endian);
    Topology utf16;
    REQUIRE(load(Utf16WithBom(kExample, little_endian), &utf16));
    REQUIRE(utf16.pools.size() == 1);
    CHECK(utf16.pools[0].fqdn.location.line == utf8.pools[0].fqdn.location.line);
    CHECK(utf16.pools[0].fqdn.location.line > 1);
    CHECK(utf16.trusted_application_pools.size() == 1);
  }
  SUBCASE("an odd number of bytes after the BOM is an encoding error where the odd byte is") {
    std::string odd = Utf16WithBom(kExample, true) + "x";
    const std::string printed = Load(odd);
    CHECK_FALSE(ok_);
    const int last_line = static_cast<int>(std::count(kExample, kExample + std::strlen(kExample), '\n')) + 1;
    CHECK(printed.find("topology.json:" + std::to_string(last_line) + ":") == 0);
    CHECK(printed.find("error[text-encoding]: not UTF-16 text") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst

namespace kst {
namespace {

TEST_CASE_FIXTURE(TopologyLoaderTest, "owa_im survives writing the topology out and reading it back") {
  AssertLoad(R"({"format": "kst-topology/1", "exchange": {"servers": [
    {"fqdn": "ex1.contoso.com", "version": "2013", "owa_im": true}, {"fqdn": "ex2.contoso.com"}]}})");
  REQUIRE(topology_.exchange_servers.size() == 2);
  CHECK(topology_.exchange_servers[0].owa_im);
  CHECK(topology_.exchange_servers[0].owa_im_location.line == 2);
  CHECK_FALSE(topology_.exchange_servers[1].owa_im);
  const std::string written = TopologyToJson(topology_, "round trip").dump(2);
  topology_ = Topology{};
  diagnostics_ = Diagnostics{};
  AssertLoad(written);
  REQUIRE(topology_.exchange_servers.size() == 2);
  CHECK(topology_.exchange_servers[0].owa_im);
  CHECK_FALSE(topology_.exchange_servers[1].owa_im);
}

}  // namespace
}  // namespace kst
