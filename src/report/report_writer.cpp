#include "report/report_writer.h"

#include <stdexcept>

#include "base/text_join.h"

namespace kst {

// Each format lives in its own file; this is the one place that names them.
std::unique_ptr<ReportWriter> MakeTextWriter(const WriterOptions& options);
std::unique_ptr<ReportWriter> MakeJsonWriter(const WriterOptions& options);
std::unique_ptr<ReportWriter> MakeSarifWriter(const WriterOptions& options);
std::unique_ptr<ReportWriter> MakeJunitWriter(const WriterOptions& options);
std::unique_ptr<ReportWriter> MakeGithubWriter(const WriterOptions& options);
std::unique_ptr<ReportWriter> MakeHtmlWriter(const WriterOptions& options);

const std::vector<ReportFormat>& ReportFormats() {
  static const std::vector<ReportFormat> formats = {
      {"text", ".txt", MakeTextWriter},   {"json", ".json", MakeJsonWriter},    {"sarif", ".sarif", MakeSarifWriter},
      {"junit", ".xml", MakeJunitWriter}, {"github", ".log", MakeGithubWriter}, {"html", ".html", MakeHtmlWriter},
  };
  return formats;
}

const ReportFormat* FindReportFormat(std::string_view name) {
  for (const ReportFormat& format : ReportFormats())
    if (name == format.name) return &format;
  return nullptr;
}

const ReportFormat* ReportFormatForPath(std::string_view path) {
  for (const ReportFormat& format : ReportFormats()) {
    const std::string_view extension = format.extension;
    if (path.size() > extension.size() && path.substr(path.size() - extension.size()) == extension) return &format;
  }
  return nullptr;
}

std::vector<std::string> ReportFormatNames() {
  std::vector<std::string> names;
  for (const ReportFormat& format : ReportFormats()) names.emplace_back(format.name);
  return names;
}

std::string ReportFormatList() {
  return JoinStrings(ReportFormatNames(), ", ", " or ");
}

std::unique_ptr<ReportWriter> MakeReportWriter(std::string_view format, const WriterOptions& options) {
  const ReportFormat* found = FindReportFormat(format);
  if (!found) throw std::invalid_argument("no report format \"" + std::string(format) + "\"");
  return found->make(options);
}

}  // namespace kst
