// X.509 decoding, checked against what Exchange itself printed: each
// certificate in the real Get-ExchangeCertificate captures carries a
// ToString block ("[Subject] ... [Thumbprint] ...") written by .NET on the
// Exchange server, independent of kst's decoding of RawData.

#include "input/x509_certificate.h"

#include <doctest/doctest.h>

#include <string>

#include "input/clixml_document.h"

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

TEST_CASE("X.509: the real Exchange certificates") {
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

TEST_CASE("X.509: bytes that are not one certificate") {
  std::vector<SampleCertificate> e16 =
      SampleCertificates("microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeCertificate.xml");
  const std::string& der = e16[1].der;
  X509Certificate certificate;
  std::string error;
  CHECK_FALSE(DecodeX509Certificate("", &certificate, &error));
  CHECK(error.rfind("not a DER X.509 certificate (0 bytes): ", 0) == 0);
  CHECK_FALSE(DecodeX509Certificate("not a certificate", &certificate, &error));
  CHECK_FALSE(DecodeX509Certificate(der.substr(0, der.size() - 1), &certificate, &error));
  CHECK(error.rfind("not a DER X.509 certificate (790 bytes)", 0) == 0);
  CHECK_FALSE(DecodeX509Certificate(der + "xy", &certificate, &error));
  CHECK(error == "2 bytes follow the certificate");
  for (size_t cut = 0; cut < der.size(); cut += 37) {
    CHECK_FALSE(DecodeX509Certificate(der.substr(0, cut), &certificate, &error));
  }
}

}  // namespace
}  // namespace kst
