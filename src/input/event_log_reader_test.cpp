// Event-log exports in text: wevtutil /f:xml streams, Get-WinEvent |
// Export-Clixml and Export-Csv; folders; the order of a computer's events;
// and the located errors of files cut short or written wrong.

#include "input/event_log_reader.h"

#include <doctest/doctest.h>

#include <string>

namespace kst {
namespace {

const char* kNs = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";

std::string Event(int id, const std::string& time, const std::string& computer, const std::string& data,
                  const std::string& provider = "LS Protocol Stack", int record = 0) {
  return std::string("<Event ") + kNs + "><System><Provider Name='" + provider + "'/><EventID>" + std::to_string(id) +
         "</EventID><TimeCreated SystemTime='" + time + "'/>" +
         (record ? "<EventRecordID>" + std::to_string(record) + "</EventRecordID>" : "") +
         "<Channel>Lync Server</Channel><Computer>" + computer + "</Computer></System><EventData>" + data +
         "</EventData></Event>";
}

struct Read {
  bool ok = false;
  EventLogs logs;
  Diagnostics diagnostics;
  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.all()) out += d.ToString() + "\n";
    return out;
  }
};

Read ReadFiles(VirtualFileReader* files, std::vector<std::string> paths, const EventFilter& filter = {}) {
  Read read;
  read.ok = ReadEventLogs(paths, files, filter, &read.logs, &read.diagnostics);
  return read;
}

Read ReadText(const std::string& text, const std::string& path = "fe01.xml") {
  VirtualFileReader files;
  files.Add(path, text);
  return ReadFiles(&files, {path});
}

TEST_CASE("event logs: wevtutil /f:xml") {
  SUBCASE("a stream of events, no root, one per line") {
    Read read = ReadText(Event(14493, "2026-12-01T10:00:00.5Z", "FE01.Contoso.com.",
                               "<Data>ex1.contoso.com</Data><Data>0</Data>", "LS Protocol Stack", 7) +
                         "\n" +
                         Event(7036, "2026-12-01T09:59:00Z", "fe01.contoso.com",
                               "<Data Name='param1'>Lync Server Front-End</Data><Data Name='param2'>running</Data>",
                               "Service Control Manager"));
    REQUIRE_MESSAGE(read.ok, read.Errors());
    REQUIRE(read.logs.records.size() == 2);
    const EventRecord& scm = read.logs.records[0];  // earlier in time, later in the file
    CHECK(scm.event_id == 7036);
    CHECK(scm.provider == "Service Control Manager");
    CHECK(scm.strings == std::vector<std::string>{"Lync Server Front-End", "running"});
    CHECK(scm.location.ToString() == "fe01.xml:2:1");
    const EventRecord& added = read.logs.records[1];
    CHECK(added.computer == "fe01.contoso.com");
    CHECK(added.record_id == 7);
    CHECK(added.ticks == 5000000);
    CHECK(added.log_name == "Lync Server");
    CHECK(read.logs.files[0].format == EventLogFormat::kEventXml);
  }
  SUBCASE("inside a wrapper element (/e:Events), with RenderingInfo, UTF-16 with a BOM") {
    std::string utf8 = "<Events>\n" +
                       Event(14495, "2026-12-01T10:00:00Z", "fe01.contoso.com", "<Data>ex1.contoso.com</Data>") +
                       "\n</Events>\n";
    utf8.insert(utf8.find("</Event>"), "<RenderingInfo Culture='en-US'><Message>Removed ex1</Message></RenderingInfo>");
    std::string utf16 = "\xff\xfe";
    for (char c : utf8) utf16 += std::string{c, '\0'};
    Read read = ReadText(utf16);
    REQUIRE_MESSAGE(read.ok, read.Errors());
    REQUIRE(read.logs.records.size() == 1);
    CHECK(read.logs.records[0].message == "Removed ex1");
    CHECK(read.logs.records[0].location.ToString() == "fe01.xml:2:1");
    CHECK(read.logs.files[0].encoding == "utf-16le with BOM");
  }
  SUBCASE("located errors: positions inside an event are the file's") {
    const std::string good = Event(14495, "2026-12-01T10:00:00Z", "fe01", "<Data>x</Data>");
    CHECK(ReadText(good + "\n" + good.substr(0, 120)).Errors() ==
          "fe01.xml:2:1: error[xml-syntax]: malformed XML: this <Event> element is never closed (is the export cut "
          "short?)\n");
    std::string bad_id = good;
    bad_id.replace(bad_id.find("14495"), 5, "14x95");
    CHECK(ReadText(good + "\n  " + bad_id).Errors().find("fe01.xml:2:") == 0);
    CHECK(ReadText(good + "\n  " + bad_id).Errors().find("error[event-invalid-value]: the event id \"14x95\"") !=
          std::string::npos);
    std::string no_computer = good;
    no_computer.replace(no_computer.find("<Computer>fe01</Computer>"), 25, "");
    CHECK(ReadText(no_computer).Errors().find("error[event-missing-field]: this event has no computer") !=
          std::string::npos);
    std::string bad_time = good;
    bad_time.replace(bad_time.find("2026-12-01T10"), 13, "2026-13-01T10");
    CHECK(ReadText(bad_time).Errors().find("error[invalid-time]: TimeCreated SystemTime") != std::string::npos);
    std::string duplicate = good;
    duplicate.replace(duplicate.find("<EventID>"), 9, "<EventID a='1' a='2'>");
    CHECK(ReadText("\n" + duplicate).Errors().find("fe01.xml:2:") == 0);
  }
  SUBCASE("refused outright") {
    CHECK(ReadText("<!DOCTYPE x [<!ENTITY a 'b'>]>" + Event(1, "2026-12-01T10:00:00Z", "fe01", ""))
              .Errors()
              .find("fe01.xml:1:1: error[xml-doctype]") == 0);
    CHECK(ReadText("hello").Errors().find("error[csv-syntax]") == std::string::npos);  // CSV: no header columns
    CHECK(ReadText("<Topology/>").Errors().find("error[xml-syntax]: an element <Topology> where wevtutil writes") !=
          std::string::npos);
    CHECK(ReadText("   \n").Errors().find("error[event-log-unknown-format]") != std::string::npos);
    CHECK(ReadText("<Events>\n" + Event(1, "2026-12-01T10:00:00Z", "fe01", "")).Errors() ==
          "fe01.xml:1:1: error[xml-syntax]: malformed XML: this element is never closed (is the export cut "
          "short?)\n");
  }
}

