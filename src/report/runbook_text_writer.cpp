// kst plan --format text: the runbook for a person at a change window.

#include <algorithm>
#include <set>

#include "base/text_join.h"
#include "report/runbook_writer.h"
#include "report/text_escape.h"

namespace kst {
namespace {

std::string E(const std::string& text) {
  return EscapeText(text);
}

std::string Esc(const std::vector<std::string>& items) {
  std::vector<std::string> escaped;
  for (const std::string& item : items) escaped.push_back(EscapeText(item));
  return JoinStrings(escaped);
}

void Plan(const PlanSynthesis& plan, const std::string& indent, std::ostream& out) {
  out << indent << "Plan (" << E(CostText(plan.best.cost)) << "):\n";
  if (plan.steps.empty()) out << indent << "  no step: the target needs no edit kst plans\n";
  for (const RunbookStep& step : plan.steps) {
    out << indent << "  Step " << step.number << ". " << E(step.description)
        << (step.temporary ? "   [temporary edit: undone before the end]" : "") << "\n";
    for (const ShellCommand& command : step.commands)
      out << indent << "      " << E(command.shell) << ": " << E(command.command)
          << (command.syntax_from_sources ? "" : "   [exact syntax not given by the sources kst consulted]") << "\n";
    if (!step.check.empty()) out << indent << "      check before going on: " << E(step.check) << "\n";
    if (!step.opens.empty()) out << indent << "      outage window opens: " << Esc(step.opens) << "\n";
    if (!step.closes.empty()) out << indent << "      outage window closes: " << Esc(step.closes) << "\n";
    for (const std::string& event : step.events) out << indent << "      expect: " << E(event) << "\n";
  }
}

}  // namespace

void WriteRunbookText(const PlanSynthesis& plan, const std::string& title, std::ostream& out) {
  out << "kst plan: " << E(title) << "\n";
  out << "The change: " << plan.context.changes.size() << " edit(s)\n";
  for (size_t i = 0; i < plan.context.changes.size(); ++i)
    out << "  " << i + 1 << ". " << E(plan.context.changes[i].description) << "\n";
  if (!plan.temporary_edits)
    out << "Temporary edits: not searched\n";
  else if (plan.context.temporary.empty())
    out << "Temporary edits: none applies (no server the change touches hosts a SipName dial plan or a trusted "
           "application computer the change leaves alone)\n";
  else
    for (const TemporaryEdit& edit : plan.context.temporary)
      out << "Temporary edit tried: " << E(edit.out.description) << ", later " << E(edit.back.description)
          << " (while out, counted as outage on " << edit.needed_on.size() << " server(s))\n";
  out << "Objective (lexicographic): every needed FQDN present on every server at the end, no 14563 on any server "
         "in any order; then the least outage (server x plan steps with a needed FQDN absent, worst order); then "
         "RTCSRV restarts; then plan length. A plan costs its worst over the readings: "
      << Esc(plan.readings) << ".\n";
  out << "Restarts: at most " << plan.max_restarts_per_pool
      << " server(s) of each pool in one step (--max-restarts-per-pool-at-once; 1 keeps a Front End pool's quorum), "
         "pools side by side; restart set (the servers the change disturbs): "
      << (plan.restart_servers.empty() ? std::string("none") : Esc(plan.restart_servers)) << "\n";
  out << "Per reading:\n";
  for (const ReadingResult& reading : plan.by_reading)
    out << "  " << E(reading.reading) << ": "
        << (reading.zero_outage          ? "a zero-outage plan exists"
            : reading.best.HardSpecMet() ? "the hard specification can be met, with an outage"
                                         : "no plan meets the hard specification")
        << "; best " << E(CostText(reading.best)) << "\n";
  if (!plan.best.cost.HardSpecMet()) {
    out << "No plan meets the hard specification under every reading";
    if (!plan.collisions.empty()) out << ": these claims must collide";
    out << "\n";
    for (const std::string& collision : plan.collisions) out << "  " << E(collision) << "\n";
    out << "Fallback: the plan below allows the 14563 and has the least outage.\n";
  }
  out << "Search: " << E(plan.proof) << (plan.proven_optimal ? " (proven optimal)" : " (NOT proven optimal)") << "\n";
  if (plan.outage_lower_bound) out << "  lower bound on the outage: " << *plan.outage_lower_bound << " server-steps\n";
  Plan(plan, "", out);
  if (!plan.best.cost.outage_by_server.empty()) {
    out << "Outage per server (plan steps with a needed FQDN absent, worst order, worst reading):";
    for (const auto& [server, steps] : plan.best.cost.outage_by_server) out << " " << E(server) << " " << steps << ";";
    out << "\n";
  }
  if (!plan.feature_outage.empty()) {
    out << "Outage per integration feature (server x plan steps it is broken, worst order, reading "
        << E(plan.expect_reading) << "; a temporary edit's own cost is in the total only):\n";
    for (const FeatureOutage& feature : plan.feature_outage) {
      out << "  " << E(feature.name) << " (" << E(feature.direction) << ", peer " << E(feature.peer)
          << "): " << feature.server_steps << " server-steps;";
      for (const auto& [server, steps] : feature.by_server) out << " " << E(server) << " " << steps << ";";
      out << "\n";
    }
  }
  for (const PlanContrast& contrast : plan.contrasts) {
    out << "Set aside: " << E(contrast.what) << ": " << Esc(contrast.steps) << " -- " << E(CostText(contrast.cost))
        << "\n";
  }
  // Each (feature, direction, peer) once, with the servers and rules of every finding that breaks it.
  std::vector<std::pair<std::string, std::pair<std::set<std::string>, std::set<std::string>>>> features;
  for (const Finding& finding : plan.report.findings)
    for (const FeatureImpact& impact : finding.impact.breaks) {
      const std::string key = E(impact.name) + " (" + E(impact.direction) + ", peer " + E(impact.peer) + ")";
      auto it = std::find_if(features.begin(), features.end(), [&](const auto& item) { return item.first == key; });
      if (it == features.end()) it = features.insert(features.end(), {key, {}});
      it->second.first.insert(impact.servers.begin(), impact.servers.end());
      it->second.second.insert(finding.rule + " " + SeverityName(finding.severity));
    }
  if (!features.empty()) out << "Features broken while the plan runs (reading " << E(plan.expect_reading) << "):\n";
  for (const auto& [feature, where] : features)
    out << "  " << feature << " on " << Esc({where.first.begin(), where.first.end()}) << ", by "
        << Esc({where.second.begin(), where.second.end()}) << "\n";
  out << (plan.rechecked ? "Re-checked: the plan as a kst-scenario/1 file meets its expect block under `kst check` ("
                         : "NOT re-checked: the plan file's expect block is not met (")
      << E(plan.expect_reading) << ")\n";
  for (const std::string& difference : plan.recheck_differences) out << "  " << E(difference) << "\n";
  for (size_t i = 0; i < plan.alternatives.size(); ++i) {
    const PlanAlternative& alternative = plan.alternatives[i];
    out << "Alternative " << i + 1 << ": " << E(alternative.change) << "\n";
    Plan(*alternative.plan, "  ", out);
    out << "  Search: " << E(alternative.plan->proof) << "\n";
  }
  for (const std::string& note : plan.notes) out << "Note: " << E(note) << "\n";
  out << plan.candidates_checked << " candidate plan(s) checked (" << plan.candidates_unloadable << " not loadable), "
      << plan.analyses << " analyses, " << plan.cells << " cells, " << plan.states << " states\n";
}

}  // namespace kst
