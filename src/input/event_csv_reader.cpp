// Get-WinEvent | Export-Csv, row by row (CsvDocument::ParseRows). Columns are
// found by name without regard to case, under the names Get-WinEvent gives
// its properties and the names other tools use for the same field. Export-Csv
// writes an event's Properties as the list's type name, so a plain export has
// no insertion strings, only the Message: kst then finds FQDNs in the text
// (model/logged_kst_event.h). The recipe in docs/logs.md writes them, joined
// by tabs, as a "Properties" column kst reads. Event Viewer's own CSV names no
// computer and has an unnamed message column; it is refused with a clear
// message rather than guessed at.

#include <array>
#include <cctype>
#include <optional>

#include "input/csv_document.h"
#include "input/event_log_reader.h"
#include "input/event_time.h"

namespace kst {
namespace {

enum Column { kId, kProvider, kTime, kComputer, kRecordId, kLog, kMessage, kProperties, kColumns };

struct ColumnNames {
  Column column;
  const char* names[4];
  const char* what;  // for a missing column
};

constexpr ColumnNames kColumnNames[] = {
    {kId, {"id", "eventid", "event id", nullptr}, "the event id (Id)"},
    {kProvider, {"providername", "source", "provider", nullptr}, "the provider (ProviderName)"},
    {kTime, {"timecreated", "timegenerated", "date and time", "timewritten"}, "the time (TimeCreated)"},
    {kComputer, {"machinename", "computer", "computername", nullptr}, "the computer (MachineName)"},
    {kRecordId, {"recordid", "index", "eventrecordid", nullptr}, ""},
    {kLog, {"logname", "containerlog", "channel", nullptr}, ""},
    {kMessage, {"message", "description", nullptr, nullptr}, ""},
    {kProperties, {"properties", "replacementstrings", "strings", nullptr}, ""},
};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class EventCsvReader {
 public:
  EventCsvReader(const std::string& path, const EventSink& sink, Diagnostics* diagnostics)
      : path_(path), sink_(sink), diagnostics_(diagnostics) {}

  bool Read(std::string_view text) {
    bool rows_ok = true;
    bool parsed = csv_.ParseRows(
        path_, text, diagnostics_, [this] { return Header(); },
        [this, &rows_ok](CsvRow&& row) { rows_ok = Row(row) && rows_ok; });
    return parsed && rows_ok && header_ok_;
  }

 private:
  bool Header() {
    index_.fill(std::nullopt);
    for (size_t i = 0; i < csv_.header().size(); ++i) {
      std::string name = Lower(csv_.header()[i].text);
      for (const ColumnNames& column : kColumnNames)
        for (const char* known : column.names)
          if (known && name == known && !index_[column.column]) index_[column.column] = i;
    }
    const Location at = csv_.header().empty() ? Location{path_, 1, 1} : csv_.header().front().location;
    if (index_[kProvider] && index_[kId] && !index_[kComputer] &&
        Lower(csv_.header()[*index_[kId]].text) == "event id") {
      diagnostics_->Error("event-no-computer", at, "",
                          "this looks like Event Viewer's CSV (Save All Events As), which names no computer: kst "
                          "takes each event's server from the event, never from a file name; export with "
                          "Get-WinEvent ... | Export-Csv or wevtutil qe /f:xml instead (docs/logs.md)");
      header_ok_ = false;
      return false;
    }
    for (const ColumnNames& column : kColumnNames) {
      if (column.what[0] != '\0' && !index_[column.column]) {
        diagnostics_->Error("event-missing-field", at, "",
                            "the header has no column for " + std::string(column.what) +
                                ": not a Get-WinEvent | Export-Csv export kst can read");
        header_ok_ = false;
      }
    }
    return header_ok_;
  }

  const CsvCell* Cell(const CsvRow& row, Column column) const {
    return index_[column] ? &row.cells[*index_[column]] : nullptr;
  }

  bool Row(const CsvRow& row) {
    EventRecord record;
    record.location = row.location;
    const CsvCell& id = *Cell(row, kId);
    if (id.text.empty() || id.text.size() > 5 || id.text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(id.text) > 65535) {
      diagnostics_->Error("event-invalid-value", id.location, "",
                          "the event id \"" + id.text + "\" is not a number from 0 to 65535");
      return false;
    }
    record.event_id = static_cast<uint32_t>(std::stoul(id.text));
    record.provider = Cell(row, kProvider)->text;
    if (record.provider.empty()) return Missing(*Cell(row, kProvider), "provider");
    const CsvCell& time_cell = *Cell(row, kTime);
    EventTime time;
    std::string why;
    if (!ParseEventTime(time_cell.text, &time, &why)) {
      diagnostics_->Error(
          "invalid-time", time_cell.location, "",
          "\"" + time_cell.text + "\": " + why + " (docs/logs.md gives an export recipe with ISO times)");
      return false;
    }
    record.time = time.seconds;
    record.ticks = time.ticks;
    record.local_time = time.local_time;
    record.computer = NormalizeComputerName(Cell(row, kComputer)->text);
    if (record.computer.empty()) return Missing(*Cell(row, kComputer), "computer");
    if (const CsvCell* cell = Cell(row, kRecordId); cell && !cell->text.empty() && cell->text.size() <= 19 &&
                                                    cell->text.find_first_not_of("0123456789") == std::string::npos)
      record.record_id = std::stoull(cell->text);
    if (const CsvCell* cell = Cell(row, kLog)) record.log_name = cell->text;
    if (const CsvCell* cell = Cell(row, kMessage)) record.message = cell->text;
    if (const CsvCell* cell = Cell(row, kProperties);
        cell && !cell->text.empty() && cell->text.rfind("System.", 0) != 0)
      SplitStrings(cell->text, &record.strings);
    sink_(std::move(record));
    return true;
  }

  bool Missing(const CsvCell& cell, const char* what) {
    diagnostics_->Error("event-missing-field", cell.location, "", std::string("this event's ") + what + " is empty");
    return false;
  }

  static void SplitStrings(const std::string& text, std::vector<std::string>* out) {
    size_t start = 0;
    while (true) {
      size_t tab = text.find('\t', start);
      out->push_back(text.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
  }

  const std::string& path_;
  const EventSink& sink_;
  Diagnostics* diagnostics_;
  CsvDocument csv_;
  std::array<std::optional<size_t>, kColumns> index_;
  bool header_ok_ = true;
};

}  // namespace

bool ReadEventCsv(const std::string& path, std::string_view text, const EventSink& sink, Diagnostics* diagnostics) {
  return EventCsvReader(path, sink, diagnostics).Read(text);
}

}  // namespace kst
