#include "model/claims.h"

#include <algorithm>
#include <unordered_set>

namespace kst {

const char* ProducerName(Producer producer) {
  return producer == Producer::kTopology ? "Topology" : "Exchange UM Routing";
}

std::vector<int> ClaimIndex::TopologyVersions(const std::string& fqdn) const {
  std::vector<int> versions;
  auto it = topology.find(fqdn);
  if (it == topology.end()) return versions;
  for (const Claim& claim : it->second) versions.push_back(claim.version);
  std::sort(versions.begin(), versions.end());
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
  return versions;
}

std::set<std::string> ClaimIndex::AllFqdns() const {
  std::set<std::string> all;
  for (const auto& [fqdn, claims] : topology) all.insert(fqdn);
  for (const auto& [fqdn, claims] : um_routing) all.insert(fqdn);
  for (const auto& [fqdn, requirement] : required) all.insert(fqdn);
  return all;
}

bool ServerNeeds(const KstServer& server, const Requirement& requirement) {
  return (requirement.um_host && server.runs_um_routing) || (requirement.trusted_application && server.hosts_registrar);
}

std::string SummarizeServers(const std::vector<std::string>& affected, const std::vector<KstServer>& all) {
  std::map<std::string, std::pair<int, int>> by_role;  // role -> (affected, total)
  for (const KstServer& server : all) {
    auto& counts = by_role[server.role];
    counts.second++;
    if (std::find(affected.begin(), affected.end(), server.fqdn) != affected.end()) counts.first++;
  }
  std::string summary;
  for (const auto& [role, counts] : by_role) {
    if (counts.first == 0) continue;
    summary += (summary.empty() ? "" : ", ") + std::to_string(counts.first) + " of " + std::to_string(counts.second) +
               " " + role + " servers";
  }
  for (const std::string& server : affected) {
    bool listed = std::any_of(all.begin(), all.end(), [&](const KstServer& s) { return s.fqdn == server; });
    if (!listed) summary += (summary.empty() ? "" : ", ") + server;
  }
  return summary;
}

namespace {

/// The servers of `pool` that keep a table, when its role does.
void AddKstServers(const LyncPool& pool, const RoleInfo* role, std::vector<KstServer>* servers) {
  if (!role || !role->holds_kst) return;
  auto add = [&](const NamedAt& computer) {
    servers->push_back({computer.name, pool.role, pool.fqdn.name, role->runs_um_routing, role->hosts_registrar});
  };
  if (pool.computers.empty()) add(pool.fqdn);
  for (const NamedAt& computer : pool.computers) add(computer);
}

void SortServers(std::vector<KstServer>* servers) {
  std::sort(servers->begin(), servers->end(), [](const KstServer& a, const KstServer& b) { return a.fqdn < b.fqdn; });
}

/// `only`: when not null, the one FQDN whose claims are wanted (CollectClaimsOn); nothing else is kept.
bool Wanted(const std::string* only, const std::string& fqdn) {
  return !only || *only == fqdn;
}

void AddTopologyClaim(ClaimIndex* index, const NamedAt& fqdn, int version, const std::string& what,
                      const std::string* only) {
  if (Wanted(only, fqdn.name))
    index->topology[fqdn.name].push_back({Producer::kTopology, version, what, fqdn.location});
}

/// True when `only` asks for none of these names: the item is skipped before
/// any of its descriptions is built (CollectClaimsOn runs once per revision
/// that changes an FQDN, over the whole topology).
bool NoneWanted(const std::string* only, const NamedAt& fqdn, const std::vector<NamedAt>& computers) {
  return only && fqdn.name != *only &&
         std::none_of(computers.begin(), computers.end(), [&](const NamedAt& c) { return c.name == *only; });
}

void CollectPool(const LyncPool& pool, const ModelCatalog& model, ClaimIndex* index, const std::string* only) {
  if (NoneWanted(only, pool.fqdn, pool.computers)) return;
  std::string kind = pool.role + " pool " + pool.fqdn.name;
  AddTopologyClaim(index, pool.fqdn, pool.version, kind, only);
  const RoleInfo* role = model.FindRole(pool.role);
  auto collect = [&](const NamedAt& computer) {
    if (computer.name != pool.fqdn.name) AddTopologyClaim(index, computer, pool.version, "computer of " + kind, only);
  };
  // PoolServers(pool) without its copy: a pool with no computers is its own server.
  if (pool.computers.empty()) collect(pool.fqdn);
  for (const NamedAt& computer : pool.computers) collect(computer);
  if (!only) AddKstServers(pool, role, &index->servers);
}

void CollectTrustedApplicationPool(const TrustedApplicationPool& tap, ClaimIndex* index, const std::string* only) {
  if (NoneWanted(only, tap.fqdn, tap.computers)) return;
  std::string kind = "trusted application pool " + tap.fqdn.name;
  AddTopologyClaim(index, tap.fqdn, tap.version, kind, only);
  for (const NamedAt& computer : tap.computers) {
    if (computer.name != tap.fqdn.name) AddTopologyClaim(index, computer, tap.version, "computer of " + kind, only);
  }
  if (only) return;
  for (const NamedAt& computer : tap.computers) {
    Requirement& need = index->required[computer.name];
    need.trusted_application = true;
    need.why += (need.why.empty() ? "" : " and ") + std::string("OWA IM / the trusted application of ") + kind;
  }
}

void CollectDialPlan(const ExchangeServerLookup& servers, const UmDialPlan& plan, const ModelCatalog& model,
                     ClaimIndex* index, const std::string* only) {
  const UriTypeInfo* uri_type = model.FindUriType(plan.uri_type);
  if (!uri_type || !uri_type->um_routing_adds) return;
  for (const NamedAt& server : plan.servers) {
    if (!Wanted(only, server.name)) continue;
    if (!ExchangeServerHostsUm(servers, model, server.name)) continue;  // the loader warned
    index->um_routing[server.name].push_back({Producer::kUmRouting, 0,
                                              "Exchange server hosting SipName dial plan \"" + plan.name.name + "\"",
                                              server.location});
    if (only) continue;
    Requirement& need = index->required[server.name];
    if (!need.um_host)
      need.why +=
          (need.why.empty() ? "" : " and ") + std::string("Exchange UM (SipName dial plan \"") + plan.name.name + "\")";
    need.um_host = true;
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> OwaImServers(const Topology& topology,
                                                              const std::function<bool(const std::string&)>& wanted) {
  std::unordered_set<std::string> with_certificate;
  for (const Certificate& certificate : topology.certificates)
    if ((!wanted || wanted(certificate.server.name)) && certificate.HasService("OWAIM"))
      with_certificate.insert(certificate.server.name);
  std::vector<std::pair<std::string, std::string>> servers;
  for (const ExchangeServer& server : topology.exchange_servers) {
    const std::string& fqdn = server.fqdn.name;
    if (wanted && !wanted(fqdn)) continue;
    if (server.owa_im)
      servers.emplace_back(fqdn, "Exchange server " + fqdn + " serves it: owa_im");
    else if (with_certificate.count(fqdn))
      servers.emplace_back(fqdn, "Exchange server " + fqdn + " has a certificate for OWAIM");
  }
  return servers;
}

bool ExchangeVersionHostsUm(const ModelCatalog& model, std::string_view version) {
  const ExchangeVersionInfo* info = model.FindExchangeVersion(version);
  return !info || info->hosts_um;
}

bool ExchangeServerHostsUm(const ExchangeServerLookup& servers, const ModelCatalog& model, std::string_view fqdn) {
  return ExchangeServerHostsUm(servers.Find(fqdn), model);
}

bool ExchangeServerHostsUm(const ExchangeServer* server, const ModelCatalog& model) {
  return !server || ExchangeVersionHostsUm(model, server->version);
}

ClaimIndex CollectClaims(const Topology& topology, const ModelCatalog& model) {
  ClaimIndex index;
  for (const LyncPool& pool : topology.pools) CollectPool(pool, model, &index, nullptr);
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools)
    CollectTrustedApplicationPool(tap, &index, nullptr);
  const ExchangeServerLookup servers(topology);
  for (const auto& [server, why] : OwaImServers(topology)) {
    Requirement& need = index.required[server];
    if (need.trusted_application) continue;  // a trusted application pool already names it
    need.trusted_application = true;
    need.why += std::string(need.why.empty() ? "" : " and ") + "OWA IM (" + why + ")";
  }
  for (const UmDialPlan& plan : topology.dial_plans) CollectDialPlan(servers, plan, model, &index, nullptr);
  SortServers(&index.servers);
  return index;
}

std::vector<KstServer> CollectKstServers(const Topology& topology, const ModelCatalog& model) {
  std::vector<KstServer> servers;
  for (const LyncPool& pool : topology.pools) AddKstServers(pool, model.FindRole(pool.role), &servers);
  SortServers(&servers);
  return servers;
}

ClaimIndex CollectClaimsOn(const Topology& topology, const ModelCatalog& model, const std::string& fqdn) {
  ClaimIndex index;
  for (const LyncPool& pool : topology.pools) CollectPool(pool, model, &index, &fqdn);
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools)
    CollectTrustedApplicationPool(tap, &index, &fqdn);
  const ExchangeServerLookup servers(topology, fqdn);
  for (const UmDialPlan& plan : topology.dial_plans) CollectDialPlan(servers, plan, model, &index, &fqdn);
  return index;
}

}  // namespace kst
