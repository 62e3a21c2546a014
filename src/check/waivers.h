#pragma once
// Waivers (kst-waivers/1): an accepted, owned, dated exception for one
// finding. A waived finding is still reported, marked waived, and does not
// fail the gate; an expired waiver is itself an error (kst/waiver-expired)
// and a waiver that matches nothing is a warning (kst/waiver-stale).

#include <string>
#include <vector>

#include "check/finding.h"
#include "model/waiver.h"

namespace kst {

/// Marks the findings the waivers cover, adds kst/waiver-expired and
/// kst/waiver-stale findings; the verdict is judged after (check/analysis.h). `today` is
/// YYYY-MM-DD (from the clock, or --today in tests).
void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& today, Report* report);

/// Today's date in UTC as YYYY-MM-DD.
std::string TodayUtc();

}  // namespace kst
