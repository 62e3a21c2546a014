#pragma once
// What an analysis reports: findings that explain themselves (rule, FQDN,
// servers, claims, predicted event-log lines, and a trace with the table
// after each step), the statistics of the exploration, and the verdict.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/timestamp.h"
#include "engine/trace.h"
#include "model/claims.h"
#include "model/feature_impact.h"
#include "model/import_report.h"

namespace kst {

/// The waiver that covers a finding (issue: pre-deploy gate). A waived
/// finding is still reported, marked waived, and does not fail the gate.
struct WaiverRef {
  std::string reason;
  std::string owner;
  std::string expires;  // YYYY-MM-DD
  Location location;
};

/// An input item a finding rests on other than a KST claim (a certificate,
/// a clock reading), with where it was written.
struct Evidence {
  std::string what;
  Location location;
};

/// One Known Servers Table lookup a certificate finding predicts: `looker`
/// looks `name` (a certificate subject) up in its table. `table_matches` are
/// the certificate's subject alternative names that the table does hold.
struct TableLookup {
  std::string looker;
  std::string name;
  bool found = false;
  std::vector<std::string> table_matches;
};

/// What happens to one server's table entry for a finding's FQDN, under the
/// report's reading: every end entry the orders reach, and the window in
/// which the FQDN may be absent while the plan runs.
struct ServerOutcome {
  std::string server;
  std::vector<CellEntry> ends;  // each distinct end entry (two or more: order-dependent)
  bool ends_absent = false;     // the FQDN is needed at the end and some order ends without it
  bool conflict = false;        // 14563 is reachable on this server
  /// The outage window: the FQDN may be absent from after plan step
  /// `window_from` (0: already at the start) until plan step `window_to`
  /// (0: only asynchronous events after the plan's last step end it; or it
  /// never ends, when ends_absent). Plan steps count from 1.
  bool outage = false;
  int window_from = 0;
  int window_to = 0;
  std::vector<std::string> opened_by;  // events that take the FQDN out (CellEventName; "plan step N" for admin steps)
  std::vector<std::string> closed_by;  // events that bring it back
};

/// A fix made for the plan at hand that kst explored before printing it: the
/// edited plan no longer has the finding (check/plan_fixes).
struct CheckedFix {
  std::string fix;      // what to do, for people
  std::string result;   // what the edited plan still has on the finding's FQDN, in one line
  std::string verdict;  // the edited plan's verdict: pass, fail or inconclusive
};

/// The severity a finding's rule has on its servers under one reading.
struct ReadingSeverity {
  std::string reading;
  std::optional<Severity> severity;  // none: the rule does not show on these servers under that reading
};

struct Finding {
  std::string rule;
  Severity severity = Severity::kError;
  std::string fqdn;
  std::string subject;               // certificate findings: the certificate's subject CN (a server may have several)
  std::vector<std::string> servers;  // affected servers
  std::string servers_summary;       // "6 of 8 FrontEnd servers"
  std::string message;
  std::vector<std::string> events;  // predicted lines, "14563 LS Protocol Stack: ..."
  std::vector<ClaimRef> claims;
  std::vector<std::string> assumptions;     // ids of model assumptions it rests on
  std::vector<std::string> holds_under;     // readings under which it appears
  std::vector<ReadingSeverity> by_reading;  // KST findings: the severity under each reading of the model
  std::vector<ServerOutcome> outcomes;      // KST findings: each affected server's outcome
  std::vector<std::string> fixes;           // general advice of the rule (model help)
  std::vector<CheckedFix> checked_fixes;    // fixes for this plan, re-checked by kst
  std::vector<Trace> traces;
  std::optional<WaiverRef> waiver;
  std::vector<Evidence> evidence;       // certificate and clock findings
  std::vector<TableLookup> lookups;     // certificate subject findings
  std::vector<BrokenCondition> broken;  // what the rule breaks (model impact.conditions)
  Impact impact;                        // features broken and still working, from the impact graph
  /// When set, the impact holds only under this condition, which kst cannot
  /// check from a topology alone (a conflict in the base topology breaks only
  /// the servers that have not restarted RTCSRV since it appeared).
  std::string impact_condition;
};

struct Statistics {
  uint64_t servers = 0;
  uint64_t fqdns = 0;
  uint64_t cells = 0;
  uint64_t classes = 0;  // cells explored once for all cells with equal inputs
  uint64_t states = 0;
  uint64_t transitions = 0;
  int depth = 0;
  double seconds = 0;
  uint64_t peak_rss_kib = 0;
};

enum class Verdict { kPass, kFail, kInconclusive };
const char* VerdictName(Verdict verdict);

struct ExpectationResult {
  bool met = true;
  std::vector<std::string> differences;
};

struct Report {
  std::string input;
  std::optional<UnixSeconds> checked_at;  // the check time, when the input has certificates or clocks
  bool is_scenario = false;
  std::string description;
  std::string semantics;
  Verdict verdict = Verdict::kPass;
  std::vector<std::string> inconclusive_reasons;
  std::vector<Finding> findings;
  std::vector<std::string> notes;
  Diagnostics diagnostics;
  Statistics statistics;
  std::optional<ExpectationResult> expectation;
  std::vector<FileImportReport> imports;  // when the input was a snapshot of real exports
  bool interrupted = false;               // Ctrl-C: what was explored is reported, the exit code is 130
};

}  // namespace kst
