#include "cli/log_loading.h"

#include "base/file_reader.h"
#include "model/claims.h"
#include "model/log_event_model.h"
#include "report/text_escape.h"

namespace kst {

bool LoadKstEvents(const std::vector<std::string>& paths, const Topology& topology, const std::string& event_strings,
                   EventLogs* logs, std::vector<LoggedKstEvent>* events, bool* warned, std::ostream& err) {
  const LogEventModel& model = LogEventModel::Embedded();
  EventFilter filter;
  for (const LogEventInfo& info : model.events()) filter.Want(info.provider, info.id);
  DiskFileReader disk;
  ReadOnceFileReader files(&disk);
  Diagnostics diagnostics;
  const bool ok = ReadEventLogs(paths, &files, filter, logs, &diagnostics);
  for (const Diagnostic& d : diagnostics.all()) err << EscapeText(d.ToString()) << "\n";
  if (!ok || diagnostics.has_errors()) return false;
  *warned = diagnostics.has_warnings();
  const std::set<std::string> fqdns = CollectClaims(topology, ModelCatalog::Embedded()).AllFqdns();
  *events = ReadKstEvents(logs->records, model, std::vector<std::string>(fqdns.begin(), fqdns.end()),
                          event_strings == "tokens" ? EventStringsReading::kTokens : EventStringsReading::kPositional);
  return true;
}

bool LoadEventRecords(const std::vector<std::string>& paths, EventLogs* logs, bool* warned, std::ostream& err) {
  DiskFileReader disk;
  ReadOnceFileReader files(&disk);
  Diagnostics diagnostics;
  const bool ok = ReadEventLogs(paths, &files, EventFilter(), logs, &diagnostics);
  for (const Diagnostic& d : diagnostics.all()) err << EscapeText(d.ToString()) << "\n";
  if (!ok || diagnostics.has_errors()) return false;
  *warned = diagnostics.has_warnings();
  return true;
}

}  // namespace kst
