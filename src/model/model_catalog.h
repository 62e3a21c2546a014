#pragma once
// The KST semantics as data (model/kst-model.json, embedded at build time):
// known versions, roles, URI types, event ids and our descriptions, named
// assumptions, the selectable readings of UM Routing's behaviour, the
// parameters of the certificate and clock checks, certificate services, and
// the impact model (features, channels, conditions).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/impact_model.h"

namespace kst {

struct VersionInfo {
  int kst_version = 0;
  std::string product;
  std::string evidence;  // "documented" or "inferred"
  std::string source;
};

/// An Exchange Server version (model "exchange_versions"): the name a
/// kst-topology/1 file writes ("2013"), the AdminDisplayVersion an export
/// shows (-1: any minor; a major of -1 is never read from an export), and
/// whether it can host Unified Messaging, so be a server of a UM dial plan.
struct ExchangeVersionInfo {
  std::string name;
  int major = -1;
  int minor = -1;
  bool hosts_um = false;
  std::string evidence;  // "documented" or "inferred"
  std::string source;
};

struct RoleInfo {
  std::string name;
  bool hosts_registrar = false;  // may be the registrar of a trusted application pool
  bool holds_kst = false;
  bool runs_um_routing = false;
  std::string source;
};

/// How a RoleName of a topology XML export maps to a kst pool role
/// (model/kst-model.json "topology_xml_roles").
struct TopologyXmlRole {
  std::string role_name;   // as in <ServiceId RoleName=...> or <Service RoleName=...>
  std::string pool_role;   // a kst role, "registrar", "trusted_application_pool", or "" (no KST entry)
  int precedence = 100;    // the cluster takes the role of its lowest-precedence service
  std::string assumption;  // id of the named assumption the mapping rests on
};

struct UriTypeInfo {
  std::string name;
  bool um_routing_adds = false;
};

/// An event-log line kst predicts. `id` 0 means no public id (the line is ours).
struct EventInfo {
  int id = 0;
  std::string key;  // "14563", or a name such as "um-runtime-add" when id is 0
  std::string source;
  std::string level;
  std::string description;   // ours: the real text is not public
  bool public_text = false;  // true only if the description is the server's own text
  std::string evidence;
};

/// A finding rule: stable id, default level and the texts reports show.
struct RuleInfo {
  std::string id;
  std::string level;  // default: "error" or "warning"
  std::string name;   // CamelCase, for SARIF
  std::string short_description;
  std::string full_description;
  std::string help;
};

struct Assumption {
  std::string id;
  std::string kind;  // "source" or "inferred"
  std::string statement;
  std::string source;
};

/// A value the checks use that the user may override (a tolerance, a
/// warning window), with the assumption that justifies its default.
struct Parameter {
  std::string id;
  int64_t value = 0;
  std::string option;  // the command-line option that overrides it
  std::string assumption;
};

/// A service a certificate can be assigned to (Exchange's Services, Lync's
/// certificate types, and kst's OWAIM).
struct CertificateServiceInfo {
  std::string name;
  std::string product;  // "Exchange" or "Lync"
  bool sip = false;     // carries SIP between Lync and Exchange: checked for subject and validity
  bool wildcard_subject_unsupported = false;
  std::string statement;
  std::string source;
};

/// What UM Routing does with an FQDN whose start-up add hit a topology entry.
enum class StartupConflictPolicy { kWithdrawRemember, kWithdrawRetry, kWithdrawForget };

struct Semantics {
  std::string name;
  bool is_default = false;
  StartupConflictPolicy startup_conflict = StartupConflictPolicy::kWithdrawRemember;
  std::string statement;
  std::vector<std::string> assumptions;
};

/// Read-only view of the model. Built once from the embedded JSON.
class ModelCatalog {
 public:
  /// The catalog kst was built with.
  static const ModelCatalog& Embedded();
  /// Parses a model document; throws std::runtime_error if it is malformed
  /// (the embedded one is checked by the test suite).
  static ModelCatalog Parse(std::string_view json_text);

  const VersionInfo* FindVersion(int kst_version) const;
  const ExchangeVersionInfo* FindExchangeVersion(std::string_view name) const;
  /// The version an export's AdminDisplayVersion major.minor stands for, or null.
  const ExchangeVersionInfo* ExchangeVersionOfBuild(int major, int minor) const;
  const RoleInfo* FindRole(std::string_view name) const;
  const UriTypeInfo* FindUriType(std::string_view name) const;
  const EventInfo& Event(std::string_view key) const;  // throws on an unknown key: a bug
  const Semantics* FindSemantics(std::string_view name) const;
  const Semantics& DefaultSemantics() const;
  const Assumption* FindAssumption(std::string_view id) const;
  const RuleInfo* FindRule(std::string_view id) const;
  const TopologyXmlRole* FindTopologyXmlRole(std::string_view role_name) const;
  const CertificateServiceInfo* FindCertificateService(std::string_view name) const;
  /// The value of a parameter; throws on an unknown id (a bug).
  int64_t ParameterValue(std::string_view id) const;

  const std::vector<VersionInfo>& versions() const { return versions_; }
  const std::vector<ExchangeVersionInfo>& exchange_versions() const { return exchange_versions_; }
  const std::vector<RoleInfo>& roles() const { return roles_; }
  const std::vector<UriTypeInfo>& uri_types() const { return uri_types_; }
  const std::vector<EventInfo>& events() const { return events_; }
  const std::vector<Assumption>& assumptions() const { return assumptions_; }
  const std::vector<RuleInfo>& rules() const { return rules_; }
  const std::vector<Semantics>& semantics() const { return semantics_; }
  const std::vector<TopologyXmlRole>& topology_xml_roles() const { return topology_xml_roles_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }
  const std::vector<CertificateServiceInfo>& certificate_services() const { return certificate_services_; }
  const ImpactModel& impact() const { return impact_; }
  std::string RoleNames() const;  // "FrontEnd, StandardEdition, ..." for messages
  std::string UriTypeNames() const;
  std::string ExchangeVersionNames() const;  // "2010, 2013, ..."
  std::string SemanticsNames() const;
  std::string CertificateServiceNames() const;

 private:
  std::vector<VersionInfo> versions_;
  std::vector<ExchangeVersionInfo> exchange_versions_;
  std::vector<RoleInfo> roles_;
  std::vector<UriTypeInfo> uri_types_;
  std::vector<EventInfo> events_;
  std::vector<Assumption> assumptions_;
  std::vector<RuleInfo> rules_;
  std::vector<Semantics> semantics_;
  std::vector<TopologyXmlRole> topology_xml_roles_;
  std::vector<Parameter> parameters_;
  std::vector<CertificateServiceInfo> certificate_services_;
  ImpactModel impact_;
};

std::string_view EmbeddedModelText();  // generated from model/kst-model.json

}  // namespace kst
