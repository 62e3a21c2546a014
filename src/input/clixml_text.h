#pragma once
// Text inside CliXml elements: MS-PSRP string escapes and base64.

#include <cstdint>
#include <string>
#include <string_view>

namespace kst {

/// Decodes MS-PSRP's string escapes (`_xHHHH_` for a UTF-16 code unit, e.g.
/// `_x000D__x000A_` for CR LF) into UTF-8; an unpaired surrogate becomes
/// U+FFFD. Text without escapes is returned unchanged.
std::string DecodeCliXmlString(std::string_view text);

/// Decodes base64 (RFC 4648, '=' padding, whitespace ignored). Returns false
/// on any other character or a bad length.
bool DecodeBase64(std::string_view text, std::string* bytes);

}  // namespace kst
