// Export-Csv reading: a single pass over the text with a cursor that knows
// its line and column, splitting records at line breaks outside quotes.

#include "input/csv_document.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "base/interrupt.h"

namespace kst {
namespace {

class Cursor {
 public:
  Cursor(const std::string& file, std::string_view text) : file_(file), text_(text) {}

  bool done() const { return at_ >= text_.size(); }
  char peek(size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }
  Location where() const { return Location{file_, line_, column_}; }
  bool AtLineEnd() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }

  char Next() {
    char c = text_[at_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    return c;
  }
  void SkipLineEnd() {
    if (peek() == '\r') Next();
    if (peek() == '\n') Next();
  }
  std::string_view RestOfLine() {
    size_t start = at_;
    while (!done() && !AtLineEnd()) Next();
    std::string_view line = text_.substr(start, at_ - start);
    SkipLineEnd();
    return line;
  }
  // The delimiter: the first ',', ';' or TAB outside quotes on this line.
  char SniffDelimiter() const {
    bool quoted = false;
    for (size_t i = at_; i < text_.size() && (quoted || (text_[i] != '\n' && text_[i] != '\r')); ++i) {
      if (text_[i] == '"') quoted = !quoted;
      if (!quoted && (text_[i] == ',' || text_[i] == ';' || text_[i] == '\t')) return text_[i];
    }
    return ',';
  }

 private:
  const std::string& file_;
  std::string_view text_;
  size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

class Parser {
 public:
  Parser(Cursor* cursor, char delimiter, Diagnostics* diagnostics)
      : cursor_(cursor), delimiter_(delimiter), diagnostics_(diagnostics) {}

  // Reads one record; false when a field could not be read (reported; the
  // rest of the line is skipped).
  bool Record(CsvRow* row) {
    row->location = cursor_->where();
    while (true) {
      CsvCell cell;
      if (!Field(&cell)) {
        cursor_->RestOfLine();
        return false;
      }
      row->cells.push_back(std::move(cell));
      if (cursor_->peek() != delimiter_) break;
      cursor_->Next();
    }
    cursor_->SkipLineEnd();
    return true;
  }

 private:
  bool Field(CsvCell* cell) {
    cell->location = cursor_->where();
    if (cursor_->peek() != '"') {
      while (!cursor_->done() && cursor_->peek() != delimiter_ && !cursor_->AtLineEnd()) {
        cell->text.push_back(cursor_->Next());
      }
      return true;
    }
    cell->quoted = true;
    cursor_->Next();
    while (true) {
      if (cursor_->done()) {
        diagnostics_->Error("csv-syntax", cell->location, "",
                            "unterminated quoted field: the quote opened here is never closed");
        return false;
      }
      char c = cursor_->Next();
      if (c != '"') {
        cell->text.push_back(c);
      } else if (cursor_->peek() == '"') {
        cell->text.push_back(cursor_->Next());
      } else {
        break;
      }
    }
    if (cursor_->done() || cursor_->peek() == delimiter_ || cursor_->AtLineEnd()) return true;
    std::string message =
        "unexpected text after a closing quote; a quote inside a quoted field is written twice (\"\")";
    if (cursor_->where().line != cell->location.line) {
      message += "; this quoted field opened at line " + std::to_string(cell->location.line) + ", column " +
                 std::to_string(cell->location.column) + ": is its closing quote missing?";
    }
    diagnostics_->Error("csv-syntax", cursor_->where(), "", message);
    return false;
  }

  Cursor* cursor_;
  char delimiter_;
  Diagnostics* diagnostics_;
};

}  // namespace

bool CsvDocument::Parse(const std::string& file, std::string_view text, Diagnostics* diagnostics) {
  std::vector<CsvRow> rows;
  bool ok = ParseRows(
      file, text, diagnostics, [] { return true; }, [&rows](CsvRow&& row) { rows.push_back(std::move(row)); });
  rows_ = std::move(rows);
  return ok;
}

bool CsvDocument::ParseRows(const std::string& file, std::string_view text, Diagnostics* diagnostics,
                            const std::function<bool()>& on_header, const std::function<void(CsvRow&&)>& on_row) {
  type_name_.clear();
  header_.clear();
  rows_.clear();
  Cursor cursor(file, text);
  bool ok = true;
  if (text.substr(0, 5) == "#TYPE") {
    type_location_ = cursor.where();
    std::string_view line = cursor.RestOfLine().substr(5);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    type_name_ = std::string(line);
  }
  while (!cursor.done() && cursor.AtLineEnd()) cursor.SkipLineEnd();
  if (cursor.done()) {
    diagnostics->Error("csv-syntax", cursor.where(), "", "no header row: Export-Csv writes the property names first");
    return false;
  }
  delimiter_ = cursor.SniffDelimiter();
  Parser parser(&cursor, delimiter_, diagnostics);
  CsvRow header;
  if (!parser.Record(&header)) return false;
  header_ = std::move(header.cells);
  std::unordered_map<std::string, size_t> names;  // lower-case name -> first column index
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i].text.empty()) {
      diagnostics->Error("csv-syntax", header_[i].location, "", "an empty property name in the header row");
      ok = false;
      continue;
    }
    std::string key = header_[i].text;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [first, fresh] = names.emplace(std::move(key), i);
    if (!fresh) {
      diagnostics->Error("csv-syntax", header_[i].location, "",
                         "property \"" + header_[i].text + "\" is named twice in the header (first at column " +
                             std::to_string(header_[first->second].location.column) + ")");
      ok = false;
    }
  }
  if (!on_header()) return false;
  size_t count = 0;
  while (!cursor.done()) {
    if (cursor.AtLineEnd()) {
      cursor.SkipLineEnd();
      continue;
    }
    CsvRow row;
    if ((count++ & 0xFF) == 0 && StopForInterrupt(cursor.where(), diagnostics)) return false;  // Ctrl-C
    if (!parser.Record(&row)) {
      ok = false;
      continue;
    }
    if (row.cells.size() != header_.size()) {
      diagnostics->Error("csv-syntax", row.location, "",
                         "this row has " + std::to_string(row.cells.size()) + " fields; the header has " +
                             std::to_string(header_.size()));
      ok = false;
      continue;
    }
    on_row(std::move(row));
  }
  return ok;
}

}  // namespace kst
