#pragma once
// model/kst-model.json "event_log": which event-log records kst reads, what
// each means, and which insertion strings carry what (each position is a
// named assumption: the Lync texts are not public).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kst {

enum class LogMeaning {
  kTableListed,       // 14492: RTCSRV started, the table lists these entries
  kEntryAdded,        // 14493
  kEntryRemoved,      // 14495
  kVersionConflict,   // 14563
  kUmRoutingStarted,  // 44024: lists the SipName hosts UM Routing found
  kUmAddFailed,       // 44030
  kServiceState,      // SCM 7036
  kServiceControl,    // SCM 7035
  kUmOptionsFailed,   // MSExchange Unified Messaging 1400
  kMwiFailed,         // MSExchange Unified Messaging 1344
};

struct LogEventInfo {
  std::string provider;
  uint32_t id = 0;
  LogMeaning meaning = LogMeaning::kEntryAdded;
  int fqdn_string = 0;     // 1-based insertion string with the FQDN; 0: none
  int version_string = 0;  // ... with the version (14563: the first of two)
  int entries_string = 0;  // ... listing entries "fqdn (version)"
  std::string assumption;
};

class LogEventModel {
 public:
  static const LogEventModel& Embedded();
  /// Parses the "event_log" section of a model document; throws std::runtime_error when malformed.
  static LogEventModel Parse(std::string_view json_text);

  /// The entry for a record's provider (without regard to case) and id, or null.
  const LogEventInfo* Find(std::string_view provider, uint32_t id) const;
  /// RTCSRV's service name or display names (without regard to case).
  bool IsFrontEndService(std::string_view name) const;

  const std::vector<LogEventInfo>& events() const { return events_; }
  const std::vector<std::string>& front_end_services() const { return front_end_services_; }

 private:
  std::vector<LogEventInfo> events_;
  std::vector<std::string> front_end_services_;
};

const char* LogMeaningName(LogMeaning meaning);

}  // namespace kst
