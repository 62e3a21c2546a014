#pragma once
// Blocks of plain text that more than one output prints, every value through
// EscapeText (report/text_escape.h): a trace step by step (the text report of
// kst check, JUnit), the import report (kst import --report).

#include <ostream>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "model/import_report.h"

namespace kst {

/// A trace for people: a title line, the steady start, then each step with
/// its log lines and the entry after it, every line prefixed by `indent`.
/// `name_routine_start`: a start that logs information lines only is named
/// by its event ids on step 0's line (the terminal report); else every line.
void WriteTraceText(const Trace& trace, const std::string& indent, std::ostream& out, bool name_routine_start = false);

/// One block per file: "file: format (encoding) STATUS", then each note.
void WriteImportReportText(const std::vector<FileImportReport>& reports, std::ostream& out);

}  // namespace kst
