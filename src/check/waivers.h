#pragma once
// Waivers (kst-waivers/1): an accepted, owned, dated exception for one
// finding. A waived finding is still reported, marked waived, and does not
// fail the gate; an expired waiver is itself an error (kst/waiver-expired)
// and a waiver that matches nothing is a warning (kst/waiver-stale).

#include <cstdint>
#include <string>
#include <vector>

#include "check/finding.h"
#include "model/waiver.h"

namespace kst {

/// Marks the findings the waivers cover, adds kst/waiver-expired and
/// kst/waiver-stale findings; the verdict is judged after (check/analysis.h).
/// `today` is a day since 1970-01-01 (from the clock, or --today parsed by
/// ParseCivilDate); a waiver holds through its `expires_day`.
void ApplyWaivers(const std::vector<Waiver>& waivers, int64_t today, Report* report);

/// Today's date in UTC, as days since 1970-01-01.
int64_t TodayUtc();

}  // namespace kst
