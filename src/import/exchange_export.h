#pragma once
// What kst reads from an administrator's Exchange exports: servers
// (Get-ExchangeServer), UM dial plans (Get-UMDialPlan), which servers answer
// for which dial plans (Get-UMServer on Exchange 2010, Get-UMService and
// Get-UMCallRouterSettings on 2013/2016) and certificates
// (Get-ExchangeCertificate). Each file may be Export-Clixml, ConvertTo-Json
// (one object or an array) or Export-Csv (with or without "#TYPE"); the
// format is detected from the content, never from the file name.
// exchange_mapping.h turns the records into the topology.
//
// Reading rules:
// - Object kind: from the type names (CliXml <TN>, CSV "#TYPE"; prefixes
//   "Deserialized." and "Selected." ignored; the last dotted segment
//   decides: ExchangeServer, UMDialPlan, UMServer, SIPFEServerConfiguration,
//   ExchangeCertificate or X509Certificate2), else from the property set.
// - URIType: a name (SipName, TelExtn, E164, any case). A number, or a
//   numeric string, is reported as not understood: the numbers behind
//   UMURIType are not documented, so kst does not guess them.
// - Multi-valued values (DialPlans, CertificateDomains, Services) may be
//   lists, or text joined with ';' or ',' (what `-join ';'`, `-join ','` and
//   an enum's ToString write). Dial plan names keep inner spaces, so a list
//   joined with spaces ("$($_.DialPlans)") reads as one name; domains and
//   services, which hold no spaces, may also be joined with spaces.
// - Assignments come from Get-UMServer/Get-UMService (server: Fqdn, Server
//   or Name), Get-UMCallRouterSettings (its Name is always
//   "UMCallRouterSettings": the server is the ncacn_ip_tcp NetworkAddress,
//   else the CN after "CN=Protocols" in its DistinguishedName) and a dial
//   plan's UMServers list (the reverse link, an inference from the class).
// - An empty CSV cell is $null: Export-Csv writes null and "" alike.
// - A property kst does not use is accepted silently only when it is on the
//   kind's "known, not needed" list (exchange_object_kind.cpp); any other is
//   reported, as is everything kst needs but cannot read.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "model/import_report.h"
#include "model/topology.h"

namespace kst {

struct ExchangeServerRecord {
  Location location;                  // the object
  std::string path;                   // its element path, JSON pointer or CSV row
  NamedAt fqdn;                       // normalised
  NamedAt name;                       // the short name as written ("EX1"), may be empty
  std::string admin_display_version;  // "Version 15.1 (Build 2375.7)", or rebuilt from Major/Minor
  Location version_location;
  int major = -1;  // -1 when unreadable
  int minor = -1;
  std::string product;  // "2010", "2013", "2016", "2019", or "" when the version is not one of these
  std::optional<bool> is_unified_messaging_server;
  Location unified_messaging_location;
};

struct UmDialPlanRecord {
  Location location;
  std::string path;
  NamedAt name;
  std::string uri_type;  // SipName, TelExtn or E164; "" when not understood
  std::string uri_type_as_written;
  Location uri_type_location;
};

/// Where a dial-plan assignment was read from.
enum class AssignmentSource {
  kUmServer,              // Get-UMServer (Exchange 2010) or Get-UMService (2013/2016): both return UMServer
  kUmCallRouterSettings,  // Get-UMCallRouterSettings (2013/2016): SIPFEServerConfiguration
  kDialPlanUmServers,     // a dial plan's UMServers list (the reverse link, Exchange 2010)
  kUnspecified,           // a Select-Object export with a server and DialPlans but no type name
};

/// "Get-UMServer/Get-UMService", "Get-UMCallRouterSettings", "Get-UMDialPlan (UMServers)" or
/// "an export of unknown cmdlet".
const char* AssignmentSourceName(AssignmentSource source);

/// One server and the dial plans it answers for. `server` is an FQDN when
/// `server_is_fqdn`, else a short name the mapping resolves.
struct DialPlanAssignment {
  Location location;  // the object (or, for UMServers, the server's item)
  std::string path;   // the path of the value that names the dial plans
  AssignmentSource source = AssignmentSource::kUnspecified;
  NamedAt server;
  bool server_is_fqdn = false;
  std::vector<NamedAt> dial_plans;  // names as written, each located
};

struct ExchangeCertificateRecord {
  Location location;
  std::string path;  // the object's element path, JSON pointer or CSV row
  NamedAt server;    // the owning server (FQDN normalised); empty when the export does not say
  bool server_is_fqdn = false;
  std::string server_source;   // the property it came from: Server, Identity or PSComputerName
  Location services_location;  // of Services, when read
  bool from_raw_data = false;  // the fields below were decoded from RawData
  std::string thumbprint;      // uppercase hex
  std::string subject;
  std::string subject_cn;
  std::vector<std::string> dns_names;  // SAN dNSNames, or CertificateDomains when no RawData
  std::string issuer;
  std::string not_before;  // ISO 8601 UTC when known, else as written
  std::string not_after;
  std::vector<std::string> services;  // IIS, SMTP, UM, UMCallRouter, ...
  bool services_known = false;        // the export carried Services
};

struct ExchangeExport {
  std::vector<ExchangeServerRecord> servers;
  std::vector<UmDialPlanRecord> dial_plans;
  std::vector<DialPlanAssignment> assignments;
  std::vector<ExchangeCertificateRecord> certificates;

  /// Adds another file's records (the mapping sorts, so order is free).
  void Append(const ExchangeExport& other);
};

/// Reads one export file into `*out` (appending), filling `*report`
/// (file, format "exchange-clixml" / "exchange-json" / "exchange-csv",
/// encoding, notes). Returns false, with `report->failed` set and located
/// errors, when the file cannot be used at all: unreadable, not text,
/// malformed XML/JSON/CSV, XML that is not CliXml, or empty
/// (`exchange-unknown-format`). Never throws.
bool ReadExchangeExport(const std::string& path, FileReader* files, ExchangeExport* out, FileImportReport* report,
                        Diagnostics* diagnostics);

/// The product year of an Exchange version, from the model's
/// exchange_versions: 14.x → 2010, 15.0 → 2013, 15.1 → 2016, 15.2 → 2019;
/// "" for anything else.
std::string ExchangeProductYear(int major, int minor);

}  // namespace kst
