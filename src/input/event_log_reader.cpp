// Files and folders of event-log exports: format by content, records kept by
// the filter, then one order for every record of a computer. The order is
// time (with its 100-ns ticks) first; events of one log logged in the same
// tick keep their record ids' order, and otherwise the file's own order
// (reversed for a file written newest first, as Get-WinEvent does).

#include "input/event_log_reader.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <tuple>

#include "base/interrupt.h"
#include "input/replica_status_reader.h"
#include "input/text_encoding.h"

namespace kst {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// The local name of the first element of an XML text ("Objs", "Event").
std::string_view FirstElement(std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    at = text.find('<', at);
    if (at == std::string_view::npos) return {};
    if (text.substr(at, 2) == "<?" || text.substr(at, 4) == "<!--") {
      at = text.find('>', at);
      continue;
    }
    size_t end = at + 1;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '>' && text[end] != '/') ++end;
    std::string_view name = text.substr(at + 1, end - at - 1);
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
  }
  return {};
}

/// Where each kept record came from, for the order.
struct Origin {
  size_t file = 0;
  size_t sequence = 0;  // in the file's own order, reversed when newest first
};

bool SkippedEntry(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  return name.empty() || name[0] == '.' || Lower(name) == "readme.md";
}

}  // namespace

const char* EventLogFormatName(EventLogFormat format) {
  switch (format) {
    case EventLogFormat::kEvtx:
      return "evtx";
    case EventLogFormat::kEventXml:
      return "wevtutil xml";
    case EventLogFormat::kCliXml:
      return "Export-Clixml";
    case EventLogFormat::kCsv:
      return "Export-Csv";
    case EventLogFormat::kReplicaStatus:
      return "replication status";
  }
  return "?";
}

void EventFilter::Want(std::string provider, uint32_t event_id) {
  wanted_.emplace_back(Lower(provider), event_id);
}

bool EventFilter::Wants(std::string_view provider, uint32_t event_id) const {
  if (wanted_.empty()) return true;
  for (const auto& [name, id] : wanted_)
    if (id == event_id && name.size() == provider.size() && Lower(provider) == name) return true;
  return false;
}

std::string NormalizeComputerName(std::string_view name) {
  while (!name.empty() && IsSpace(name.front())) name.remove_prefix(1);
  while (!name.empty() && (IsSpace(name.back()) || name.back() == '.')) name.remove_suffix(1);
  return Lower(name);
}

bool LooksLikeLogExport(std::string_view bytes) {
  if (bytes.substr(0, 8) == std::string_view("ElfFile\0", 8)) return true;
  DecodedText decoded;
  std::string error;
  if (!DecodeText(bytes, &decoded, &error)) return false;
  const std::string& text = decoded.utf8;
  size_t first = 0;
  while (first < text.size() && IsSpace(text[first])) ++first;
  if (first == text.size()) return false;
  if (text[first] == '<') {
    const std::string_view root = FirstElement(text);
    if (root == "Event" || root == "Events") return true;
    if (root != "Objs") return false;
    const bool event =
        text.find("N=\"ProviderName\"") != std::string::npos && text.find("N=\"TimeCreated\"") != std::string::npos;
    return event || text.find("N=\"ReplicaFqdn\"") != std::string::npos;
  }
  if (text[first] == '[' || text[first] == '{') return text.find("\"ReplicaFqdn\"") != std::string::npos;
  // Export-Csv: the header names an event's time and its provider.
  const std::string header = Lower(std::string_view(text).substr(first, text.find('\n', first) - first));
  const bool time =
      header.find("timecreated") != std::string::npos || header.find("timegenerated") != std::string::npos;
  const bool provider = header.find("providername") != std::string::npos;
  return time && provider;
}

bool ReadEventLogBytes(const std::string& path, std::string_view bytes, const EventSink& sink, EventLogFormat* format,
                       std::string* encoding, Diagnostics* diagnostics) {
  if (bytes.substr(0, 8) == std::string_view("ElfFile\0", 8)) {
    *format = EventLogFormat::kEvtx;
    encoding->clear();
    return ReadEvtx(path, bytes, sink, diagnostics);
  }
  DecodedText decoded;
  std::string error;
  if (!DecodeText(bytes, &decoded, &error)) {
    Location at{path, 0, 0};
    ByteLocation(bytes, decoded.error_offset, &at.line, &at.column);
    diagnostics->Error("text-encoding", at, "", error);
    return false;
  }
  *encoding = decoded.encoding;
  std::string_view text = decoded.utf8;
  size_t first = 0;
  while (first < text.size() && IsSpace(text[first])) ++first;
  if (first == text.size()) {
    diagnostics->Error("event-log-unknown-format", Location{path, 1, 1}, "",
                       "the file is empty: an event-log export is an .evtx file, wevtutil /f:xml output, or "
                       "Get-WinEvent | Export-Clixml or Export-Csv output");
    return false;
  }
  if (text[first] == '<') {
    if (FirstElement(text) == "Objs") {
      *format = EventLogFormat::kCliXml;
      return ReadEventCliXml(path, std::move(decoded.utf8), sink, diagnostics);
    }
    *format = EventLogFormat::kEventXml;
    return ReadEventXml(path, text, sink, diagnostics);
  }
  *format = EventLogFormat::kCsv;
  return ReadEventCsv(path, text, sink, diagnostics);
}

