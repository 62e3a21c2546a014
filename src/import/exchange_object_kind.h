#pragma once
// Which cmdlet an exported object came from, and which of its properties kst
// knows (reads, or knows it does not need). Used by the record reader.

#include <string_view>

#include "import/exchange_object.h"

namespace kst {

enum class ExchangeObjectKind {
  kServer,              // Get-ExchangeServer
  kDialPlan,            // Get-UMDialPlan
  kUmServer,            // Get-UMServer (2010) / Get-UMService (2013/2016)
  kCallRouterSettings,  // Get-UMCallRouterSettings
  kCertificate,         // Get-ExchangeCertificate
  kAssignment,          // a selection with a server and DialPlans, cmdlet unknown
  kUnknown,
};

/// The kind from the type names, else from the property set: URIType → dial
/// plan; RawData or Thumbprint → certificate; DialPlans → the call router
/// (Name "UMCallRouterSettings", or NetworkAddress, VersionNumber or
/// CurrentServerRole present), a UM server (Status, Languages,
/// GrammarGenerationSchedule, SIPAccessService or IrmLogEnabled present) or
/// an unspecified assignment; Fqdn → server.
ExchangeObjectKind ClassifyExchangeObject(const ExportValue& object);

/// "Get-ExchangeServer", "Get-UMDialPlan", ... for messages.
const char* ExchangeObjectKindName(ExchangeObjectKind kind);

/// True when `name` (any case) is a property kst reads from objects of
/// `kind`, or one on the kind's "known, not needed" list, or PowerShell or
/// Active Directory metadata every kind carries.
bool IsKnownExchangeProperty(ExchangeObjectKind kind, std::string_view name);

}  // namespace kst
