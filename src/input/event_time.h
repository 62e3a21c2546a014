#pragma once
// The times event-log exports write, read to whole seconds plus 100-ns ticks
// (Windows keeps event times as FILETIME, 100-ns units): ISO 8601 as wevtutil
// and Export-Clixml write it ("2026-12-06T10:32:15.1234567Z", or with an
// offset), the same without a zone, and the en-US text Export-Csv writes for
// a DateTime ("12/6/2026 10:32:15 AM"). The last two are the exporting
// machine's local time: marked so, never given an offset kst would invent.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/timestamp.h"

namespace kst {

struct EventTime {
  UnixSeconds seconds = 0;
  uint32_t ticks = 0;       // 100-ns units within the second
  bool local_time = false;  // no zone in the text
};

/// Parses one of the forms above. Returns false with the reason in `*why`.
bool ParseEventTime(std::string_view text, EventTime* out, std::string* why);

/// A FILETIME (100-ns units since 1601-01-01 UTC, what .evtx records hold).
/// Returns false for 0 and for times before 1990 or after 9999: no server
/// logged those, so the record is damaged.
bool EventTimeFromFileTime(uint64_t filetime, EventTime* out);

}  // namespace kst
