#include "import/lync_topology_mapping.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/fqdn.h"

namespace kst {
namespace {

class ClusterMapper {
 public:
  ClusterMapper(const LyncXmlTopology& xml, const ModelCatalog& model, Topology* out, FileImportReport* report,
                Diagnostics* diagnostics)
      : xml_(xml), model_(model), out_(out), report_(report), diagnostics_(diagnostics) {}

  void Map() {
    // A key written twice makes "installed on" and "depends on" ambiguous:
    // the first is kept, and the verdict cannot rest on the guess.
    for (const XmlCluster& cluster : xml_.clusters) {
      auto [first, added] = clusters_by_key_.emplace(cluster.key, &cluster);
      if (!added)
        report_->Unrecognized(cluster.location, cluster.element_path,
                              "cluster " + cluster.fqdn + " has the key \"" + cluster.key + "\" of the cluster at " +
                                  first->second->location.ToString() +
                                  ": which of them a service is installed on is ambiguous",
                              true, diagnostics_);
    }
    for (const XmlService& service : xml_.services) {
      auto [first, added] = services_by_key_.emplace(service.key, &service);
      if (!added)
        report_->Unrecognized(service.location, service.element_path,
                              "service " + service.role_name + " has the key \"" + service.key +
                                  "\" of the service at " + first->second->location.ToString() +
                                  ": which of them another service depends on is ambiguous",
                              true, diagnostics_);
      if (clusters_by_key_.count(service.installed_on)) {
        services_on_[service.installed_on].push_back(&service);
      } else {
        report_->Unrecognized(service.location, service.element_path,
                              "service " + service.role_name + " is installed on \"" + service.installed_on +
                                  "\", which is no cluster of this file; ignored",
                              IsKstRole(service.role_name), diagnostics_);
      }
    }
    for (const XmlCluster& cluster : xml_.clusters) MapCluster(cluster);
  }

 private:
  bool IsKstRole(const std::string& role_name) const {
    const TopologyXmlRole* role = model_.FindTopologyXmlRole(role_name);
    return !role || !role->pool_role.empty();
  }

  // The service that gives the cluster its role: the known one with the
  // lowest precedence. Unknown RoleNames are reported here.
  const XmlService* DecidingService(const std::vector<const XmlService*>& services) {
    const XmlService* deciding = nullptr;
    int best = 0;
    for (const XmlService* service : services) {
      const TopologyXmlRole* role = model_.FindTopologyXmlRole(service->role_name);
      if (!role) {
        report_->Unrecognized(service->location, service->element_path + "/@RoleName",
                              "RoleName \"" + service->role_name +
                                  "\" is not in the model's topology_xml_roles: kst cannot tell whether its "
                                  "cluster enters a KST",
                              true, diagnostics_);
        continue;
      }
      if (role->pool_role.empty()) continue;
      if (!deciding || role->precedence < best) {
        deciding = service;
        best = role->precedence;
      }
    }
    return deciding;
  }

  bool ReadVersion(const XmlService& service, int* version) {
    const std::string& text = service.service_version;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *version);
    if (error == std::errc() && end == text.data() + text.size() && *version >= 0) {
      if (!model_.FindVersion(*version))
        diagnostics_->Warning("unknown-version", service.location, service.element_path + "/@ServiceVersion",
                              "ServiceVersion " + text +
                                  " is not a known KST version; it is compared as a plain "
                                  "number");
      return true;
    }
    report_->Unrecognized(service.location, service.element_path + "/@ServiceVersion",
                          "ServiceVersion \"" + text +
                              "\" is not a version number: the KST version of cluster "
                              "entries cannot be known, so the cluster is left out",
                          true, diagnostics_);
    return false;
  }

  bool Fqdn(const std::string& raw, const Location& at, const std::string& element_path, NamedAt* out) {
    std::string why;
    if (NormalizeFqdn(raw, &out->name, &why)) {
      out->location = at;
      return true;
    }
    if (raw.find('$') != std::string::npos)
      why = "it holds an unexpanded PowerShell variable (a script template, not an export)";
    diagnostics_->Error("invalid-fqdn", at, element_path + "/@Fqdn", "invalid FQDN \"" + raw + "\": " + why);
    return false;
  }

