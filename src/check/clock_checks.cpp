#include "check/clock_checks.h"

#include <cmath>

#include "model/certificate_names.h"
#include "model/claims.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

std::string Seconds(double offset) {
  const long long whole = std::llround(offset);
  return (whole > 0 ? "+" : "") + std::to_string(whole) + " s";
}

}  // namespace

std::vector<Finding> CheckClocks(const Topology& topology, const ModelCatalog& model, int64_t tolerance_seconds,
                                 UnixSeconds at, const ClaimIndex* known_claims) {
  const ClaimIndex collected = known_claims ? ClaimIndex{} : CollectClaims(topology, model);
  const ClaimIndex& claims = known_claims ? *known_claims : collected;
  std::vector<Finding> findings;
  if (topology.clocks.empty()) return findings;
  const TopologyServerNames servers(topology);
  for (const ClockReading& clock : topology.clocks) {
    if (!servers.Has(clock.server.name)) continue;
    if (std::fabs(clock.offset_seconds) <= static_cast<double>(tolerance_seconds)) continue;
    const std::string& server = clock.server.name;
    const int64_t offset = std::llround(clock.offset_seconds);
    Finding finding;
    finding.rule = kst::rule::kClockSkew;
    finding.severity = Severity::kError;
    finding.fqdn = server;
    finding.servers = {server};
    finding.servers_summary = SummarizeServers(finding.servers, claims.servers);
    std::string age;
    if (at >= clock.measured_at)
      age = ", " + FormatDuration(at - clock.measured_at) + " before the check time";
    else
      age = ", after the check time";
    finding.message = "the clock of " + server + " is " + FormatDuration(offset) +
                      (offset < 0 ? " behind" : " ahead of") + " the reference clock (offset " +
                      Seconds(clock.offset_seconds) + ", measured " + FormatTimestamp(clock.measured_at) + age +
                      "), beyond the tolerance of " + std::to_string(tolerance_seconds) + " s";
    finding.evidence.push_back({"clock reading of " + server + ": offset " + Seconds(clock.offset_seconds) +
                                    " measured " + FormatTimestamp(clock.measured_at),
                                clock.offset_location});
    finding.broken.push_back({"clock-within-tolerance", server, {}, {}});
    finding.assumptions = {"kerberos-skew-tolerance", "referrer-skew-unpublished"};
    finding.fixes.push_back("Resynchronise the clock of " + server +
                            " (w32tm /resync against the domain hierarchy or an NTP source) and check why it drifted "
                            "(a reboot brought it up hours off in seed 000); on an Edge, restart the Access Edge "
                            "service afterwards so federation comes back.");
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace kst
