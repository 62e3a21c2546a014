#include "model/import_report.h"

namespace kst {

const char* ImportStatusName(ImportStatus status) {
  switch (status) {
    case ImportStatus::kPassed: return "PASSED";
    case ImportStatus::kPartiallyUnrecognized: return "PARTIALLY_UNRECOGNIZED";
    case ImportStatus::kFailed: return "FAILED";
  }
  return "FAILED";
}

ImportStatus FileImportReport::status() const {
  if (failed) return ImportStatus::kFailed;
  return notes.empty() ? ImportStatus::kPassed : ImportStatus::kPartiallyUnrecognized;
}

void FileImportReport::Unrecognized(const Location& at, std::string element_path, std::string comment,
                                    bool affects_verdict, Diagnostics* diagnostics) {
  std::string message = comment;
  if (affects_verdict) message += " (could change a KST verdict: the verdict cannot be pass)";
  if (affects_verdict) {
    diagnostics->Warning(kImportUnrecognizedId, at, element_path, message);
  } else {
    diagnostics->Note(kImportUnrecognizedId, at, element_path, message);
  }
  notes.push_back({at, std::move(element_path), std::move(comment), affects_verdict});
}

nlohmann::ordered_json ImportReportToJson(const FileImportReport& report) {
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const ImportNote& note : report.notes) {
    notes.push_back({{"file", note.location.file},
                     {"line", note.location.line},
                     {"column", note.location.column},
                     {"element", note.element_path},
                     {"comment", note.comment},
                     {"affects_verdict", note.affects_verdict}});
  }
  return {{"file", report.file},
          {"format", report.format.empty() ? "unknown" : report.format},
          {"encoding", report.encoding},
          {"status", ImportStatusName(report.status())},
          {"notes", notes}};
}

}  // namespace kst