  // Machines of a cluster; an empty <Machine /> is the cluster itself. A
  // machine listed twice is one server: kept once and said, as the
  // kst-topology/1 loader does with a list that names an FQDN twice.
  bool Machines(const XmlCluster& cluster, const NamedAt& cluster_fqdn, std::vector<NamedAt>* out) {
    bool ok = true;
    // Views of the names in *out, which is reserved so that they never move.
    out->reserve(out->size() + cluster.machines.size());
    std::unordered_set<std::string_view> listed;
    listed.reserve(out->capacity());
    for (const NamedAt& fqdn : *out) listed.insert(fqdn.name);
    for (const XmlMachine& machine : cluster.machines) {
      NamedAt fqdn{cluster_fqdn.name, machine.location};
      if (!machine.fqdn.empty() && !Fqdn(machine.fqdn, machine.location, cluster.element_path + "/Machine", &fqdn)) {
        ok = false;
        continue;
      }
      if (listed.count(fqdn.name)) {
        diagnostics_->Warning(
            "duplicate-entry", machine.location, cluster.element_path + "/Machine",
            "machine " + fqdn.name + " is listed twice in cluster " + cluster_fqdn.name + "; it is one server");
        continue;
      }
      out->push_back(fqdn);
      listed.insert(out->back().name);
    }
    return ok;
  }

  void MapCluster(const XmlCluster& cluster) {
    NamedAt fqdn;
    std::vector<NamedAt> machines;
    bool ok = Fqdn(cluster.fqdn, cluster.location, cluster.element_path, &fqdn);
    ok &= Machines(cluster, fqdn, &machines);
    if (!ok) return;
    const std::vector<const XmlService*>& services = services_on_[cluster.key];
    const XmlService* deciding = DecidingService(services);
    if (!deciding) {
      AddOtherCluster(fqdn, machines, services);
      return;
    }
    int version = 0;
    if (!ReadVersion(*deciding, &version)) return;
    const std::string& pool_role = model_.FindTopologyXmlRole(deciding->role_name)->pool_role;
    if (pool_role == "trusted_application_pool") {
      AddTrustedApplicationPool(fqdn, machines, version, *deciding);
      return;
    }
    LyncPool pool{fqdn, pool_role, version, deciding->location, {}};
    bool single = cluster.single_machine_only || (machines.size() == 1 && machines[0].name == fqdn.name);
    if (pool_role == "registrar")
      pool.role = deciding->is_director ? "Director" : single ? "StandardEdition" : "FrontEnd";
    // One machine named like its pool is the pool itself (Standard Edition,
    // a PSTN gateway): kst's "no computers" form.
    if (!(machines.size() == 1 && machines[0].name == fqdn.name)) pool.computers = machines;
    out_->pools.push_back(std::move(pool));
    report_->Count("pools");
  }

  void AddTrustedApplicationPool(const NamedAt& fqdn, const std::vector<NamedAt>& machines, int version,
                                 const XmlService& service) {
    TrustedApplicationPool tap{fqdn, version, service.location, {}, machines};
    if (tap.computers.empty()) tap.computers.push_back(fqdn);
    for (const std::string& key : service.depends_on) {
      auto it = services_by_key_.find(key);
      if (it == services_by_key_.end() || it->second->role_name != "Registrar") continue;
      auto cluster = clusters_by_key_.find(it->second->installed_on);
      std::string why;
      if (cluster != clusters_by_key_.end() && NormalizeFqdn(cluster->second->fqdn, &tap.registrar.name, &why))
        tap.registrar.location = service.location;
    }
    if (tap.registrar.name.empty())
      report_->Unrecognized(service.location, service.element_path + "/DependsOn",
                            "trusted application pool " + fqdn.name +
                                " depends on no Registrar service: its "
                                "registrar is unknown (it does not change the KST)",
                            false, diagnostics_);
    out_->trusted_application_pools.push_back(std::move(tap));
    report_->Count("trusted application pools");
  }

  void AddOtherCluster(const NamedAt& fqdn, const std::vector<NamedAt>& machines,
                       const std::vector<const XmlService*>& services) {
    OtherCluster other{fqdn, {}, {}};
    if (!(machines.size() == 1 && machines[0].name == fqdn.name)) other.computers = machines;
    for (const XmlService* service : services) other.roles.push_back(service->role_name);
    out_->other_clusters.push_back(std::move(other));
    report_->Count("other clusters (no KST entry)");
  }

  const LyncXmlTopology& xml_;
  const ModelCatalog& model_;
  Topology* out_;
  FileImportReport* report_;
  Diagnostics* diagnostics_;
  // Looked up, never walked: hashed.
  std::unordered_map<std::string, const XmlCluster*> clusters_by_key_;
  std::unordered_map<std::string, const XmlService*> services_by_key_;
  std::unordered_map<std::string, std::vector<const XmlService*>> services_on_;
};

}  // namespace

void MapLyncTopology(const LyncXmlTopology& xml, const ModelCatalog& model, Topology* out, FileImportReport* report,
                     Diagnostics* diagnostics) {
  ClusterMapper(xml, model, out, report, diagnostics).Map();
}

}  // namespace kst
