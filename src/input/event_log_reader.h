#pragma once
// Event logs as administrators export them, read into EventRecords: .evtx
// files (libevtx), `wevtutil qe ... /f:xml` output (a stream of <Event>
// elements, with or without RenderingInfo, optionally inside one wrapper
// element), `Get-WinEvent | Export-Clixml` and `Get-WinEvent | Export-Csv`.
// The format is told by content, never by the file's extension. A path may
// be a folder: every file directly in it is read (README.md and dotfiles are
// skipped; a subfolder is a warning that makes a verdict inconclusive).
//
// Every record names its computer from the record itself (System/Computer,
// MachineName). Errors are located: file, line and column in a text export;
// record number and byte offset in an .evtx file. Reading is linear in the
// input: the XML stream is parsed one <Event> at a time and the CSV row by
// row, so memory grows with the records kept, not with the file.

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "model/event_record.h"
#include "model/replica_state.h"

namespace kst {

enum class EventLogFormat { kEvtx, kEventXml, kCliXml, kCsv, kReplicaStatus };
/// "evtx", "wevtutil xml", "Export-Clixml", "Export-Csv", "replication status".
const char* EventLogFormatName(EventLogFormat format);

/// Which records to keep, by provider (compared without regard to case) and
/// event id; an empty filter keeps every record. Records not kept are still
/// read and checked, and counted.
class EventFilter {
 public:
  void Want(std::string provider, uint32_t event_id);
  bool Wants(std::string_view provider, uint32_t event_id) const;

 private:
  std::vector<std::pair<std::string, uint32_t>> wanted_;  // provider lower case
};

/// What was read from one file.
struct EventLogFile {
  std::string path;
  EventLogFormat format = EventLogFormat::kEvtx;
  std::string encoding;       // of a text export
  size_t records = 0;         // every record of the file
  size_t kept = 0;            // those the filter wanted
  bool newest_first = false;  // Get-WinEvent writes the newest event first
};

struct EventLogs {
  /// The kept records of every file, ordered by computer, then time (ticks
  /// included), then log and record id, then their order in the file;
  /// a record read twice (the same log exported twice) is kept once.
  std::vector<EventRecord> records;
  std::vector<EventLogFile> files;
  size_t duplicates = 0;  // records dropped as read twice
  /// The computer of every record read, kept or not: whose logs these are.
  std::set<std::string> computers;
  /// Get-CsManagementStoreReplicationStatus exports found among the files
  /// (input/replica_status_reader.h), in file order.
  std::vector<ReplicaState> replicas;
};

/// Receives each record of a file as it is read.
using EventSink = std::function<void(EventRecord&&)>;

/// Reads every path (a file or a folder of them). Returns false when any
/// error was reported; the records read so far are kept either way.
bool ReadEventLogs(const std::vector<std::string>& paths, FileReader* files, const EventFilter& filter, EventLogs* logs,
                   Diagnostics* diagnostics);

/// One export held in memory, its format told by content. `*format` and
/// `*encoding` say what it was. Used by ReadEventLogs and the fuzz target.
bool ReadEventLogBytes(const std::string& path, std::string_view bytes, const EventSink& sink, EventLogFormat* format,
                       std::string* encoding, Diagnostics* diagnostics);

// The readers of each format (event_*_reader.cpp); `text` is UTF-8.
bool ReadEvtx(const std::string& path, std::string_view bytes, const EventSink& sink, Diagnostics* diagnostics);
bool ReadEventXml(const std::string& path, std::string_view text, const EventSink& sink, Diagnostics* diagnostics);
bool ReadEventCliXml(const std::string& path, std::string text, const EventSink& sink, Diagnostics* diagnostics);
bool ReadEventCsv(const std::string& path, std::string_view text, const EventSink& sink, Diagnostics* diagnostics);

/// True when `bytes` is a log export kst reads with ReadEventLogs (an .evtx
/// file, a wevtutil /f:xml stream, a Get-WinEvent Export-Clixml or Export-Csv
/// file, or a Get-CsManagementStoreReplicationStatus export), told by content
/// alone: a snapshot folder hands such files to --state instead of importing
/// them as topology or Exchange exports.
bool LooksLikeLogExport(std::string_view bytes);

/// "fe01.contoso.com" from "FE01.Contoso.COM." (FQDNs compare without case
/// and without the root's dot); shared by the readers.
std::string NormalizeComputerName(std::string_view name);

}  // namespace kst
