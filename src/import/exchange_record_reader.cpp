// Reading Exchange records out of exported objects: servers, dial plans and
// dial-plan assignments here, certificates in exchange_certificate_reader.cpp.

#include "import/exchange_record_reader.h"

#include <algorithm>
#include <cctype>

#include "base/fqdn.h"
#include "import/exchange_values.h"
#include "input/x509_certificate.h"

namespace kst {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const char* KindName(ExportValue::Kind kind) {
  switch (kind) {
    case ExportValue::Kind::kNull:
      return "null";
    case ExportValue::Kind::kText:
      return "a text";
    case ExportValue::Kind::kBoolean:
      return "a boolean";
    case ExportValue::Kind::kNumber:
      return "a number";
    case ExportValue::Kind::kBytes:
      return "bytes";
    case ExportValue::Kind::kList:
      return "a list";
    case ExportValue::Kind::kObject:
      return "an object";
  }
  return "a value";
}

std::string Quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// The FQDN of an "ncacn_ip_tcp:host" network address: the one address of a
// server's NetworkAddress list that names it by DNS.
bool TcpAddress(const ExportValue& addresses, std::string* host) {
  std::vector<NamedAt> tokens;
  std::string why;
  if (addresses.kind == ExportValue::Kind::kList) {
    for (const ExportValue& item : addresses.items) {
      const ExportValue* protocol = item.Find("ProtocolType");
      const ExportValue* address = item.Find("AddressString");
      std::string protocol_text;
      if (protocol && address && ExportText(*protocol, &protocol_text) && protocol_text == "ncacn_ip_tcp") {
        return ExportText(*address, host);
      }
      if (std::string text; ExportText(item, &text)) tokens.push_back({text, item.location});
    }
  } else if (!ExportNameList(addresses, ListSeparators::kTokens, &tokens, &why)) {
    return false;
  }
  for (const NamedAt& token : tokens) {
    if (token.name.rfind("ncacn_ip_tcp:", 0) == 0) {
      *host = token.name.substr(13);
      return true;
    }
  }
  return false;
}

// The server named in a call-router settings DN:
// "CN=UMCallRouterSettings,CN=SIP,CN=Protocols,CN=<server>,CN=Servers,...".
bool ServerFromDn(const std::string& dn, std::string* server) {
  const std::string marker = ",CN=Protocols,CN=";
  size_t at = dn.find(marker);
  if (at == std::string::npos) return false;
  size_t start = at + marker.size();
  *server = dn.substr(start, dn.find(',', start) - start);
  return !server->empty();
}

}  // namespace

void ExchangeRecordReader::Note(const ExportValue& at, std::string comment, bool affects_verdict) {
  report_->Unrecognized(at.location, at.path, std::move(comment), affects_verdict, diagnostics_);
}

void ExchangeRecordReader::Read(const ExportValue& object) {
  ExchangeObjectKind kind = ClassifyExchangeObject(object);
  switch (kind) {
    case ExchangeObjectKind::kServer:
      ReadServer(object);
      break;
    case ExchangeObjectKind::kDialPlan:
      ReadDialPlan(object);
      break;
    case ExchangeObjectKind::kUmServer:
    case ExchangeObjectKind::kCallRouterSettings:
    case ExchangeObjectKind::kAssignment:
      ReadAssignment(object, kind);
      break;
    case ExchangeObjectKind::kCertificate:
      ReadCertificate(object);
      break;
    case ExchangeObjectKind::kUnknown: {
      std::string what = object.kind == ExportValue::Kind::kObject
                             ? "an object"
                             : std::string(KindName(object.kind)) + " (not an object)";
      if (!object.type_names.empty()) what += " of type " + object.type_names.front();
      Note(object,
           what +
               " that kst does not recognise: it is no Get-ExchangeServer, Get-UMDialPlan, Get-UMServer, "
               "Get-UMService, Get-UMCallRouterSettings or Get-ExchangeCertificate output, so what it says about "
               "UM servers is unknown",
           true);
      return;
    }
  }
  ReportUnknownProperties(object, kind);
}

