#pragma once
// `kst export promela`: the scenario as one whole-system Promela model for
// SPIN -- every server a process, the admin a process walking the plan --
// under one reading of the model, with kst's rules as named assertions. The
// model, its properties, and why it means what kst's per-cell exploration
// means: the essay in promela_export.cpp, and the comment the export itself
// opens with.

#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "engine/global_schedule.h"
#include "engine/plan_compiler.h"
#include "export/promela_layout.h"
#include "model/model_catalog.h"

namespace kst {

struct PromelaOptions {
  const Semantics* semantics = nullptr;  // null: the model's default reading
  /// Empty: the free model, every order. Otherwise SPIN may only follow one of
  /// these whole-system orders (lifted kst traces): a guided run.
  std::vector<GlobalSchedule> guides;
};

/// Writes the model of `plan`'s scenario. Returns false with `*error` (id
/// promela-limit) when the scenario does not fit the encoding.
bool WritePromela(const CompiledPlan& plan, const ModelCatalog& model, const PromelaOptions& options, std::ostream& out,
                  Diagnostic* error);

}  // namespace kst
