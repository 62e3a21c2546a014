#pragma once
// Reads the two XML shapes of a Lync / Skype for Business topology into
// format-neutral clusters and services:
//  - the published topology (`Get-CsTopology -AsXml`, root `Topology`):
//    clusters keyed by (SiteId, Number), `Machine` directly in `Cluster`,
//    services keyed by (SiteId, RoleName, Instance) with `InstalledOn/ClusterId`;
//  - the Topology Builder file (`.tbxml`, root `TopologyBuilder` with
//    `NewTopology/PartialTopology`): clusters nested in sites and keyed by
//    GUID `UniqueId`, machines in a `Machines` wrapper, services with
//    `RoleName` and `InstalledOn` as attributes.
// Everything the reader does not know is reported to the FileImportReport;
// nothing unknown is fatal. lync_topology_mapping.h turns the result into
// kst pools (export-formats.md sections 1.1, 1.2).

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "input/xml_document.h"
#include "model/import_report.h"

namespace kst {

enum class LyncXmlFormat { kNotLyncTopology, kPublishedTopology, kTopologyBuilder };

const char* LyncXmlFormatName(LyncXmlFormat format);  // "lync-published-topology-xml", "lync-topology-builder-tbxml"
LyncXmlFormat DetectLyncXmlFormat(const XmlDocument& document);

struct XmlMachine {
  std::string fqdn;  // as written; empty for `<Machine />` (the cluster's FQDN)
  Location location;
};

struct XmlCluster {
  std::string key;  // "site 1 cluster 3", or the Topology Builder UniqueId
  std::string fqdn;
  Location location;
  std::string element_path;
  bool single_machine_only = false;  // Topology Builder's IsSingleMachineOnly
  std::vector<XmlMachine> machines;
};

struct XmlService {
  std::string key;  // "1-Registrar-1", or the Topology Builder UniqueId
  std::string role_name;
  std::string service_version;  // as written
  Location location;
  std::string element_path;
  std::string installed_on;             // a cluster key ("" when it could not be read)
  bool is_director = false;             // RegistrarService IsDirector="true"
  std::vector<std::string> depends_on;  // service keys
};

struct LyncXmlTopology {
  LyncXmlFormat format = LyncXmlFormat::kNotLyncTopology;
  std::vector<XmlCluster> clusters;
  std::vector<XmlService> services;
};

/// Collects clusters and services from either format. Returns false (and
/// marks the report failed) only when the document is not a Lync topology.
bool ReadLyncTopologyXml(const XmlDocument& document, LyncXmlTopology* out, FileImportReport* report,
                         Diagnostics* diagnostics);

}  // namespace kst
