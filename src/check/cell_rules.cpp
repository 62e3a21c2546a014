#include "check/cell_rules.h"

#include <algorithm>

#include "model/rule_ids.h"

namespace kst {
namespace {

void AddConflictFixes(Finding* finding) {
  bool um = false, topology = false;
  for (const ClaimRef& claim : finding->claims) {
    um |= claim.producer == std::string(ProducerName(Producer::kUmRouting));
    topology |= claim.producer == std::string(ProducerName(Producer::kTopology));
  }
  const std::string& fqdn = finding->fqdn;
  if (um && topology) {
    finding->fixes.push_back(
        "Remove the trusted application pool (or topology entry) for " + fqdn +
        ": UM Routing's version-0 entry then stands and Exchange UM and OWA IM work again shortly. Cost: OWA IM "
        "now depends on UM Routing's entry; add the pool back if " +
        fqdn + " stops hosting a SipName dial plan.");
    finding->fixes.push_back(
        "Keep the pool and restart RTCSRV on every affected server once the topology has replicated: each restart "
        "logs 14563 and 44030, then 14493 adds " +
        fqdn +
        " with the topology's version. Cost: one Front End "
        "service restart per server; and if the pool is removed later, " +
        fqdn +
        " stays unknown until the next "
        "restart (assumption um-remembers-withdrawn).");
  } else {
    finding->fixes.push_back("Give every topology definition of " + fqdn +
                             " the same version, or remove the duplicate definition.");
  }
}

Severity Error(const ClassResult& /*result*/) {
  return Severity::kError;
}
Severity Warning(const ClassResult& /*result*/) {
  return Severity::kWarning;
}

/// "plan step 3" for the admin step at `step` of the class's steps; an event name otherwise.
std::string EventLabel(const CellInput& input, CellEvent event, int step) {
  if (event == CellEvent::kAdminStep && step >= 0 && static_cast<size_t>(step) < input.steps.size())
    return "plan step " + std::to_string(input.steps[static_cast<size_t>(step)].plan_index + 1);
  return CellEventName(event);
}

void AddOnce(std::vector<std::string>* list, std::string item) {
  for (const std::string& known : *list)
    if (known == item) return;
  list->push_back(std::move(item));
}

bool ShowsConflict(const ClassResult& result) {
  return result.conflict;
}
bool HoldsConflict(const ClassResult& result, Severity /*severity*/) {
  return result.conflict;
}

void DescribeConflict(const CellFindingContext& context, Finding* finding) {
  const ClassResult& result = context.result;
  const std::string& fqdn = context.fqdn;
  finding->severity = Severity::kError;
  finding->assumptions = {"both-removed"};
  const bool ends_known = std::all_of(result.verdict.ends.begin(), result.verdict.ends.end(),
                                      [](const EndOutcome& end) { return end.entry.present; });
  if (result.verdict.initial_conflict && ends_known) {
    // O3: a start after both claims exist logs 14563 and 44030, then 14493 adds the
    // topology's entry. What is broken now depends on each server's last restart.
    context.narrate("already at RTCSRV start with the base topology", {});
    finding->message = fqdn +
                       " is claimed with two different versions in the base topology itself: every RTCSRV start "
                       "logs 14563 and 44030 for it, then 14493 adds the topology's entry, so the integration works "
                       "on a server once RTCSRV has restarted after both claims appeared, and is broken now only on "
                       "a server that has not (O1, O3); kst cannot tell which from a topology alone (it needs the "
                       "servers' current state)";
    finding->impact_condition = "only on a server whose RTCSRV has not restarted since both claims appeared";
  } else if (result.verdict.initial_conflict) {
    context.narrate("already at RTCSRV start with the base topology", {});
    finding->message = fqdn +
                       " is claimed with two different versions in the base topology itself: every "
                       "RTCSRV start logs 14563 for it, and a server that has not restarted since both claims "
                       "appeared may not know it at all (O1)";
  } else {
    context.narrate("shortest order to the conflict", *result.verdict.conflict_path);
    finding->message = fqdn +
                       " can be claimed with two different versions: 14563 is logged and both entries "
                       "are removed";
  }
  AddConflictFixes(finding);
}

bool ShowsUnknown(const ClassResult& result) {
  return result.end_absent || result.transient_absent;
}
Severity UnknownSeverity(const ClassResult& result) {
  return result.end_absent ? Severity::kError : Severity::kWarning;
}

/// An outage that is permanent under one reading and transient under another
/// is not "the same finding".
bool HoldsUnknown(const ClassResult& result, Severity severity) {
  return severity == Severity::kError ? result.end_absent : result.transient_absent;
}

void DescribeUnknown(const CellFindingContext& context, Finding* finding) {
  const ClassResult& result = context.result;
  const std::string& fqdn = context.fqdn;
  if (result.end_absent) {
    finding->severity = Severity::kError;
    context.narrate("shortest order that leaves it unknown", result.absent_end_path);
    finding->message = fqdn + " is missing from the Known Servers Table at the end of the plan; " + context.need_why +
                       " stops working there";
  } else {
    finding->severity = Severity::kWarning;
    context.narrate("shortest order to the outage", *result.verdict.absent_path);
    finding->message = fqdn + " drops out of the Known Servers Table while the plan runs (it is back at the end); " +
                       context.need_why + " is interrupted meanwhile";
  }
  finding->assumptions = {"both-removed", "steady-start", "needed-by"};
}

bool ShowsOrderDependent(const ClassResult& result) {
  return result.order_dependent;
}
bool HoldsOrderDependent(const ClassResult& result, Severity /*severity*/) {
  return result.order_dependent;
}

void DescribeOrderDependent(const CellFindingContext& context, Finding* finding) {
  finding->severity = Severity::kWarning;
  const auto& ends = context.result.verdict.ends;
  finding->message = "the end state of " + context.fqdn + " depends on timing alone: " + ends[0].entry.ToString() +
                     " after one order, " + ends[1].entry.ToString() + " after another";
  context.narrate("one order ends with " + ends[0].entry.ToString(), ends[0].path);
  context.narrate("another order ends with " + ends[1].entry.ToString(), ends[1].path);
  finding->assumptions = {"same-end-table"};
}

bool ShowsFlapping(const ClassResult& result) {
  return result.flapping;
}
bool HoldsFlapping(const ClassResult& result, Severity /*severity*/) {
  return result.flapping;
}

void DescribeFlapping(const CellFindingContext& context, Finding* finding) {
  finding->severity = Severity::kError;
  finding->message = "the producers of " + context.fqdn + " can undo each other forever: the state graph has a cycle";
  if (context.result.verdict.absent_path)
    context.narrate("shortest order into the cycle's neighbourhood", *context.result.verdict.absent_path);
}

}  // namespace

ClassResult Judge(const CellInput& input, CellVerdict verdict) {
  ClassResult result;
  result.conflict = verdict.initial_conflict || verdict.conflict_path.has_value();
  for (const EndOutcome& end : verdict.ends) {
    if (input.needed_at_end && !end.entry.present && !result.end_absent) {
      result.end_absent = true;
      result.absent_end_path = end.path;
    }
  }
  result.order_dependent = verdict.ends.size() > 1;
  result.transient_absent = !result.end_absent && input.needed_at_start && input.needed_at_end &&
                            verdict.absent_path.has_value() && !verdict.absent_path->empty();
  result.verdict = std::move(verdict);
  return result;
}

void RecordAbsences(const CellModel& model, const CellVerdict& verdict, ClassResult* result) {
  const CellInput& input = model.input();
  result->absent_at_step.assign(input.steps.size() + 1, false);
  std::vector<bool> absent(verdict.state_list.size());
  for (size_t i = 0; i < verdict.state_list.size(); ++i) {
    absent[i] = !model.Entry(verdict.state_list[i]).present;
    if (absent[i]) result->absent_at_step[verdict.state_list[i].step] = true;
  }
  for (const StateEdge& edge : verdict.edges) {
    if (!absent[edge.from] && !absent[edge.to]) continue;
    const AbsenceEdge record{verdict.state_list[edge.from].step, verdict.state_list[edge.to].step, edge.event,
                             absent[edge.from], absent[edge.to]};
    if (std::find(result->absence_edges.begin(), result->absence_edges.end(), record) == result->absence_edges.end())
      result->absence_edges.push_back(record);
  }
}

namespace {

/// The plan steps done while a cell stays after `k` of its admin steps: from
/// just after its k-th admin step to just before its next one (or the plan's end).
std::pair<int, int> StepsDoneSpan(const CellInput& input, size_t k) {
  const int from = k == 0 ? 0 : input.steps[k - 1].plan_index + 1;
  const int to = k == input.steps.size() ? input.plan_steps : input.steps[k].plan_index;
  return {from, to};
}

}  // namespace

ServerOutcome OutcomeOf(const ClassResult& result, const CellInput& input, const std::string& server) {
  ServerOutcome outcome;
  outcome.server = server;
  for (const EndOutcome& end : result.verdict.ends) outcome.ends.push_back(end.entry);
  outcome.ends_absent = result.end_absent;
  outcome.conflict = result.conflict;
  // A state without the FQDN counts while the topology in force needs it:
  // the state lasts over a span of plan steps (other steps leave the cell
  // alone), and the window is where those spans meet the need.
  std::vector<bool> needed_at_step(result.absent_at_step.size());
  int first = -1, latest = -1;
  for (size_t k = 0; k < result.absent_at_step.size(); ++k) {
    const auto [need_from, need_to] = input.NeededWithin(StepsDoneSpan(input, k));
    needed_at_step[k] = need_from >= 0;
    if (!result.absent_at_step[k] || need_from < 0) continue;
    first = first < 0 ? need_from : std::min(first, need_from);
    latest = std::max(latest, need_to);
  }
  if (first < 0) return outcome;
  outcome.outage = true;
  outcome.window_from = first;
  outcome.window_to = latest < input.plan_steps ? latest + 1 : 0;
  for (const AbsenceEdge& edge : result.absence_edges) {
    const bool from = edge.from_absent && needed_at_step[edge.from_step];
    const bool to = edge.to_absent && needed_at_step[edge.to_step];
    if (from != to)
      AddOnce(to ? &outcome.opened_by : &outcome.closed_by, EventLabel(input, edge.event, edge.from_step));
  }
  return outcome;
}

const std::vector<CellRule>& CellRules() {
  static const std::vector<CellRule> rules = {
      {rule::kVersionConflict, ShowsConflict, Error, HoldsConflict, DescribeConflict},
      {rule::kUnknownServer, ShowsUnknown, UnknownSeverity, HoldsUnknown, DescribeUnknown},
      {rule::kOrderDependent, ShowsOrderDependent, Warning, HoldsOrderDependent, DescribeOrderDependent},
      {rule::kFlapping, ShowsFlapping, Error, HoldsFlapping, DescribeFlapping},
  };
  return rules;
}

const CellRule* FindCellRule(std::string_view id) {
  for (const CellRule& cell_rule : CellRules())
    if (id == cell_rule.id) return &cell_rule;
  return nullptr;
}

}  // namespace kst
