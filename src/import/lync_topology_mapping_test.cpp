// Given a cluster and its services in either XML shape, we should get the
// kst pool the model's topology_xml_roles table says, with its version,
// computers and registrar, and a verdict-blocking note for what is unknown.

#include "import/lync_topology_mapping.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace kst {
namespace {

struct Imported {
  Topology topology;
  FileImportReport report;
  Diagnostics diagnostics;
};

// A published topology of one cluster (machines as given) and its services.
Imported ImportPublished(const std::string& machines, const std::string& services) {
  std::string xml =
      "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\"><Clusters>"
      "<Cluster Fqdn=\"pool.contoso.com\"><ClusterId SiteId=\"1\" Number=\"1\"/>" +
      machines + "</Cluster></Clusters><Services>" + services + "</Services></Topology>";
  Imported out;
  XmlDocument document;
  REQUIRE(document.Parse("t.xml", xml, &out.diagnostics));
  LyncXmlTopology clusters;
  REQUIRE(ReadLyncTopologyXml(document, &clusters, &out.report, &out.diagnostics));
  MapLyncTopology(clusters, ModelCatalog::Embedded(), &out.topology, &out.report, &out.diagnostics);
  return out;
}

std::string Service(const std::string& role, const std::string& version, const std::string& extra = "") {
  return "<Service ServiceVersion=\"" + version + "\"><ServiceId SiteId=\"1\" RoleName=\"" + role +
         "\" Instance=\"1\"/><InstalledOn><ClusterId SiteId=\"1\" Number=\"1\"/></InstalledOn>" + extra + "</Service>";
}

const std::string kTwoMachines = "<Machine Fqdn=\"fe1.contoso.com\"/><Machine Fqdn=\"fe2.contoso.com\"/>";
const std::string kSelf = "<Machine Fqdn=\"pool.contoso.com\"/>";

TEST_CASE("registrar pools: Front End, Standard Edition, Director") {
  SUBCASE("two machines: an Enterprise Edition Front End pool") {
    Imported in = ImportPublished(kTwoMachines, Service("Registrar", "6") + Service("UserServices", "6"));
    REQUIRE(in.topology.pools.size() == 1);
    const LyncPool& pool = in.topology.pools[0];
    CHECK(pool.role == "FrontEnd");
    CHECK(pool.version == 6);
    CHECK(pool.computers.size() == 2);
    CHECK(pool.fqdn.location.ToString() == "t.xml:1:86");
    CHECK(in.report.status() == ImportStatus::kPassed);
  }
  SUBCASE("one machine named like the pool: Standard Edition, no separate computers") {
    Imported in = ImportPublished(kSelf, Service("Registrar", "5"));
    REQUIRE(in.topology.pools.size() == 1);
    CHECK(in.topology.pools[0].role == "StandardEdition");
    CHECK(in.topology.pools[0].computers.empty());
  }
  SUBCASE("IsDirector makes a Director") {
    std::string director =
        "<RegistrarService xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008\" "
        "IsDirector=\"true\"/>";
    Imported in = ImportPublished(kTwoMachines, Service("Registrar", "6", director));
    REQUIRE(in.topology.pools.size() == 1);
    CHECK(in.topology.pools[0].role == "Director");
  }
  SUBCASE("a collocated Mediation service leaves a Front End pool a Front End pool") {
    Imported in = ImportPublished(kTwoMachines, Service("MediationServer", "6") + Service("Registrar", "6"));
    REQUIRE(in.topology.pools.size() == 1);
    CHECK(in.topology.pools[0].role == "FrontEnd");
  }
}

TEST_CASE("trusted application pools and other clusters") {
  SUBCASE("an ExternalServer service makes a trusted application pool of the cluster's machines") {
    Imported in = ImportPublished(kTwoMachines, Service("ExternalServer", "6"));
    REQUIRE(in.topology.trusted_application_pools.size() == 1);
    const TrustedApplicationPool& tap = in.topology.trusted_application_pools[0];
    CHECK(tap.version == 6);
    CHECK(tap.computers.size() == 2);
    CHECK(tap.registrar.name.empty());  // no Registrar dependency: reported, not fatal
    CHECK(in.report.status() == ImportStatus::kPartiallyUnrecognized);
    CHECK_FALSE(in.report.notes.at(0).affects_verdict);
  }
  SUBCASE("a machine listed twice is one computer, and said (as in kst-topology/1)") {
    Imported in = ImportPublished(kTwoMachines + "<Machine Fqdn=\"FE1.contoso.com\"/>", Service("ExternalServer", "6"));
    REQUIRE(in.topology.trusted_application_pools.size() == 1);
    CHECK(in.topology.trusted_application_pools[0].computers.size() == 2);
    const std::vector<Diagnostic>& all = in.diagnostics.all();
    auto duplicate =
        std::find_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.id == "duplicate-entry"; });
    REQUIRE(duplicate != all.end());
    CHECK(duplicate->ToString() ==
          "t.xml:1:219: warning[duplicate-entry]: machine fe1.contoso.com is listed twice in "
          "cluster pool.contoso.com; it is one server (/Topology/Clusters/Cluster/Machine)");
  }
  SUBCASE("stores and the file share are listed, with no KST entry") {
    Imported in = ImportPublished(kSelf, Service("FileStore", "7") + Service("UserStore", "7"));
    CHECK(in.topology.pools.empty());
    REQUIRE(in.topology.other_clusters.size() == 1);
    CHECK(in.topology.other_clusters[0].roles == std::vector<std::string>{"FileStore", "UserStore"});
  }
}

