#pragma once
// DNS names as Lync compares them: case-insensitive, without a trailing dot.

#include <string>
#include <string_view>

namespace kst {

/// Normalises `raw` (lower case, one trailing dot dropped) into `*fqdn`.
/// Returns false with the reason in `*why` for a wildcard, an empty label, a
/// single-label (NetBIOS-style) name, a label over 63 or a name over 253
/// characters, or a character a host name cannot hold.
bool NormalizeFqdn(std::string_view raw, std::string* fqdn, std::string* why);

}  // namespace kst
