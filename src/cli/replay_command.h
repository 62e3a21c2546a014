#pragma once
// kst replay: re-executes recorded traces (report/trace_file.h) on their input.

#include <ostream>
#include <string>

#include "base/file_reader.h"
#include "model/model_catalog.h"

namespace kst {

/// Replays every trace in `path`; prints one line per trace to `out`.
/// Returns an ExitStatus: pass when all reproduce and their rules are
/// re-derived; findings when one diverges; inconclusive when a cell was too
/// large to re-derive its rule; input error when the file or its input cannot
/// be loaded, a digest is missing or differs, or a trace names a rule that has
/// no traces; interrupted on Ctrl-C.
int ReplayTraceFile(const std::string& path, FileReader* files, const ModelCatalog& model, std::ostream& out,
                    std::ostream& err);

}  // namespace kst
