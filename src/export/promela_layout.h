#pragma once
// Where kst's compiled plan lives in the Promela model: which index is which
// server and FQDN, which bit of a version set is which version, the topology
// and AD revisions as tables, and the assertion labels that stand for kst's
// rules. The exporter writes the model from it, and tools that read SPIN's
// output back (tests/spin) decode with it, so both agree by construction.

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "engine/plan_compiler.h"
#include "model/claims.h"

namespace kst {

/// A property of the Promela model, in the order of the rule numbers the
/// model prints ("kst violation RULE CELL"). `label` is the hidden array whose
/// name pan prints when the assertion fails, e.g. "!(kst_version_conflict[c])".
struct PromelaProperty {
  const char* label;
  const char* rule;  // kst's rule id; "" for the guide check
  Severity severity;
  const char* meaning;
};
const std::vector<PromelaProperty>& PromelaProperties();

/// How the compiled plan is laid out in the model. The exporter and the tools
/// that read SPIN's output back (tests/spin) share it, so indices agree.
struct PromelaLayout {
  std::vector<KstServer> servers;               // Server(i) is servers[i]: CompiledPlan::servers()
  std::vector<std::string> fqdns;               // FQDN index f: CompiledPlan::fqdns()
  std::vector<int> um_fqdns;                    // UM slot u -> FQDN index (FQDNs some revision of AD lists)
  std::vector<int> versions;                    // bit k of a version set stands for versions[k]; versions[0] == 0
  std::vector<int> publish_steps;               // plan index of the publish that made revision r + 1
  std::vector<int> ad_steps;                    // plan index of the AD change that made AD revision a + 1
  std::vector<std::vector<uint32_t>> topology;  // [revision][f]: the topology's version set, as bits
  std::vector<std::vector<bool>> listed;        // [AD revision][u]: AD lists the FQDN as a SipName host
  std::vector<bool> needed_start, needed_end;   // [s * fqdns + f], from the compiled cells (assumption needed-by)

  size_t cells() const { return servers.size() * fqdns.size(); }
  /// A bound on pan's state vector, in bytes: compile pan.c with
  /// -DVECTORSZ=<this> (pan's default, 1024, is too small for large estates).
  size_t VectorSize() const;
  /// The version a one-bit set stands for; -1 for a set that is not one bit.
  int VersionOf(uint32_t bits) const;
};

/// Builds the layout; false with `*error` when the scenario exceeds what the
/// encoding holds (255 processes, byte-sized counters, 31 distinct versions).
bool LayoutPromela(const CompiledPlan& plan, PromelaLayout* layout, Diagnostic* error);

}  // namespace kst
