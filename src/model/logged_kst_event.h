#pragma once
// What an event-log record says about a server's Known Servers Table or its
// Front-End service, read under the named assumptions of
// model/kst-model.json "event_log": which insertion string holds the FQDN and
// the version (lync-event-strings), or, where that string holds no FQDN or
// --event-strings tokens asks for it, the topology's FQDNs found among the
// words of the strings and the message (event-fqdn-tokens). Every reading
// names the assumption it rests on; a record kst cannot read is kept with
// the reason, so a conclusion drawn without it can say it is inconclusive.

#include <string>
#include <vector>

#include "model/event_record.h"
#include "model/log_event_model.h"

namespace kst {

/// How insertion strings are read (--event-strings).
enum class EventStringsReading { kPositional, kTokens };

struct LoggedEntry {
  std::string fqdn;  // lower case
  int version = -1;  // -1: the record does not say
};

struct LoggedKstEvent {
  LogMeaning meaning = LogMeaning::kEntryAdded;
  const EventRecord* record = nullptr;
  /// 14493, 14495, 44030, 1400: one entry; 14492, 44024: the list; 14563:
  /// the FQDN, with `versions` holding the two versions when logged.
  std::vector<LoggedEntry> entries;
  std::vector<int> versions;
  /// Service events: whether the Front-End service started (true) or stopped.
  bool service_running = false;
  /// The assumptions this reading rests on ("lync-event-strings", ...).
  std::vector<std::string> assumptions;
  /// Not empty when the record could not be read: why.
  std::string unread;
};

/// Reads every record that LogEventModel knows; records it does not know
/// (another provider, another id, a service other than the Front End) are
/// left out. `topology_fqdns` (lower case) serves the token reading.
std::vector<LoggedKstEvent> ReadKstEvents(const std::vector<EventRecord>& records, const LogEventModel& model,
                                          const std::vector<std::string>& topology_fqdns, EventStringsReading reading);

/// FQDN-shaped words of `text` ("a.b", letters, digits, '-' and '.', at least
/// one dot and one letter), each with the version written right after it in
/// parentheses, "fe01.contoso.com (6)", when there is one.
std::vector<LoggedEntry> FqdnWords(const std::string& text);

}  // namespace kst
