// X.509 decoding, checked against what Exchange itself printed: each
// certificate in the real Get-ExchangeCertificate captures carries a
// ToString block ("[Subject] ... [Thumbprint] ...") written by .NET on the
// Exchange server, independent of kst's decoding of RawData.

#include "input/x509_certificate.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "input/clixml_document.h"
#include "shared_samples.h"

namespace kst {
namespace {

const std::string kSamples = std::string(KST_SOURCE_DIR) + "/../shared/samples/exchange/";

struct SampleCertificate {
  std::string to_string;
  std::string der;
};

std::vector<SampleCertificate> SampleCertificates(const std::string& name) {
  DiskFileReader files;
  XmlDocument xml;
  std::string encoding;
  Diagnostics diagnostics;
  REQUIRE(LoadXmlFile(kSamples + name, &files, &xml, &encoding, &diagnostics));
  CliXmlDocument document;
  REQUIRE(document.Read(xml, &diagnostics));
  std::vector<SampleCertificate> out;
  for (const CliXmlValue& value : document.values()) {
    out.push_back({value.object->to_string.value_or(""), value.object->Find("RawData")->bytes});
  }
  return out;
}

/// The line after "[field]" in a .NET certificate ToString block.
std::string Field(const std::string& to_string, const std::string& field) {
  size_t at = to_string.find("[" + field + "]\r\n  ");
  REQUIRE(at != std::string::npos);
  at += field.size() + 6;
  return to_string.substr(at, to_string.find("\r\n", at) - at);
}

X509Certificate Decode(const std::string& der) {
  X509Certificate certificate;
  std::string error;
  INFO(error);
  REQUIRE(DecodeX509Certificate(der, &certificate, &error));
  return certificate;
}

TEST_CASE("X.509: the real Exchange certificates" * KST_NEEDS_SHARED_SAMPLES) {
  for (const char* name : {"microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeCertificate.xml",
                           "microsoft_CSS-Exchange__HealthChecker_E19_GetExchangeCertificate.xml"}) {
    CAPTURE(name);
    std::vector<SampleCertificate> samples = SampleCertificates(name);
    REQUIRE(samples.size() == 3);
    for (const SampleCertificate& sample : samples) {
      X509Certificate certificate = Decode(sample.der);
      // All six are single-RDN "CN=..." names, printed alike by .NET and RFC 2253.
      CHECK(certificate.subject == Field(sample.to_string, "Subject"));
      CHECK(certificate.issuer == Field(sample.to_string, "Issuer"));
      CHECK(certificate.serial_number == Field(sample.to_string, "Serial Number"));
      CHECK(certificate.thumbprint == Field(sample.to_string, "Thumbprint"));
    }
  }
  SUBCASE("values checked by hand against the E16 capture's ToString block") {
    std::vector<SampleCertificate> e16 =
        SampleCertificates("microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeCertificate.xml");
    X509Certificate server = Decode(e16[1].der);
    CHECK(server.subject == "CN=Solo-E16A");
    CHECK(server.subject_cn == "Solo-E16A");
    CHECK(server.thumbprint == "823884A32609DCDC8C4B5462952586C30D814073");
    // ToString shows local time on the server (US Central, UTC-6 in November):
    // [Not Before] 11/23/2018 18:32:37, [Not After] 11/23/2023 18:32:37.
    CHECK(server.not_before == "2018-11-24T00:32:37Z");
    CHECK(server.not_after == "2023-11-24T00:32:37Z");
    CHECK(server.dns_names == std::vector<std::string>{"Solo-E16A", "Solo-E16A.Solo.local"});
    X509Certificate auth = Decode(e16[0].der);
    CHECK(auth.subject_cn == "Microsoft Exchange Server Auth Certificate");
    CHECK(auth.thumbprint == "92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
    CHECK(auth.not_after == "2023-10-29T00:34:03Z");  // [Not After] 10/28/2023 19:34:03 (UTC-5, daylight time)
    CHECK(auth.dns_names.empty());
  }
  SUBCASE("E19: [Not Before] 12/03/2019 14:45:58 on a US Pacific server (UTC-8)") {
    std::vector<SampleCertificate> e19 =
        SampleCertificates("microsoft_CSS-Exchange__HealthChecker_E19_GetExchangeCertificate.xml");
    X509Certificate server = Decode(e19[1].der);
    CHECK(server.thumbprint == "6C7DE09FB39A40144F57EFEBC3DF0148E3A9AB28");
    CHECK(server.not_before == "2019-12-03T22:45:58Z");
    CHECK(server.dns_names == std::vector<std::string>{"Solo-E19A", "Solo-E19A.Solo.com"});
  }
}

TEST_CASE("X.509: kst's own fixture (tests/import_inputs/exchange/README.md)") {
  DiskFileReader files;
  XmlDocument xml;
  std::string encoding;
  Diagnostics diagnostics;
  REQUIRE(LoadXmlFile(std::string(KST_SOURCE_DIR) + "/tests/import_inputs/exchange/clixml/certificate.xml", &files,
                      &xml, &encoding, &diagnostics));
  CliXmlDocument document;
  REQUIRE(document.Read(xml, &diagnostics));
  X509Certificate certificate = Decode(document.values()[0].object->Find("RawData")->bytes);
  CHECK(certificate.subject == "CN=ex1.contoso.com,O=Contoso");  // RFC 2253 order: most specific first
  CHECK(certificate.subject_cn == "ex1.contoso.com");
  CHECK(certificate.serial_number == "4B53540001");
  CHECK(certificate.dns_names == std::vector<std::string>{"ex1.contoso.com", "ex1", "autodiscover.contoso.com"});
  CHECK(certificate.thumbprint == "6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A");
  CHECK(certificate.not_before == "2026-11-24T00:32:42Z");
  CHECK(certificate.not_after == "2036-11-21T00:32:42Z");
}

/// A self-signed certificate whose subject CN and DNS name are `cn` and
/// `dns`, as raw bytes (a UTF8String and an IA5String OpenSSL does not check).
std::string CertificateNamed(const std::string& cn, const std::string& dns) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  REQUIRE(key);
  std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), X509_free);
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 86400);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  REQUIRE(X509_NAME_add_entry_by_NID(name, NID_commonName, V_ASN1_UTF8STRING,
                                     reinterpret_cast<const unsigned char*>(cn.data()), static_cast<int>(cn.size()), -1,
                                     0) == 1);
  X509_set_issuer_name(certificate.get(), name);
  GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
  GENERAL_NAME* general = GENERAL_NAME_new();
  ASN1_IA5STRING* text = ASN1_IA5STRING_new();
  ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size()));
  GENERAL_NAME_set0_value(general, GEN_DNS, text);
  sk_GENERAL_NAME_push(names, general);
  X509_add1_ext_i2d(certificate.get(), NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT);
  GENERAL_NAMES_free(names);
  X509_set_pubkey(certificate.get(), key.get());
  REQUIRE(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0);
  unsigned char* der = nullptr;
  const int size = i2d_X509(certificate.get(), &der);
  REQUIRE(size > 0);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

