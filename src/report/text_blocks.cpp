#include "report/text_blocks.h"

#include "engine/trace_narrator.h"
#include "report/text_escape.h"

namespace kst {

void WriteTraceText(const Trace& trace, const std::string& indent, std::ostream& out, bool name_routine_start) {
  out << indent << "trace (" << EscapeText(trace.title) << ") on " << EscapeText(trace.server) << ":\n";
  out << indent << "  0. steady start with the base topology -> " << EscapeText(trace.fqdn) << " "
      << trace.entry_at_start.ToString();
  // A routine start (information lines only) is named by its event ids on
  // the step's line; a start that logs a warning or an error is told in full.
  std::vector<std::string> formatted, ids;
  bool routine = name_routine_start;
  for (const LogLine& line : trace.start_lines) {
    formatted.push_back(FormatLogLine(line));
    ids.push_back(line.event_key);
    routine &= !line.event_key.empty() && formatted.back().find("(Error)") == std::string::npos &&
               formatted.back().find("(Warning)") == std::string::npos;
  }
  if (routine && !ids.empty()) {
    std::string list;
    for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
    out << " (its start logged " << EscapeText(list) << ", information)\n";
  } else {
    out << "\n";
    for (const std::string& line : formatted) out << indent << "       " << EscapeText(line) << "\n";
  }
  for (size_t i = 0; i < trace.steps.size(); ++i) {
    const TraceStep& step = trace.steps[i];
    out << indent << "  " << i + 1 << ". " << EscapeText(step.description) << " -> " << EscapeText(trace.fqdn) << " "
        << step.entry_after.ToString() << "\n";
    for (const LogLine& line : step.lines) out << indent << "       " << EscapeText(FormatLogLine(line)) << "\n";
  }
}

void WriteImportReportText(const std::vector<FileImportReport>& reports, std::ostream& out) {
  for (const FileImportReport& report : reports) {
    out << EscapeText(report.file) << ": " << (report.format.empty() ? "unknown" : EscapeText(report.format));
    if (!report.encoding.empty()) out << " (" << EscapeText(report.encoding) << ")";
    out << " " << ImportStatusName(report.status()) << "\n";
    if (!report.failed) out << "  contributed: " << EscapeText(ContributedText(report)) << "\n";
    for (const ImportNote& note : report.notes) {
      out << "  " << EscapeText(note.location.ToString());
      if (!note.element_path.empty()) out << " " << EscapeText(note.element_path);
      out << ": " << EscapeText(note.comment) << (note.affects_verdict ? " [could change the verdict]" : "") << "\n";
    }
  }
}

}  // namespace kst
