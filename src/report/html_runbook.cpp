#include "report/html_runbook.h"

#include "base/text_join.h"
#include "report/html_escape.h"

namespace kst {
namespace {

std::string H(const std::string& text) {
  return EscapeHtml(text);
}

std::string List(const std::vector<std::string>& items) {
  std::vector<std::string> escaped;
  for (const std::string& item : items) escaped.push_back(EscapeHtml(item));
  return JoinStrings(escaped);
}

void Steps(const PlanSynthesis& plan, std::ostream& out) {
  out << "<p class=\"cost\">Cost: " << H(CostText(plan.best.cost)) << ". Search: " << H(plan.proof)
      << (plan.proven_optimal ? " (proven optimal)" : " (<strong>not proven optimal</strong>)") << ".</p>\n";
  if (plan.steps.empty()) {
    out << "<p>No step: the target needs no edit kst plans.</p>\n";
    return;
  }
  out << "<ol class=\"runbook-steps\">\n";
  for (const RunbookStep& step : plan.steps) {
    out << "<li><strong>" << H(step.description) << "</strong>"
        << (step.temporary ? " <em>(temporary edit: undone before the end)</em>" : "") << "\n<ul>\n";
    for (const ShellCommand& command : step.commands) {
      out << "<li>" << H(command.shell) << ": <code>" << H(command.command) << "</code>";
      if (!command.syntax_from_sources)
        out << " <em>(exact syntax not given by the sources kst consulted)</em>";
      else if (!command.source.empty())
        out << " <span class=\"note\">(syntax: " << H(command.source) << ")</span>";
      out << "</li>\n";
    }
    if (!step.check.empty()) out << "<li>check before going on: " << H(step.check) << "</li>\n";
    if (!step.opens.empty()) out << "<li>outage window opens: " << List(step.opens) << "</li>\n";
    if (!step.closes.empty()) out << "<li>outage window closes: " << List(step.closes) << "</li>\n";
    for (const std::string& event : step.events) out << "<li>expect: " << H(event) << "</li>\n";
    out << "</ul>\n</li>\n";
  }
  out << "</ol>\n";
}

void Outage(const PlanSynthesis& plan, std::ostream& out) {
  if (!plan.best.cost.outage_by_server.empty()) {
    out << "<table class=\"outage-servers\">\n<caption>Outage per server (plan steps with a needed FQDN absent, worst "
           "order)</caption>\n<thead><tr><th scope=\"col\">server</th><th scope=\"col\">server-steps</th></tr></thead>"
           "\n<tbody>\n";
    for (const auto& [server, steps] : plan.best.cost.outage_by_server)
      out << "<tr><td>" << H(server) << "</td><td>" << steps << "</td></tr>\n";
    out << "</tbody>\n</table>\n";
  }
  if (plan.feature_outage.empty()) return;
  out << "<table class=\"outage-features\">\n<caption>Outage per integration feature (reading "
      << H(plan.expect_reading)
      << ")</caption>\n<thead><tr><th scope=\"col\">feature</th><th scope=\"col\">direction</th><th "
         "scope=\"col\">peer</th><th scope=\"col\">server-steps</th><th scope=\"col\">per server</th></tr></thead>\n"
         "<tbody>\n";
  for (const FeatureOutage& feature : plan.feature_outage) {
    std::vector<std::string> servers;
    for (const auto& [server, steps] : feature.by_server) servers.push_back(server + " " + std::to_string(steps));
    out << "<tr><td>" << H(feature.name) << "</td><td>" << H(feature.direction) << "</td><td>" << H(feature.peer)
        << "</td><td>" << feature.server_steps << "</td><td>" << List(servers) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

void WriteHtmlRunbook(const PlanSynthesis& plan, std::ostream& out) {
  out << "<section id=\"runbook\">\n<h2>Runbook</h2>\n<p>The change:</p>\n<ul>\n";
  for (const ChangeStep& change : plan.context.changes) out << "<li>" << H(change.description) << "</li>\n";
  out << "</ul>\n<p>Objective (lexicographic): every needed FQDN present on every server at the end, no 14563 on any "
         "server in any order; then the least outage (server × plan steps with a needed FQDN absent, worst order); "
         "then RTCSRV restarts; then plan length. A plan costs its worst over the readings: "
      << List(plan.readings) << ".</p>\n";
  out << "<table class=\"plan-readings\">\n<caption>Per reading</caption>\n<thead><tr><th scope=\"col\">reading</th>"
         "<th scope=\"col\">zero-outage plan</th><th scope=\"col\">hard specification</th><th "
         "scope=\"col\">best</th></tr></thead>\n<tbody>\n";
  for (const ReadingResult& reading : plan.by_reading)
    out << "<tr><td><code>" << H(reading.reading) << "</code></td><td>" << (reading.zero_outage ? "yes" : "no")
        << "</td><td>" << (reading.best.HardSpecMet() ? "met" : "not met") << "</td><td>" << H(CostText(reading.best))
        << "</td></tr>\n";
  out << "</tbody>\n</table>\n";
  if (!plan.collisions.empty()) {
    out << "<p>No plan meets the hard specification under every reading; these claims must collide:</p>\n<ul>\n";
    for (const std::string& collision : plan.collisions) out << "<li>" << H(collision) << "</li>\n";
    out << "</ul>\n";
  }
  Steps(plan, out);
  Outage(plan, out);
  for (const PlanContrast& contrast : plan.contrasts)
    out << "<p class=\"set-aside\">Set aside: " << H(contrast.what) << ": " << List(contrast.steps) << " ("
        << H(CostText(contrast.cost)) << ").</p>\n";
  out << "<p class=\"recheck\">"
      << (plan.rechecked ? "Re-checked: the plan as a kst-scenario/1 file meets its expect block under kst check ("
                         : "<strong>Not re-checked</strong>: the plan file's expect block is not met (")
      << H(plan.expect_reading) << ").</p>\n";
  for (size_t i = 0; i < plan.alternatives.size(); ++i) {
    const PlanAlternative& alternative = plan.alternatives[i];
    out << "<h3>Alternative " << i + 1 << " (changes the target)</h3>\n<p>" << H(alternative.change) << "</p>\n";
    Steps(*alternative.plan, out);
  }
  for (const std::string& note : plan.notes) out << "<p class=\"note\">Note: " << H(note) << "</p>\n";
  out << "</section>\n";
}

}  // namespace kst
