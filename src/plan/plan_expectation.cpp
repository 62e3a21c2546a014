#include "plan/plan_expectation.h"

#include <map>
#include <set>
#include <tuple>

#include "model/rule_ids.h"

namespace kst {

nlohmann::ordered_json ExpectBlock(const Report& report) {
  using Json = nlohmann::ordered_json;
  struct Group {
    std::set<std::string> servers;
    std::set<std::tuple<std::string, int, int>> outages;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Group> groups;  // (rule, fqdn, severity)
  std::vector<std::tuple<std::string, std::string, std::string>> order;
  for (const Finding& finding : report.findings) {
    auto key = std::make_tuple(finding.rule, finding.fqdn, std::string(SeverityName(finding.severity)));
    if (!groups.count(key)) order.push_back(key);
    Group& group = groups[key];
    group.servers.insert(finding.servers.begin(), finding.servers.end());
    for (const ServerOutcome& outcome : finding.outcomes)
      if (outcome.outage) group.outages.insert({outcome.server, outcome.window_from, outcome.window_to});
  }
  Json findings = Json::array();
  for (const auto& key : order) {
    const auto& [rule, fqdn, severity] = key;
    const Group& group = groups[key];
    Json item = {{"rule", rule}, {"fqdn", fqdn}, {"severity", severity}};
    if (rule.rfind("kst/", 0) == 0 && !group.servers.empty()) item["servers"] = group.servers;
    if (rule == rule::kUnknownServer) {
      Json outages = Json::array();
      for (const auto& [server, from, to] : group.outages)
        outages.push_back({{"server", server}, {"from_step", from}, {"to_step", to}});
      item["outages"] = outages;
    }
    findings.push_back(std::move(item));
  }
  return Json{{"verdict", VerdictName(report.verdict)}, {"findings", findings}};
}

}  // namespace kst
