#pragma once
// The report formats. Every analysis result reaches the user through one of
// these writers; analyses themselves never print.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "check/finding.h"

namespace kst {

struct Scenario;
struct PlanSynthesis;
class DotRenderer;

/// A file the checked input was read from and its digest ("sha256:..."),
/// named relative to the input as input/input_digest.h names it.
struct CheckedFile {
  std::string name;
  std::string sha256;
};

/// What a report was checked on, for a writer that shows more than the
/// findings (html: the topology picture, each server's table before and after
/// the plan, the inputs and their digests).
struct CheckedInput {
  const Scenario* scenario = nullptr;
  std::vector<CheckedFile> files;
  std::string digest;  // input/input_digest.h InputDigest of them all
};

/// What a writer is made with. Every field may be left as it is: a writer
/// shows what it is given and says what it was not given.
struct WriterOptions {
  bool color = false;                   // ANSI colours, for a terminal (text only)
  const CheckedInput* input = nullptr;  // null: only the report is at hand (kst diff's new findings, tests)
  std::optional<int> exit_code;         // the run's exit code, when the command knows it before writing
  DotRenderer* renderer = nullptr;      // how pictures are drawn; null: Graphviz's `dot` (report/graphviz.h)
  const PlanSynthesis* plan = nullptr;  // kst plan --format html: the runbook, as a section (html only)
};

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void Write(const Report& report, std::ostream& out) = 0;
};

/// A report format: the one table (report_writer.cpp) that the command line,
/// the gate's --output and kst diff read. Adding a format is its writer, its
/// test and one entry there.
struct ReportFormat {
  const char* name;       // --format NAME, --output NAME=FILE
  const char* extension;  // the usual file extension, e.g. ".sarif"
  std::unique_ptr<ReportWriter> (*make)(const WriterOptions& options);
};

const std::vector<ReportFormat>& ReportFormats();

/// The format named `name`; nullptr when there is none.
const ReportFormat* FindReportFormat(std::string_view name);

/// The format whose usual extension ends `path` ("kst.sarif" -> sarif); nullptr when none does.
const ReportFormat* ReportFormatForPath(std::string_view path);

/// The names, in table order: for --format checks and messages.
std::vector<std::string> ReportFormatNames();
std::string ReportFormatList();  // "text, json, sarif, junit, github or html"

/// A writer of the format named `format`, which must be in the table (a
/// caller checks names from the command line with FindReportFormat first).
std::unique_ptr<ReportWriter> MakeReportWriter(std::string_view format, const WriterOptions& options = {});

/// Shared JSON pieces (the report and the trace file use the same shapes).
nlohmann::json TraceToJson(const Trace& trace);
nlohmann::json LogLineToJson(const LogLine& line);
nlohmann::json EntryToJson(const CellEntry& entry);

}  // namespace kst
