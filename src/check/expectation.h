#pragma once
// Compares a report with a scenario's expect block.

#include "check/finding.h"
#include "model/scenario.h"

namespace kst {

/// The verdict must match when given; when findings are given, the report's
/// (rule, FQDN) pairs must be exactly those (warnings included), so a
/// scenario is a regression case that notices new findings too.
ExpectationResult CompareWithExpectation(const Expectation& expect, const Report& report);

}  // namespace kst
