// Get-CsManagementStoreReplicationStatus exports among the logs: ConvertTo-Json
// (Windows PowerShell 5.1's /Date()/ and PowerShell 7's ISO times, one object
// or an array) and Export-Clixml; located errors for a replica without its
// FQDN, an UpToDate that is no boolean, a time that is no time; and event
// exports left to the event readers.

#include "input/replica_status_reader.h"

#include <doctest/doctest.h>

#include "base/file_reader.h"
#include "input/event_log_reader.h"

namespace kst {
namespace {

struct Read {
  bool ok = false;
  bool is_replica = false;
  std::vector<ReplicaState> replicas;
  Diagnostics diagnostics;
  std::string Errors() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.all()) out += d.ToString() + "\n";
    return out;
  }
};

Read ReadText(const std::string& text, const std::string& path = "replicas.json") {
  Read read;
  read.ok = ReadReplicaStatusBytes(path, text, &read.replicas, &read.is_replica, &read.diagnostics);
  return read;
}

const char* kCliXml = R"(<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0"><T>Microsoft.Rtc.Management.Xds.ReplicaState</T><T>System.Object</T></TN>
    <ToString>Microsoft.Rtc.Management.Xds.ReplicaState</ToString>
    <Props>
      <S N="ReplicaFqdn">FE02.contoso.com</S>
      <B N="UpToDate">false</B>
      <DT N="LastStatusReport">2026-12-01T10:30:00.5+01:00</DT>
      <DT N="LastUpdateCreation">2026-12-01T10:31:00+01:00</DT>
      <S N="ProductVersion">5.0.8308.0</S>
    </Props>
  </Obj>
</Objs>
)";

}  // namespace

TEST_CASE("replication status: ConvertTo-Json, Windows PowerShell 5.1 and 7") {
  Read read =
      ReadText(R"([{"UpToDate": true, "ReplicaFqdn": "fe01.contoso.com.", "LastStatusReport": "/Date(1796119200000)/",
                            "LastUpdateCreation": "/Date(1796119100000)/", "ProductVersion": "5.0.8308.0"},
                           {"UpToDate": false, "ReplicaFqdn": "FE02.contoso.com", "LastStatusReport": "2026-12-01T10:30:00+01:00"},
                           {"UpToDate": false, "ReplicaFqdn": "edge01.contoso.com", "LastStatusReport": null},
                           {"UpToDate": true, "ReplicaFqdn": "dir01.contoso.com",
                            "LastStatusReport": {"value": "\/Date(1796119200000)\/", "DisplayHint": 2}}])");
  REQUIRE_MESSAGE(read.ok, read.Errors());
  CHECK(read.is_replica);
  REQUIRE(read.replicas.size() == 4);
  CHECK(read.replicas[0].fqdn == "fe01.contoso.com");
  CHECK(read.replicas[0].up_to_date);
  CHECK(read.replicas[0].last_status_report == 1796119200);
  CHECK(read.replicas[1].fqdn == "fe02.contoso.com");
  CHECK_FALSE(read.replicas[1].up_to_date);
  CHECK(read.replicas[1].last_status_report == 1796119200 + 1800 - 3600);
  CHECK_FALSE(read.replicas[2].last_status_report);
  CHECK(read.replicas[3].last_status_report == 1796119200);
  // One replica alone: ConvertTo-Json writes the object, not an array.
  Read one = ReadText(R"({"ReplicaFqdn": "fe01.contoso.com", "UpToDate": true})");
  REQUIRE_MESSAGE(one.ok, one.Errors());
  CHECK(one.replicas.size() == 1);
}

TEST_CASE("replication status: Export-Clixml") {
  Read read = ReadText(kCliXml, "replicas.clixml");
  REQUIRE_MESSAGE(read.ok, read.Errors());
  CHECK(read.is_replica);
  REQUIRE(read.replicas.size() == 1);
  CHECK(read.replicas[0].fqdn == "fe02.contoso.com");
  CHECK_FALSE(read.replicas[0].up_to_date);
  CHECK(read.replicas[0].last_status_report == 1796119200 + 1800 - 3600);
}

TEST_CASE("replication status: malformed exports are located errors") {
  Read no_fqdn = ReadText("[\n  {\"UpToDate\": true}\n]");
  CHECK_FALSE(no_fqdn.ok);
  CHECK(no_fqdn.Errors().find("replicas.json:2:3: error[replica-missing-field]") != std::string::npos);
  Read bad_bool = ReadText("{\"ReplicaFqdn\": \"fe01.contoso.com\",\n \"UpToDate\": \"yes\"}");
  CHECK_FALSE(bad_bool.ok);
  CHECK(bad_bool.Errors().find("replicas.json:2:14: error[replica-invalid-value]: UpToDate") != std::string::npos);
  Read bad_time = ReadText(R"({"ReplicaFqdn": "fe01.contoso.com", "UpToDate": true, "LastStatusReport": "/Date(x)/"})");
  CHECK_FALSE(bad_time.ok);
  CHECK(bad_time.Errors().find("error[replica-invalid-value]: LastStatusReport is not a time") != std::string::npos);
  Read not_object = ReadText("[42]");
  CHECK_FALSE(not_object.ok);
  CHECK(not_object.Errors().find("error[replica-invalid-value]: a JSON integer") != std::string::npos);
  Read cut = ReadText("[{\"ReplicaFqdn\": \"fe01.contoso.com\", ");
  CHECK_FALSE(cut.ok);
  CHECK(cut.is_replica);
  std::string clixml = kCliXml;
  clixml.replace(clixml.find("<B N=\"UpToDate\">false</B>"), 25, "<S N=\"UpToDate\">False</S>");
  Read string_bool = ReadText(clixml, "replicas.clixml");
  CHECK_FALSE(string_bool.ok);
  CHECK(string_bool.Errors().find("replicas.clixml:7:7: error[replica-invalid-value]") != std::string::npos);
}

TEST_CASE("replication status: event exports are left to the event readers") {
  for (const char* text :
       {"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'/>", "\"TimeCreated\",\"Id\"\r\n", "",
        "<Objs><Obj><Props><S N=\"ProviderName\">x</S>"
        "<S N=\"Message\">ReplicaFqdn</S></Props></Obj></Objs>"}) {
    Read read = ReadText(text, "fe01.log");
    CHECK(read.ok);
    CHECK_FALSE(read.is_replica);
    CHECK(read.diagnostics.all().empty());
  }
}

TEST_CASE("replication status: found among event logs in a folder") {
  VirtualFileReader files;
  files.Add("logs/replicas.json", R"([{"ReplicaFqdn": "fe02.contoso.com", "UpToDate": false}])");
  files.Add("logs/fe01.xml",
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='LS Protocol "
            "Stack'/><EventID>14493</EventID><TimeCreated SystemTime='2026-12-01T10:00:00Z'/><Computer>fe01.contoso.com"
            "</Computer></System></Event>");
  EventLogs logs;
  Diagnostics diagnostics;
  REQUIRE(ReadEventLogs({"logs"}, &files, EventFilter(), &logs, &diagnostics));
  CHECK(logs.records.size() == 1);
  REQUIRE(logs.replicas.size() == 1);
  CHECK(logs.replicas[0].fqdn == "fe02.contoso.com");
  bool listed = false;
  for (const EventLogFile& f : logs.files) listed = listed || f.format == EventLogFormat::kReplicaStatus;
  CHECK(listed);
}

}  // namespace kst
