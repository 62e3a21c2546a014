// kst plan --format json: the whole synthesis for tools.

#include "report/runbook_writer.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;

Json CostToJson(const PlanCost& cost) {
  Json outage_by_server = Json::object();
  for (const auto& [server, steps] : cost.outage_by_server) outage_by_server[server] = steps;
  return {{"judged", cost.judged},
          {"hard_spec_met", cost.HardSpecMet()},
          {"readings_ending_absent", cost.readings_ending_absent},
          {"servers_ending_absent", cost.ends_absent},
          {"conflict_servers", cost.conflicts},
          {"outage_server_steps", cost.outage},
          {"temporary_edit_server_steps", cost.temporary_outage},
          {"restarts", cost.restarts},
          {"steps", cost.length},
          {"outage_by_server", outage_by_server}};
}

Json FeaturesToJson(const Report& report) {
  Json features = Json::array();
  for (const Finding& finding : report.findings)
    for (const FeatureImpact& impact : finding.impact.breaks)
      features.push_back({{"rule", finding.rule},
                          {"severity", SeverityName(finding.severity)},
                          {"fqdn", finding.fqdn},
                          {"feature", impact.feature},
                          {"direction", impact.direction},
                          {"servers", impact.servers}});
  return features;
}

Json FeatureOutageToJson(const std::vector<FeatureOutage>& features) {
  Json out = Json::array();
  for (const FeatureOutage& feature : features) {
    Json by_server = Json::object();
    for (const auto& [server, steps] : feature.by_server) by_server[server] = steps;
    out.push_back({{"feature", feature.feature},
                   {"name", feature.name},
                   {"direction", feature.direction},
                   {"peer", feature.peer},
                   {"server_steps", feature.server_steps},
                   {"by_server", by_server}});
  }
  return out;
}

Json ContrastsToJson(const std::vector<PlanContrast>& contrasts) {
  Json out = Json::array();
  for (const PlanContrast& contrast : contrasts)
    out.push_back({{"what", contrast.what}, {"steps", contrast.steps}, {"cost", CostToJson(contrast.cost)}});
  return out;
}

Json TemporaryEditsToJson(const PlanSynthesis& plan) {
  Json edits = Json::array();
  for (const TemporaryEdit& edit : plan.context.temporary)
    edits.push_back({{"server", edit.fqdn},
                     {"out", edit.out.op},
                     {"back", edit.back.op},
                     {"description", edit.out.description + "; " + edit.back.description},
                     {"counted_on", edit.needed_on}});
  return {{"searched", plan.temporary_edits}, {"edits", edits}};
}

}  // namespace

Json RunbookToJson(const PlanSynthesis& plan, const std::string& title) {
  Json changes = Json::array();
  for (const ChangeStep& change : plan.context.changes)
    changes.push_back({{"op", change.op}, {"description", change.description}});
  Json readings = Json::array();
  for (const ReadingResult& reading : plan.by_reading)
    readings.push_back({{"reading", reading.reading},
                        {"zero_outage_plan_exists", reading.zero_outage},
                        {"hard_spec_met", reading.best.HardSpecMet()},
                        {"best", CostToJson(reading.best)}});
  Json steps = Json::array();
  for (const RunbookStep& step : plan.steps) {
    Json commands = Json::array();
    for (const ShellCommand& command : step.commands)
      commands.push_back({{"shell", command.shell},
                          {"command", command.command},
                          {"syntax_from_sources", command.syntax_from_sources},
                          {"source", command.source}});
    steps.push_back({{"step", step.number},
                     {"op", step.op},
                     {"description", step.description},
                     {"temporary", step.temporary},
                     {"commands", commands},
                     {"check", step.check},
                     {"outage_opens", step.opens},
                     {"outage_closes", step.closes},
                     {"conflict_may_follow", step.conflicts},
                     {"events", step.events}});
  }
  Json alternatives = Json::array();
  for (const PlanAlternative& alternative : plan.alternatives)
    alternatives.push_back({{"changes_the_target", true},
                            {"change", alternative.change},
                            {"plan", RunbookToJson(*alternative.plan, title + " (alternative)")}});
  Json search = {{"space", plan.space},
                 {"candidates_checked", plan.candidates_checked},
                 {"candidates_not_loadable", plan.candidates_unloadable},
                 {"analyses", plan.analyses},
                 {"cells", plan.cells},
                 {"states", plan.states},
                 {"exhaustive", plan.exhaustive},
                 {"proven_optimal", plan.proven_optimal},
                 {"proof", plan.proof},
                 {"seconds", plan.seconds},
                 {"peak_rss_kib", plan.peak_rss_kib}};
  if (plan.outage_lower_bound) search["outage_lower_bound"] = *plan.outage_lower_bound;
  return {{"format", "kst-plan/1"},
          {"title", title},
          {"readings", plan.readings},
          {"expect_reading", plan.expect_reading},
          {"changes", changes},
          {"restart_servers", plan.restart_servers},
          {"max_restarts_per_pool_at_once", plan.max_restarts_per_pool},
          {"by_reading", readings},
          {"cost", CostToJson(plan.best.cost)},
          {"collisions", plan.collisions},
          {"search", search},
          {"steps", steps},
          {"features_broken_while_running", FeaturesToJson(plan.report)},
          {"outage_by_feature", FeatureOutageToJson(plan.feature_outage)},
          {"temporary_edits", TemporaryEditsToJson(plan)},
          {"set_aside", ContrastsToJson(plan.contrasts)},
          {"rechecked", plan.rechecked},
          {"recheck_differences", plan.recheck_differences},
          {"scenario", plan.document},
          {"alternatives", alternatives},
          {"notes", plan.notes}};
}

void WriteRunbookJson(const PlanSynthesis& plan, const std::string& title, std::ostream& out) {
  out << RunbookToJson(plan, title).dump(2) << "\n";
}

}  // namespace kst
