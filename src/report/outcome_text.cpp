#include "report/outcome_text.h"

#include <algorithm>

#include "base/text_join.h"

namespace kst {
namespace {

std::string Ends(const ServerOutcome& outcome) {
  std::vector<std::string> ends;
  for (const CellEntry& entry : outcome.ends) ends.push_back(entry.present ? "with " + entry.ToString() : "absent");
  if (ends.empty()) return "";
  return "ends " + JoinStrings(ends, " or ") + (ends.size() > 1 ? ", depending on the order" : "");
}

std::string Window(const ServerOutcome& outcome) {
  std::string from = outcome.window_from == 0 ? "absent from the start"
                                              : "absent after plan step " + std::to_string(outcome.window_from);
  std::string until = outcome.ends_absent ? ""
                      : outcome.window_to > 0
                          ? " until plan step " + std::to_string(outcome.window_to) + " at the latest"
                          : " until after the plan's last step";
  std::string events;
  if (!outcome.opened_by.empty()) events += "out by " + JoinStrings(outcome.opened_by, ", ");
  if (!outcome.closed_by.empty())
    events += (events.empty() ? "" : "; ") + std::string("back by ") + JoinStrings(outcome.closed_by, ", ");
  return from + until + (events.empty() ? "" : " (" + events + ")");
}

}  // namespace

std::string DescribeOutcome(const ServerOutcome& outcome) {
  std::vector<std::string> parts;
  if (outcome.conflict) parts.push_back("14563 reachable");
  if (outcome.outage) parts.push_back(Window(outcome));
  const std::string ends = Ends(outcome);
  if (!ends.empty()) parts.push_back(ends);
  return parts.empty() ? "unaffected" : JoinStrings(parts, "; ");
}

std::string DescribeReadings(const std::vector<ReadingSeverity>& by_reading) {
  // Readings grouped by severity, in the model's order of first appearance.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const ReadingSeverity& entry : by_reading) {
    const std::string severity = entry.severity ? SeverityName(*entry.severity) : "none";
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.first == severity; });
    if (it == groups.end())
      groups.push_back({severity, {entry.reading}});
    else
      it->second.push_back(entry.reading);
  }
  std::vector<std::string> parts;
  for (const auto& [severity, readings] : groups) parts.push_back(severity + " under " + JoinStrings(readings, ", "));
  return JoinStrings(parts, "; ");
}

nlohmann::json OutcomeToJson(const ServerOutcome& outcome) {
  nlohmann::json ends = nlohmann::json::array();
  for (const CellEntry& entry : outcome.ends) ends.push_back(entry.ToString());
  nlohmann::json json = {{"server", outcome.server},
                         {"outcome", outcome.ends_absent       ? "ends-absent"
                                     : outcome.outage          ? "outage"
                                     : outcome.ends.size() > 1 ? "order-dependent"
                                     : outcome.conflict        ? "conflict"
                                                               : "ends-present"},
                         {"conflict", outcome.conflict},
                         {"ends", ends},
                         {"text", DescribeOutcome(outcome)}};
  if (outcome.outage)
    json["window"] = {{"from_step", outcome.window_from},
                      {"to_step", outcome.window_to},
                      {"opened_by", outcome.opened_by},
                      {"closed_by", outcome.closed_by}};
  return json;
}

nlohmann::json ReadingsToJson(const std::vector<ReadingSeverity>& by_reading) {
  nlohmann::json out = nlohmann::json::object();
  for (const ReadingSeverity& entry : by_reading)
    out[entry.reading] = entry.severity ? nlohmann::json(SeverityName(*entry.severity)) : nlohmann::json(nullptr);
  return out;
}

nlohmann::json CheckedFixesToJson(const std::vector<CheckedFix>& fixes) {
  nlohmann::json list = nlohmann::json::array();
  for (const CheckedFix& fix : fixes)
    list.push_back({{"fix", fix.fix}, {"result", fix.result}, {"edited_plan_verdict", fix.verdict}});
  return list;
}

}  // namespace kst
