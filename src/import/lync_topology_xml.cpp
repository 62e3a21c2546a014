#include "import/lync_topology_xml.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "base/interrupt.h"

namespace kst {
namespace {

constexpr std::string_view kTopologyNamespace = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
constexpr std::string_view kBuilderNamespace = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008";

using Names = std::vector<std::string_view>;

bool In(const Names& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// Walks one format's elements, reporting every child element or attribute
/// outside the documented shape. `affects_verdict` is set for containers that
/// hold clusters or services: something unknown there could be a pool.
class ShapeChecker {
 public:
  ShapeChecker(const XmlDocument& document, FileImportReport* report, Diagnostics* diagnostics)
      : document_(document), report_(report), diagnostics_(diagnostics) {}

  void Attributes(pugi::xml_node node, const Names& known) {
    for (pugi::xml_attribute attribute : node.attributes()) {
      std::string_view name = attribute.name();
      if (name == "xmlns" || name.substr(0, 6) == "xmlns:" || In(known, name)) continue;
      report_->Unrecognized(document_.LocationOf(node), document_.ElementPath(node) + "/@" + std::string(name),
                            "attribute not in the documented " + std::string(LocalName(node)) + " element; ignored",
                            false, diagnostics_);
    }
  }

  /// The first child element named `local_name`, the one kst reads. A
  /// second one is not read, so it is reported (it could hold what the first
  /// lacks: a second NewTopology, Clusters or Machines).
  pugi::xml_node Single(pugi::xml_node parent, std::string_view local_name, bool affects_verdict) {
    pugi::xml_node first;
    for (pugi::xml_node child : parent.children()) {
      if (child.type() != pugi::node_element || LocalName(child) != local_name) continue;
      if (!first) {
        first = child;
        continue;
      }
      report_->Unrecognized(document_.LocationOf(child), document_.ElementPath(child),
                            "a second <" + std::string(local_name) + "> in <" + std::string(LocalName(parent)) +
                                ">, which has one: kst reads the first only; this one is ignored",
                            affects_verdict, diagnostics_);
    }
    return first;
  }

  /// Reports a container the topology cannot lack: without it kst sees no pool.
  void Missing(pugi::xml_node parent, std::string_view local_name, const std::string& why) {
    report_->Unrecognized(document_.LocationOf(parent), document_.ElementPath(parent) + "/" + std::string(local_name),
                          "<" + std::string(LocalName(parent)) + "> has no <" + std::string(local_name) + ">: " + why,
                          true, diagnostics_);
  }

  /// Reports child elements not in `known`; returns nothing, callers pick
  /// the children they read with Single / ElementsNamed.
  void Children(pugi::xml_node node, const Names& known, bool affects_verdict) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element || In(known, LocalName(child))) continue;
      report_->Unrecognized(document_.LocationOf(child), document_.ElementPath(child),
                            "element not in the documented topology shape; ignored" +
                                std::string(affects_verdict ? ": it could hold a pool kst does not see" : ""),
                            affects_verdict, diagnostics_);
    }
  }

 private:
  const XmlDocument& document_;
  FileImportReport* report_;
  Diagnostics* diagnostics_;
};

std::vector<pugi::xml_node> ElementsNamed(pugi::xml_node parent, std::string_view local_name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : parent.children())
    if (child.type() == pugi::node_element && LocalName(child) == local_name) out.push_back(child);
  return out;
}

std::string ClusterKey(pugi::xml_node cluster_id) {
  return "site " + std::string(cluster_id.attribute("SiteId").value()) + " cluster " +
         cluster_id.attribute("Number").value();
}

std::string ServiceKey(pugi::xml_node service_id) {
  return std::string(service_id.attribute("SiteId").value()) + "-" + service_id.attribute("RoleName").value() + "-" +
         service_id.attribute("Instance").value();
}

XmlCluster NewCluster(const XmlDocument& document, pugi::xml_node node, std::string key) {
  XmlCluster cluster;
  cluster.key = std::move(key);
  cluster.fqdn = node.attribute("Fqdn").value();
  cluster.location = document.LocationOf(node);
  cluster.element_path = document.ElementPath(node);
  return cluster;
}

XmlService NewService(const XmlDocument& document, pugi::xml_node node, std::string key, std::string role_name) {
  XmlService service;
  service.key = std::move(key);
  service.role_name = std::move(role_name);
  service.service_version = node.attribute("ServiceVersion").value();
  service.location = document.LocationOf(node);
  service.element_path = document.ElementPath(node);
  return service;
}

