#pragma once
// What keeps a report readable and a CI log small: a run with thousands of
// findings (a large estate, or an interrupted one) would write every trace of
// every finding, hundreds of MB. Past the first kDetailedFindings findings the
// traces are left out of the printed report -- the finding, its servers,
// outcomes, impact and fixes stay -- and a note says how to get them
// (`kst explain`, `--trace-out`, which always has them all).

#include <cstddef>

#include "check/finding.h"

namespace kst {

inline constexpr size_t kDetailedFindings = 100;

/// Drops the traces of the findings after the first `detailed` (errors
/// first, then warnings, each in report order), adds a note when it dropped
/// any, and returns how many findings lost their traces.
size_t CapReportDetail(Report* report, size_t detailed = kDetailedFindings);

}  // namespace kst
