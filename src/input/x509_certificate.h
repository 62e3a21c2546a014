#pragma once
// An X.509 certificate as Exchange exports it (Get-ExchangeCertificate's
// RawData: the DER bytes), decoded with OpenSSL's libcrypto into the fields
// kst reports: who it names, who signed it, when it is valid and the
// thumbprint Exchange shows.

#include <string>
#include <string_view>
#include <vector>

namespace kst {

struct X509Certificate {
  std::string subject;                 // RFC 2253 order and escaping, e.g. "CN=ex1.contoso.com,O=Contoso"
  std::string subject_cn;              // the subject's (last) common name, "" when it has none
  std::vector<std::string> dns_names;  // subjectAltName dNSName entries, in certificate order
  std::string issuer;                  // RFC 2253, like `subject`
  std::string serial_number;           // uppercase hex of the serial's bytes, as .NET's SerialNumber shows it
  std::string not_before;              // ISO 8601 UTC, "2018-11-24T00:32:37Z"
  std::string not_after;
  std::string thumbprint;  // SHA-1 of the DER, uppercase hex: Exchange's Thumbprint
};

/// Decodes one DER certificate. Returns false with the reason in `*error`
/// when the bytes are not exactly one certificate (garbage, truncated, or
/// followed by other bytes) or a field kst reads cannot be decoded.
bool DecodeX509Certificate(std::string_view der, X509Certificate* out, std::string* error);

}  // namespace kst
