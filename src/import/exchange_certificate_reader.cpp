// ExchangeRecordReader's certificate half. Get-ExchangeCertificate objects
// saved with Export-Clixml carry only RawData (the DER certificate), which is
// decoded for subject, SANs, validity and thumbprint; a Select-Object export
// carries Thumbprint, Subject, NotBefore/NotAfter, CertificateDomains and
// Services as text. When both are present the DER wins and the thumbprints
// are compared.
//
// The owning server: a "Server" property (the recipe in docs/import.md adds
// it), else the server part of Identity ("ServerFQDN\Thumbprint", as the
// cmdlet's documentation gives it), else PSComputerName, the server the
// remote session ran on (right for a plain Get-ExchangeCertificate, which
// lists the local server's certificates; wrong after -Server, which is why
// it comes last). None: the mapping keeps the certificate unchecked.

#include <algorithm>
#include <cctype>

#include "base/fqdn.h"
#include "import/exchange_record_reader.h"
#include "import/exchange_values.h"
#include "input/clixml_text.h"
#include "input/x509_certificate.h"

namespace kst {
namespace {

// The DER bytes: CliXml <BA>, base64 text (JSON, CSV) or ConvertTo-Json's
// array of byte values.
bool CertificateBytes(const ExportValue& value, std::string* der, std::string* why) {
  switch (value.kind) {
    case ExportValue::Kind::kBytes:
      *der = value.bytes;
      return true;
    case ExportValue::Kind::kText:
      if (DecodeBase64(value.text, der)) return true;
      *why = "it is not base64";
      return false;
    case ExportValue::Kind::kList:
      der->clear();
      for (const ExportValue& item : value.items) {
        int byte = -1;
        if (!ExportInteger(item, &byte) || byte < 0 || byte > 255) {
          *why = "a list that is not all byte values";
          return false;
        }
        der->push_back(static_cast<char>(byte));
      }
      return true;
    default:
      *why = "it is neither bytes, base64 text nor a list of bytes";
      return false;
  }
}

std::string Thumbprint(std::string text) {
  text.erase(
      std::remove_if(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
      text.end());
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return std::toupper(static_cast<unsigned char>(c)); });
  return text;
}

// The CN of a subject written as .NET does ("CN=ex1.contoso.com, O=Contoso").
std::string CommonNameOf(const std::string& subject) {
  size_t at = 0;
  while ((at = subject.find("CN=", at)) != std::string::npos) {
    if (at == 0 || subject[at - 1] == ' ' || subject[at - 1] == ',') {
      size_t end = subject.find(',', at);
      return subject.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3);
    }
    at += 3;
  }
  return "";
}

bool KnownService(const std::string& name) {
  for (const char* known : {"None", "Federation", "IIS", "IMAP", "POP", "SMTP", "UM", "UMCallRouter"}) {
    if (name == known) return true;
  }
  return false;
}

// The server a certificate object says it belongs to, and from which property.
bool CertificateOwner(const ExportValue& object, std::string* server, const ExportValue** from, std::string* source) {
  std::string text;
  for (const char* name : {"Server", "Identity", "PSComputerName"}) {
    const ExportValue* value = object.Find(name);
    if (!value || !ExportText(*value, &text)) continue;
    if (std::string(name) == "Identity") {
      size_t slash = text.find('\\');
      if (slash == std::string::npos) continue;  // a bare thumbprint names no server
      text = text.substr(0, slash);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.empty()) continue;
    *server = text;
    *from = value;
    *source = name;
    return true;
  }
  return false;
}

}  // namespace

void ExchangeRecordReader::ReadCertificateOwner(const ExportValue& object, ExchangeCertificateRecord* record) {
  std::string text;
  const ExportValue* from = nullptr;
  if (!CertificateOwner(object, &text, &from, &record->server_source)) return;
  record->server = {text, from->location};
  record->server_is_fqdn = text.find('.') != std::string::npos;
  std::string why;
  if (record->server_is_fqdn && !NormalizeFqdn(text, &record->server.name, &why)) {
    Note(*from, record->server_source + " names server " + text + ", not a usable FQDN: " + why, false);
    record->server = {};
    record->server_source.clear();
  }
}

