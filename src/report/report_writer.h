#pragma once
// The report formats. Every analysis result reaches the user through one of
// these writers; analyses themselves never print.

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "check/finding.h"

namespace kst {

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void Write(const Report& report, std::ostream& out) = 0;
};

/// A report format: the one table (report_writer.cpp) that the command line,
/// the gate's --output and kst diff read. Adding a format is its writer, its
/// test and one entry there.
struct ReportFormat {
  const char* name;                                   // --format NAME, --output NAME=FILE
  const char* extension;                              // the usual file extension, e.g. ".sarif"
  std::unique_ptr<ReportWriter> (*make)(bool color);  // `color`: ANSI colours, for a terminal (text only)
};

const std::vector<ReportFormat>& ReportFormats();

/// The format named `name`; nullptr when there is none.
const ReportFormat* FindReportFormat(std::string_view name);

/// The format whose usual extension ends `path` ("kst.sarif" -> sarif); nullptr when none does.
const ReportFormat* ReportFormatForPath(std::string_view path);

/// The names, in table order: for --format checks and messages.
std::vector<std::string> ReportFormatNames();
std::string ReportFormatList();  // "text, json, sarif, junit or github"

/// A writer of the format named `format`, which must be in the table (a
/// caller checks names from the command line with FindReportFormat first).
std::unique_ptr<ReportWriter> MakeReportWriter(std::string_view format, bool color = false);

/// Shared JSON pieces (the report and the trace file use the same shapes).
nlohmann::json TraceToJson(const Trace& trace);
nlohmann::json LogLineToJson(const LogLine& line);
nlohmann::json EntryToJson(const CellEntry& entry);

}  // namespace kst