TEST_CASE("X.509: bytes that are not one certificate") {
  // A certificate made here, so that the test runs without the real samples.
  const std::string der = CertificateNamed("ex1.contoso.com", "ex1.contoso.com");
  X509Certificate certificate;
  std::string error;
  CHECK_FALSE(DecodeX509Certificate("", &certificate, &error));
  CHECK(error.rfind("not a DER X.509 certificate (0 bytes): ", 0) == 0);
  CHECK_FALSE(DecodeX509Certificate("not a certificate", &certificate, &error));
  CHECK_FALSE(DecodeX509Certificate(der.substr(0, der.size() - 1), &certificate, &error));
  CHECK(error.rfind("not a DER X.509 certificate (" + std::to_string(der.size() - 1) + " bytes)", 0) == 0);
  CHECK_FALSE(DecodeX509Certificate(der + "xy", &certificate, &error));
  CHECK(error == "2 bytes follow the certificate");
  for (size_t cut = 0; cut < der.size(); cut += 37) {
    CHECK_FALSE(DecodeX509Certificate(der.substr(0, cut), &certificate, &error));
  }
}

TEST_CASE("X.509: names that are not UTF-8 are refused, not passed on to the topology") {
  // A fuzzed CliXml export (fuzz/regressions/export) carried such a name to
  // kst import, whose JSON writer then failed with an internal error.
  X509Certificate certificate;
  std::string error;
  CHECK(DecodeX509Certificate(CertificateNamed("ex1.contoso.com", "ex1.contoso.com"), &certificate, &error));
  CHECK(certificate.subject_cn == "ex1.contoso.com");
  CHECK(certificate.dns_names == std::vector<std::string>{"ex1.contoso.com"});
  CHECK(DecodeX509Certificate(CertificateNamed("\xc3\xa9x1.contoso.com", "ex1.contoso.com"), &certificate, &error));
  CHECK(certificate.subject_cn == "\xc3\xa9x1.contoso.com");
  CHECK_FALSE(DecodeX509Certificate(CertificateNamed("ex\xff.contoso.com", "ex1.contoso.com"), &certificate, &error));
  CHECK(error.find("invalid utf8string") != std::string::npos);  // d2i_X509 itself refuses this one
  CHECK_FALSE(DecodeX509Certificate(CertificateNamed("ex1.contoso.com", "ex\xe9.contoso.com"), &certificate, &error));
  CHECK(error == "a subjectAltName DNS name is not UTF-8 (byte 0xe9 at offset 2)");
}

}  // namespace
}  // namespace kst
