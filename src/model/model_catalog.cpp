#include "model/model_catalog.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kst {
namespace {

StartupConflictPolicy ParsePolicy(const std::string& text) {
  if (text == "withdraw-remember") return StartupConflictPolicy::kWithdrawRemember;
  if (text == "withdraw-retry") return StartupConflictPolicy::kWithdrawRetry;
  if (text == "withdraw-forget") return StartupConflictPolicy::kWithdrawForget;
  throw std::runtime_error("model: unknown um_startup_conflict \"" + text + "\"");
}

template <typename T>
std::string JoinNames(const std::vector<T>& items) {
  std::string out;
  for (const T& item : items) out += (out.empty() ? "" : ", ") + item.name;
  return out;
}

}  // namespace

const ModelCatalog& ModelCatalog::Embedded() {
  static const ModelCatalog catalog = Parse(EmbeddedModelText());
  return catalog;
}

ModelCatalog ModelCatalog::Parse(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text);
  if (doc.at("format") != "kst-model/1") throw std::runtime_error("model: format is not kst-model/1");
  ModelCatalog model;
  for (const auto& v : doc.at("versions"))
    model.versions_.push_back({v.at("kst_version"), v.at("product"), v.at("evidence"), v.at("source")});
  for (const auto& x : doc.at("exchange_versions")) {
    auto number = [&](const char* key) { return x.at(key).is_null() ? -1 : x.at(key).get<int>(); };
    model.exchange_versions_.push_back(
        {x.at("name"), number("major"), number("minor"), x.at("hosts_um"), x.at("evidence"), x.at("source")});
  }
  for (const auto& r : doc.at("roles"))
    model.roles_.push_back(
        {r.at("name"), r.at("hosts_registrar"), r.at("holds_kst"), r.at("runs_um_routing"), r.at("source")});
  for (const auto& u : doc.at("uri_types")) model.uri_types_.push_back({u.at("name"), u.at("um_routing_adds")});
  for (const auto& e : doc.at("events")) {
    int id = e.at("id");
    std::string key = id != 0 ? std::to_string(id) : e.at("key").get<std::string>();
    model.events_.push_back(
        {id, key, e.at("source"), e.at("level"), e.at("description"), e.at("public_text"), e.at("evidence")});
  }
  for (const auto& r : doc.at("rules"))
    model.rules_.push_back({r.at("id"), r.at("level"), r.at("name"), r.at("short"), r.at("full"), r.at("help")});
  for (const auto& a : doc.at("assumptions"))
    model.assumptions_.push_back({a.at("id"), a.at("kind"), a.at("statement"), a.at("source")});
  for (const auto& s : doc.at("semantics")) {
    Semantics semantics{s.at("name"), s.value("default", false), ParsePolicy(s.at("um_startup_conflict")),
                        s.at("statement"), s.at("assumptions")};
    model.semantics_.push_back(std::move(semantics));
  }
  for (const Semantics& s : model.semantics_)
    for (const std::string& id : s.assumptions)
      if (!model.FindAssumption(id)) throw std::runtime_error("model: semantics names unknown assumption " + id);
  for (const auto& r : doc.at("topology_xml_roles").at("roles")) {
    TopologyXmlRole role{r.at("role_name"), r.at("pool_role").is_null() ? "" : r.at("pool_role").get<std::string>(),
                         r.at("precedence"), r.at("assumption")};
    bool special =
        role.pool_role.empty() || role.pool_role == "registrar" || role.pool_role == "trusted_application_pool";
    if (!special && !model.FindRole(role.pool_role))
      throw std::runtime_error("model: topology_xml_roles maps " + role.role_name + " to unknown role " +
                               role.pool_role);
    if (!model.FindAssumption(role.assumption))
      throw std::runtime_error("model: topology_xml_roles names unknown assumption " + role.assumption);
    model.topology_xml_roles_.push_back(std::move(role));
  }
  for (const auto& p : doc.at("parameters")) {
    model.parameters_.push_back({p.at("id"), p.at("value"), p.at("option"), p.at("assumption")});
    if (!model.FindAssumption(model.parameters_.back().assumption))
      throw std::runtime_error("model: parameter names unknown assumption " + model.parameters_.back().assumption);
  }
  for (const auto& c : doc.at("certificate_services"))
    model.certificate_services_.push_back({c.at("name"), c.at("product"), c.at("sip"),
                                           c.at("wildcard_subject_unsupported"), c.at("statement"), c.at("source")});
  std::vector<std::string> rule_ids, service_names, assumption_ids;
  for (const RuleInfo& r : model.rules_) rule_ids.push_back(r.id);
  for (const CertificateServiceInfo& c : model.certificate_services_) service_names.push_back(c.name);
  for (const Assumption& a : model.assumptions_) assumption_ids.push_back(a.id);
  model.impact_ = ImpactModel::Parse(doc.at("impact"), rule_ids, service_names, assumption_ids);
  return model;
}

