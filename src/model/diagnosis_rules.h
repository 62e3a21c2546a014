#pragma once
// model/kst-model.json "diagnose": the symptoms kst diagnose looks for in
// event logs, the changes it treats as candidates of their own, the root
// causes (each the impact-model condition it breaks and the rules that raise
// it) and the weights that say which evidence supports which cause. Data with
// its sources, never code: a weight is changed in the model, and every
// ranking names the weights it added.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kst {

/// A record that shows a symptom: its provider and id, or an ms-diagnostics
/// code in its text, optionally a text it must hold, on a computer of a role.
struct SymptomInfo {
  std::string id;
  std::string name;
  std::string provider;               // "" : any provider
  std::optional<uint32_t> event_id;   // none: any id
  std::optional<int> ms_diagnostics;  // the code of an "ms-diagnostics: N;" header in the record's text
  std::string text;                   // "" : none required (compared without regard to case)
  std::string on_role;                // "" : any computer; else a pool role the computer must have
  bool clock_jump = false;            // Kernel-General 1: only when NewTime - OldTime passes the tolerance
  std::string subject;                // "computer", "fqdn-words", "ms-ep-fqdn" or "none"
  std::string party;                  // whose logs would show it: "lync", "exchange", "edge", "any"
  std::string source;
};

/// A logged change that is a candidate of its own (seed 000's password sync).
struct ChangeInfo {
  std::string id;
  std::string name;
  std::string provider;
  std::vector<uint32_t> event_ids;
  std::string statement;
  std::string source;
};

struct CauseInfo {
  std::string id;
  std::string name;
  std::string condition;           // model impact.conditions id; "" for a change
  std::vector<std::string> rules;  // finding rules that raise it
  std::string judged_from;         // "topology", "certificates", "clocks", "none"
  std::string fix;
  std::string source;
};

/// What a weight is given for.
enum class EvidenceKind {
  kSymptom,            // the symptom was logged
  kSymptomAbsent,      // logs of its party were read and it was not
  kFinding,            // kst raises the cause's rule on the subject from the topology
  kNoFinding,          // the topology holds what the rule judges and kst raises none
  kChangeBeforeOnset,  // a change logged within the window before the first symptom
  kChangeAfterOnset,   // a change logged after the first symptom
  kNoImpactPath,       // the impact model has no path from the change to a feature
};
const char* EvidenceKindName(EvidenceKind kind);

struct WeightInfo {
  std::string cause;
  EvidenceKind evidence = EvidenceKind::kSymptom;
  std::string symptom;  // for kSymptom and kSymptomAbsent
  int weight = 0;
  std::string source;
};

class DiagnosisRules {
 public:
  static const DiagnosisRules& Embedded();
  /// Parses the "diagnose" section of a model document; throws
  /// std::runtime_error when it is malformed or names what does not exist
  /// (a symptom, cause, rule or condition; `rule_ids`, `condition_ids`).
  static DiagnosisRules Parse(std::string_view json_text, const std::vector<std::string>& rule_ids,
                              const std::vector<std::string>& condition_ids);

  const std::vector<SymptomInfo>& symptoms() const { return symptoms_; }
  const std::vector<ChangeInfo>& changes() const { return changes_; }
  const std::vector<CauseInfo>& causes() const { return causes_; }
  const std::vector<WeightInfo>& weights() const { return weights_; }
  int64_t onset_window_seconds() const { return onset_window_seconds_; }

  const CauseInfo* FindCause(std::string_view id) const;
  /// The cause whose rules include `rule`, or null (a waiver rule).
  const CauseInfo* CauseOfRule(std::string_view rule) const;
  /// The weight for (cause, kind, symptom), or null when the model gives none.
  const WeightInfo* FindWeight(std::string_view cause, EvidenceKind kind, std::string_view symptom = {}) const;
  /// Position of a cause in the model: ties in a ranking are broken by it.
  size_t CauseOrder(std::string_view id) const;

 private:
  std::vector<SymptomInfo> symptoms_;
  std::vector<ChangeInfo> changes_;
  std::vector<CauseInfo> causes_;
  std::vector<WeightInfo> weights_;
  int64_t onset_window_seconds_ = 0;
};

}  // namespace kst
