#pragma once
// Loads the sections of kst-topology/1 that say how servers identify
// themselves and when: "certificates" (per server: subject CN, SANs, the
// services a certificate is assigned to, validity, issuer, thumbprint) and
// "clocks" (per server: the offset from a reference clock and when it was
// measured). Exchange importers fill the same structures.

#include <string>
#include <string_view>
#include <unordered_set>

#include "diagnostic.h"
#include "json_document.h"
#include "model_catalog.h"
#include "topology.h"

namespace kst {

/// Reads one certificate object. Unknown services are warnings (the
/// certificate is kept and checked for the services kst knows).
bool ReadCertificate(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, Certificate* out);

/// Reads one clock reading object.
bool ReadClockReading(const JsonNode& node, Diagnostics* diagnostics, ClockReading* out);

/// Checks that certificates and clocks belong to servers of the topology
/// (a warning: such an item is not checked), that no server has two clock
/// readings (an error) and warns when two certificates of one server share
/// a SIP service (kst checks both).
void CheckIdentityReferences(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics);

/// A certificate name (subject CN or SAN) as Lync compares it: lower case,
/// one trailing dot dropped. False for a name with blanks or control characters.
bool NormalizeCertificateName(std::string_view raw, std::string* name);

/// True when `fqdn` is a server of the topology: an Exchange server, a pool,
/// a trusted application pool or a computer of one. Searches the topology:
/// for one question; TopologyServerNames for one per certificate or clock.
bool IsTopologyServer(const Topology& topology, const std::string& fqdn);

/// The same question for many names: every server name hashed once. Holds
/// views of the topology's strings: the topology must outlive it, unchanged.
class TopologyServerNames {
 public:
  explicit TopologyServerNames(const Topology& topology);
  bool Has(std::string_view fqdn) const { return names_.count(fqdn) != 0; }

 private:
  std::unordered_set<std::string_view> names_;
};

/// True for a name with a wildcard label ("*.contoso.com").
bool IsWildcardName(const std::string& name);

}  // namespace kst
