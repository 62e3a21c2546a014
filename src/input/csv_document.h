#pragma once
// What Export-Csv writes, read into located cells: an optional "#TYPE
// Type.Name" first line (Windows PowerShell writes it unless told
// -NoTypeInformation; PowerShell 7 only with -IncludeTypeInformation), a
// header row of property names, then one row per object. Fields follow RFC
// 4180: quoted fields may hold the delimiter, line breaks and doubled quotes.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/location.h"

namespace kst {

/// One field. `location` is where the field starts (its opening quote when
/// quoted), so a value spanning lines is located at its first line.
struct CsvCell {
  std::string text;
  Location location;
  bool quoted = false;
};

struct CsvRow {
  Location location;  // the row's first field
  std::vector<CsvCell> cells;
};

class CsvDocument {
 public:
  /// Parses UTF-8 `text` read from `file`. The delimiter is the first of
  /// ',', ';' or TAB found outside quotes in the header line (Export-Csv
  /// -UseCulture writes the culture's list separator), ',' when none is.
  /// Empty lines between rows are skipped. Reports `csv-syntax` (an
  /// unterminated quoted field located at its opening quote, text after a
  /// closing quote, a row with more or fewer fields than the header, an
  /// empty or repeated header name, no header row) and returns false; keeps
  /// going after a bad row so every one is reported.
  bool Parse(const std::string& file, std::string_view text, Diagnostics* diagnostics);
  /// The same, handing each row to `on_row` instead of keeping it (rows()
  /// stays empty): memory stays that of one row however long the file is.
  /// `on_header` is called once the header is read; returning false from it
  /// stops before the first row.
  bool ParseRows(const std::string& file, std::string_view text, Diagnostics* diagnostics,
                 const std::function<bool()>& on_header, const std::function<void(CsvRow&&)>& on_row);

  /// The type name of the "#TYPE" line without the keyword, "" when absent.
  const std::string& type_name() const { return type_name_; }
  const Location& type_location() const { return type_location_; }
  char delimiter() const { return delimiter_; }
  const std::vector<CsvCell>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

 private:
  std::string type_name_;
  Location type_location_;
  char delimiter_ = ',';
  std::vector<CsvCell> header_;
  std::vector<CsvRow> rows_;
};

}  // namespace kst
