#include "spin_verdicts.h"

namespace kst::spin {
namespace {

const PromelaProperty* PropertyNamed(const std::string& label) {
  for (const PromelaProperty& property : PromelaProperties())
    if (label == property.label) return &property;
  return nullptr;
}

}  // namespace

std::string VerdictText(const Verdict& verdict) {
  std::string servers;
  for (const std::string& s : verdict.servers) servers += (servers.empty() ? "" : ", ") + s;
  return verdict.severity + (servers.empty() ? "" : " on " + servers);
}

const PrintedRun& TrailCache::Get(int trail) {
  auto it = runs_.find(trail);
  if (it == runs_.end()) it = runs_.emplace(trail, ParsePrintedRun(model_.Replay(trail))).first;
  return it->second;
}

bool AttributeViolations(const PanReport& pan, TrailCache* trails, Violations* out, std::string* problem) {
  for (const PanError& error : pan.errors) {
    const PromelaProperty* property = PropertyNamed(error.label);
    if (!property || !*property->rule) {
      *problem = "pan reports an error that is no kst property: " + error.message;
      return false;
    }
    if (error.cell >= 0) {
      out->emplace(std::make_pair(error.label, error.cell), error.number);
      continue;
    }
    bool found = false;  // the cell(s): the violations the trail's last action prints
    for (const auto& violation : trails->Get(error.number).actions.back().violations) {
      const std::string label = PromelaProperties().at(static_cast<size_t>(violation.rule)).label;
      out->emplace(std::make_pair(label, violation.cell), error.number);
      found |= label == error.label;
    }
    if (!found) {
      *problem = "trail " + std::to_string(error.number) + " does not show " + error.label;
      return false;
    }
  }
  return true;
}

Verdicts VerdictsOf(const PromelaLayout& layout, const Violations& violations, bool cycle) {
  const size_t nf = layout.fqdns.size();
  std::set<int> at_end;
  for (const auto& [key, trail] : violations)
    if (key.first == "kst_unknown_server_at_end") at_end.insert(key.second);
  Verdicts verdicts;
  for (const auto& [key, trail] : violations) {
    const PromelaProperty& property = *PropertyNamed(key.first);
    const size_t cell = static_cast<size_t>(key.second);
    if (key.first == "kst_unknown_server_on_the_way" && at_end.count(key.second)) continue;  // the error covers it
    Verdict& verdict = verdicts[{property.rule, layout.fqdns[cell % nf]}];
    verdict.servers.insert(layout.servers[cell / nf].fqdn);
    if (verdict.severity != "error") verdict.severity = SeverityName(property.severity);
  }
  if (cycle) verdicts[{"kst/flapping", kAnyCycle}] = {"error", {}};
  return verdicts;
}

Verdicts VerdictsOf(const std::vector<Finding>& findings) {
  Verdicts verdicts;
  for (const Finding& finding : findings) {
    if (finding.rule == "kst/flapping") {
      verdicts[{finding.rule, kAnyCycle}] = {"error", {}};
      continue;
    }
    // kst reports a rule on an FQDN as an error for the servers where it is
    // one and as a warning for the others; SPIN's side is per (rule, FQDN):
    // every server, error when any server is one.
    Verdict& verdict = verdicts[{finding.rule, finding.fqdn}];
    if (verdict.severity != "error") verdict.severity = SeverityName(finding.severity);
    verdict.servers.insert(finding.servers.begin(), finding.servers.end());
  }
  return verdicts;
}

std::vector<VerdictDifference> CompareVerdicts(const Verdicts& kst, const Verdicts& spin) {
  std::vector<VerdictDifference> differences;
  for (const auto& [key, verdict] : kst) {
    const std::string what = key.first + " " + key.second;
    const auto other = spin.find(key);
    if (other == spin.end())
      differences.push_back({key, "kst finds " + what + " (" + VerdictText(verdict) + "), SPIN does not"});
    else if (!(other->second == verdict))
      differences.push_back({key, what + ": kst " + VerdictText(verdict) + ", SPIN " + VerdictText(other->second)});
  }
  for (const auto& [key, verdict] : spin)
    if (!kst.count(key))
      differences.push_back(
          {key, "SPIN finds " + key.first + " " + key.second + " (" + VerdictText(verdict) + "), kst does not"});
  return differences;
}

}  // namespace kst::spin
