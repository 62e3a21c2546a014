#pragma once
// The report formats. Every analysis result reaches the user through one of
// these writers; analyses themselves never print.

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "finding.h"

namespace kst {

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void Write(const Report& report, std::ostream& out) = 0;
};

/// "text" or "json"; nullptr for an unknown format.
std::unique_ptr<ReportWriter> MakeReportWriter(const std::string& format);

/// Shared JSON pieces (the report and the trace file use the same shapes).
nlohmann::json TraceToJson(const Trace& trace);
nlohmann::json LogLineToJson(const LogLine& line);
nlohmann::json EntryToJson(const CellEntry& entry);

}  // namespace kst
