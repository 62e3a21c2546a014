// DER decoding through libcrypto. OpenSSL objects are owned by unique_ptrs
// with their free functions, and OpenSSL's error queue is drained into the
// returned message, so nothing leaks into the next call.

#include "input/x509_certificate.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <ctime>
#include <memory>

#include "input/text_encoding.h"

namespace kst {
namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct NamesFree {
  void operator()(GENERAL_NAMES* n) const { GENERAL_NAMES_free(n); }
};

// The first queued OpenSSL reason, with the queue cleared.
std::string OpenSslReason() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no reason given";
  char buffer[256];
  ERR_error_string_n(code, buffer, sizeof buffer);
  return buffer;
}

std::string Hex(const unsigned char* bytes, size_t size) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0xF]);
  }
  return out;
}

bool NameText(const X509_NAME* name, std::string* out) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) return false;
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  out->assign(data, static_cast<size_t>(size));
  return true;
}

bool CommonName(const X509_NAME* name, std::string* out) {
  int index = -1;
  int last = -1;
  while ((index = X509_NAME_get_index_by_NID(name, NID_commonName, index)) >= 0) last = index;
  out->clear();
  if (last < 0) return true;
  unsigned char* utf8 = nullptr;
  int size = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last)));
  if (size < 0) return false;
  out->assign(reinterpret_cast<char*>(utf8), static_cast<size_t>(size));
  OPENSSL_free(utf8);
  return true;
}

bool IsoTime(const ASN1_TIME* time, std::string* out) {
  std::tm tm{};
  if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return false;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  *out = buffer;
  return true;
}

bool DnsNames(X509* certificate, std::vector<std::string>* out, std::string* error) {
  int critical = -1;
  std::unique_ptr<GENERAL_NAMES, NamesFree> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, &critical, nullptr)));
  if (!names) {
    if (critical == -1) return true;  // no subjectAltName
    *error = critical == -2 ? "two subjectAltName extensions" : "an undecodable subjectAltName: " + OpenSslReason();
    return false;
  }
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_DNS) continue;
    const ASN1_STRING* dns = name->d.dNSName;
    out->emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                      static_cast<size_t>(ASN1_STRING_length(dns)));
  }
  return true;
}

/// Names from a certificate become the topology's text, which kst writes as
/// JSON and compares as UTF-8. OpenSSL passes their bytes through: a
/// UTF8String or a dNSName may hold any byte, and the RFC 2253 text keeps
/// high bytes as they are. Such a name is not one kst can read.
bool NamesAreUtf8(const X509Certificate& certificate, std::string* error) {
  auto check = [&](const std::string& text, const std::string& what) {
    const size_t bad = FindInvalidUtf8(text);
    if (bad == std::string::npos) return true;
    *error = what + " is not UTF-8 (byte " + HexByte(text[bad]) + " at offset " + std::to_string(bad) + ")";
    return false;
  };
  if (!check(certificate.subject, "the subject name") || !check(certificate.issuer, "the issuer name") ||
      !check(certificate.subject_cn, "the subject CN"))
    return false;
  for (const std::string& name : certificate.dns_names)
    if (!check(name, "a subjectAltName DNS name")) return false;
  return true;
}

}  // namespace

bool DecodeX509Certificate(std::string_view der, X509Certificate* out, std::string* error) {
  *out = X509Certificate();
  ERR_clear_error();
  const auto* start = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* cursor = start;
  std::unique_ptr<X509, X509Free> certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (!certificate) {
    *error = "not a DER X.509 certificate (" + std::to_string(der.size()) + " bytes): " + OpenSslReason();
    return false;
  }
  if (cursor != start + der.size()) {
    *error = std::to_string(start + der.size() - cursor) + " bytes follow the certificate";
    return false;
  }
  if (!NameText(X509_get_subject_name(certificate.get()), &out->subject) ||
      !NameText(X509_get_issuer_name(certificate.get()), &out->issuer) ||
      !CommonName(X509_get_subject_name(certificate.get()), &out->subject_cn)) {
    *error = "an undecodable subject or issuer name: " + OpenSslReason();
    return false;
  }
  if (!IsoTime(X509_get0_notBefore(certificate.get()), &out->not_before) ||
      !IsoTime(X509_get0_notAfter(certificate.get()), &out->not_after)) {
    *error = "an undecodable validity period: " + OpenSslReason();
    return false;
  }
  if (!DnsNames(certificate.get(), &out->dns_names, error) || !NamesAreUtf8(*out, error)) return false;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate.get());
  out->serial_number = Hex(ASN1_STRING_get0_data(serial), static_cast<size_t>(ASN1_STRING_length(serial)));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &digest_size, EVP_sha1(), nullptr) != 1) {
    *error = "SHA-1 is unavailable: " + OpenSslReason();
    return false;
  }
  out->thumbprint = Hex(digest, digest_size);
  return true;
}

}  // namespace kst
