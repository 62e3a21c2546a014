// kst plan --format markdown: the runbook for a change ticket or a wiki.

#include "base/text_join.h"
#include "report/runbook_writer.h"
#include "report/text_escape.h"

namespace kst {
namespace {

/// Text from the input, escaped, with the characters Markdown would read as markup escaped too.
std::string Md(const std::string& text) {
  std::string out;
  for (char c : EscapeText(text)) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']' || c == '#')
      out += '\\';
    out += c;
  }
  return out;
}

/// A command in a code span: the span keeps it literal; a backtick inside is replaced.
std::string Code(const std::string& text) {
  std::string out = EscapeText(text);
  for (char& c : out)
    if (c == '`') c = '\'';
  return "`" + out + "`";
}

std::string MdList(const std::vector<std::string>& items) {
  std::vector<std::string> escaped;
  for (const std::string& item : items) escaped.push_back(Md(item));
  return JoinStrings(escaped);
}

void Plan(const PlanSynthesis& plan, const std::string& heading, std::ostream& out) {
  out << heading << " Plan\n\nCost: " << Md(CostText(plan.best.cost)) << ". Search: " << Md(plan.proof)
      << (plan.proven_optimal ? " (proven optimal)" : " (**not proven optimal**)") << ".\n\n";
  for (const RunbookStep& step : plan.steps) {
    out << step.number << ". **" << Md(step.description) << "**" << (step.temporary ? " (temporary edit)" : "") << "\n";
    for (const ShellCommand& command : step.commands)
      out << "   - " << Md(command.shell) << ": " << Code(command.command)
          << (command.syntax_from_sources ? "" : " *(exact syntax not given by the sources kst consulted)*") << "\n";
    if (!step.check.empty()) out << "   - check before going on: " << Md(step.check) << "\n";
    if (!step.opens.empty()) out << "   - outage window opens: " << MdList(step.opens) << "\n";
    if (!step.closes.empty()) out << "   - outage window closes: " << MdList(step.closes) << "\n";
    for (const std::string& event : step.events) out << "   - expect: " << Md(event) << "\n";
  }
  out << "\n";
}

}  // namespace

void WriteRunbookMarkdown(const PlanSynthesis& plan, const std::string& title, std::ostream& out) {
  out << "# kst plan: " << Md(title) << "\n\n## The change\n\n";
  for (const ChangeStep& change : plan.context.changes) out << "- " << Md(change.description) << "\n";
  out << "\n## Per reading\n\n| reading | zero-outage plan | hard specification | best |\n|---|---|---|---|\n";
  for (const ReadingResult& reading : plan.by_reading)
    out << "| " << Md(reading.reading) << " | " << (reading.zero_outage ? "yes" : "no") << " | "
        << (reading.best.HardSpecMet() ? "met" : "not met") << " | " << Md(CostText(reading.best)) << " |\n";
  out << "\n";
  if (!plan.collisions.empty()) {
    out << "No plan meets the hard specification under every reading; these claims must collide:\n\n";
    for (const std::string& collision : plan.collisions) out << "- " << Md(collision) << "\n";
    out << "\n";
  }
  Plan(plan, "##", out);
  if (!plan.feature_outage.empty()) {
    out << "## Outage per integration feature\n\n| feature | direction | peer | server-steps | per server |\n"
           "|---|---|---|---|---|\n";
    for (const FeatureOutage& feature : plan.feature_outage) {
      std::vector<std::string> servers;
      for (const auto& [server, steps] : feature.by_server) servers.push_back(server + " " + std::to_string(steps));
      out << "| " << Md(feature.name) << " | " << Md(feature.direction) << " | " << Md(feature.peer) << " | "
          << feature.server_steps << " | " << MdList(servers) << " |\n";
    }
    out << "\n";
  }
  for (const PlanContrast& contrast : plan.contrasts)
    out << "Set aside: " << Md(contrast.what) << ": " << MdList(contrast.steps) << " (" << Md(CostText(contrast.cost))
        << ").\n\n";
  out << (plan.rechecked ? "Re-checked by `kst check` under " : "**Not re-checked** under ") << Md(plan.expect_reading)
      << ".\n\n";
  for (size_t i = 0; i < plan.alternatives.size(); ++i) {
    out << "## Alternative " << i + 1 << " (changes the target)\n\n" << Md(plan.alternatives[i].change) << "\n\n";
    Plan(*plan.alternatives[i].plan, "###", out);
  }
}

}  // namespace kst
