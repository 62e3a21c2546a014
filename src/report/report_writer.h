#pragma once
// The report formats. Every analysis result reaches the user through one of
// these writers; analyses themselves never print.

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "check/finding.h"

namespace kst {

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void Write(const Report& report, std::ostream& out) = 0;
};

/// One of ReportFormats(); nullptr for an unknown format. `color` applies to
/// text only (ANSI colours, for a terminal).
std::unique_ptr<ReportWriter> MakeReportWriter(const std::string& format, bool color = false);
const std::vector<std::string>& ReportFormats();

/// Shared JSON pieces (the report and the trace file use the same shapes).
nlohmann::json TraceToJson(const Trace& trace);
nlohmann::json LogLineToJson(const LogLine& line);
nlohmann::json EntryToJson(const CellEntry& entry);

}  // namespace kst
