// Exchange object kinds: how an exported object is recognised, and which
// of its properties kst knows. The "known, not needed" lists come from the
// real Get-ExchangeServer captures (../shared/samples/exchange) and from the
// public class definitions behind the UM cmdlets (UMDialPlan, UMServer,
// SIPFEServerConfiguration) and X509Certificate2/ExchangeCertificate; a
// property on no list is reported by the record reader.

#include "import/exchange_object_kind.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "import/exchange_values.h"

namespace kst {
namespace {

using Names = std::initializer_list<const char*>;

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool InList(std::string_view name, Names names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return SameName(name, n); });
}

// clang-format off
// On every kind: AD object plumbing and the PowerShell remoting metadata.
constexpr Names kCommon = {
    "AdminDisplayName", "DistinguishedName", "ExchangeVersion", "Guid", "Id", "Identity", "IsValid", "ObjectCategory",
    "ObjectClass", "ObjectState", "OrganizationId", "OriginatingServer", "WhenChanged", "WhenChangedUTC",
    "WhenCreated", "WhenCreatedUTC", "PSComputerName", "PSShowComputerName", "RunspaceId", "SerializationData"};

constexpr Names kServerKnown = {
    "CurrentConfigDomainController", "CurrentDomainControllers", "CurrentGlobalCatalogs", "CustomerFeedbackEnabled",
    "DataCollectionEnabled", "DataPath", "Domain", "Edition", "ErrorReportingEnabled", "ExchangeLegacyDN",
    "ExchangeLegacyServerRole", "InternetWebProxy", "InternetWebProxyBypassList", "IsClientAccessServer",
    "IsE14OrLater", "IsE15OrLater", "IsEdgeServer", "IsExchange2007OrLater", "IsExchangeTrialEdition",
    "IsExpiredExchangeTrialEdition", "IsFrontendTransportServer", "IsHubTransportServer", "IsMailboxServer",
    "IsProvisionedServer", "MailboxProvisioningAttributes", "MitigationsApplied", "MitigationsBlocked",
    "MitigationsEnabled", "MonitoringGroup", "NetworkAddress", "OrganizationalUnit", "ProductID",
    "RemainingTrialPeriod", "ServerRole", "Site", "StaticConfigDomainController", "StaticDomainControllers",
    "StaticExcludedDomainControllers", "StaticGlobalCatalogs"};

constexpr Names kDialPlanKnown = {
    "AccessTelephoneNumbers", "AllowDialPlanSubscribers", "AllowedInCountryOrRegionGroups",
    "AllowedInternationalGroups", "AllowExtensions", "AllowHeuristicADCallingLineIdResolution", "AudioCodec",
    "AutomaticSpeechRecognitionEnabled", "CallAnsweringRulesEnabled", "CallSomeoneEnabled",
    "ConfiguredInCountryOrRegionGroups", "ConfiguredInternationalGroups", "ContactAddressList", "ContactScope",
    "CountryOrRegionCode", "DefaultLanguage", "DefaultOutboundCallingLineId", "DialByNamePrimary",
    "DialByNameSecondary", "EquivalentDialPlanPhoneContexts", "Extension", "FaxEnabled", "FDSPollingInterval",
    "GlobalCallRoutingScheme", "InCountryOrRegionNumberFormat", "InfoAnnouncementEnabled", "InfoAnnouncementFilename",
    "InputFailuresBeforeDisconnect", "InternationalAccessCode", "InternationalNumberFormat",
    "LegacyPromptPublishingPoint", "LogonFailuresBeforeDisconnect", "MatchedNameSelectionMethod", "MaxCallDuration",
    "MaxRecordingDuration", "NationalNumberPrefix", "NumberingPlanFormats", "NumberOfDigitsInExtension",
    "OperatorExtension", "OutsideLineAccessCode", "PhoneContext", "PilotIdentifierList", "RecordingIdleTimeout",
    "SendVoiceMsgEnabled", "SipResourceIdentifierRequired", "SubscriberType", "TUIPromptEditingEnabled",
    "UMAutoAttendant", "UMAutoAttendants", "UMIPGateway", "UMMailboxPolicies", "VoIPSecurity",
    "WelcomeGreetingEnabled", "WelcomeGreetingFilename"};

// UMServer (Get-UMServer, Get-UMService) and SIPFEServerConfiguration
// (Get-UMCallRouterSettings) share most of their settings.
constexpr Names kAssignmentKnown = {
    "CurrentServerRole", "ExternalHostFqdn", "ExternalServiceFqdn", "GrammarGenerationSchedule", "IPAddressFamily",
    "IPAddressFamilyConfigurable", "IrmLogEnabled", "IrmLogMaxAge", "IrmLogMaxDirectorySize", "IrmLogMaxFileSize",
    "IrmLogPath", "Languages", "MaxCallsAllowed", "SIPAccessService", "SipTcpListeningPort", "SipTlsListeningPort",
    "Status", "UMCertificateThumbprint", "UMForwardingAddressTemplate", "UMPodRedirectTemplate", "UMStartupMode",
    "VersionNumber"};

