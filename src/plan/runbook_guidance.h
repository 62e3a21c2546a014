#pragma once
// The runbook's knowledge of each plan op: the Lync Server Management Shell /
// Exchange Management Shell commands that carry it out, what to check before
// the next step, and the event-log lines each server should write. Commands
// and parameters come from Microsoft's cmdlet reference (the source of each
// is kept); a command whose exact syntax those pages do not give is marked.

#include <vector>

#include "model/model_catalog.h"
#include "model/scenario.h"
#include "plan/plan_search.h"

namespace kst {

/// Fills commands, check and events of each step of `steps` (the plan of
/// `scenario`, whose step i is steps[i]).
void AddRunbookGuidance(const Scenario& scenario, const ModelCatalog& model, std::vector<RunbookStep>* steps);

}  // namespace kst