void ExchangeRecordReader::ReportUnknownProperties(const ExportValue& object, ExchangeObjectKind kind) {
  for (const ExportProperty& member : object.members) {
    if (IsKnownExchangeProperty(kind, member.name)) continue;
    Note(member.value,
         "property " + Quoted(member.name) + " of a " + ExchangeObjectKindName(kind) +
             " object is not one kst knows; it was ignored",
         false);
  }
}

void ExchangeRecordReader::ReadServer(const ExportValue& object) {
  ExchangeServerRecord record;
  record.location = object.location;
  record.path = object.path;
  const ExportValue* fqdn = object.Find("Fqdn");
  std::string text;
  std::string why;
  if (!fqdn || !ExportText(*fqdn, &text)) {
    Note(fqdn ? *fqdn : object, "a Get-ExchangeServer object without a readable Fqdn: the server cannot be named",
         true);
    return;
  }
  if (!NormalizeFqdn(text, &record.fqdn.name, &why)) {
    Note(*fqdn, "Fqdn " + Quoted(text) + " is not a usable FQDN: " + why, true);
    return;
  }
  record.fqdn.location = fqdn->location;
  if (const ExportValue* name = object.Find("Name"); name && ExportText(*name, &text)) {
    record.name = {text, name->location};
  }
  const ExportValue* version = object.Find("AdminDisplayVersion");
  if (!version) {
    Note(object, "server " + record.fqdn.name + " has no AdminDisplayVersion: its Exchange version is unknown", false);
  } else {
    record.version_location = version->location;
    const ExportValue* major = version->Find("Major");
    const ExportValue* minor = version->Find("Minor");
    bool read = major && minor && ExportInteger(*major, &record.major) && ExportInteger(*minor, &record.minor);
    if (ExportText(*version, &text)) {
      record.admin_display_version = text;
      if (!read) read = ParseExchangeVersion(text, &record.major, &record.minor);
    } else if (read) {
      record.admin_display_version = "Version " + std::to_string(record.major) + "." + std::to_string(record.minor);
    }
    if (!read) {
      record.major = record.minor = -1;
      Note(*version, "AdminDisplayVersion is not \"Version M.m (Build b.r)\" nor an object with Major and Minor",
           false);
    } else {
      record.product = ExchangeProductYear(record.major, record.minor);
      if (record.product.empty()) {
        Note(*version,
             "Exchange version " + std::to_string(record.major) + "." + std::to_string(record.minor) +
                 " is not Exchange 2010, 2013, 2016 or 2019; kst does not know whether it has UM",
             false);
      }
    }
  }
  if (const ExportValue* um = object.Find("IsUnifiedMessagingServer")) {
    bool value = false;
    if (ExportBool(*um, &value)) {
      record.is_unified_messaging_server = value;
      record.unified_messaging_location = um->location;
    } else if (um->kind != ExportValue::Kind::kNull) {
      Note(*um, "IsUnifiedMessagingServer is neither true nor false", false);
    }
  }
  out_->servers.push_back(std::move(record));
}

void ExchangeRecordReader::ReadDialPlan(const ExportValue& object) {
  UmDialPlanRecord record;
  record.location = object.location;
  record.path = object.path;
  const ExportValue* name = object.Find("Name");
  if (!name || !ExportText(*name, &record.name.name) || record.name.name.empty()) {
    Note(name ? *name : object, "a Get-UMDialPlan object without a readable Name", true);
    return;
  }
  record.name.location = name->location;
  const std::string plan = "dial plan " + Quoted(record.name.name);
  const ExportValue* uri_type = object.Find("URIType");
  if (!uri_type) {
    Note(object, plan + " has no URIType: whether its servers enter a KST is unknown", true);
  } else {
    record.uri_type_location = uri_type->location;
    std::string text;
    if (!ExportText(*uri_type, &text)) {
      Note(*uri_type, plan + ": URIType cannot be read as a name", true);
    } else if (uri_type->kind == ExportValue::Kind::kNumber || IsNumericText(text)) {
      record.uri_type_as_written = text;
      Note(*uri_type,
           plan + ": URIType is the number " + text +
               "; the numbers behind UMURIType are not documented, so kst does not guess which type it is. Export "
               "it as a name (ConvertTo-Json -EnumsAsStrings, or @{n='URIType';e={\"$($_.URIType)\"}})",
           true);
    } else {
      record.uri_type_as_written = text;
      for (const char* known : {"SipName", "TelExtn", "E164"}) {
        if (SameName(text, known)) record.uri_type = known;
      }
      if (record.uri_type.empty()) {
        Note(*uri_type, plan + ": URIType " + Quoted(text) + " is not SipName, TelExtn or E164", true);
      }
    }
  }
  if (const ExportValue* servers = object.Find("UMServers")) {
    std::vector<NamedAt> names;
    std::string why;
    if (!ExportNameList(*servers, ListSeparators::kTokens, &names, &why)) {
      Note(*servers, plan + ": UMServers cannot be read: " + why, true);
    }
    for (const NamedAt& server : names) {
      DialPlanAssignment assignment;
      assignment.location = server.location;
      assignment.path = servers->path;
      assignment.source = AssignmentSource::kDialPlanUmServers;
      assignment.server = server;
      assignment.server_is_fqdn = server.name.find('.') != std::string::npos;
      if (assignment.server_is_fqdn && !NormalizeFqdn(server.name, &assignment.server.name, &why)) {
        Note(*servers, plan + ": UMServers names " + Quoted(server.name) + ", not a usable FQDN: " + why, true);
        continue;
      }
      assignment.dial_plans.push_back({record.name.name, server.location});
      out_->assignments.push_back(std::move(assignment));
    }
  }
  out_->dial_plans.push_back(std::move(record));
}

