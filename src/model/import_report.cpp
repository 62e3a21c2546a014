#include "model/import_report.h"

#include <algorithm>

namespace kst {

const char* ImportStatusName(ImportStatus status) {
  switch (status) {
    case ImportStatus::kPassed:
      return "PASSED";
    case ImportStatus::kPartiallyUnrecognized:
      return "PARTIALLY_UNRECOGNIZED";
    case ImportStatus::kFailed:
      return "FAILED";
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

void FileImportReport::NotChecked(const Location& at, std::string element_path, std::string comment, const char* id,
                                  Diagnostics* diagnostics) {
  diagnostics->Warning(id, at, element_path, comment);
  notes.push_back({at, std::move(element_path), std::move(comment), false});
}

void FileImportReport::Count(const std::string& what, int items) {
  for (auto& [name, count] : contributed)
    if (name == what) {
      count += items;
      return;
    }
  contributed.emplace_back(what, items);
}

namespace {

// "1 Exchange server", "2 Exchange servers": the key is the plural; its
// noun (before a comma or a parenthesis) loses its "s" for one.
std::string Counted(const std::string& plural, int count) {
  std::string what = plural;
  if (count == 1) {
    size_t end = std::min(what.find(','), what.find(" ("));
    if (end == std::string::npos) end = what.size();
    if (end > 0 && what[end - 1] == 's') what.erase(end - 1, 1);
  }
  return std::to_string(count) + " " + what;
}

}  // namespace

std::string ContributedText(const FileImportReport& report) {
  std::string text;
  for (const auto& [what, count] : report.contributed) text += (text.empty() ? "" : ", ") + Counted(what, count);
  return text.empty() ? "nothing" : text;
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
  nlohmann::ordered_json contributed = nlohmann::ordered_json::object();
  for (const auto& [what, count] : report.contributed) contributed[what] = count;
  return {{"file", report.file},         {"format", report.format.empty() ? "unknown" : report.format},
          {"encoding", report.encoding}, {"status", ImportStatusName(report.status())},
          {"contributed", contributed},  {"notes", notes}};
}

}  // namespace kst
