#pragma once
// How Lync compares the names a certificate carries with the servers of a
// topology: one definition for the loader that reads certificates and the
// rules that judge them.

#include <string>
#include <string_view>
#include <unordered_set>

#include "model/topology.h"

namespace kst {

/// A certificate name (subject CN or SAN) as Lync compares it: lower case,
/// one trailing dot dropped. False for a name with blanks or control characters.
bool NormalizeCertificateName(std::string_view raw, std::string* name);

/// True when `fqdn` is a server of the topology: an Exchange server, a pool,
/// a trusted application pool or a computer of one.
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
