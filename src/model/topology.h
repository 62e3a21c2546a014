#pragma once
// The topology kst reasons about: Lync pools and trusted application pools
// (the Topology producer of KST entries) and Exchange servers with their UM
// dial plans (the UM Routing producer); then what the checks beyond the
// table read: UM IP gateways, hosting providers (hosted UM through an Edge),
// the certificates servers present and their clocks. Every item keeps where
// it was defined.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/location.h"
#include "base/shared_vector.h"
#include "base/timestamp.h"

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
  std::string site;                // optional, for pictures
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
  /// The input says its Outlook Web App signs users in to Lync for IM
  /// (kst-topology/1 "owa_im": true): the server must then be in the registrars'
  /// tables, through a trusted application pool or UM Routing's entry (seed 004).
  bool owa_im = false;
  Location owa_im_location;
};

struct UmDialPlan {
  NamedAt name;          // dial plan names are compared as written
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

/// An Exchange UM IP gateway: a Lync pool Exchange UM sends its SIP to
/// (exchucutil.ps1 creates one per pool).
struct UmIpGateway {
  NamedAt name;
  NamedAt address;      // the Lync pool's FQDN
  std::string pointer;  // JSON pointer of the gateway object, for messages
};

/// A hosting provider Lync reaches through an Edge pool, such as hosted
/// Exchange UM (New-CsHostingProvider -ProxyFqdn exap.um.outlook.com).
struct HostingProvider {
  NamedAt identity;
  NamedAt proxy_fqdn;
  NamedAt edge_pool;
  std::string pointer;  // JSON pointer of the provider object, for messages
};

/// A certificate a server presents, and the services it is assigned to
/// (Exchange: Enable-ExchangeCertificate -Services; Lync: Set-CsCertificate
/// -Type; OWAIM for OWA's IM certificate). Names are lower case without a
/// trailing dot, as Lync compares them; the subject may be a wildcard or no
/// FQDN at all (a self-signed certificate names the NetBIOS name).
struct Certificate {
  NamedAt server;
  NamedAt subject_cn;
  std::vector<NamedAt> sans;
  std::vector<NamedAt> services;  // as written; unknown ones were warned about
  UnixSeconds not_before = 0;
  UnixSeconds not_after = 0;
  std::string issuer;
  std::string thumbprint;  // upper-case hex, or ""
  Location location;       // where the certificate object starts
  std::string pointer;     // its JSON pointer
  // What the input left unknown (kst-topology/1: null; an export: no owning
  // server, no Services, no subject CN, a validity kst cannot read). Such a
  // certificate is kept in Topology::unchecked_certificates and never
  // checked; the analysis says whether a rule could have fired on it.
  bool server_known = true;
  bool subject_known = true;
  bool services_known = true;
  bool validity_known = true;
  bool HasService(const std::string& service) const;
  /// True when everything the rules read is known.
  bool Checkable() const { return server_known && subject_known && services_known && validity_known; }
  /// "its owning server and its services are unknown": why it is not checked.
  std::string UnknownParts() const;
};

/// A server's clock offset from a reference clock, as `w32tm /stripchart`
/// shows it: negative when the server is behind.
struct ClockReading {
  NamedAt server;
  double offset_seconds = 0;
  Location offset_location;
  UnixSeconds measured_at = 0;
  std::string pointer;  // JSON pointer of the reading
};

/// Its lists share storage between copies (base/shared_vector.h): the
/// revisions of a change plan cost what each step changes.
struct Topology {
  std::string file;  // where it was loaded from ("" when built in memory)
  SharedVector<LyncPool> pools;
  SharedVector<TrustedApplicationPool> trusted_application_pools;
  SharedVector<ExchangeServer> exchange_servers;
  SharedVector<UmDialPlan> dial_plans;
  SharedVector<OtherCluster> other_clusters;
  SharedVector<UmIpGateway> um_ip_gateways;
  SharedVector<HostingProvider> hosting_providers;
  SharedVector<Certificate> certificates;
  SharedVector<Certificate> unchecked_certificates;  // !Checkable(): read, reported, never checked
  SharedVector<ClockReading> clocks;

  const LyncPool* FindPool(const std::string& fqdn) const;
  LyncPool* FindPool(const std::string& fqdn);
  const TrustedApplicationPool* FindTrustedApplicationPool(const std::string& fqdn) const;
  const ExchangeServer* FindExchangeServer(const std::string& fqdn) const;
  const UmDialPlan* FindDialPlan(const std::string& name) const;
};

/// A topology's Exchange servers by FQDN, built once. The Find* members above
/// search their list; a loop over dial-plan members or trusted application
/// computers that asked them for each name was quadratic (100,000 servers in
/// one dial plan took 28 s to load and check). Valid while the topology's
/// server list is unchanged.
class ExchangeServerLookup {
 public:
  explicit ExchangeServerLookup(const Topology& topology);
  /// The lookup of one name: Find answers for `only`, and null for any other.
  ExchangeServerLookup(const Topology& topology, std::string_view only);
  const ExchangeServer* Find(std::string_view fqdn) const;

 private:
  std::unordered_map<std::string_view, const ExchangeServer*> by_fqdn_;
};

/// The number of items a topology holds (pools, trusted application pools,
/// other clusters and their computers, Exchange servers, dial plans and their
/// servers, gateways, providers, certificates, clocks): what a plan's copies
/// of it cost (scenario_loader.cpp caps their sum).
size_t ItemCount(const Topology& topology);

/// The servers that run a pool: its computers, or the pool FQDN itself.
std::vector<NamedAt> PoolServers(const LyncPool& pool);

}  // namespace kst
