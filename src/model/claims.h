#pragma once
// Who puts which FQDN into a Known Servers Table, with which version: the
// Topology producer (pools, their computers, trusted application pools) and
// Exchange UM Routing (servers of SipName dial plans, always version 0).

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// Who claims an FQDN in the table, with which version, and where it was written.
struct ClaimRef {
  std::string producer;
  int version = 0;
  std::string what;
  Location location;
};

enum class Producer { kTopology, kUmRouting };
const char* ProducerName(Producer producer);

/// One producer's claim on one FQDN. `what` says which definition made it.
struct Claim {
  Producer producer = Producer::kTopology;
  int version = 0;
  std::string what;
  Location location;
};

/// A server that runs the SIP stack and so keeps a KST.
struct KstServer {
  std::string fqdn;
  std::string role;
  std::string pool;
  bool runs_um_routing = false;
  bool hosts_registrar = false;
};

/// Why an FQDN must be in some tables: Exchange UM needs SipName hosts on the
/// servers that run UM Routing; OWA IM and other trusted applications need
/// their computers on the registrar servers.
struct Requirement {
  bool um_host = false;
  bool trusted_application = false;
  std::string why;
};

struct ClaimIndex {
  std::map<std::string, std::vector<Claim>> topology;
  std::map<std::string, std::vector<Claim>> um_routing;
  std::vector<KstServer> servers;
  std::map<std::string, Requirement> required;

  /// Sorted distinct versions the Topology producer claims for `fqdn`.
  std::vector<int> TopologyVersions(const std::string& fqdn) const;
  bool UmRoutingClaims(const std::string& fqdn) const { return um_routing.count(fqdn) > 0; }
  /// Every FQDN any producer claims or any requirement names, sorted.
  std::set<std::string> AllFqdns() const;
};

/// Whether an Exchange server of version `version` (a model
/// exchange_versions name) can host Unified Messaging: false for the versions
/// the model says have none (2019, SE), true for the others and for a version
/// that is not known ("" : an import could not tell), which are not known not
/// to. The one rule both the importers and the kst-topology/1 loader apply.
bool ExchangeVersionHostsUm(const ModelCatalog& model, std::string_view version);

/// The same for the Exchange server `fqdn` of `topology` (true when it is not
/// listed there). UM Routing adds no KST entry for a server that has no UM,
/// whatever dial plan lists it, and nothing needs it in a table for UM.
bool ExchangeServerHostsUm(const ExchangeServerLookup& servers, const ModelCatalog& model, std::string_view fqdn);
/// The same for a server already found: null (not listed) counts as hosting UM.
bool ExchangeServerHostsUm(const ExchangeServer* server, const ModelCatalog& model);

/// The Exchange servers the input says serve OWA IM on their own (an "owa_im"
/// field, or a certificate assigned to OWAIM), each with why, in the order of
/// exchange.servers. A computer of a trusted application pool serves OWA IM
/// through the pool; these keep serving it when the pool goes (seed 004,
/// option 1: UM Routing's version-0 entry then carries it). Linear in the input.
/// `wanted`, when given, keeps the servers it accepts only (asked before
/// anything is built for a server: a focused impact graph asks about one).
std::vector<std::pair<std::string, std::string>> OwaImServers(
    const Topology& topology, const std::function<bool(const std::string&)>& wanted = {});

ClaimIndex CollectClaims(const Topology& topology, const ModelCatalog& model);
/// The servers that keep a table (ClaimIndex::servers) alone, sorted by FQDN.
std::vector<KstServer> CollectKstServers(const Topology& topology, const ModelCatalog& model);
/// The claims on `fqdn` alone (topology and um_routing; no servers, no
/// requirements), as CollectClaims makes them: one pass, nothing else kept.
ClaimIndex CollectClaimsOn(const Topology& topology, const ModelCatalog& model, const std::string& fqdn);

/// "2 of 2 FrontEnd servers, 1 of 1 Edge servers": the affected servers by
/// role among `all`; servers that keep no table are named one by one.
std::string SummarizeServers(const std::vector<std::string>& affected, const std::vector<KstServer>& all);

/// True when `server` needs `requirement`'s FQDN in its table (assumption needed-by).
bool ServerNeeds(const KstServer& server, const Requirement& requirement);

}  // namespace kst
