#pragma once
// What an importer understood of one real export file: the format it
// detected, and every element or value it could not map to the model, with
// where it is and whether it could change a KST verdict. `kst import
// --report` prints this; every check's JSON carries it.

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/location.h"

namespace kst {

/// PASSED: everything read was understood. PARTIALLY_UNRECOGNIZED: something
/// was skipped and reported. FAILED: the file could not be used at all.
enum class ImportStatus { kPassed, kPartiallyUnrecognized, kFailed };

const char* ImportStatusName(ImportStatus status);

/// One thing an importer did not understand, or understood only by assumption.
struct ImportNote {
  Location location;
  std::string element_path;  // e.g. "/Topology/Services/Service[3]/@ServiceVersion"
  std::string comment;
  bool affects_verdict = false;  // when true the check's verdict cannot be `pass`
};

struct FileImportReport {
  std::string file;
  std::string format;    // a name from DetectedFormatName(), or "unknown"
  std::string encoding;  // "utf-8", "utf-8 with BOM", "utf-16le with BOM", ...
  bool failed = false;
  std::vector<ImportNote> notes;

  ImportStatus status() const;
  /// Records a note and mirrors it as a diagnostic (warning when it affects
  /// the verdict, note otherwise) so text output shows it with its location.
  void Unrecognized(const Location& at, std::string element_path, std::string comment, bool affects_verdict,
                    Diagnostics* diagnostics);
};

/// The report as JSON: file, format, encoding, status and every note.
nlohmann::ordered_json ImportReportToJson(const FileImportReport& report);

/// The diagnostic id every importer uses for a skipped element or value; a
/// warning with this id makes the verdict inconclusive (analysis.cpp).
inline constexpr const char* kImportUnrecognizedId = "import-unrecognized";

}  // namespace kst