TEST_CASE("what the mapping does not understand blocks a pass") {
  SUBCASE("an unknown RoleName") {
    Imported in = ImportPublished(kTwoMachines, Service("VideoInteropServer", "6"));
    REQUIRE(in.report.notes.size() == 1);
    CHECK(in.report.notes[0].affects_verdict);
    CHECK(in.report.notes[0].element_path == "/Topology/Services/Service/@RoleName");
    CHECK(in.diagnostics.all().back().id == kImportUnrecognizedId);
    CHECK(in.diagnostics.all().back().severity == Severity::kWarning);
  }
  SUBCASE("a ServiceVersion that is no number leaves the cluster out") {
    Imported in = ImportPublished(kTwoMachines, Service("Registrar", "6.0"));
    CHECK(in.topology.pools.empty());
    REQUIRE(in.report.notes.size() == 1);
    CHECK(in.report.notes[0].affects_verdict);
  }
  SUBCASE("a version the model does not know is a warning, compared as a number") {
    Imported in = ImportPublished(kTwoMachines, Service("Registrar", "9"));
    REQUIRE(in.topology.pools.size() == 1);
    CHECK(in.diagnostics.all().back().id == "unknown-version");
  }
  SUBCASE("an invalid machine FQDN is an error at its element") {
    Imported in = ImportPublished("<Machine Fqdn=\"$FeName\"/>", Service("Registrar", "6"));
    CHECK(in.diagnostics.has_errors());
    CHECK(in.diagnostics.all().back().message.find("unexpanded PowerShell variable") != std::string::npos);
  }
}

// A Topology Builder file of one Standard Edition server: `before` and
// `after` go around its NewTopology, `inside` replaces the NewTopology.
Imported ImportBuilder(const std::string& before, const std::string& after, const char* inside = nullptr) {
  std::string topology =
      "<NewTopology><PartialTopology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008\">"
      "<CentralSites><CentralSite SiteId=\"1\"><Clusters><Cluster IsSingleMachineOnly=\"true\" UniqueId=\"c1\" "
      "Fqdn=\"se.contoso.com\"><Machines><Machine Fqdn=\"se.contoso.com\"/></Machines></Cluster></Clusters>"
      "</CentralSite></CentralSites><Services><Service UniqueId=\"s1\" RoleName=\"Registrar\" InstalledOn=\"c1\" "
      "ServiceVersion=\"6\"/></Services></PartialTopology></NewTopology>";
  std::string xml = "<TopologyBuilder xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008\">" +
                    before + (inside ? std::string(inside) : topology) + after + "</TopologyBuilder>";
  Imported out;
  XmlDocument document;
  REQUIRE(document.Parse("t.tbxml", xml, &out.diagnostics));
  LyncXmlTopology clusters;
  REQUIRE(ReadLyncTopologyXml(document, &clusters, &out.report, &out.diagnostics));
  MapLyncTopology(clusters, ModelCatalog::Embedded(), &out.topology, &out.report, &out.diagnostics);
  return out;
}

