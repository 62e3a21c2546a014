#pragma once
// Traces as files: `kst check --trace-out FILE` writes every finding's
// traces; `kst replay FILE` re-executes each against the model and checks
// that it reproduces step for step (lines and table entries).

#include <ostream>
#include <string>

#include "file_reader.h"
#include "finding.h"
#include "model_catalog.h"

namespace kst {

bool WriteTraceFile(const std::string& path, const Report& report, std::string* error);

/// Replays every trace in `path`; prints one line per trace to `out`.
/// Returns an ExitStatus: pass when all reproduce, findings when one diverges,
/// input error when the file or its scenario cannot be loaded.
int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err);

}  // namespace kst
