#include "plan/plan_cost.h"

#include <algorithm>

#include "model/rule_ids.h"

namespace kst {

PlanCost CostOf(const Report& report, int length, int restarts) {
  PlanCost cost;
  cost.judged = report.verdict != Verdict::kInconclusive && !report.interrupted;
  cost.length = length;
  cost.restarts = restarts;
  cost.readings_ending_absent = 0;
  for (const Finding& finding : report.findings) {
    if (finding.rule == rule::kVersionConflict) {
      int servers = 0;
      for (const ServerOutcome& outcome : finding.outcomes) servers += outcome.conflict ? 1 : 0;
      cost.conflicts += finding.outcomes.empty() ? static_cast<int>(finding.servers.size()) : servers;
    }
    if (finding.rule != rule::kUnknownServer) continue;
    for (const ServerOutcome& outcome : finding.outcomes) {
      int64_t steps = 0;
      if (outcome.ends_absent) {
        ++cost.ends_absent;
        steps = length + 1 - outcome.window_from;
      } else if (outcome.outage) {
        steps = (outcome.window_to == 0 ? length + 1 : outcome.window_to) - outcome.window_from;
      }
      if (steps <= 0) continue;
      cost.outage += steps;
      cost.outage_by_server[outcome.server] += steps;
    }
  }
  cost.readings_ending_absent = cost.ends_absent > 0 ? 1 : 0;
  return cost;
}

void AddTemporaryOutage(const std::vector<std::string>& needed_on, int from, int to, PlanCost* cost) {
  if (to <= from) return;
  for (const std::string& server : needed_on) {
    cost->outage += to - from;
    cost->temporary_outage += to - from;
    cost->outage_by_server[server] += to - from;
  }
}

PlanCost WorstOver(const std::vector<PlanCost>& by_reading) {
  PlanCost worst;
  if (by_reading.empty()) return worst;
  worst.judged = true;
  bool any_ends_well = false;
  for (const PlanCost& cost : by_reading) any_ends_well |= cost.judged && cost.ends_absent == 0;
  bool outage_set = false;
  for (const PlanCost& cost : by_reading) {
    worst.judged &= cost.judged;
    worst.readings_ending_absent += cost.ends_absent > 0 ? 1 : 0;
    worst.ends_absent = std::max(worst.ends_absent, cost.ends_absent);
    worst.conflicts = std::max(worst.conflicts, cost.conflicts);
    worst.restarts = std::max(worst.restarts, cost.restarts);
    worst.length = std::max(worst.length, cost.length);
    if (any_ends_well && cost.ends_absent > 0) continue;
    if (!outage_set || cost.outage > worst.outage) {
      worst.outage = cost.outage;
      worst.temporary_outage = cost.temporary_outage;
      worst.outage_by_server = cost.outage_by_server;
      outage_set = true;
    }
  }
  return worst;
}

std::string CostText(const PlanCost& cost) {
  if (!cost.judged) return "not judged";
  std::string text;
  if (cost.ends_absent > 0) text += std::to_string(cost.ends_absent) + " server(s) end without a needed FQDN, ";
  if (cost.conflicts > 0) text += "14563 reachable on " + std::to_string(cost.conflicts) + " server(s), ";
  text += "outage " + std::to_string(cost.outage) + " server-steps" +
          (cost.temporary_outage > 0 ? " (" + std::to_string(cost.temporary_outage) + " of them a temporary edit's)"
                                     : std::string()) +
          ", " + std::to_string(cost.restarts) + " restart(s), " + std::to_string(cost.length) + " step(s)";
  return text;
}

}  // namespace kst
