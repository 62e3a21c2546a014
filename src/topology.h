#pragma once
// The topology kst reasons about: Lync pools and trusted application pools
// (the Topology producer of KST entries) and Exchange servers with their UM
// dial plans (the UM Routing producer). Every item keeps where it was defined.

#include <string>
#include <vector>

#include "location.h"

namespace kst {

/// A name with the place it was written, FQDNs already normalised.
struct NamedAt {
  std::string name;
  Location location;
  bool operator==(const NamedAt& other) const { return name == other.name; }
};

struct LyncPool {
  NamedAt fqdn;
  std::string role;  // a role of model/kst-model.json
  int version = 0;
  Location version_location;
  std::vector<NamedAt> computers;  // empty: the pool FQDN is its only server
};

struct TrustedApplicationPool {
  NamedAt fqdn;
  int version = 0;
  Location version_location;
  NamedAt registrar;
  std::vector<NamedAt> computers;
};

struct ExchangeServer {
  NamedAt fqdn;
  std::string version;  // product as written, e.g. "2013"
};

struct UmDialPlan {
  NamedAt name;  // dial plan names are compared as written
  std::string uri_type;  // SipName, TelExtn or E164
  Location uri_type_location;
  std::vector<NamedAt> servers;
};

/// A cluster of an imported topology that adds no KST entry (SQL stores, the
/// file store, Office Web Apps, ...; model "topology_xml_roles"): listed so an
/// administrator sees that kst read it and what it decided.
struct OtherCluster {
  NamedAt fqdn;
  std::vector<std::string> roles;  // RoleNames of the services installed on it
  std::vector<NamedAt> computers;
};

struct Topology {
  std::string file;  // where it was loaded from ("" when built in memory)
  std::vector<LyncPool> pools;
  std::vector<TrustedApplicationPool> trusted_application_pools;
  std::vector<ExchangeServer> exchange_servers;
  std::vector<UmDialPlan> dial_plans;
  std::vector<OtherCluster> other_clusters;

  const LyncPool* FindPool(const std::string& fqdn) const;
  LyncPool* FindPool(const std::string& fqdn);
  const TrustedApplicationPool* FindTrustedApplicationPool(const std::string& fqdn) const;
  const ExchangeServer* FindExchangeServer(const std::string& fqdn) const;
  const UmDialPlan* FindDialPlan(const std::string& name) const;
};

/// The servers that run a pool: its computers, or the pool FQDN itself.
std::vector<NamedAt> PoolServers(const LyncPool& pool);

}  // namespace kst
