#include "model/diagnosis_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/model_catalog.h"

namespace kst {
namespace {

struct KindName {
  EvidenceKind kind;
  const char* name;
};

constexpr KindName kKindNames[] = {
    {EvidenceKind::kSymptom, "symptom"},
    {EvidenceKind::kSymptomAbsent, "symptom-absent"},
    {EvidenceKind::kFinding, "finding"},
    {EvidenceKind::kNoFinding, "no-finding"},
    {EvidenceKind::kChangeBeforeOnset, "change-before-onset"},
    {EvidenceKind::kChangeAfterOnset, "change-after-onset"},
    {EvidenceKind::kNoImpactPath, "no-impact-path"},
};

EvidenceKind ParseKind(const std::string& text) {
  for (const KindName& k : kKindNames)
    if (text == k.name) return k.kind;
  throw std::runtime_error("model: diagnose weight of unknown evidence \"" + text + "\"");
}

std::string StringOr(const nlohmann::json& j, const char* key) {
  return j.at(key).is_null() ? std::string() : j.at(key).get<std::string>();
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void Require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("model: diagnose: " + what);
}

}  // namespace

const char* EvidenceKindName(EvidenceKind kind) {
  for (const KindName& k : kKindNames)
    if (k.kind == kind) return k.name;
  return "?";
}

const DiagnosisRules& DiagnosisRules::Embedded() {
  static const DiagnosisRules rules = [] {
    const ModelCatalog& model = ModelCatalog::Embedded();
    std::vector<std::string> rule_ids, condition_ids;
    for (const RuleInfo& r : model.rules()) rule_ids.push_back(r.id);
    for (const ConditionInfo& c : model.impact().conditions()) condition_ids.push_back(c.id);
    return Parse(EmbeddedModelText(), rule_ids, condition_ids);
  }();
  return rules;
}

DiagnosisRules DiagnosisRules::Parse(std::string_view json_text, const std::vector<std::string>& rule_ids,
                                     const std::vector<std::string>& condition_ids) {
  const nlohmann::json doc = nlohmann::json::parse(json_text);
  const nlohmann::json& section = doc.at("diagnose");
  DiagnosisRules rules;
  rules.onset_window_seconds_ = section.at("onset_window_seconds");
  for (const auto& s : section.at("symptoms")) {
    SymptomInfo symptom{s.at("id"),      s.at("name"),        StringOr(s, "provider"), std::nullopt,
                        std::nullopt,    StringOr(s, "text"), StringOr(s, "on_role"),  s.at("clock_jump"),
                        s.at("subject"), s.at("party"),       s.at("source")};
    if (!s.at("event_id").is_null()) symptom.event_id = s.at("event_id").get<uint32_t>();
    if (!s.at("ms_diagnostics").is_null()) symptom.ms_diagnostics = s.at("ms_diagnostics").get<int>();
    Require(symptom.event_id || symptom.ms_diagnostics, "symptom " + symptom.id + " matches every record");
    Require(Contains({"computer", "fqdn-words", "ms-ep-fqdn", "none"}, symptom.subject),
            "symptom " + symptom.id + " has an unknown subject " + symptom.subject);
    Require(Contains({"lync", "exchange", "edge", "any"}, symptom.party),
            "symptom " + symptom.id + " has an unknown party " + symptom.party);
    rules.symptoms_.push_back(std::move(symptom));
  }
  for (const auto& c : section.at("changes"))
    rules.changes_.push_back(
        {c.at("id"), c.at("name"), c.at("provider"), c.at("event_ids"), c.at("statement"), c.at("source")});
  for (const auto& c : section.at("causes")) {
    CauseInfo cause{c.at("id"),  c.at("name"),  StringOr(c, "condition"), c.at("rules"), c.at("judged_from"),
                    c.at("fix"), c.at("source")};
    Require(cause.condition.empty() || Contains(condition_ids, cause.condition),
            "cause " + cause.id + " names unknown condition " + cause.condition);
    for (const std::string& rule : cause.rules)
      Require(Contains(rule_ids, rule), "cause " + cause.id + " names unknown rule " + rule);
    Require(Contains({"topology", "certificates", "clocks", "none"}, cause.judged_from),
            "cause " + cause.id + " is judged from an unknown input " + cause.judged_from);
    rules.causes_.push_back(std::move(cause));
  }
  for (const auto& w : section.at("weights")) {
    WeightInfo weight{w.at("cause"), ParseKind(w.at("evidence")), StringOr(w, "symptom"), w.at("weight"),
                      w.at("source")};
    Require(rules.FindCause(weight.cause) != nullptr, "weight names unknown cause " + weight.cause);
    const bool about_symptom =
        weight.evidence == EvidenceKind::kSymptom || weight.evidence == EvidenceKind::kSymptomAbsent;
    bool known = !about_symptom;
    for (const SymptomInfo& s : rules.symptoms_) known = known || s.id == weight.symptom;
    Require(known, "weight of " + weight.cause + " names unknown symptom \"" + weight.symptom + "\"");
    Require(rules.FindWeight(weight.cause, weight.evidence, weight.symptom) == nullptr,
            "two weights for " + weight.cause + " " + EvidenceKindName(weight.evidence) + " " + weight.symptom);
    rules.weights_.push_back(std::move(weight));
  }
  return rules;
}

const CauseInfo* DiagnosisRules::FindCause(std::string_view id) const {
  for (const CauseInfo& c : causes_)
    if (c.id == id) return &c;
  return nullptr;
}

const CauseInfo* DiagnosisRules::CauseOfRule(std::string_view rule) const {
  for (const CauseInfo& c : causes_)
    for (const std::string& r : c.rules)
      if (r == rule) return &c;
  return nullptr;
}

const WeightInfo* DiagnosisRules::FindWeight(std::string_view cause, EvidenceKind kind,
                                             std::string_view symptom) const {
  for (const WeightInfo& w : weights_)
    if (w.cause == cause && w.evidence == kind && w.symptom == symptom) return &w;
  return nullptr;
}

size_t DiagnosisRules::CauseOrder(std::string_view id) const {
  for (size_t i = 0; i < causes_.size(); ++i)
    if (causes_[i].id == id) return i;
  return causes_.size();
}

}  // namespace kst
