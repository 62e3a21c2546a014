#include "check/waivers.h"

#include <algorithm>

#include "base/timestamp.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

bool Covers(const Waiver& waiver, const Finding& finding) {
  if (waiver.rule != finding.rule || waiver.fqdn != finding.fqdn) return false;
  if (waiver.every_server) return true;
  if (waiver.servers.empty()) return false;  // a waiver for no server covers nothing, never everything
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

int64_t TodayUtc() {
  const UnixSeconds now = NowUtc();
  return now >= 0 ? now / 86400 : -((-now + 86399) / 86400);
}

void ApplyWaivers(const std::vector<Waiver>& waivers, int64_t today, Report* report) {
  std::vector<Finding> added;
  for (const Waiver& waiver : waivers) {
    // Dates compare as days, never as text; a waiver is valid through its expiry day.
    if (waiver.expires_day < today) {
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