bool IsDirector(pugi::xml_node registrar_service) {
  return registrar_service && std::string_view(registrar_service.attribute("IsDirector").value()) == "true";
}

// Service children: identity, wiring, ports, and the role-specific settings
// element (`<XService xmlns="...ServiceRoles.2008">`), which kst does not need
// except RegistrarService's IsDirector.
const Names kServiceChildren = {"ServiceId",
                                "DependsOn",
                                "InstalledOn",
                                "Ports",
                                "RegistrarService",
                                "FileStoreService",
                                "WebService",
                                "ConfService",
                                "ApplicationServerService",
                                "CentralMgmtService",
                                "PstnGatewayService",
                                "WacService"};

class PublishedReader {
 public:
  PublishedReader(const XmlDocument& document, LyncXmlTopology* out, FileImportReport* report, Diagnostics* diagnostics)
      : document_(document), out_(out), diagnostics_(diagnostics), shape_(document, report, diagnostics) {}

  void Read(pugi::xml_node root) {
    shape_.Attributes(root, {"Signature"});
    shape_.Children(root, {"InternalDomains", "Sites", "Clusters", "SqlInstances", "Services"}, true);
    // Branch sites (BranchSite) hold Survivable Branch Appliances, registrars
    // whose XML shape no source shows: their presence is a verdict risk.
    shape_.Children(shape_.Single(root, "Sites", true), {"CentralSite"}, true);
    pugi::xml_node clusters = shape_.Single(root, "Clusters", true);
    if (!clusters) shape_.Missing(root, "Clusters", "a published topology lists its clusters there; kst sees no pool");
    shape_.Children(clusters, {"Cluster"}, true);
    std::vector<pugi::xml_node> cluster_nodes = ElementsNamed(clusters, "Cluster");
    for (pugi::xml_node cluster : cluster_nodes) {
      if (Stop(cluster)) return;
      ReadCluster(cluster);
    }
    pugi::xml_node services = shape_.Single(root, "Services", true);
    if (!services && !cluster_nodes.empty())
      shape_.Missing(root, "Services", "the roles of its clusters are unknown, so none enters a KST");
    shape_.Children(services, {"Service"}, true);
    for (pugi::xml_node service : ElementsNamed(services, "Service")) {
      if (Stop(service)) return;
      ReadService(service);
    }
  }

 private:
  void ReadCluster(pugi::xml_node node) {
    shape_.Attributes(node, {"Fqdn", "RequiresReplication", "RequiresSetup"});
    shape_.Children(node, {"ClusterId", "Machine"}, false);
    XmlCluster cluster = NewCluster(document_, node, ClusterKey(shape_.Single(node, "ClusterId", true)));
    for (pugi::xml_node machine : ElementsNamed(node, "Machine")) {
      shape_.Attributes(machine, {"Fqdn", "OrdinalInCluster", "FaultDomain", "UpgradeDomain"});
      shape_.Children(machine, {"NetInterface"}, false);
      cluster.machines.push_back({machine.attribute("Fqdn").value(), document_.LocationOf(machine)});
    }
    out_->clusters.push_back(std::move(cluster));
  }

  void ReadService(pugi::xml_node node) {
    shape_.Attributes(node, {"RoleVersion", "ServiceVersion", "Type"});
    shape_.Children(node, kServiceChildren, false);
    pugi::xml_node id = shape_.Single(node, "ServiceId", true);
    XmlService service = NewService(document_, node, ServiceKey(id), id.attribute("RoleName").value());
    pugi::xml_node installed = shape_.Single(node, "InstalledOn", true);
    pugi::xml_node cluster_id = shape_.Single(installed, "ClusterId", true);
    if (!cluster_id) cluster_id = shape_.Single(shape_.Single(installed, "SqlInstanceId", true), "ClusterId", true);
    if (cluster_id) service.installed_on = ClusterKey(cluster_id);
    service.is_director = IsDirector(shape_.Single(node, "RegistrarService", true));
    for (pugi::xml_node dependency : ElementsNamed(shape_.Single(node, "DependsOn", false), "Dependency"))
      service.depends_on.push_back(ServiceKey(ChildNamed(dependency, "ServiceId")));
    out_->services.push_back(std::move(service));
  }

