// .evtx through libevtx: the public samples in ../shared/samples/eventlogs
// (none from Lync) read; the malformed one and files kst's tests break on
// purpose give located errors, never a crash.

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "input/event_log_reader.h"
#include "shared_samples.h"

namespace kst {
namespace {

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Read {
  bool ok = false;
  std::vector<EventRecord> records;
  Diagnostics diagnostics;
  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.all()) out += d.ToString() + "\n";
    return out;
  }
};

Read ReadBytes(const std::string& bytes, const std::string& path = "x.evtx") {
  Read read;
  EventLogFormat format;
  std::string encoding;
  read.ok = ReadEventLogBytes(
      path, bytes, [&read](EventRecord&& r) { read.records.push_back(std::move(r)); }, &format, &encoding,
      &read.diagnostics);
  if (!bytes.empty()) CHECK(format == EventLogFormat::kEvtx);
  return read;
}

const std::string kDir = kSharedSamples + "eventlogs/";

TEST_CASE("evtx: the public samples" * KST_NEEDS_SHARED_SAMPLES) {
  SUBCASE("a System log: 1601 records, Service Control Manager 7036 among them") {
    Read read = ReadBytes(Bytes(kDir + "williballenthin_python-evtx__system.evtx"), "system.evtx");
    REQUIRE_MESSAGE(read.ok, read.Errors());
    REQUIRE(read.records.size() == 1601);
    const EventRecord& second = read.records[1];
    CHECK(second.event_id == 7036);
    CHECK(second.provider == "Service Control Manager");
    CHECK(second.computer == "wks-win764bitb.shieldbase.local");
    CHECK(second.record_id == 12050);
    CHECK(second.strings.size() == 3);
    CHECK(second.position.find("record 2 (record id 12050) at byte offset 0x") == 0);
  }
  SUBCASE("records in free space are noted, the current one read") {
    Read read = ReadBytes(Bytes(kDir + "williballenthin_python-evtx__issue_38.evtx"), "issue_38.evtx");
    REQUIRE_MESSAGE(read.ok, read.Errors());
    CHECK(read.records.size() == 1);
    CHECK(read.Errors().find("note[evtx-recovered]: 38 records found in the file's free space") != std::string::npos);
  }
  SUBCASE("the malformed sample: a located error naming the damaged record") {
    Read read = ReadBytes(Bytes(kDir + "williballenthin_python-evtx__dns_log_malformed.evtx"), "dns.evtx");
    CHECK_FALSE(read.ok);
    CHECK(read.Errors() ==
          "dns.evtx: error[evtx-record]: record 5 (record id 5) at byte offset 0x22b8: its written time (0) is no "
          "time a server logged: the record is damaged\n");
    CHECK(read.records.size() == 4);
  }
  SUBCASE("cut short: refused, located at the cut, never a crash") {
    const std::string whole = Bytes(kDir + "williballenthin_python-evtx__system.evtx");
    CHECK(ReadBytes(whole.substr(0, 100), "cut.evtx").Errors() ==
          "cut.evtx: error[evtx-truncated]: the file is cut short at byte offset 100: an .evtx file starts with a "
          "4096-byte header\n");
    for (size_t size : {size_t{4096}, size_t{4096 + 1000}, size_t{70000}, size_t{593919}}) {
      CAPTURE(size);
      Read read = ReadBytes(whole.substr(0, size), "cut.evtx");
      CHECK_FALSE(read.ok);
      CHECK(read.Errors().find("cut.evtx: error[evtx-truncated]: the file is cut short at byte offset 0x") == 0);
    }
    // Its header declares 9 chunks (593,920 bytes); the 8 more the file holds are preallocated and empty, so
    // a copy that lacks some of them lacks no record.
    Read read = ReadBytes(whole.substr(0, whole.size() - 5000), "cut.evtx");
    CHECK(read.ok);
    CHECK(read.records.size() == 1601);
  }
}

TEST_CASE("evtx: files broken on purpose") {
  SUBCASE("a header and nothing else") {
    std::string header(4096, '\0');
    header.replace(0, 8, std::string("ElfFile\0", 8));
    Read read = ReadBytes(header);
    CHECK_FALSE(read.ok);
    CHECK(read.Errors() ==
          "x.evtx: error[event-log-empty]: the file holds no event record (a cleared log, or not the log that was "
          "meant)\n");
  }
  SUBCASE("a header claiming chunks that are not there") {
    std::string header(4096, '\0');
    header.replace(0, 8, std::string("ElfFile\0", 8));
    header[32] = static_cast<char>(128);  // header size
    header[36] = 1;                       // minor version
    header[38] = 3;                       // major version
    header[40] = 0;                       // header block size 4096
    header[41] = 0x10;
    header[42] = 5;  // five chunks
    Read read = ReadBytes(header);
    CHECK(read.records.empty());
    CHECK(read.Errors() ==
          "x.evtx: error[evtx-truncated]: the file is cut short at byte offset 0x1000: its header declares 5 "
          "chunks (331776 bytes), so the records past that offset are missing (copy the log again, or export it "
          "with wevtutil epl)\n");
  }
}

}  // namespace
}  // namespace kst
