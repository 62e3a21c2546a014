#pragma once
// From pan's report to kst's verdicts: which (rule, cell) SPIN found
// violated, with a trail for each, and what that makes per (rule, FQDN) --
// the shape kst reports findings in. Shared by the cross-check and the
// benchmark.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/finding.h"
#include "export/promela_layout.h"
#include "spin_runner.h"
#include "spin_trail.h"

namespace kst::spin {

/// A finding's verdict: its severity and the servers it names.
struct Verdict {
  std::string severity;
  std::set<std::string> servers;
  bool operator==(const Verdict& other) const { return severity == other.severity && servers == other.servers; }
};
using Verdicts = std::map<std::pair<std::string, std::string>, Verdict>;  // (rule, fqdn)
std::string VerdictText(const Verdict& verdict);

/// The FQDN kst/flapping is reported under for SPIN: a cycle names no cell.
inline const char* kAnyCycle = "(a cycle)";

/// (property label, cell) -> the number of a trail that shows it.
using Violations = std::map<std::pair<std::string, int>, int>;

/// Replays trails, each once (pan -e writes them as model.pml<N>.trail).
class TrailCache {
 public:
  explicit TrailCache(const SpinModel& model) : model_(model) {}
  const PrintedRun& Get(int trail);

 private:
  const SpinModel& model_;
  std::map<int, PrintedRun> runs_;
};

/// Every (rule, cell) pan reported. pan's message names the cell when the
/// check is unrolled per cell; otherwise the trail is replayed and the
/// violations its last action prints are the cells. False with `*problem`
/// when an error is no kst property or a trail does not show its error.
bool AttributeViolations(const PanReport& pan, TrailCache* trails, Violations* out, std::string* problem);

/// What the violations make per (rule, FQDN), the way kst reports: an
/// unknown-server finding is an error when its FQDN is absent at the end on
/// some server, a warning when only on the way; `cycle` adds kst/flapping.
Verdicts VerdictsOf(const PromelaLayout& layout, const Violations& violations, bool cycle);

/// kst's findings in the same shape (kst/flapping under kAnyCycle).
Verdicts VerdictsOf(const std::vector<Finding>& findings);

/// One (rule, FQDN) on which kst and SPIN differ.
struct VerdictDifference {
  std::pair<std::string, std::string> key;  // (rule, fqdn)
  std::string text;                         // what differs
};
std::vector<VerdictDifference> CompareVerdicts(const Verdicts& kst, const Verdicts& spin);

}  // namespace kst::spin