const TopologyXmlRole* ModelCatalog::FindTopologyXmlRole(std::string_view role_name) const {
  for (const TopologyXmlRole& r : topology_xml_roles_)
    if (r.role_name == role_name) return &r;
  return nullptr;
}

const VersionInfo* ModelCatalog::FindVersion(int kst_version) const {
  for (const VersionInfo& v : versions_)
    if (v.kst_version == kst_version) return &v;
  return nullptr;
}

const ExchangeVersionInfo* ModelCatalog::FindExchangeVersion(std::string_view name) const {
  for (const ExchangeVersionInfo& v : exchange_versions_)
    if (v.name == name) return &v;
  return nullptr;
}

const ExchangeVersionInfo* ModelCatalog::ExchangeVersionOfBuild(int major, int minor) const {
  for (const ExchangeVersionInfo& v : exchange_versions_)
    if (v.major >= 0 && v.major == major && (v.minor < 0 || v.minor == minor)) return &v;
  return nullptr;
}

const RoleInfo* ModelCatalog::FindRole(std::string_view name) const {
  for (const RoleInfo& r : roles_)
    if (r.name == name) return &r;
  return nullptr;
}

const UriTypeInfo* ModelCatalog::FindUriType(std::string_view name) const {
  for (const UriTypeInfo& u : uri_types_)
    if (u.name == name) return &u;
  return nullptr;
}

const EventInfo& ModelCatalog::Event(std::string_view key) const {
  for (const EventInfo& e : events_)
    if (e.key == key) return e;
  throw std::logic_error("model has no event " + std::string(key));
}

const Semantics* ModelCatalog::FindSemantics(std::string_view name) const {
  for (const Semantics& s : semantics_)
    if (s.name == name) return &s;
  return nullptr;
}

const Semantics& ModelCatalog::DefaultSemantics() const {
  for (const Semantics& s : semantics_)
    if (s.is_default) return s;
  return semantics_.front();
}

const Assumption* ModelCatalog::FindAssumption(std::string_view id) const {
  for (const Assumption& a : assumptions_)
    if (a.id == id) return &a;
  return nullptr;
}

const RuleInfo* ModelCatalog::FindRule(std::string_view id) const {
  for (const RuleInfo& r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

const CertificateServiceInfo* ModelCatalog::FindCertificateService(std::string_view name) const {
  for (const CertificateServiceInfo& c : certificate_services_)
    if (c.name == name) return &c;
  return nullptr;
}

int64_t ModelCatalog::ParameterValue(std::string_view id) const {
  for (const Parameter& p : parameters_)
    if (p.id == id) return p.value;
  throw std::logic_error("model has no parameter " + std::string(id));
}

std::string ModelCatalog::RoleNames() const {
  return JoinNames(roles_);
}
std::string ModelCatalog::UriTypeNames() const {
  return JoinNames(uri_types_);
}
std::string ModelCatalog::ExchangeVersionNames() const {
  return JoinNames(exchange_versions_);
}
std::string ModelCatalog::SemanticsNames() const {
  return JoinNames(semantics_);
}
std::string ModelCatalog::CertificateServiceNames() const {
  return JoinNames(certificate_services_);
}

}  // namespace kst