TEST_CASE("event logs: Get-WinEvent | Export-Clixml") {
  const std::string prop =
      "<Obj><TN RefId='1'><T>System.Diagnostics.Eventing.Reader.EventProperty</T></TN>"
      "<Props><S N='Value'>ex1.contoso.com</S></Props></Obj>";
  std::string doc =
      "<Objs Version='1.1.0.1' xmlns='http://schemas.microsoft.com/powershell/2004/04'>\n"
      "<Obj RefId='0'><TN RefId='0'><T>System.Diagnostics.Eventing.Reader.EventLogRecord</T></TN><Props>"
      "<S N='Message'>Added ex1</S><I32 N='Id'>14493</I32><I64 N='RecordId'>122</I64>"
      "<S N='ProviderName'>LS Protocol Stack</S><S N='LogName'>Lync Server</S><S N='MachineName'>FE01.contoso.com</S>"
      "<DT N='TimeCreated'>2026-12-01T11:00:00.25+01:00</DT><Obj N='Properties'><LST>" +
      prop + "<Obj><TNRef RefId='1'/><Props><S N='Value'>0</S></Props></Obj></LST></Obj></Props></Obj>\n</Objs>\n";
  SUBCASE("read") {
    Read read = ReadText(doc, "fe01.clixml");
    REQUIRE_MESSAGE(read.ok, read.Errors());
    REQUIRE(read.logs.records.size() == 1);
    const EventRecord& r = read.logs.records[0];
    CHECK(r.event_id == 14493);
    CHECK(r.computer == "fe01.contoso.com");
    CHECK(FormatTimestamp(r.time) == "2026-12-01T10:00:00Z");
    CHECK(r.strings == std::vector<std::string>{"ex1.contoso.com", "0"});
    CHECK(r.message == "Added ex1");
    CHECK(r.location.ToString() == "fe01.clixml:2:1");
    CHECK(read.logs.files[0].format == EventLogFormat::kCliXml);
  }
  SUBCASE("an event object without MachineName, an id out of range") {
    std::string no_machine = doc;
    const size_t machine = no_machine.find("<S N='MachineName'>");
    no_machine.erase(machine, no_machine.find("</S>", machine) + 4 - machine);
    CHECK(ReadText(no_machine, "x.clixml").Errors() ==
          "x.clixml:2:1: error[event-missing-field]: this event object has no MachineName (/Objs/Obj)\n");
    std::string big = doc;
    big.replace(big.find(">14493<"), 7, ">70000<");
    CHECK(ReadText(big, "x.clixml").Errors().find("error[event-invalid-value]: the event id \"70000\"") !=
          std::string::npos);
  }
}

