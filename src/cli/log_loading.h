#pragma once
// Reading the event logs a command names (kst reconcile, kst check --state):
// the records model/kst-model.json "event_log" lists, read as KST events with
// the topology's FQDNs for the token reading; diagnostics printed.

#include <ostream>
#include <string>
#include <vector>

#include "input/event_log_reader.h"
#include "model/logged_kst_event.h"
#include "model/topology.h"

namespace kst {

/// Returns false when the logs have errors (printed on `err`); `*warned` says
/// whether a warning (a damaged .evtx, a skipped subfolder) makes the result inconclusive.
bool LoadKstEvents(const std::vector<std::string>& paths, const Topology& topology, const std::string& event_strings,
                   EventLogs* logs, std::vector<LoggedKstEvent>* events, bool* warned, std::ostream& err);

/// Every record of the logs, for kst diagnose (its symptoms are matched by
/// text as well as by id, so no record is filtered out while reading).
/// Returns false when the logs have errors; `*warned` as above.
bool LoadEventRecords(const std::vector<std::string>& paths, EventLogs* logs, bool* warned, std::ostream& err);

}  // namespace kst
