#pragma once
// What an importer understood of one real export file: the format it
// detected, and every element or value it could not map to the model, with
// where it is and whether it could change a KST verdict. `kst import
// --report` prints this; every check's JSON carries it.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

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
  bool failed = false;   // unreadable, unparsable, or an error when its items were merged
  std::vector<ImportNote> notes;
  /// What the file gave the topology, in the order first counted:
  /// ("Exchange servers", 2), ("certificates, not checked", 1), ...
  std::vector<std::pair<std::string, int>> contributed;

  ImportStatus status() const;
  /// Records a note and mirrors it as a diagnostic (warning when it affects
  /// the verdict, note otherwise) so text output shows it with its location.
  void Unrecognized(const Location& at, std::string element_path, std::string comment, bool affects_verdict,
                    Diagnostics* diagnostics);
  /// Records a note about something read but not checked (a certificate
  /// whose owning server is unknown, a dial-plan server without UM) and
  /// mirrors it as a warning with `id`. Whether it changes the verdict is the
  /// analysis's business; the file is no longer PASSED.
  void NotChecked(const Location& at, std::string element_path, std::string comment, const char* id,
                  Diagnostics* diagnostics);
  /// Counts one item of `what` (a plural: "pools") the file contributed.
  void Count(const std::string& what, int items = 1);
};

/// The report as JSON: file, format, encoding, status and every note.
nlohmann::ordered_json ImportReportToJson(const FileImportReport& report);
/// What the file contributed, counted: "2 pools, 1 trusted application pool",
/// or "nothing".
std::string ContributedText(const FileImportReport& report);

/// The diagnostic id every importer uses for a skipped element or value; a
/// warning with this id makes the verdict inconclusive (analysis.cpp).
inline constexpr const char* kImportUnrecognizedId = "import-unrecognized";
/// An entry of a snapshot folder that is not read: a note for documentation
/// and hidden files, a warning (verdict inconclusive) for a subfolder, which
/// could hold exports.
inline constexpr const char* kImportSkippedId = "import-skipped";

}  // namespace kst
