#pragma once
// kst replay: re-executes recorded traces (report/trace_file.h) on their input.

#include <ostream>
#include <string>

#include "base/file_reader.h"
#include "model/model_catalog.h"

namespace kst {

/// Replays every trace in `path`; prints one line per trace to `out`.
/// Returns an ExitStatus: pass when all reproduce, findings when one diverges,
/// input error when the file or its scenario cannot be loaded.
int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err);

}  // namespace kst