TEST_CASE("event logs: Get-WinEvent | Export-Csv") {
  const std::string header =
      "\"Message\",\"Id\",\"RecordId\",\"ProviderName\",\"LogName\",\"MachineName\",\"TimeCreated\",\"Properties\"\r\n";
  SUBCASE("Windows PowerShell, newest first, en-US times, Properties as a type name") {
    Read read = ReadText(
        "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n" + header +
            "\"Removed\",\"14495\",\"9\",\"LS Protocol Stack\",\"Lync Server\",\"fe01.contoso.com\",\"12/1/2026 "
            "10:00:05 AM\",\"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]\"\r\n"
            "\"Added ex1.contoso.com\",\"14493\",\"8\",\"LS Protocol Stack\",\"Lync Server\",\"fe01.contoso.com\","
            "\"12/1/2026 10:00:05 AM\",\"System.Collections.Generic.List`1[x]\"\r\n",
        "fe01.csv");
    REQUIRE_MESSAGE(read.ok, read.Errors());
    REQUIRE(read.logs.records.size() == 2);
    CHECK(read.logs.records[0].event_id == 14493);  // same second: record id order
    CHECK(read.logs.records[0].strings.empty());
    CHECK(read.logs.records[0].local_time);
    CHECK(read.logs.records[0].location.ToString() == "fe01.csv:4:1");
  }
  SUBCASE("the recipe: ISO times and the insertion strings joined by tabs") {
    Read read = ReadText(header +
                             "m,14563,,LS Protocol Stack,,fe02.contoso.com,2026-12-01T10:00:05.0000000Z,"
                             "\"ex1.contoso.com\t0\t6\"\n",
                         "fe02.csv");
    REQUIRE_MESSAGE(read.ok, read.Errors());
    CHECK(read.logs.records[0].strings == std::vector<std::string>{"ex1.contoso.com", "0", "6"});
  }
  SUBCASE("Event Viewer's CSV names no computer: refused, saying what to do") {
    Read read = ReadText(
        "Level,Date and Time,Source,Event ID,Task Category\nInformation,12/1/2026 10:00:05 "
        "AM,LS Protocol Stack,14493,(1001)\n",
        "ev.csv");
    CHECK(read.Errors().find("ev.csv:1:1: error[event-no-computer]: this looks like Event Viewer's CSV") == 0);
  }
  SUBCASE("located errors") {
    CHECK(ReadText("Id,ProviderName\n1,x\n", "a.csv").Errors() ==
          "a.csv:1:1: error[event-missing-field]: the header has no column for the time (TimeCreated): not a "
          "Get-WinEvent | Export-Csv export kst can read\n"
          "a.csv:1:1: error[event-missing-field]: the header has no column for the computer (MachineName): not a "
          "Get-WinEvent | Export-Csv export kst can read\n");
    CHECK(ReadText(header + "m,14493,1,LS,L,fe01,31/12/2026 10:00:00,x\n", "a.csv").Errors().find("a.csv:2:") == 0);
    CHECK(ReadText(header + "m,14493,1,LS,L,fe01,\"2026-12-01T10:00:00Z", "a.csv")
              .Errors()
              .find("a.csv:2:21: error[csv-syntax]: unterminated quoted field") == 0);
    CHECK(ReadText(header + "m,14493,1,LS,L,,2026-12-01T10:00:00Z,x\n", "a.csv").Errors() ==
          "a.csv:2:16: error[event-missing-field]: this event's computer is empty\n");
  }
}

TEST_CASE("event logs: folders, filters and the order of events") {
  VirtualFileReader files;
  files.Add("logs/README.md", "notes");
  files.Add("logs/fe01.xml", Event(14493, "2026-12-01T10:00:00Z", "fe01", "<Data>a</Data>", "LS Protocol Stack", 5));
  files.Add("logs/fe01-again.xml",
            Event(14493, "2026-12-01T10:00:00Z", "fe01", "<Data>a</Data>", "LS Protocol Stack", 5) +
                Event(1, "2026-12-01T09:00:00Z", "fe01", "", "Other", 4));
  SUBCASE("every file of the folder; a record read twice is kept once") {
    Read read = ReadFiles(&files, {"logs"});
    REQUIRE_MESSAGE(read.ok, read.Errors());
    CHECK(read.logs.files.size() == 2);
    CHECK(read.logs.records.size() == 2);
    CHECK(read.logs.duplicates == 1);
  }
  SUBCASE("the filter keeps what kst reads, counting the rest") {
    EventFilter filter;
    filter.Want("ls protocol stack", 14493);
    Read read = ReadFiles(&files, {"logs"}, filter);
    CHECK(read.logs.records.size() == 1);
    CHECK(read.logs.files[0].records == 2);
    CHECK(read.logs.files[0].kept == 1);
  }
  SUBCASE("a subfolder is a warning, an empty folder an error") {
    files.Add("logs/old/fe01.xml", "x");
    Read read = ReadFiles(&files, {"logs"});
    CHECK(read.Errors().find("logs/old: warning[event-log-skipped]") != std::string::npos);
    VirtualFileReader empty;
    empty.Add("none/README.md", "x");
    CHECK(ReadFiles(&empty, {"none"}).Errors() ==
          "none: error[event-log-empty]: the folder holds no event-log export\n");
  }
}

}  // namespace
}  // namespace kst
