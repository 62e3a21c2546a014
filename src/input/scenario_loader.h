#pragma once
// Loads kst-scenario/1 files, and whatever `kst check` accepts of kst's own
// formats (a scenario or a topology), into model/scenario.h.

#include <string>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

/// Loads a scenario file; the topology may be a path relative to the file or
/// an inline object. Returns false when any error was reported.
bool LoadScenarioFile(const std::string& path, FileReader* files, const ModelCatalog& model, Scenario* out,
                      Diagnostics* diagnostics);

/// Loads what `kst check` accepts: a scenario when the document's "format" is
/// kst-scenario/1, otherwise a topology (wrapped by ScenarioFromTopology).
bool LoadCheckInput(const std::string& path, FileReader* files, const ModelCatalog& model, Scenario* out,
                    bool* is_scenario, Diagnostics* diagnostics);

}  // namespace kst
