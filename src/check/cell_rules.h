#pragma once
// The rules judged on each explored cell class, in one table: each entry is
// the rule's id (model/rule_ids.h), whether a class shows it, whether it
// holds at a finding's severity under another reading, and how a finding of
// it is told (severity, message, traces, assumptions, fixes). The analysis
// (check/analysis.cpp) explores, gathers servers and narrates through it.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "check/finding.h"
#include "engine/cell_explorer.h"
#include "engine/cell_model.h"

namespace kst {

/// A transition of a class's state graph with an end where the FQDN is absent.
struct AbsenceEdge {
  uint16_t from_step = 0, to_step = 0;  // admin steps done
  CellEvent event = CellEvent::kAdminStep;
  bool from_absent = false, to_absent = false;
  bool operator==(const AbsenceEdge& other) const = default;
};

struct ClassResult {
  CellVerdict verdict;
  bool flapping = false;  // a cycle of states: producers undo each other forever
  bool conflict = false;
  bool end_absent = false;        // needed at end, absent in some end state
  bool transient_absent = false;  // needed throughout, present at start and end, absent on the way
  bool order_dependent = false;
  EventPath absent_end_path;
  // Where the FQDN is absent, in the class's own terms (admin steps done, not
  // plan step numbers, which differ between the cells of a class):
  std::vector<bool> absent_at_step;        // [k]: a reachable state after k admin steps lacks the FQDN
  std::vector<AbsenceEdge> absence_edges;  // the transitions into, out of and between such states
};

/// Fills `absent_at_step` and `absence_edges` from the explored graph
/// (`verdict.state_list` and `edges`, so the exploration must keep the
/// graph). Call before the graph is dropped.
void RecordAbsences(const CellModel& model, const CellVerdict& verdict, ClassResult* result);

/// One cell's outcome, told with its own plan steps and requirement (`input`:
/// the cell's own input, CompiledPlan::InputFor; its class has the same key):
/// the end entries, and the plan steps between which the FQDN may be absent
/// while the topology in force needs it, with the events that open and close
/// that window.
ServerOutcome OutcomeOf(const ClassResult& result, const CellInput& input, const std::string& server);

/// Judges one explored class (flapping is set by the caller, which has the graph).
ClassResult Judge(const CellInput& input, CellVerdict verdict);

/// What a rule's description may use.
struct CellFindingContext {
  const ClassResult& result;
  const std::string& fqdn;
  std::string need_why;  // what needs the FQDN at the end (the claims' Requirement::why)
  std::function<void(const std::string& title, const EventPath& path)> narrate;  // adds a trace to the finding
};

struct CellRule {
  const char* id;
  bool (*shows)(const ClassResult& result);
  /// The severity of a finding of this rule on a server whose class shows
  /// it: servers of different severities make separate findings (an error
  /// lists only the servers where it is an error).
  Severity (*severity)(const ClassResult& result);
  /// Whether a finding of this rule at `severity` is the same finding on a
  /// class explored under another reading.
  bool (*holds)(const ClassResult& result, Severity severity);
  /// Severity, message, traces (through context.narrate), assumptions and fixes;
  /// `finding` arrives with its rule, FQDN, servers and claims.
  void (*describe)(const CellFindingContext& context, Finding* finding);
};

/// In report order.
const std::vector<CellRule>& CellRules();
const CellRule* FindCellRule(std::string_view id);

}  // namespace kst
