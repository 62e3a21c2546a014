#pragma once
// One exported PowerShell object, whichever way the administrator saved it:
// Export-Clixml, ConvertTo-Json or Export-Csv. The Exchange importer reads
// records from this form only, so every object kind is read by one piece of
// code for all three formats. The three formats do not carry the same
// information, and the form keeps the differences visible: a CliXml enum
// arrives as its name, a JSON enum may be a number, and a CSV cell is text
// (null when empty), with multi-valued properties joined into one string.

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "input/clixml_document.h"
#include "input/csv_document.h"
#include "input/json_document.h"

namespace kst {

struct ExportProperty;

struct ExportValue {
  enum class Kind { kNull, kText, kBoolean, kNumber, kBytes, kList, kObject };

  Kind kind = Kind::kNull;
  Location location;
  std::string path;                     // CliXml element path, JSON pointer, or "/row[N]/Name" for CSV
  std::string text;                     // kText; kNumber as written; kObject: its ToString when `has_text`
  bool has_text = false;                // kObject only: a CliXml <ToString> was present
  bool boolean = false;                 // kBoolean
  std::string bytes;                    // kBytes
  std::vector<std::string> type_names;  // CliXml <TN>, or the CSV "#TYPE" name, most derived first
  std::vector<ExportValue> items;       // kList
  std::vector<ExportProperty> members;  // kObject, in file order

  /// The member with this name, without regard to ASCII case (PowerShell
  /// property names are case-insensitive); nullptr when absent.
  const ExportValue* Find(std::string_view name) const;
};

struct ExportProperty {
  std::string name;
  ExportValue value;
};

/// Objects below this depth (the top-level object is depth 0) keep only
/// their ToString text, as ConvertTo-Json does past its -Depth; the
/// Exchange records need depth 3 (object, property, list item, its Name).
inline constexpr int kExportObjectDepth = 4;
/// A CliXml file may build at most kExportExpansionFactor times as many
/// values as it has value elements, plus kExportExpansionSlack: <Ref>
/// sharing could otherwise make a small file expand without bound
/// (`clixml-limit`). Real exports share only small objects (an Id that is
/// also the Identity), far below this.
inline constexpr size_t kExportExpansionFactor = 2;
inline constexpr size_t kExportExpansionSlack = 1000;

/// The children of <Objs>: objects (with their <Props> and <MS> members
/// merged, Props first), lists, or scalars. Returns false, reporting
/// `clixml-limit`, when the budget runs out.
bool ObjectsFromCliXml(const CliXmlDocument& document, std::vector<ExportValue>* objects, Diagnostics* diagnostics);
/// An array's items, or the root itself when it is not an array.
std::vector<ExportValue> ObjectsFromJson(const JsonNode& root);
/// One object per row, its members named by the header: text, or null for
/// an empty cell (Export-Csv writes $null and "" alike).
std::vector<ExportValue> ObjectsFromCsv(const CsvDocument& document);

}  // namespace kst
