#pragma once
// kst diagnose: from symptoms in event logs to ranked root causes. Each
// finding kst raises on the topology is a candidate cause (a KST conflict, a
// certificate subject, a clock); the symptoms the logs show (model
// diagnose.symptoms) support or argue against each candidate whose servers
// they name, by the weights of model diagnose.weights; a symptom no finding
// explains makes a candidate of its own, and logged changes (password sync)
// are candidates judged by their timing alone. The ranking is the sum of the
// weights, ties broken by the model's order of causes, then by subject: the
// same logs and topology always give the same ranking, and every weight added
// is listed with its source.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/finding.h"
#include "model/diagnosis_rules.h"
#include "model/event_record.h"
#include "model/model_catalog.h"
#include "model/replica_state.h"
#include "model/topology.h"

namespace kst {

/// One logged record that shows a symptom or a change.
struct LoggedOccurrence {
  std::string computer;
  UnixSeconds time = 0;
  bool local_time = false;  // an Export-Csv time without its offset
  std::string where;        // file:line:column, or the .evtx record
  std::string detail;       // what kst read from it ("ms-ep-fqdn=edge01...", "set 5 h 0 min forward")
};

/// The records of one symptom (or change) about one subject.
struct SymptomGroup {
  const SymptomInfo* symptom = nullptr;  // null for a change
  const ChangeInfo* change = nullptr;
  std::string subject;                // the server the records point at; "" when they name none
  std::vector<std::string> involved;  // every server they name (computers and pools), sorted
  size_t count = 0;
  std::vector<LoggedOccurrence> first;  // the first few, in time order
};

struct DiagnosisEvidence {
  EvidenceKind kind = EvidenceKind::kSymptom;
  int weight = 0;
  std::string what;    // for people
  std::string source;  // of the weight (model diagnose.weights)
  int group = -1;      // index into Diagnosis::groups: the records, for symptom and change evidence
};

struct DiagnosisCandidate {
  const CauseInfo* cause = nullptr;
  std::string subject;
  std::string change;                 // a coincident change: its name
  std::vector<std::string> findings;  // "kst/version-conflict on ex1.contoso.com (fe01, fe02)"
  std::vector<std::string> fixes;     // kst's re-checked fixes, else the cause's
  std::vector<std::string> involved;  // servers the candidate is about, sorted
  std::vector<DiagnosisEvidence> evidence;
  std::vector<std::string> assumptions;
  int score = 0;
};

struct Diagnosis {
  size_t records = 0;
  std::vector<std::string> computers;
  std::optional<LoggedOccurrence> onset;  // the first symptom logged by a computer with a trusted clock
  std::string onset_symptom;
  std::vector<std::string> clock_suspects;  // computers whose clock is off: their logs or the topology say so
  std::vector<SymptomGroup> groups;
  std::vector<DiagnosisCandidate> ranked;
  bool diagnosed = false;  // false: inconclusive, for the reasons below
  std::vector<std::string> inconclusive_reasons;
  std::vector<std::string> notes;
  std::vector<std::string> assumptions;  // every assumption the ranking rests on, sorted
};

struct DiagnoseInputs {
  const Topology* topology = nullptr;
  const Report* report = nullptr;  // kst check of the topology: its findings are candidates
  const std::vector<EventRecord>* records = nullptr;
  std::set<std::string> computers;                      // every computer whose records were read
  const std::vector<ReplicaState>* replicas = nullptr;  // Get-CsManagementStoreReplicationStatus, when given
  int64_t clock_tolerance_seconds = 300;
};

/// At most this many (symptom, subject) groups are ranked; more make the result inconclusive.
constexpr size_t kMaxDiagnosisGroups = 1000;

Diagnosis Diagnose(const DiagnoseInputs& inputs, const ModelCatalog& model, const DiagnosisRules& rules);

/// The code of each "ms-diagnostics: N" header in `text` (case ignored).
std::vector<int> MsDiagnosticsCodes(const std::string& text);

/// How far a Kernel-General 1 record set the clock (NewTime - OldTime, in
/// seconds), from its first two insertion strings or, without them, the
/// first two ISO times of its message; none when neither parses.
std::optional<int64_t> ClockJumpSeconds(const EventRecord& record);

}  // namespace kst