  /// Ctrl-C, heard between clusters and services: the load stops with an "interrupted" error.
  bool Stop(pugi::xml_node node) { return StopForInterrupt(document_.LocationOf(node), diagnostics_); }

  const XmlDocument& document_;
  LyncXmlTopology* out_;
  Diagnostics* diagnostics_;
  ShapeChecker shape_;
};

class TopologyBuilderReader {
 public:
  TopologyBuilderReader(const XmlDocument& document, LyncXmlTopology* out, FileImportReport* report,
                        Diagnostics* diagnostics)
      : document_(document),
        out_(out),
        report_(report),
        diagnostics_(diagnostics),
        shape_(document, report, diagnostics) {}

  void Read(pugi::xml_node root) {
    shape_.Attributes(root, {"FileName", "IsFreeFromChanges"});
    // OldTopology would be the published copy Topology Builder keeps beside
    // the edited one; kst checks what is about to be published.
    shape_.Children(root, {"NewTopology", "OldTopology"}, true);
    for (pugi::xml_node old : ElementsNamed(root, "OldTopology")) {
      report_->Unrecognized(document_.LocationOf(old), document_.ElementPath(old),
                            "the previously published topology is not read; kst checks NewTopology", false,
                            diagnostics_);
    }
    // What kst checks is NewTopology/PartialTopology/CentralSites: a file
    // without one of them (an empty <NewTopology />, only an OldTopology) is
    // not a topology kst read, and a second NewTopology is one it did not.
    pugi::xml_node topology = shape_.Single(root, "NewTopology", true);
    if (!topology) {
      shape_.Missing(root, "NewTopology", "the topology about to be published is not in this file; kst read no pool");
      return;
    }
    shape_.Attributes(topology, {});
    shape_.Children(topology, {"PartialTopology"}, true);
    pugi::xml_node partial = shape_.Single(topology, "PartialTopology", true);
    if (!partial) {
      shape_.Missing(topology, "PartialTopology", "Topology Builder keeps the topology there; kst read no pool");
      return;
    }
    shape_.Attributes(partial, {"IsPublished", "Signature"});
    shape_.Children(partial, {"InternalDomains", "SimpleUrlConfiguration", "CentralSites", "Services"}, true);
    pugi::xml_node sites = shape_.Single(partial, "CentralSites", true);
    if (!sites) shape_.Missing(partial, "CentralSites", "the clusters live in its sites; kst read no pool");
    shape_.Children(sites, {"CentralSite"}, true);
    for (pugi::xml_node site : ElementsNamed(sites, "CentralSite")) ReadSite(site);
    pugi::xml_node services = shape_.Single(partial, "Services", true);
    if (!services && !out_->clusters.empty())
      shape_.Missing(partial, "Services", "the roles of its clusters are unknown, so none enters a KST");
    shape_.Children(services, {"Service"}, true);
    for (pugi::xml_node service : ElementsNamed(services, "Service")) {
      if (Stop(service)) return;
      ReadService(service);
    }
  }

 private:
  void ReadSite(pugi::xml_node site) {
    shape_.Attributes(site, {"SiteId"});
    shape_.Children(site, {"Name", "Location", "Clusters", "RemoteSites"}, true);
    // Branch sites hold Survivable Branch Appliances, which are registrars:
    // their shape is not documented, so their presence is a verdict risk.
    pugi::xml_node remote = shape_.Single(site, "RemoteSites", true);
    for (pugi::xml_node branch : remote.children()) {
      if (branch.type() != pugi::node_element) continue;
      report_->Unrecognized(document_.LocationOf(branch), document_.ElementPath(branch),
                            "branch sites are not read (their shape is undocumented); a Survivable Branch "
                            "Appliance there would hold a KST kst does not see",
                            true, diagnostics_);
    }
    pugi::xml_node clusters = shape_.Single(site, "Clusters", true);
    shape_.Children(clusters, {"Cluster"}, true);
    for (pugi::xml_node cluster : ElementsNamed(clusters, "Cluster")) {
      if (Stop(cluster)) return;
      ReadCluster(cluster);
    }
  }

