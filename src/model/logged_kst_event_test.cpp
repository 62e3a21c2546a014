// Event-log records read as KST events under the named assumptions: the
// positions of lync-event-strings, the token fallback, the Front-End service.

#include "model/logged_kst_event.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

EventRecord Record(const std::string& provider, uint32_t id, std::vector<std::string> strings,
                   std::string message = "") {
  EventRecord record;
  record.provider = provider;
  record.event_id = id;
  record.strings = std::move(strings);
  record.message = std::move(message);
  return record;
}

std::vector<LoggedKstEvent> Read(const std::vector<EventRecord>& records,
                                 EventStringsReading reading = EventStringsReading::kPositional) {
  return ReadKstEvents(records, LogEventModel::Embedded(), {"ex1.contoso.com", "fe01.contoso.com"}, reading);
}

TEST_CASE("KST events from event-log records") {
  SUBCASE("FQDN words, with versions in parentheses") {
    std::vector<LoggedEntry> words = FqdnWords("fe01.Contoso.com (6); ex1.contoso.com(0), 6.0.9319 srv host.");
    REQUIRE(words.size() == 2);
    CHECK(words[0].fqdn == "fe01.contoso.com");
    CHECK(words[0].version == 6);
    CHECK(words[1].version == 0);
  }
  SUBCASE("positional: 14493 %1 and %2, 14563 its two versions, 14492 its list") {
    std::vector<EventRecord> records = {
        Record("LS Protocol Stack", 14493, {"EX1.contoso.com", "0"}),
        Record("ls protocol stack", 14563, {"ex1.contoso.com", "0", "6"}),
        Record("LS Protocol Stack", 14492, {"fe01.contoso.com (6); ex1.contoso.com (6)"}),
        Record("Other", 14493, {"ex1.contoso.com", "0"})};
    std::vector<LoggedKstEvent> events = Read(records);
    REQUIRE(events.size() == 3);
    CHECK(events[0].meaning == LogMeaning::kEntryAdded);
    CHECK(events[0].entries[0].fqdn == "ex1.contoso.com");
    CHECK(events[0].entries[0].version == 0);
    CHECK(events[0].assumptions == std::vector<std::string>{"lync-event-strings"});
    CHECK(events[1].versions == std::vector<int>{0, 6});
    REQUIRE(events[2].entries.size() == 2);
    CHECK(events[2].entries[1].version == 6);
  }
  SUBCASE("no strings (Export-Csv): the topology's FQDNs in the message, the assumption named") {
    std::vector<LoggedKstEvent> events =
        Read({Record("LS Protocol Stack", 14495, {}, "Server ex1.contoso.com was removed from host.example.")});
    REQUIRE(events.size() == 1);
    REQUIRE(events[0].entries.size() == 1);
    CHECK(events[0].entries[0].fqdn == "ex1.contoso.com");
    CHECK(events[0].assumptions == std::vector<std::string>{"lync-event-strings", "event-fqdn-tokens"});
    events = Read({Record("LS Protocol Stack", 14495, {}, "ex1.contoso.com and fe01.contoso.com")});
    CHECK(events[0].unread.find("names 2 FQDNs") != std::string::npos);
    events = Read({Record("LS Protocol Stack", 14495, {"ex1.contoso.com"})}, EventStringsReading::kTokens);
    CHECK(events[0].entries[0].fqdn == "ex1.contoso.com");
  }
  SUBCASE("the Front-End service, from the strings or the message; other services left out") {
    std::vector<LoggedKstEvent> events =
        Read({Record("Service Control Manager", 7036, {"Lync Server Front-End", "stopped"}),
              Record("Service Control Manager", 7036, {"Print Spooler", "running"}),
              Record("Service Control Manager", 7036, {},
                     "The Skype for Business Server Front-End service entered the running state."),
              Record("Service Control Manager", 7036, {"RTCSRV", "wird ausgefuehrt"})});
    REQUIRE(events.size() == 3);
    CHECK_FALSE(events[0].service_running);
    CHECK(events[1].service_running);
    CHECK(events[2].unread.find("is not one kst reads") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst
