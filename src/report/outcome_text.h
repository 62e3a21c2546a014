#pragma once
// One server's outcome in a KST finding, in words and as JSON: every writer
// says it the same way.

#include <nlohmann/json.hpp>
#include <string>

#include "check/finding.h"

namespace kst {

/// "14563 reachable; absent after plan step 1 until plan step 3 (out by replicate; back by plan step 3); ends
/// with version 6".
std::string DescribeOutcome(const ServerOutcome& outcome);

/// "error under withdraw-remember, retry-list; none under forget".
std::string DescribeReadings(const std::vector<ReadingSeverity>& by_reading);

nlohmann::json OutcomeToJson(const ServerOutcome& outcome);
nlohmann::json ReadingsToJson(const std::vector<ReadingSeverity>& by_reading);
/// [{"fix", "result", "edited_plan_verdict"}]: the fixes for the plan kst explored before printing.
nlohmann::json CheckedFixesToJson(const std::vector<CheckedFix>& fixes);

}  // namespace kst
