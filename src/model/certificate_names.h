#pragma once
// How Lync compares the names a certificate carries with the servers of a
// topology: one definition for the loader that reads certificates and the
// rules that judge them.

#include <string>
#include <string_view>

#include "model/topology.h"

namespace kst {

/// A certificate name (subject CN or SAN) as Lync compares it: lower case,
/// one trailing dot dropped. False for a name with blanks or control characters.
bool NormalizeCertificateName(std::string_view raw, std::string* name);

/// True when `fqdn` is a server of the topology: an Exchange server, a pool,
/// a trusted application pool or a computer of one.
bool IsTopologyServer(const Topology& topology, const std::string& fqdn);

/// True for a name with a wildcard label ("*.contoso.com").
bool IsWildcardName(const std::string& name);

}  // namespace kst
