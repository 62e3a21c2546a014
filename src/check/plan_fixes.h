#pragma once
// Fixes made for the plan at hand and checked before they are printed: each
// candidate is an edit of the scenario (a restart inserted after the step that
// opens the window, a step left out, a trusted application pool added where a
// SipName dial plan leaves an OWA IM server), explored again with the same
// reading; only a fix whose edited plan no longer has the finding is shown,
// with what the edited plan still has on the FQDN and its verdict.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/analysis.h"
#include "check/finding.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

/// One fix as an edit of the plan: what to tell people, and how to make the
/// scenario with the edit applied (no expect block; plan steps that change the
/// topology after the edit carry it too). Made only when it is explored: a
/// long plan's edit copies every later topology. `make` refers to the scenario
/// CandidateFixes was given, which must outlive it.
struct CandidateFix {
  std::string text;
  std::function<Scenario()> make;
};

/// The candidate fixes of a finding, most specific first: plan edits for the
/// KST rules; for the certificate and clock rules, their own advice as an edit
/// of the input (`at`: the check time, for a renewed certificate's dates).
std::vector<CandidateFix> CandidateFixes(const Scenario& scenario, const Finding& finding, const ModelCatalog& model,
                                         std::optional<UnixSeconds> at = std::nullopt);

/// Re-checks each KST finding's candidate fixes (Analyze on the edited plan,
/// same reading, no fixes of its own) and keeps in Finding::checked_fixes the
/// ones that remove it. Bounded, so that fixes cost at most about as much as
/// exploring kRecheckCellSteps cells x plan steps: min(kMaxRechecks,
/// kRecheckCellSteps / (cells x (plan steps + 1))) explorations (none above
/// kMaxCellsForRechecks cells), then a note says so.
void AddCheckedFixes(const Scenario& scenario, const ModelCatalog& model, const AnalysisOptions& options,
                     Report* report);

inline constexpr uint64_t kMaxCellsForRechecks = 200'000;
inline constexpr uint64_t kRecheckCellSteps = 2'000'000;
inline constexpr int kMaxRechecks = 16;

}  // namespace kst
