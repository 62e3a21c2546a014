#pragma once
// `kst check --semantics all`: the model has several readings of UM Routing's
// start-up conflict (model/kst-model.json "semantics"), and public sources do
// not settle which one servers follow. A gate that must hold whichever is
// true analyses the change under every reading and judges on the worst.

#include "check/analysis.h"

namespace kst {

/// The name --semantics takes for every reading at once.
inline constexpr char kEveryReading[] = "all";

/// Analyses `scenario` under every reading of `model` (Analyze, one run per
/// reading) and merges the reports: the default reading's findings, then each
/// finding another reading adds (a rule, FQDN and severity not yet reported);
/// every inconclusive reason once; statistics summed. The verdict is judged
/// on the merged findings, so it is the worst any reading gives; a note names
/// each reading's own verdict. The scenario's expect block is compared with
/// the merged findings. An interrupt stops at the reading it hit.
Report AnalyzeEveryReading(const Scenario& scenario, bool is_scenario, const ModelCatalog& model,
                           const AnalysisOptions& options, const Diagnostics& load_diagnostics,
                           const ReportInputs& inputs = {});

}  // namespace kst