bool ReadEventLogs(const std::vector<std::string>& paths, FileReader* files, const EventFilter& filter, EventLogs* logs,
                   Diagnostics* diagnostics) {
  std::vector<std::string> inputs;
  bool ok = true;
  for (const std::string& path : paths) {
    if (!files->IsDirectory(path)) {
      inputs.push_back(path);
      continue;
    }
    std::vector<std::string> entries;
    std::string error;
    if (!files->ListDirectory(path, &entries, &error)) {
      diagnostics->Error("unreadable-file", Location{path, 0, 0}, "", error);
      ok = false;
      continue;
    }
    size_t before = inputs.size();
    for (const std::string& entry : entries) {
      if (SkippedEntry(entry)) continue;
      if (files->IsDirectory(entry)) {
        diagnostics->Warning("event-log-skipped", Location{entry, 0, 0}, "",
                             "a folder inside a folder of logs is not read; its logs could change what kst "
                             "concludes, so the result is inconclusive");
        continue;
      }
      inputs.push_back(entry);
    }
    if (inputs.size() == before) {
      diagnostics->Error("event-log-empty", Location{path, 0, 0}, "", "the folder holds no event-log export");
      ok = false;
    }
  }
  std::vector<Origin> origins;
  for (const std::string& path : inputs) {
    if (StopForInterrupt(Location{path, 0, 0}, diagnostics)) return false;
    std::string bytes, error;
    if (!files->Read(path, &bytes, &error)) {
      diagnostics->Error("unreadable-file", Location{path, 0, 0}, "", error);
      ok = false;
      continue;
    }
    EventLogFile file;
    file.path = path;
    // A Get-CsManagementStoreReplicationStatus export among the logs: the replicas' state, not events.
    bool replica_status = false;
    const size_t replicas_before = logs->replicas.size();
    const bool replicas_ok = ReadReplicaStatusBytes(path, bytes, &logs->replicas, &replica_status, diagnostics);
    if (replica_status) {
      ok = replicas_ok && ok;
      file.format = EventLogFormat::kReplicaStatus;
      file.records = file.kept = logs->replicas.size() - replicas_before;
      logs->files.push_back(std::move(file));
      continue;
    }
    const size_t first_record = logs->records.size();
    const size_t file_index = logs->files.size();
    EventSink sink = [&](EventRecord&& record) {
      logs->computers.insert(record.computer);
      if (filter.Wants(record.provider, record.event_id)) {
        origins.push_back({file_index, file.records});
        logs->records.push_back(std::move(record));
        ++file.kept;
      }
      ++file.records;
    };
    // Times of the file's first and last records, to tell a newest-first export.
    ok = ReadEventLogBytes(path, bytes, sink, &file.format, &file.encoding, diagnostics) && ok;
    if (file.kept >= 2) {
      const EventRecord& head = logs->records[first_record];
      const EventRecord& tail = logs->records.back();
      file.newest_first = std::tie(head.time, head.ticks) > std::tie(tail.time, tail.ticks);
      if (file.newest_first)
        for (size_t i = first_record; i < logs->records.size(); ++i)
          origins[i].sequence = file.records - 1 - origins[i].sequence;
    }
    logs->files.push_back(std::move(file));
  }
  std::vector<size_t> order(logs->records.size());
  std::iota(order.begin(), order.end(), 0);
  const std::vector<EventRecord>& r = logs->records;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(r[a].computer, r[a].time, r[a].ticks, r[a].log_name, r[a].record_id, origins[a].file,
                    origins[a].sequence) < std::tie(r[b].computer, r[b].time, r[b].ticks, r[b].log_name, r[b].record_id,
                                                    origins[b].file, origins[b].sequence);
  });
  std::vector<EventRecord> sorted;
  sorted.reserve(order.size());
  for (size_t index : order) {
    EventRecord& record = logs->records[index];
    if (!sorted.empty() && record.record_id != 0) {
      const EventRecord& last = sorted.back();
      if (last.record_id == record.record_id && last.computer == record.computer && last.log_name == record.log_name &&
          last.time == record.time && last.ticks == record.ticks && last.event_id == record.event_id &&
          last.provider == record.provider) {
        ++logs->duplicates;
        continue;
      }
    }
    sorted.push_back(std::move(record));
  }
  logs->records = std::move(sorted);
  return ok;
}

}  // namespace kst
