#include "check/waivers.h"
#include "model/rule_ids.h"

#include <algorithm>
#include <ctime>


namespace kst {
namespace {

bool Covers(const Waiver& waiver, const Finding& finding) {
  if (waiver.rule != finding.rule || waiver.fqdn != finding.fqdn) return false;
  if (waiver.servers.empty()) return true;
  return std::all_of(finding.servers.begin(), finding.servers.end(), [&](const std::string& server) {
    return std::find(waiver.servers.begin(), waiver.servers.end(), server) != waiver.servers.end();
  });
}

Finding WaiverFinding(const Waiver& waiver, const std::string& rule, Severity severity, std::string message) {
  Finding finding;
  finding.rule = rule;
  finding.severity = severity;
  finding.fqdn = waiver.fqdn;
  finding.message = std::move(message);
  finding.claims.push_back({"waiver", 0, "waiver for " + waiver.rule + " on " + waiver.fqdn, waiver.location});
  return finding;
}

}  // namespace

std::string TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& today, Report* report) {
  std::vector<Finding> added;
  for (const Waiver& waiver : waivers) {
    // ISO dates compare as strings; a waiver is valid through its expiry day.
    if (waiver.expires < today) {
      added.push_back(WaiverFinding(waiver, kst::rule::kWaiverExpired, Severity::kError,
                                    "the waiver for " + waiver.rule + " on " + waiver.fqdn + " (owner " + waiver.owner +
                                        ") expired on " + waiver.expires + "; what it covered is reported again"));
      continue;
    }
    bool used = false;
    for (Finding& finding : report->findings) {
      if (!Covers(waiver, finding)) continue;
      finding.waiver = WaiverRef{waiver.reason, waiver.owner, waiver.expires, waiver.location};
      used = true;
    }
    if (!used)
      added.push_back(WaiverFinding(waiver, kst::rule::kWaiverStale, Severity::kWarning,
                                    "the waiver for " + waiver.rule + " on " + waiver.fqdn +
                                        " matches no finding of this run; delete or correct it"));
  }
  report->findings.insert(report->findings.end(), added.begin(), added.end());
}

}  // namespace kst