bool ExchangeRecordReader::ReadServerIdentity(const ExportValue& object, ExchangeObjectKind kind,
                                              DialPlanAssignment* assignment) {
  std::string text;
  const ExportValue* source = nullptr;
  for (const char* name : {"Fqdn", "Server"}) {
    if (!source && (source = object.Find(name)) && !ExportText(*source, &text)) source = nullptr;
  }
  if (kind == ExchangeObjectKind::kCallRouterSettings) {
    // Its Name is always "UMCallRouterSettings": the server is in its address or DN.
    if (const ExportValue* addresses = object.Find("NetworkAddress"); !source && addresses) {
      if (TcpAddress(*addresses, &text)) source = addresses;
    }
    if (const ExportValue* dn = object.Find("DistinguishedName"); !source && dn) {
      std::string dn_text;
      if (ExportText(*dn, &dn_text) && ServerFromDn(dn_text, &text)) source = dn;
    }
  } else if (const ExportValue* name = object.Find("Name"); !source && name && ExportText(*name, &text)) {
    source = name;
  }
  std::string what = ExchangeObjectKindName(kind);
  if (!source || text.empty()) {
    Note(object,
         "a " + what +
             " object that names no server (Fqdn, Server, Name, NetworkAddress): its dial plans "
             "cannot be placed",
         true);
    return false;
  }
  assignment->server = {text, source->location};
  assignment->server_is_fqdn = text.find('.') != std::string::npos;
  std::string why;
  if (assignment->server_is_fqdn && !NormalizeFqdn(text, &assignment->server.name, &why)) {
    Note(*source, "a " + what + " object names server " + Quoted(text) + ", not a usable FQDN: " + why, true);
    return false;
  }
  return true;
}

void ExchangeRecordReader::ReadAssignment(const ExportValue& object, ExchangeObjectKind kind) {
  DialPlanAssignment assignment;
  assignment.location = object.location;
  assignment.source = kind == ExchangeObjectKind::kUmServer             ? AssignmentSource::kUmServer
                      : kind == ExchangeObjectKind::kCallRouterSettings ? AssignmentSource::kUmCallRouterSettings
                                                                        : AssignmentSource::kUnspecified;
  if (!ReadServerIdentity(object, kind, &assignment)) return;
  const std::string server = "server " + Quoted(assignment.server.name);
  const ExportValue* plans = object.Find("DialPlans");
  if (!plans) {
    Note(object,
         std::string(ExchangeObjectKindName(kind)) + " for " + server +
             " has no DialPlans: which dial plans it serves is unknown",
         true);
    return;
  }
  assignment.path = plans->path;
  std::string why;
  if (!ExportNameList(*plans, ListSeparators::kNamesWithSpaces, &assignment.dial_plans, &why)) {
    Note(*plans, "DialPlans of " + server + " cannot be read: " + why, true);
    return;
  }
  out_->assignments.push_back(std::move(assignment));
}

}  // namespace kst