constexpr Names kCertificateKnown = {
    "AccessRules", "Archived", "CertificateRequest", "DnsNameList", "EnhancedKeyUsageList", "Extensions",
    "FriendlyName", "Handle", "HasPrivateKey", "IsSelfSigned", "IssuerName", "KeyIdentifier", "PrivateKey",
    "PrivateKeyExportable", "PublicKey", "PublicKeySize", "RootCAType", "SendAsTrustedIssuer", "SerialNumber",
    "ServicesStringForm", "SignatureAlgorithm", "Status", "SubjectName", "Version"};

constexpr Names kServerNeeded = {
    "Fqdn", "Name", "AdminDisplayVersion", "IsUnifiedMessagingServer"};

constexpr Names kDialPlanNeeded = {
    "Name", "URIType", "UMServers"};

constexpr Names kAssignmentNeeded = {
    "Fqdn", "Server", "Name", "DialPlans", "NetworkAddress"};

constexpr Names kCertificateNeeded = {
    "RawData", "Thumbprint", "Subject", "Issuer", "NotBefore", "NotAfter", "CertificateDomains", "Services", "Server"};
// clang-format on

// The class name a type name stands for: prefixes added by remoting and
// Select-Object dropped, namespace dropped.
std::string_view ClassName(std::string_view type) {
  for (std::string_view prefix : {"Deserialized.", "Selected."}) {
    while (type.rfind(prefix, 0) == 0) type.remove_prefix(prefix.size());
  }
  size_t dot = type.rfind('.');
  return dot == std::string_view::npos ? type : type.substr(dot + 1);
}

ExchangeObjectKind KindFromTypeNames(const std::vector<std::string>& type_names) {
  for (const std::string& type : type_names) {
    std::string_view name = ClassName(type);
    if (name == "ExchangeServer") return ExchangeObjectKind::kServer;
    if (name == "UMDialPlan") return ExchangeObjectKind::kDialPlan;
    if (name == "UMServer") return ExchangeObjectKind::kUmServer;
    if (name == "SIPFEServerConfiguration") return ExchangeObjectKind::kCallRouterSettings;
    if (name == "ExchangeCertificate" || name == "X509Certificate2") return ExchangeObjectKind::kCertificate;
  }
  return ExchangeObjectKind::kUnknown;
}

bool HasAny(const ExportValue& object, Names names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return object.Find(n) != nullptr; });
}

}  // namespace

ExchangeObjectKind ClassifyExchangeObject(const ExportValue& object) {
  ExchangeObjectKind kind = KindFromTypeNames(object.type_names);
  if (kind != ExchangeObjectKind::kUnknown || object.kind != ExportValue::Kind::kObject) return kind;
  if (object.Find("URIType")) return ExchangeObjectKind::kDialPlan;
  if (HasAny(object, {"RawData", "Thumbprint"})) return ExchangeObjectKind::kCertificate;
  if (object.Find("DialPlans")) {
    std::string name;
    const ExportValue* name_value = object.Find("Name");
    if ((name_value && ExportText(*name_value, &name) && name == "UMCallRouterSettings") ||
        HasAny(object, {"NetworkAddress", "VersionNumber", "CurrentServerRole"})) {
      return ExchangeObjectKind::kCallRouterSettings;
    }
    if (HasAny(object, {"Status", "Languages", "GrammarGenerationSchedule", "SIPAccessService", "IrmLogEnabled"})) {
      return ExchangeObjectKind::kUmServer;
    }
    return ExchangeObjectKind::kAssignment;
  }
  if (object.Find("Fqdn")) return ExchangeObjectKind::kServer;
  return ExchangeObjectKind::kUnknown;
}

const char* ExchangeObjectKindName(ExchangeObjectKind kind) {
  switch (kind) {
    case ExchangeObjectKind::kServer:
      return "Get-ExchangeServer";
    case ExchangeObjectKind::kDialPlan:
      return "Get-UMDialPlan";
    case ExchangeObjectKind::kUmServer:
      return "Get-UMServer/Get-UMService";
    case ExchangeObjectKind::kCallRouterSettings:
      return "Get-UMCallRouterSettings";
    case ExchangeObjectKind::kCertificate:
      return "Get-ExchangeCertificate";
    case ExchangeObjectKind::kAssignment:
      return "dial-plan assignment";
    case ExchangeObjectKind::kUnknown:
      break;
  }
  return "unknown";
}

bool IsKnownExchangeProperty(ExchangeObjectKind kind, std::string_view name) {
  if (InList(name, kCommon)) return true;
  switch (kind) {
    case ExchangeObjectKind::kServer:
      return InList(name, kServerNeeded) || InList(name, kServerKnown);
    case ExchangeObjectKind::kDialPlan:
      return InList(name, kDialPlanNeeded) || InList(name, kDialPlanKnown);
    case ExchangeObjectKind::kCertificate:
      return InList(name, kCertificateNeeded) || InList(name, kCertificateKnown);
    case ExchangeObjectKind::kUnknown:
      return false;
    default:
      return InList(name, kAssignmentNeeded) || InList(name, kAssignmentKnown);
  }
}

}  // namespace kst
