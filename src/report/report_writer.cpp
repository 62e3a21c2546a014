#include "report/report_writer.h"

namespace kst {

// Each format lives in its own file; this is the one place that names them.
std::unique_ptr<ReportWriter> MakeTextWriter(bool color);
std::unique_ptr<ReportWriter> MakeJsonWriter();
std::unique_ptr<ReportWriter> MakeSarifWriter();
std::unique_ptr<ReportWriter> MakeJunitWriter();
std::unique_ptr<ReportWriter> MakeGithubWriter();

std::unique_ptr<ReportWriter> MakeReportWriter(const std::string& format, bool color) {
  if (format == "text") return MakeTextWriter(color);
  if (format == "json") return MakeJsonWriter();
  if (format == "sarif") return MakeSarifWriter();
  if (format == "junit") return MakeJunitWriter();
  if (format == "github") return MakeGithubWriter();
  return nullptr;
}

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "junit", "github"};
  return formats;
}

}  // namespace kst
