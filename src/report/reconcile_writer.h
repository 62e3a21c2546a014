#pragma once
// kst reconcile's output: per server the table the logs show against kst's
// prediction under each reading, every logged line with how each reading
// explains it (or does not), the readings the logs are consistent with and
// the lines that decide between them; as text or JSON.

#include <ostream>

#include "check/reconcile.h"

namespace kst {

void WriteReconcileText(const ReconcileResult& result, std::ostream& out);
void WriteReconcileJson(const ReconcileResult& result, std::ostream& out);

/// "agrees", "unexplained" or "inconclusive": the verdict the exit code follows.
const char* ReconcileVerdict(const ReconcileResult& result);

}  // namespace kst
