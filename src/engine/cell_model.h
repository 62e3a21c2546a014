#pragma once
// The transition system of one (server, FQDN) cell of the Known Servers Table.
//
// FQDNs never interact in the KST, and a server's table is its own, so the
// whole system is a product of independent cells. A cell sees: the versions
// the topology claims for its FQDN in each published revision (only the
// revisions that change them), whether Exchange AD lists the FQDN as a
// SipName dial plan host in each AD revision (only changes), and the plan's
// admin steps that touch it. Its state is a handful of small integers and
// flags; the KST entry is derived from it, never stored, so it cannot drift.
//
// The rules follow the reference semantics of the design brief (section 3)
// and the named assumptions in model/kst-model.json; the reading of UM
// Routing's start-up conflict is a StartupConflictPolicy. Tested by
// cell_model_test.cpp (golden cases O1-O3).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/model_catalog.h"

namespace kst {

/// Distinct versions claimed for one FQDN, sorted. Empty: unclaimed; two or
/// more: a conflict, the FQDN is absent.
using VersionSet = std::vector<int>;

struct AdminStep {
  enum class Kind { kPublish, kAdChange, kRestart, kWaitForReplication, kWaitForUmPoll };
  Kind kind = Kind::kPublish;
  int plan_index = -1;  // index in the scenario's plan, for reports
};

/// Everything a cell's behaviour depends on. Two cells with equal inputs
/// (apart from the names) behave identically, which the explorer uses.
struct CellInput {
  bool runs_um_routing = false;
  std::vector<VersionSet> topology;  // [0] base, [k] after the k-th projected publish
  std::vector<bool> ad_lists;        // [0] base, [k] after the k-th projected AD change
  std::vector<AdminStep> steps;      // the plan's admin steps that matter to this cell
  bool unplanned_restart = false;    // environment.restarts == "any"
  bool needed_at_start = false;      // the FQDN is required on this server before the plan
  bool needed_at_end = false;        // ... and after it

  // Labels of this cell, outside the key (cells of one class may differ in
  // them): where in the whole plan its admin steps are (AdminStep::plan_index),
  // how long the plan is, and after how many plan steps the topology in force
  // starts or stops requiring the FQDN on this server (needed_at_start before
  // the first flip). The outage window (check/cell_rules.h) is told with them.
  int plan_steps = 0;
  std::vector<int> need_flips;

  /// Whether the topology in force after `steps_done` plan steps requires the FQDN here.
  bool NeededAfter(int steps_done) const;
  /// The first and last number of plan steps done in `span` (both ends
  /// included) after which the FQDN is needed here; {-1, -1}: never.
  std::pair<int, int> NeededWithin(std::pair<int, int> span) const;

  /// A canonical key: equal keys mean equal behaviour.
  std::string Key() const;
};

struct CellState {
  uint16_t step = 0;          // admin steps done
  uint16_t replica = 0;       // topology revision this server applied
  uint16_t ad_seen = 0;       // AD revision UM Routing last read
  bool um_claim = false;      // UM Routing holds its version-0 claim
  bool um_handled = false;    // UM Routing counts the FQDN as handled
  bool um_retry = false;      // on UM Routing's retry list (retry-list reading)
  bool restart_used = false;  // the unplanned restart happened (restarts "any")

  uint64_t Pack() const;
  static CellState Unpack(uint64_t packed);
  bool operator==(const CellState& other) const { return Pack() == other.Pack(); }
};

/// What one transition does; kAdminStep runs the plan's next admin step.
enum class CellEvent : uint8_t { kAdminStep, kReplicate, kUmPoll, kUnplannedRestart };

/// Every event once, with its name in trace files and whole-system schedules.
/// A new event is added here; docs/architecture.md lists the few places that
/// must then say what it does (each a switch the compiler checks).
struct CellEventInfo {
  CellEvent event;
  const char* name;
};
inline constexpr CellEventInfo kCellEvents[] = {{CellEvent::kAdminStep, "admin_step"},
                                                {CellEvent::kReplicate, "replicate"},
                                                {CellEvent::kUmPoll, "um_poll"},
                                                {CellEvent::kUnplannedRestart, "unplanned_restart"}};
const char* CellEventName(CellEvent event);
bool ParseCellEvent(const std::string& name, CellEvent* event);

struct CellEntry {
  bool present = false;
  int version = 0;
  bool operator==(const CellEntry& other) const {
    return present == other.present && (!present || version == other.version);
  }
  std::string ToString() const;  // "version 6" or "absent"
};

/// A predicted event-log line: the model's event key and our wording of it.
struct LogLine {
  std::string event_key;
  std::string text;
  bool operator==(const LogLine& other) const { return event_key == other.event_key && text == other.text; }
};

class CellModel {
 public:
  /// `fqdn` is used only to word log lines.
  CellModel(const CellInput& input, StartupConflictPolicy policy, std::string fqdn);

  /// The steady state before the plan: RTCSRV started with the base topology
  /// and UM Routing made its start-up claims (assumption steady-start).
  /// `*conflict` tells whether that start logged 14563.
  CellState Initial(std::vector<LogLine>* lines, bool* conflict) const;

  /// Applies `event` to `from`. Returns false when the event is not enabled
  /// or would change nothing. `*conflict` is set when the step logs 14563.
  /// `lines` may be null (exploration); narration and exploration share code.
  bool Apply(const CellState& from, CellEvent event, CellState* to, bool* conflict, std::vector<LogLine>* lines) const;

  CellEntry Entry(const CellState& state) const;
  /// Plan done, replication caught up, and no poll would change anything.
  bool IsEnd(const CellState& state) const;

  int published(const CellState& state) const { return published_upto_[state.step]; }
  int ad_revision(const CellState& state) const { return ad_upto_[state.step]; }
  const CellInput& input() const { return input_; }

 private:
  VersionSet Claimed(const CellState& state) const;
  void Start(CellState* state, bool* conflict, std::vector<LogLine>* lines) const;
  bool Poll(CellState* state, bool* conflict, std::vector<LogLine>* lines) const;
  void Narrate(const VersionSet& before, const VersionSet& after, bool claim_added, bool* conflict,
               std::vector<LogLine>* lines) const;
  /// Appends a line when narrating; `text` is only called then, so the
  /// exploration's hot loop never builds strings.
  template <typename TextFn>
  void Line(std::vector<LogLine>* lines, const char* key, TextFn text) const {
    if (lines) lines->push_back({key, text()});
  }

  const CellInput& input_;
  StartupConflictPolicy policy_;
  std::string fqdn_;
  std::vector<int> published_upto_;  // publishes among the first k steps
  std::vector<int> ad_upto_;         // AD changes among the first k steps
};

}  // namespace kst
