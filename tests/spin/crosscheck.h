#pragma once
// The SPIN cross-check of one scenario under one reading (issue 8): kst and
// SPIN must agree on every (rule, FQDN) verdict and its servers; every
// violation SPIN finds must reproduce in `kst replay` once its trail is
// projected onto the cell; every trace kst reports must be followed by SPIN,
// guided, to the same violation with the same log lines and entries. How:
// crosscheck.cpp.

#include <cstdint>
#include <string>

namespace kst::spin {

struct CrossCheckResult {
  bool agree = false;
  std::string report;  // one summary line, then on disagreement what differs, with both traces
  uint64_t spin_states = 0;
  uint64_t kst_states = 0;
  double seconds = 0;
};

class CrossCheck {
 public:
  /// `kst` is the kst binary; each check works in a fresh folder under `work_dir`.
  CrossCheck(std::string kst, std::string work_dir) : kst_(std::move(kst)), work_dir_(std::move(work_dir)) {}

  /// Cross-checks `scenario` (a file) under `reading`; `name` names the work
  /// folder and the report line.
  CrossCheckResult Check(const std::string& scenario, const std::string& reading, const std::string& name);

 private:
  std::string kst_;
  std::string work_dir_;
};

}  // namespace kst::spin
