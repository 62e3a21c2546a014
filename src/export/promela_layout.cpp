#include "export/promela_layout.h"

#include <algorithm>
#include <set>

#include "model/rule_ids.h"

namespace kst {
namespace {

constexpr size_t kMaxServers = 250;  // SPIN runs at most 255 processes: servers, admin, init, a monitor
constexpr size_t kMaxCounter = 255;  // plan steps, revisions: byte counters in the state vector
constexpr size_t kMaxVersions = 31;  // a version set is the bits of a Promela int
constexpr size_t kMaxUmFqdns = 254;  // UM slot numbers are bytes; 255 means "no slot"

uint32_t Bits(const VersionSet& versions, const std::vector<int>& legend) {
  uint32_t bits = 0;
  for (int v : versions) bits |= 1u << (std::find(legend.begin(), legend.end(), v) - legend.begin());
  return bits;
}

bool Limit(size_t value, size_t limit, const std::string& what, Diagnostic* error) {
  if (value <= limit) return true;
  error->severity = Severity::kError;
  error->id = "promela-limit";
  error->message = "the Promela encoding holds at most " + std::to_string(limit) + " " + what + "; this scenario has " +
                   std::to_string(value);
  return false;
}

}  // namespace

const std::vector<PromelaProperty>& PromelaProperties() {
  static const std::vector<PromelaProperty> properties = {
      {"kst_version_conflict", kst::rule::kVersionConflict, Severity::kError,
       "a 14563 is logged for the cell: two versions claimed, both entries removed"},
      {"kst_unknown_server_at_end", kst::rule::kUnknownServer, Severity::kError,
       "the cell's FQDN is needed at the end and absent in a quiescent state"},
      {"kst_unknown_server_on_the_way", kst::rule::kUnknownServer, Severity::kWarning,
       "the cell's FQDN is needed before and after the plan, was present, and is absent in some state"},
      {"kst_order_dependent", kst::rule::kOrderDependent, Severity::kWarning,
       "quiescent states disagree on the cell's entry: the end depends on the order"},
      {"kst_guide_blocked", "", Severity::kError, "a guided run could not follow its order to the end"},
  };
  return properties;
}

size_t PromelaLayout::VectorSize() const {
  // Per server: its replica, restart bit, UM flags per slot, and its process
  // (pc, pid, the parameter); then the globals and the other processes, twice
  // over for alignment and pan's own fields, rounded up to whole KiB.
  const size_t bytes = 2 * (servers.size() * (std::max<size_t>(um_fqdns.size(), 1) + 16) + 256);
  return std::max<size_t>(1024, (bytes + 1023) / 1024 * 1024);
}

int PromelaLayout::VersionOf(uint32_t bits) const {
  if (bits == 0 || (bits & (bits - 1)) != 0) return -1;
  size_t k = 0;
  while (!(bits >> k & 1)) ++k;
  return k < versions.size() ? versions[k] : -1;
}

bool LayoutPromela(const CompiledPlan& plan, PromelaLayout* layout, Diagnostic* error) {
  PromelaLayout& out = *layout;
  out = PromelaLayout{};
  out.servers = plan.servers();
  out.fqdns = plan.fqdns();
  const std::vector<PlanStep>& steps = plan.scenario().plan;
  std::vector<const ClaimIndex*> revisions = {&plan.base_claims()}, ad_revisions = {&plan.base_claims()};
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind == PlanStep::Kind::kPublish) {
      out.publish_steps.push_back(static_cast<int>(i));
      revisions.push_back(&plan.ClaimsAfter(i));
    } else if (steps[i].kind == PlanStep::Kind::kAdChange) {
      out.ad_steps.push_back(static_cast<int>(i));
      ad_revisions.push_back(&plan.ClaimsAfter(i));
    }
  }
  if (out.servers.empty()) {
    *error = {Severity::kError, "promela-limit", {}, "", "no server keeps a Known Servers Table: nothing to model"};
    return false;
  }
  if (!Limit(out.servers.size(), kMaxServers, "servers", error) ||
      !Limit(steps.size(), kMaxCounter, "plan steps", error) ||
      !Limit(revisions.size(), kMaxCounter, "topology revisions", error) ||
      !Limit(ad_revisions.size(), kMaxCounter, "AD revisions", error))
    return false;
  std::set<int> versions = {0};  // version 0 is always bit 0: UM Routing's claim
  for (const ClaimIndex* revision : revisions)
    for (const std::string& fqdn : out.fqdns)
      for (int v : revision->TopologyVersions(fqdn)) versions.insert(v);
  out.versions.assign(versions.begin(), versions.end());
  if (!Limit(out.versions.size(), kMaxVersions, "distinct KST versions", error)) return false;
  for (size_t f = 0; f < out.fqdns.size(); ++f) {
    bool ever_listed = false;
    for (const ClaimIndex* revision : ad_revisions) ever_listed |= revision->UmRoutingClaims(out.fqdns[f]);
    if (ever_listed) out.um_fqdns.push_back(static_cast<int>(f));
  }
  if (!Limit(out.um_fqdns.size(), kMaxUmFqdns, "FQDNs hosting SipName dial plans", error)) return false;
  for (const ClaimIndex* revision : revisions) {
    out.topology.emplace_back();
    for (const std::string& fqdn : out.fqdns)
      out.topology.back().push_back(Bits(revision->TopologyVersions(fqdn), out.versions));
  }
  for (const ClaimIndex* revision : ad_revisions) {
    out.listed.emplace_back();
    for (int f : out.um_fqdns)
      out.listed.back().push_back(revision->UmRoutingClaims(out.fqdns[static_cast<size_t>(f)]));
  }
  for (size_t s = 0; s < out.servers.size(); ++s) {
    for (size_t f = 0; f < out.fqdns.size(); ++f) {
      const CellInput& input = plan.classes()[plan.ClassOf(s, f)].input;
      out.needed_start.push_back(input.needed_at_start);
      out.needed_end.push_back(input.needed_at_end);
    }
  }
  return true;
}

}  // namespace kst
