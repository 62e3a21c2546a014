// The finding-level oracle (why: finding_oracle.h). The rules, restated on
// one cell's whole-system outcome:
//   kst/version-conflict  error where a 14563 is reachable (at the start included);
//   kst/unknown-server    error where the FQDN is needed at the end and some
//                         end state lacks it; warning where it is needed at the
//                         start and at the end, every end holds it, and some
//                         later state lacks it;
//   kst/order-dependent   warning where the end entry depends on the order.
// The outage window is read off the global states directly: the FQDN is
// absent in a reachable state with k plan steps done while the topology after
// those k steps requires it on the server. It opens after plan step `from`
// (the least such k) and lasts until plan step `to` (the greatest such k plus
// one), or past the plan's end.

#include "finding_oracle.h"

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include "check/impact_graph.h"
#include "model/rule_ids.h"

namespace kst::oracle {
namespace {

using Key = std::tuple<std::string, std::string, Severity>;  // rule, FQDN, severity

bool IsKstRule(const std::string& rule) {
  return rule == rule::kVersionConflict || rule == rule::kUnknownServer || rule == rule::kOrderDependent ||
         rule == rule::kFlapping;
}

ExpectedOutcome OutcomeOf(const naive::CellOutcome& cell, const std::string& server, size_t plan_steps) {
  ExpectedOutcome outcome;
  outcome.server = server;
  outcome.ends = cell.ends;
  outcome.conflict = cell.conflict;
  outcome.ends_absent =
      cell.needed_after.back() && std::any_of(cell.ends.begin(), cell.ends.end(), [](auto& e) { return !e.present; });
  int first = -1, last = -1;
  for (size_t k = 0; k <= plan_steps; ++k) {
    if (!cell.absent_after[k] || !cell.needed_after[k]) continue;
    if (first < 0) first = static_cast<int>(k);
    last = static_cast<int>(k);
  }
  if (first >= 0) {
    outcome.outage = true;
    outcome.window_from = first;
    outcome.window_to = static_cast<size_t>(last) < plan_steps ? last + 1 : 0;
  }
  return outcome;
}

std::string Text(const std::vector<CellEntry>& ends) {
  std::string text;
  for (const CellEntry& end : ends) text += (text.empty() ? "" : ", ") + end.ToString();
  return "{" + text + "}";
}

std::string Text(bool outage, int from, int to) {
  if (!outage) return "no outage";
  return "outage from step " + std::to_string(from) + " to " + (to ? "step " + std::to_string(to) : "the end");
}

std::string Name(const Key& key) {
  return std::get<0>(key) + ":" + std::get<1>(key) + " (" + SeverityName(std::get<2>(key)) + ")";
}

std::string CompareOutcome(const ExpectedOutcome& expected, const ServerOutcome& real) {
  std::vector<CellEntry> ends = real.ends;
  std::sort(ends.begin(), ends.end(), naive::EntryLess);
  const std::string where = expected.server + ": ";
  if (real.server != expected.server) return where + "kst's outcome is for " + real.server;
  if (ends != expected.ends) return where + "end entries oracle " + Text(expected.ends) + ", kst " + Text(ends);
  if (real.ends_absent != expected.ends_absent)
    return where + "ends absent: oracle " + std::to_string(expected.ends_absent) + ", kst " +
           std::to_string(real.ends_absent);
  if (real.conflict != expected.conflict)
    return where + "14563: oracle " + std::to_string(expected.conflict) + ", kst " + std::to_string(real.conflict);
  if (real.outage != expected.outage ||
      (real.outage && (real.window_from != expected.window_from || real.window_to != expected.window_to)))
    return where + "oracle " + Text(expected.outage, expected.window_from, expected.window_to) + ", kst " +
           Text(real.outage, real.window_from, real.window_to);
  return "";
}

/// What `findings` (one reading's expectation) say of `rule` on `fqdn` for
/// `servers`: the worst severity among them, and whether one of them has the
/// rule at `severity`.
std::pair<std::optional<Severity>, bool> UnderReading(const std::vector<ExpectedFinding>& findings,
                                                      const std::string& rule, const std::string& fqdn,
                                                      const std::vector<std::string>& servers, Severity severity) {
  std::optional<Severity> worst;
  bool holds = false;
  for (const ExpectedFinding& finding : findings) {
    if (finding.rule != rule || finding.fqdn != fqdn) continue;
    for (const ExpectedOutcome& outcome : finding.servers) {
      if (std::find(servers.begin(), servers.end(), outcome.server) == servers.end()) continue;
      if (!worst || finding.severity > *worst) worst = finding.severity;
      holds |= finding.severity == severity;
    }
  }
  return {worst, holds};
}

}  // namespace

std::vector<ExpectedFinding> ExpectedFindings(const naive::Outcome& outcome, size_t plan_steps) {
  std::map<Key, ExpectedFinding> found;
  auto add = [&](const char* rule, size_t f, Severity severity, ExpectedOutcome server_outcome) {
    ExpectedFinding& finding = found[{rule, outcome.fqdns[f], severity}];
    finding.rule = rule;
    finding.fqdn = outcome.fqdns[f];
    finding.severity = severity;
    finding.servers.push_back(std::move(server_outcome));
  };
  for (size_t f = 0; f < outcome.fqdns.size(); ++f) {
    for (size_t s = 0; s < outcome.servers.size(); ++s) {
      const naive::CellOutcome& cell = outcome.At(s, f);
      const ExpectedOutcome server_outcome = OutcomeOf(cell, outcome.servers[s], plan_steps);
      const bool needed_start = cell.needed_after.front(), needed_end = cell.needed_after.back();
      if (cell.conflict) add(rule::kVersionConflict, f, Severity::kError, server_outcome);
      if (server_outcome.ends_absent)
        add(rule::kUnknownServer, f, Severity::kError, server_outcome);
      else if (needed_start && needed_end && cell.absent_length && *cell.absent_length > 0)
        add(rule::kUnknownServer, f, Severity::kWarning, server_outcome);
      if (cell.ends.size() > 1) add(rule::kOrderDependent, f, Severity::kWarning, server_outcome);
    }
  }
  std::vector<ExpectedFinding> findings;
  for (auto& [key, finding] : found) findings.push_back(std::move(finding));
  return findings;
}

std::string FindingDisagreement(const Report& report, const std::string& reading,
                                const std::map<std::string, std::vector<ExpectedFinding>>& by_reading) {
  const std::vector<ExpectedFinding>& expected = by_reading.at(reading);
  std::map<Key, const Finding*> reported;
  for (const Finding& finding : report.findings) {
    if (!IsKstRule(finding.rule)) continue;
    const Key key{finding.rule, finding.fqdn, finding.severity};
    if (!reported.emplace(key, &finding).second) return "kst reports " + Name(key) + " twice";
  }
  for (const ExpectedFinding& want : expected) {
    const Key key{want.rule, want.fqdn, want.severity};
    auto it = reported.find(key);
    if (it == reported.end()) return "kst misses " + Name(key) + " on " + want.servers.front().server;
    const Finding& got = *it->second;
    std::vector<std::string> servers;
    for (const ExpectedOutcome& outcome : want.servers) servers.push_back(outcome.server);
    if (got.servers != servers)
      return Name(key) + ": servers oracle " + std::to_string(servers.size()) + " (first " + servers.front() +
             "), kst " + std::to_string(got.servers.size()) +
             (got.servers.empty() ? "" : " (first " + got.servers.front() + ")");
    if (got.outcomes.size() != want.servers.size()) return Name(key) + ": one outcome per server expected";
    for (size_t i = 0; i < want.servers.size(); ++i) {
      const std::string difference = CompareOutcome(want.servers[i], got.outcomes[i]);
      if (!difference.empty()) return Name(key) + ", " + difference;
    }
    for (const auto& [name, findings] : by_reading) {
      const auto [severity, holds] = UnderReading(findings, got.rule, got.fqdn, got.servers, got.severity);
      // A named copy: clang 14 cannot capture a structured binding.
      const std::string& reading = name;
      auto entry = std::find_if(got.by_reading.begin(), got.by_reading.end(),
                                [&](const ReadingSeverity& r) { return r.reading == reading; });
      if (entry == got.by_reading.end()) return Name(key) + ": no severity under reading " + name;
      if (entry->severity != severity)
        return Name(key) + ": under " + name + " oracle " + (severity ? SeverityName(*severity) : "none") + ", kst " +
               (entry->severity ? SeverityName(*entry->severity) : "none");
      const bool kst_holds = std::find(got.holds_under.begin(), got.holds_under.end(), name) != got.holds_under.end();
      if (kst_holds != holds)
        return Name(key) + ": holds under " + name + ": oracle " + std::to_string(holds) + ", kst " +
               std::to_string(kst_holds);
    }
    reported.erase(it);
  }
  if (!reported.empty()) return "kst reports " + Name(reported.begin()->first) + ", the oracle does not";
  return "";
}

std::string ImpactDisagreement(const Report& report, const Scenario& scenario,
                               const std::vector<ExpectedFinding>& expected, const ModelCatalog& model) {
  using Broken = std::set<std::pair<std::string, std::string>>;    // (feature, peer)
  std::map<const Topology*, std::unique_ptr<ImpactGraph>> graphs;  // one topology each
  const int plan_steps = static_cast<int>(scenario.plan.size());
  for (const ExpectedFinding& want : expected) {
    std::set<const Topology*> in_force;
    for (const ExpectedOutcome& outcome : want.servers) {
      if (!outcome.outage) continue;
      const int last = outcome.window_to ? outcome.window_to - 1 : plan_steps;
      for (int done = outcome.window_from; done <= last; ++done)
        in_force.insert(done == 0 ? &scenario.base : scenario.plan[done - 1].after.get());
      if (outcome.ends_absent) in_force.insert(&scenario.final_topology());
    }
    if (in_force.empty()) continue;
    auto got = std::find_if(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
      return f.rule == want.rule && f.fqdn == want.fqdn && f.severity == want.severity;
    });
    if (got == report.findings.end()) continue;  // FindingDisagreement says so
    Broken oracle, kst;
    for (const Topology* topology : in_force) {
      std::unique_ptr<ImpactGraph>& graph = graphs[topology];
      if (!graph) graph = std::make_unique<ImpactGraph>(std::vector<const Topology*>{topology}, model);
      for (const FeatureImpact& item : graph->Evaluate(got->broken).breaks) oracle.insert({item.feature, item.peer});
    }
    for (const FeatureImpact& item : got->impact.breaks) kst.insert({item.feature, item.peer});
    if (oracle != kst) {
      auto text = [](const Broken& broken) {
        std::string out;
        for (const auto& [feature, peer] : broken) out += (out.empty() ? "" : ", ") + feature + "@" + peer;
        return "{" + out + "}";
      };
      return Name({want.rule, want.fqdn, want.severity}) + ": breaks, oracle " + text(oracle) + ", kst " + text(kst);
    }
  }
  return "";
}

}  // namespace kst::oracle