bool Blocks(const Imported& in, const std::string& path, const std::string& comment) {
  return std::any_of(in.report.notes.begin(), in.report.notes.end(), [&](const ImportNote& note) {
    return note.affects_verdict && note.element_path == path && note.comment.find(comment) != std::string::npos;
  });
}

TEST_CASE("a Topology Builder file whose topology kst did not read whole never passes") {
  SUBCASE("the plain file: one Standard Edition server, nothing to say") {
    Imported in = ImportBuilder("", "");
    REQUIRE(in.topology.pools.size() == 1);
    CHECK(in.report.status() == ImportStatus::kPassed);
  }
  SUBCASE("an empty first NewTopology: nothing read from it, and the second one ignored") {
    Imported in = ImportBuilder("<NewTopology/>", "");
    CHECK(in.topology.pools.empty());
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology[1]/PartialTopology", "has no <PartialTopology>"));
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology[2]", "a second <NewTopology>"));
  }
  SUBCASE("only an OldTopology: the published copy is not what kst checks") {
    Imported in = ImportBuilder("", "", "<OldTopology><PartialTopology/></OldTopology>");
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology", "has no <NewTopology>"));
  }
  SUBCASE("a second NewTopology, PartialTopology, Clusters or Machines is not read, and said") {
    CHECK(Blocks(ImportBuilder("", "<NewTopology/>"), "/TopologyBuilder/NewTopology[2]", "a second <NewTopology>"));
    Imported in = ImportBuilder("", "", "<NewTopology><PartialTopology/><PartialTopology/></NewTopology>");
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology/PartialTopology[2]", "a second <PartialTopology>"));
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology/PartialTopology[1]/CentralSites", "has no <CentralSites>"));
  }
  SUBCASE("a published topology: a second Clusters, a missing one, clusters without Services") {
    Imported second = ImportPublished(kTwoMachines, Service("Registrar", "6"));
    CHECK(second.report.status() == ImportStatus::kPassed);
    Diagnostics diagnostics;
    XmlDocument document;
    REQUIRE(document.Parse("t.xml",
                           "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">"
                           "<Clusters><Cluster Fqdn=\"a.contoso.com\"><ClusterId SiteId=\"1\" Number=\"1\"/>"
                           "</Cluster></Clusters><Clusters/></Topology>",
                           &diagnostics));
    LyncXmlTopology clusters;
    FileImportReport report;
    REQUIRE(ReadLyncTopologyXml(document, &clusters, &report, &diagnostics));
    REQUIRE(report.notes.size() == 2);
    CHECK(report.notes[0].element_path == "/Topology/Clusters[2]");
    CHECK(report.notes[1].element_path == "/Topology/Services");
    CHECK(report.notes[1].affects_verdict);
  }
  SUBCASE("two clusters with one key: which one a service is installed on is ambiguous") {
    Imported in = ImportBuilder("", "",
                                "<NewTopology><PartialTopology><CentralSites><CentralSite><Clusters>"
                                "<Cluster UniqueId=\"c1\" Fqdn=\"a.contoso.com\"/>"
                                "<Cluster UniqueId=\"c1\" Fqdn=\"b.contoso.com\"/>"
                                "</Clusters></CentralSite></CentralSites><Services>"
                                "<Service UniqueId=\"s1\" RoleName=\"Registrar\" InstalledOn=\"c1\"/>"
                                "<Service UniqueId=\"s1\" RoleName=\"Registrar\" InstalledOn=\"c1\"/>"
                                "</Services></PartialTopology></NewTopology>");
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology/PartialTopology/CentralSites/CentralSite/Clusters/Cluster[2]",
                 "has the key \"c1\" of the cluster at t.tbxml:1:"));
    CHECK(Blocks(in, "/TopologyBuilder/NewTopology/PartialTopology/Services/Service[2]",
                 "has the key \"s1\" of the service at t.tbxml:1:"));
  }
}

}  // namespace
}  // namespace kst
