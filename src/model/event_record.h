#pragma once
// One record of a Windows event log, as every log format kst reads gives it
// (.evtx through libevtx, wevtutil XML, Get-WinEvent | Export-Clixml or
// Export-Csv): the fields kst reads, whatever the file looked like. What the
// record means for a Known Servers Table is decided later
// (model/logged_kst_event.h), under named assumptions.

#include <cstdint>
#include <string>
#include <vector>

#include "base/location.h"
#include "base/timestamp.h"

namespace kst {

struct EventRecord {
  /// When the event was written: whole seconds and the 100-ns ticks within
  /// the second (for the order of events logged in one second).
  UnixSeconds time = 0;
  uint32_t ticks = 0;
  /// The export wrote a local time without its offset (Export-Csv's
  /// TimeCreated): times of one file still compare, the instant is unknown.
  bool local_time = false;
  std::string provider;  // "LS Protocol Stack", "Service Control Manager"
  uint32_t event_id = 0;
  std::string log_name;  // "Lync Server", "System"; "" when the export omits it
  /// The computer that logged it (System/Computer, MachineName), lower case
  /// without a trailing dot. Never taken from the file name.
  std::string computer;
  uint64_t record_id = 0;  // EventRecordID / RecordId; 0 when absent
  /// Insertion strings (%1, %2, ... : EventData/Data, Properties), in order.
  std::vector<std::string> strings;
  std::string message;  // the rendered text when the export has it
  /// Where the record is: file, line and column in a text export; in an
  /// .evtx file the line is 0 and `position` says which record it is.
  Location location;
  std::string position;  // "record 12 at byte offset 0x1c80" (.evtx only)

  /// "file:line:column" or "file (record 12 at byte offset 0x1c80)".
  std::string Where() const { return position.empty() ? location.ToString() : location.file + " (" + position + ")"; }
};

}  // namespace kst