  void ReadCluster(pugi::xml_node node) {
    shape_.Attributes(node, {"IsSingleMachineOnly", "UniqueId", "RequiresReplication", "RequiresSetup", "Fqdn"});
    shape_.Children(node, {"Machines", "SqlInstances"}, false);
    XmlCluster cluster = NewCluster(document_, node, node.attribute("UniqueId").value());
    cluster.single_machine_only = std::string_view(node.attribute("IsSingleMachineOnly").value()) == "true";
    pugi::xml_node machines = shape_.Single(node, "Machines", true);
    shape_.Children(machines, {"Machine"}, false);
    for (pugi::xml_node machine : ElementsNamed(machines, "Machine")) {
      shape_.Attributes(machine, {"Fqdn", "FaultDomain", "UpgradeDomain"});
      shape_.Children(machine, {"NetInterface"}, false);
      cluster.machines.push_back({machine.attribute("Fqdn").value(), document_.LocationOf(machine)});
    }
    // Store services are installed on a SQL instance of the cluster.
    for (pugi::xml_node instance : ElementsNamed(shape_.Single(node, "SqlInstances", true), "SqlInstance"))
      sql_instance_cluster_[instance.attribute("UniqueId").value()] = cluster.key;
    out_->clusters.push_back(std::move(cluster));
  }

  void ReadService(pugi::xml_node node) {
    shape_.Attributes(node, {"UniqueId", "RoleName", "RoleVersion", "InstalledOn", "ServiceVersion", "Type"});
    shape_.Children(node, kServiceChildren, false);
    XmlService service =
        NewService(document_, node, node.attribute("UniqueId").value(), node.attribute("RoleName").value());
    std::string installed_on = node.attribute("InstalledOn").value();
    auto sql = sql_instance_cluster_.find(installed_on);
    service.installed_on = sql != sql_instance_cluster_.end() ? sql->second : installed_on;
    service.is_director = IsDirector(shape_.Single(node, "RegistrarService", true));
    for (pugi::xml_node dependency : ElementsNamed(shape_.Single(node, "DependsOn", false), "Dependency"))
      service.depends_on.push_back(dependency.attribute("ServiceUniqueId").value());
    out_->services.push_back(std::move(service));
  }

  /// Ctrl-C, heard between clusters and services: the load stops with an "interrupted" error.
  bool Stop(pugi::xml_node node) { return StopForInterrupt(document_.LocationOf(node), diagnostics_); }

  const XmlDocument& document_;
  LyncXmlTopology* out_;
  FileImportReport* report_;
  Diagnostics* diagnostics_;
  ShapeChecker shape_;
  std::unordered_map<std::string, std::string> sql_instance_cluster_;
};

}  // namespace

const char* LyncXmlFormatName(LyncXmlFormat format) {
  switch (format) {
    case LyncXmlFormat::kPublishedTopology:
      return "lync-published-topology-xml";
    case LyncXmlFormat::kTopologyBuilder:
      return "lync-topology-builder-tbxml";
    case LyncXmlFormat::kNotLyncTopology:
      break;
  }
  return "unknown";
}

LyncXmlFormat DetectLyncXmlFormat(const XmlDocument& document) {
  pugi::xml_node root = document.root();
  if (LocalName(root) == "Topology" && NamespaceOf(root) == kTopologyNamespace)
    return LyncXmlFormat::kPublishedTopology;
  if (LocalName(root) == "TopologyBuilder" && NamespaceOf(root) == kBuilderNamespace)
    return LyncXmlFormat::kTopologyBuilder;
  return LyncXmlFormat::kNotLyncTopology;
}

bool ReadLyncTopologyXml(const XmlDocument& document, LyncXmlTopology* out, FileImportReport* report,
                         Diagnostics* diagnostics) {
  out->format = DetectLyncXmlFormat(document);
  report->format = LyncXmlFormatName(out->format);
  switch (out->format) {
    case LyncXmlFormat::kPublishedTopology:
      PublishedReader(document, out, report, diagnostics).Read(document.root());
      return !InterruptRequested();
    case LyncXmlFormat::kTopologyBuilder:
      TopologyBuilderReader(document, out, report, diagnostics).Read(document.root());
      return !InterruptRequested();
    case LyncXmlFormat::kNotLyncTopology:
      break;
  }
  report->failed = true;
  diagnostics->Error("import-unknown-format", document.LocationOf(document.root()), "",
                     "root element <" + std::string(LocalName(document.root())) + "> in namespace \"" +
                         NamespaceOf(document.root()) +
                         "\" is neither a published Lync topology nor a Topology Builder file");
  return false;
}

}  // namespace kst