void ExchangeRecordReader::ReadCertificate(const ExportValue& object) {
  ExchangeCertificateRecord record;
  record.location = object.location;
  record.path = object.path;
  ReadCertificateOwner(object, &record);
  if (const ExportValue* raw = object.Find("RawData")) {
    std::string der;
    std::string why;
    X509Certificate certificate;
    if (!CertificateBytes(*raw, &der, &why)) {
      Note(*raw, "RawData cannot be read: " + why, false);
    } else if (!DecodeX509Certificate(der, &certificate, &why)) {
      Note(*raw, "RawData is not a certificate: " + why, false);
    } else {
      record.from_raw_data = true;
      record.thumbprint = certificate.thumbprint;
      record.subject = certificate.subject;
      record.subject_cn = certificate.subject_cn;
      record.dns_names = certificate.dns_names;
      record.issuer = certificate.issuer;
      record.not_before = certificate.not_before;
      record.not_after = certificate.not_after;
    }
  }
  ReadCertificateFields(object, &record);
  if (record.thumbprint.empty() && record.subject.empty()) {
    Note(object, "a certificate with no readable RawData, Thumbprint or Subject", false);
    return;
  }
  out_->certificates.push_back(std::move(record));
}

void ExchangeRecordReader::ReadCertificateFields(const ExportValue& object, ExchangeCertificateRecord* record) {
  std::string text;
  if (const ExportValue* thumbprint = object.Find("Thumbprint"); thumbprint && ExportText(*thumbprint, &text)) {
    if (!record->from_raw_data) {
      record->thumbprint = Thumbprint(text);
    } else if (Thumbprint(text) != record->thumbprint) {
      Note(*thumbprint, "Thumbprint " + text + " is not the SHA-1 of RawData (" + record->thumbprint + ")", false);
    }
  }
  if (!record->from_raw_data) {
    auto read_text = [&](const char* name, std::string* out) {
      if (const ExportValue* value = object.Find(name)) ExportText(*value, out);
    };
    read_text("Subject", &record->subject);
    read_text("Issuer", &record->issuer);
    record->subject_cn = CommonNameOf(record->subject);
    for (auto [name, out] : {std::pair{"NotBefore", &record->not_before}, std::pair{"NotAfter", &record->not_after}}) {
      read_text(name, out);
      NormalizeTimestamp(*out, out);
    }
    if (const ExportValue* domains = object.Find("CertificateDomains")) {
      std::vector<NamedAt> names;
      std::string why;
      if (!ExportNameList(*domains, ListSeparators::kTokens, &names, &why)) {
        Note(*domains, "CertificateDomains cannot be read: " + why, false);
      }
      for (const NamedAt& name : names) record->dns_names.push_back(name.name);
    }
  }
  const ExportValue* services = object.Find("Services");
  if (!services || services->kind == ExportValue::Kind::kNull) return;
  std::vector<NamedAt> names;
  std::string why;
  if (services->kind == ExportValue::Kind::kNumber || (ExportText(*services, &text) && IsNumericText(text))) {
    Note(*services,
         "Services is the number " + services->text + " (AllowedServices flags); kst reads service names only", false);
  } else if (!ExportNameList(*services, ListSeparators::kTokens, &names, &why)) {
    Note(*services, "Services cannot be read: " + why, false);
  } else {
    record->services_known = true;
    record->services_location = services->location;
    for (const NamedAt& name : names) {
      if (!KnownService(name.name)) Note(*services, "Services names " + name.name + ", not an Exchange service", false);
      record->services.push_back(name.name);
    }
  }
}

}  // namespace kst
