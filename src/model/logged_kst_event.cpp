#include "model/logged_kst_event.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace kst {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// A version number written as the whole of `text` (blanks around allowed).
int VersionOf(const std::string& text) {
  size_t start = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t");
  if (start == std::string::npos) return -1;
  std::string digits = text.substr(start, end - start + 1);
  if (digits.empty() || digits.size() > 4 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoi(digits);
}

const std::string* String(const EventRecord& record, int one_based) {
  if (one_based <= 0 || static_cast<size_t>(one_based) > record.strings.size()) return nullptr;
  return &record.strings[one_based - 1];
}

class Reader {
 public:
  Reader(const LogEventModel& model, const std::vector<std::string>& fqdns, EventStringsReading reading)
      : model_(model), fqdns_(fqdns.begin(), fqdns.end()), reading_(reading) {}

  bool Read(const EventRecord& record, LoggedKstEvent* out) {
    const LogEventInfo* info = model_.Find(record.provider, record.event_id);
    if (!info) return false;
    out->meaning = info->meaning;
    out->record = &record;
    out->assumptions.push_back(info->assumption);
    switch (info->meaning) {
      case LogMeaning::kServiceState:
      case LogMeaning::kServiceControl:
        return Service(record, info->meaning, out);
      case LogMeaning::kMwiFailed:
        return true;
      case LogMeaning::kTableListed:
      case LogMeaning::kUmRoutingStarted:
        List(record, *info, out);
        return true;
      default:
        One(record, *info, out);
        return true;
    }
  }

 private:
  // The topology's FQDNs among the words of the strings and the message.
  std::vector<LoggedEntry> Tokens(const EventRecord& record) const {
    std::vector<LoggedEntry> found;
    std::unordered_set<std::string> seen;
    auto scan = [&](const std::string& text) {
      for (LoggedEntry& entry : FqdnWords(text))
        if (fqdns_.count(entry.fqdn) && seen.insert(entry.fqdn).second) found.push_back(std::move(entry));
    };
    for (const std::string& text : record.strings) scan(text);
    scan(record.message);
    return found;
  }

  void UseTokens(const EventRecord& record, LoggedKstEvent* out) const {
    out->entries = Tokens(record);
    out->assumptions.push_back("event-fqdn-tokens");
  }

  void List(const EventRecord& record, const LogEventInfo& info, LoggedKstEvent* out) const {
    const std::string* list =
        reading_ == EventStringsReading::kPositional ? String(record, info.entries_string) : nullptr;
    if (list) out->entries = FqdnWords(*list);
    if (!list || (out->entries.empty() && !record.message.empty())) UseTokens(record, out);
  }

  void One(const EventRecord& record, const LogEventInfo& info, LoggedKstEvent* out) const {
    const std::string* fqdn = reading_ == EventStringsReading::kPositional ? String(record, info.fqdn_string) : nullptr;
    std::vector<LoggedEntry> words = fqdn ? FqdnWords(*fqdn) : std::vector<LoggedEntry>{};
    if (words.size() == 1) {
      LoggedEntry entry = words[0];
      if (const std::string* version = String(record, info.version_string)) entry.version = VersionOf(*version);
      out->entries.push_back(entry);
      if (info.meaning == LogMeaning::kVersionConflict) {
        for (int s : {info.version_string, info.version_string + 1})
          if (const std::string* v = String(record, s); v && VersionOf(*v) >= 0) out->versions.push_back(VersionOf(*v));
        out->entries[0].version = -1;
      }
    } else {
      UseTokens(record, out);
    }
    if (out->entries.size() != 1) {
      out->unread = out->entries.empty() ? "no FQDN of the topology in its insertion strings or message"
                                         : "it names " + std::to_string(out->entries.size()) +
                                               " FQDNs of the topology; kst cannot tell which";
      out->entries.clear();
    }
  }

  bool Service(const EventRecord& record, LogMeaning meaning, LoggedKstEvent* out) const {
    std::string name, state;
    if (record.strings.size() >= 2) {
      name = record.strings[0];
      state = Lower(record.strings[1]);
    } else {
      // Export-Csv: "The Lync Server Front-End service entered the running state."
      std::string message = Lower(record.message);
      for (const std::string& service : model_.front_end_services())
        if (message.find(Lower(service) + " service") != std::string::npos) name = service;
      for (const char* word : {"running", "stopped", "start", "stop"})
        if (state.empty() && message.find(std::string(" ") + word + " ") != std::string::npos) state = word;
    }
    if (!model_.IsFrontEndService(name)) return false;
    if (meaning == LogMeaning::kServiceState && (state == "running" || state == "stopped")) {
      out->service_running = state == "running";
    } else if (meaning == LogMeaning::kServiceControl && (state == "start" || state == "stop")) {
      out->service_running = state == "start";
    } else {
      out->unread = "the Front-End service's state \"" + state + "\" is not one kst reads (English only)";
    }
    return true;
  }

  const LogEventModel& model_;
  std::unordered_set<std::string> fqdns_;
  EventStringsReading reading_;
};

}  // namespace

std::vector<LoggedEntry> FqdnWords(const std::string& text) {
  std::vector<LoggedEntry> words;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordChar(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && IsWordChar(text[i])) ++i;
    std::string word = text.substr(start, i - start);
    while (!word.empty() && (word.back() == '.' || word.back() == '-')) word.pop_back();
    const bool dotted = word.find('.') != std::string::npos && word.front() != '.';
    const bool letter =
        std::any_of(word.begin(), word.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (!dotted || !letter) continue;
    LoggedEntry entry{Lower(word), -1};
    size_t after = i;
    while (after < text.size() && text[after] == ' ') ++after;
    if (after < text.size() && text[after] == '(') {
      size_t close = text.find(')', after);
      if (close != std::string::npos && close - after <= 6)
        entry.version = VersionOf(text.substr(after + 1, close - after - 1));
    }
    words.push_back(std::move(entry));
  }
  return words;
}

std::vector<LoggedKstEvent> ReadKstEvents(const std::vector<EventRecord>& records, const LogEventModel& model,
                                          const std::vector<std::string>& topology_fqdns, EventStringsReading reading) {
  std::vector<LoggedKstEvent> events;
  Reader reader(model, topology_fqdns, reading);
  for (const EventRecord& record : records) {
    LoggedKstEvent event;
    if (reader.Read(record, &event)) events.push_back(std::move(event));
  }
  return events;
}

}  // namespace kst
