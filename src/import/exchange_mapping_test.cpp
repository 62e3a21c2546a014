// From Exchange records to the topology: the same organisation in three
// formats gives one topology, files may come in any order, Exchange 2019
// never hosts a dial plan, and names that cannot be placed are reported.

#include "import/exchange_mapping.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "exchange_fixtures.h"
#include "import/snapshot_import.h"

namespace kst {
namespace {

std::string Printed(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += d.ToString() + "\n";
  return out;
}

struct Mapped {
  Topology topology;
  std::vector<FileImportReport> reports;
  Diagnostics diagnostics;
};

/// Reads `paths` in order (fixtures, or `files` when given) and maps them.
Mapped Map(const std::vector<std::string>& paths, FileReader* files = nullptr) {
  ExchangeFixtureReader fixtures;
  Mapped mapped;
  ExchangeExport exchange;
  for (const std::string& path : paths) {
    mapped.reports.emplace_back();
    const bool read =
        ReadExchangeExport(path, files ? files : &fixtures, &exchange, &mapped.reports.back(), &mapped.diagnostics);
    INFO(Printed(mapped.diagnostics));
    REQUIRE(read);
  }
  AddExchangeToTopology(exchange, ModelCatalog::Embedded(), &mapped.topology, &mapped.reports, &mapped.diagnostics);
  return mapped;
}

/// The Exchange half of a topology, one line per server and plan.
std::string Dump(const Topology& topology, bool locations) {
  auto at = [&](const Location& where) { return locations ? " @" + where.ToString() : std::string(); };
  std::string out;
  for (const ExchangeServer& server : topology.exchange_servers) {
    out += "exchange " + server.fqdn.name + " " + server.version + at(server.fqdn.location) + "\n";
  }
  for (const UmDialPlan& plan : topology.dial_plans) {
    out += "plan " + plan.name.name + " " + plan.uri_type + at(plan.uri_type_location) + " [";
    for (const NamedAt& server : plan.servers) out += " " + server.name + at(server.location);
    out += " ]\n";
  }
  return out;
}

std::vector<std::string> Set(const std::string& folder, const std::string& extension) {
  std::vector<std::string> paths;
  for (const char* name : {"servers", "dialplans", "umservice", "callrouter", "certificate"}) {
    paths.push_back(folder + "/" + name + "." + extension);
  }
  return paths;
}

const char* const kTopology =
    "exchange ex1.contoso.com 2013\n"
    "exchange ex2.contoso.com 2016\n"
    "exchange ex3.contoso.com 2019\n"
    "plan Contoso-Ext TelExtn [ ]\n"
    "plan Contoso-SIP SipName [ ex1.contoso.com ex2.contoso.com ]\n";

TEST_CASE("Exchange mapping: one organisation, one topology") {
  SUBCASE("Given the organisation in CliXml, JSON, CSV with and without #TYPE, we should build one topology") {
    for (auto format : {std::pair{"clixml", "xml"}, std::pair{"json", "json"}, std::pair{"csv", "csv"},
                        std::pair{"csv_notype", "csv"}}) {
      const auto [folder, extension] = format;
      CAPTURE(format.first);  // not the binding: clang 14 (clang-tidy) cannot capture one
      Mapped mapped = Map(Set(folder, extension));
      INFO(Printed(mapped.diagnostics));
      // The certificate fixtures give no Services (CliXml: only RawData and
      // PSComputerName) or no server (JSON, CSV): read, reported, not checked.
      REQUIRE(mapped.diagnostics.all().size() == 1);
      CHECK(mapped.diagnostics.all()[0].id == "certificate-not-checked");
      CHECK(mapped.diagnostics.all()[0].location.file == std::string(folder) + "/certificate." + extension);
      CHECK(Dump(mapped.topology, false) == kTopology);
      CHECK(mapped.topology.certificates.empty());
      CHECK(mapped.topology.unchecked_certificates.size() == 1);
      for (const FileImportReport& report : mapped.reports)
        CHECK(report.status() == (report.file.find("certificate") != std::string::npos
                                      ? ImportStatus::kPartiallyUnrecognized
                                      : ImportStatus::kPassed));
    }
  }
  SUBCASE("Given servers in CliXml, plans in JSON and assignments in CSV, we should build the same topology") {
    Mapped mapped =
        Map({"csv_notype/umservice.csv", "json/dialplans.json", "clixml/servers.xml", "utf16/callrouter.json"});
    CHECK(mapped.diagnostics.all().empty());
    CHECK(Dump(mapped.topology, false) == kTopology);
    // A dial-plan server is located where the export says it serves the plan.
    CHECK(mapped.topology.dial_plans[1].servers[0].location.ToString() == "csv_notype/umservice.csv:2:7");
    CHECK(mapped.topology.dial_plans[1].uri_type_location.ToString() == "json/dialplans.json:5:16");
  }
  SUBCASE("Given the CliXml files in every order, we should build the same topology and the same messages") {
    std::vector<std::string> paths = Set("clixml", "xml");
    paths.push_back("json/umservice.json");  // EX1 and EX2 again: merged, located at the first file's lines
    std::sort(paths.begin(), paths.end());
    Mapped first = Map(paths);
    const std::string expected = Dump(first.topology, true);
    CHECK(expected.find("ex1.contoso.com @clixml/umservice.xml:") != std::string::npos);
    int orders = 0;
    do {
      Mapped mapped = Map(paths);
      CHECK(Dump(mapped.topology, true) == expected);
      CHECK(Printed(mapped.diagnostics) == Printed(first.diagnostics));
      ++orders;
    } while (std::next_permutation(paths.begin(), paths.end()));
    CHECK(orders == 720);
  }
}

TEST_CASE("Exchange mapping: certificates reach the topology with their owning server, or are reported") {
  VirtualFileReader files;
  files.Add("servers.json",
            R"j([{"Name": "EX1", "Fqdn": "ex1.contoso.com", "AdminDisplayVersion": "Version 15.0 (Build 1.1)"},
 {"Name": "EX2", "Fqdn": "ex2.contoso.com", "AdminDisplayVersion": "Version 15.1 (Build 1.1)"}])j");
  auto certificate = [](const std::string& owner) {
    return R"({"Thumbprint": "6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A", "Subject": "CN=*.Contoso.com., O=Contoso",
  "NotBefore": "2025-01-01T00:00:00Z", "NotAfter": "2035-01-01T00:00:00Z", "CertificateDomains": "*.contoso.com;contoso.com",
  "Services": "IIS, SMTP, UM")" +
           owner + "}";
  };
  SUBCASE("Server, Identity's server part or PSComputerName names the owner; a short name is resolved") {
    for (const char* owner :
         {R"(, "Server": "ex2.contoso.com")", R"(, "Identity": "EX2\\6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A")",
          R"(, "PSComputerName": "EX2.contoso.com")",
          R"(, "Server": "ex2.contoso.com", "PSComputerName": "ex1.contoso.com")"}) {
      CAPTURE(owner);
      files.Add("certificates.json", certificate(owner));
      Mapped mapped = Map({"servers.json", "certificates.json"}, &files);
      INFO(Printed(mapped.diagnostics));
      CHECK(mapped.diagnostics.all().empty());
      REQUIRE(mapped.topology.certificates.size() == 1);
      const Certificate& c = mapped.topology.certificates[0];
      CHECK(c.server.name == "ex2.contoso.com");
      CHECK(c.subject_cn.name == "*.contoso.com");  // as the kst-topology/1 loader normalises it
      REQUIRE(c.sans.size() == 2);
      CHECK(c.services.size() == 3);
      CHECK(c.HasService("UM"));
      CHECK(FormatTimestamp(c.not_after) == "2035-01-01T00:00:00Z");
      CHECK(c.thumbprint == "6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A");
      CHECK(c.location.ToString() == "certificates.json:1:1");
      CHECK(mapped.reports[1].status() == ImportStatus::kPassed);
      CHECK(mapped.reports[1].contributed == std::vector<std::pair<std::string, int>>{{"certificates", 1}});
    }
  }
  SUBCASE("no owner, no Services, a bare thumbprint as Identity: not checked, reported in its file") {
    for (const char* owner : {"", R"(, "Identity": "6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A")"}) {
      files.Add("certificates.json", certificate(owner));
      Mapped mapped = Map({"servers.json", "certificates.json"}, &files);
      REQUIRE(mapped.diagnostics.all().size() == 1);
      CHECK(mapped.diagnostics.all()[0].ToString().rfind(
                "certificates.json:1:1: warning[certificate-not-checked]: certificate CN=*.contoso.com (thumbprint "
                "6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A) is not checked: its owning server is unknown",
                0) == 0);
      CHECK(mapped.topology.certificates.empty());
      REQUIRE(mapped.topology.unchecked_certificates.size() == 1);
      CHECK_FALSE(mapped.topology.unchecked_certificates[0].server_known);
      CHECK(mapped.reports[1].status() == ImportStatus::kPartiallyUnrecognized);
    }
  }
  SUBCASE("an owner that is no server of the topology: kept, not checked, reported") {
    files.Add("certificates.json", certificate(R"(, "Server": "ex9.contoso.com")"));
    Mapped mapped = Map({"servers.json", "certificates.json"}, &files);
    REQUIRE(mapped.diagnostics.all().size() == 1);
    CHECK(mapped.diagnostics.all()[0].id == "certificate-not-checked");
    CHECK(mapped.topology.certificates.size() == 1);
    CHECK(mapped.reports[1].status() == ImportStatus::kPartiallyUnrecognized);
  }
}

TEST_CASE("Exchange mapping: Exchange 2019 has no Unified Messaging") {
  Mapped mapped = Map({"e2019/servers.json", "json/dialplans.json", "e2019/umservice.json"});
  CHECK(Printed(mapped.diagnostics) ==
        "e2019/umservice.json:6:5: warning[exchange-2019-no-um]: Exchange 2019 server ex3.contoso.com has no Unified "
        "Messaging, yet Get-UMServer/Get-UMService says it answers for dial plan \"Contoso-SIP\"; it is not added as "
        "a dial-plan server (/DialPlans)\n"
        "e2019/servers.json:7:33: warning[exchange-2019-no-um]: Exchange 2019 server ex3.contoso.com is exported "
        "with IsUnifiedMessagingServer true, but Exchange 2019 has no Unified Messaging; it is not treated as a UM "
        "server (/0)\n");
  CHECK(Dump(mapped.topology, false) ==
        "exchange ex3.contoso.com 2019\n"
        "plan Contoso-Ext TelExtn [ ]\n"
        "plan Contoso-SIP SipName [ ]\n");
}

TEST_CASE("Exchange mapping: names that cannot be placed are reported") {
  VirtualFileReader files;
  files.Add(
      "servers.json",
      "[{\"Name\": \"EX1\", \"Fqdn\": \"ex1.contoso.com\", \"AdminDisplayVersion\": \"Version 15.1 (Build 1.0)\"},"
      "\n {\"Name\": \"MAIL\", \"Fqdn\": \"mail.fabrikam.com\", \"AdminDisplayVersion\": \"Version 15.0 (Build 1.0)\"},"
      "\n {\"Name\": \"MAIL2\", \"Fqdn\": \"mail.contoso.com\", \"AdminDisplayVersion\": \"Version 15.0 (Build "
      "1.0)\"}]");
  files.Add("plans.json", "{\"Name\": \"Contoso-SIP\", \"URIType\": \"SipName\"}");
  SUBCASE("Given a short name, we should resolve it through Name or the first FQDN label, or report it") {
    files.Add("ums.csv", "Server,DialPlans\nex1,Contoso-SIP\nMAIL2,Contoso-SIP\nmail,Contoso-SIP\nEX9,Contoso-SIP\n");
    Mapped mapped = Map({"servers.json", "plans.json", "ums.csv"}, &files);
    CHECK(Dump(mapped.topology, false) ==
          "exchange ex1.contoso.com 2016\nexchange mail.contoso.com 2013\nexchange mail.fabrikam.com 2013\n"
          "plan Contoso-SIP SipName [ ex1.contoso.com mail.contoso.com ]\n");
    const std::vector<ImportNote>& notes = mapped.reports[2].notes;  // filed with the CSV they are about
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].location.ToString() == "ums.csv:5:1");
    CHECK(notes[0].comment ==
          "server \"EX9\" (an export of unknown cmdlet) is named only by its short name, and no Get-ExchangeServer "
          "export gives its FQDN; export Get-ExchangeServer too, so its dial plans cannot be placed");
    CHECK(notes[1].location.ToString() == "ums.csv:4:1");
    CHECK(notes[1].comment.find("by a short name that several exported servers answer to") != std::string::npos);
    CHECK(notes[0].affects_verdict);
    CHECK(notes[1].affects_verdict);
  }
  SUBCASE("Given a plan no dial-plan export defines, we should keep it with no URIType and report it") {
    files.Add("ums.json", "{\"Fqdn\": \"ex7.contoso.com\", \"DialPlans\": \"Contoso-SIP; Lab Plan\"}");
    Mapped mapped = Map({"plans.json", "ums.json"}, &files);
    CHECK(Dump(mapped.topology, false) ==
          "exchange ex7.contoso.com \n"
          "plan Contoso-SIP SipName [ ex7.contoso.com ]\n"
          "plan Lab Plan  [ ex7.contoso.com ]\n");
    const std::vector<ImportNote>& notes = mapped.reports[1].notes;
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].comment ==
          "server ex7.contoso.com answers for dial plans but no Get-ExchangeServer export lists it; its version is "
          "unknown");
    CHECK_FALSE(notes[0].affects_verdict);
    CHECK(notes[1].comment.rfind("dial plan \"Lab Plan\" is named by an export of unknown cmdlet but no "
                                 "Get-UMDialPlan export defines it",
                                 0) == 0);
    CHECK(notes[1].affects_verdict);
  }
  SUBCASE("Given one plan exported twice with different URITypes, we should keep the first and report") {
    files.Add("plans2.json", "{\"Name\": \"contoso-sip\", \"URIType\": \"E164\"}");
    Mapped mapped = Map({"plans2.json", "plans.json"}, &files);
    CHECK(Dump(mapped.topology, true) == "plan Contoso-SIP SipName @plans.json:1:36 [ ]\n");
    REQUIRE(mapped.reports[0].notes.size() == 1);
    CHECK(
        mapped.reports[0].notes[0].comment ==
        "dial plan \"contoso-sip\" is exported again with another URIType (E164; SipName at plans.json:1:36 is used)");
    CHECK(mapped.reports[0].notes[0].affects_verdict);
  }
  SUBCASE("Given a record that leaves the differing value out, we should point the note at the record") {
    files.Add("servers2.json", "[{\"Name\": \"EX1\",\n  \"Fqdn\": \"ex1.contoso.com\"}]");
    Mapped mapped = Map({"servers.json", "servers2.json"}, &files);
    const std::vector<ImportNote>& notes = mapped.reports[1].notes;  // no version, and a second one
    auto again = std::find_if(notes.begin(), notes.end(), [](const ImportNote& note) {
      return note.comment.find("is exported again") != std::string::npos;
    });
    REQUIRE(again != notes.end());
    CHECK(again->location.ToString() == "servers2.json:1:2");
    CHECK(again->comment ==
          "server ex1.contoso.com is exported again with another version (unknown; 2016 at servers.json:1:2 is used)");
  }
  SUBCASE("Given one report, we should file every note in it") {
    files.Add("ums.csv", "Server,DialPlans\nEX9,Contoso-SIP\n");
    ExchangeExport exchange;
    FileImportReport report;
    Diagnostics diagnostics;
    REQUIRE(ReadExchangeExport("ums.csv", &files, &exchange, &report, &diagnostics));
    Topology topology;
    AddExchangeToTopology(exchange, ModelCatalog::Embedded(), &topology, &report, &diagnostics);
    REQUIRE(report.notes.size() == 1);
    CHECK(report.notes[0].affects_verdict);
    CHECK(topology.exchange_servers.empty());
  }
}

TEST_CASE("Exchange import: every truncation and corruption of the fixtures is read or refused, never a crash") {
  ExchangeFixtureReader fixtures;
  for (auto [folder, extension] : {std::pair{"clixml", "xml"}, std::pair{"json", "json"}, std::pair{"csv", "csv"}}) {
    for (const std::string& path : Set(folder, extension)) {
      CAPTURE(path);
      std::string bytes;
      std::string error;
      REQUIRE(fixtures.Read(path, &bytes, &error));
      for (size_t at = 0; at < bytes.size(); at += 13) {
        for (int variant = 0; variant < 3; ++variant) {
          std::string damaged = bytes;
          if (variant == 0) damaged.resize(at);
          if (variant == 1) damaged[at] = "<\"{,;\n"[at % 6];
          if (variant == 2) damaged.erase(at, 1);
          VirtualFileReader files;
          files.Add(path, damaged);
          ExchangeExport exchange;
          FileImportReport report;
          Diagnostics diagnostics;
          bool ok = ReadExchangeExport(path, &files, &exchange, &report, &diagnostics);
          CHECK(ok == !report.failed);
          CHECK(ok != diagnostics.has_errors());
          Topology topology;
          AddExchangeToTopology(exchange, ModelCatalog::Embedded(), &topology, &report, &diagnostics);
        }
      }
    }
  }
}

TEST_CASE("Snapshot folders: every entry that is not read is named, and a folder of nothing to read is empty") {
  const std::string kServers =
      "{\"Name\": \"EX1\", \"Fqdn\": \"ex1.contoso.com\", \"AdminDisplayVersion\": \"Version 15.0 (Build 1497.2)\"}";
  VirtualFileReader files;
  ImportedSnapshot snapshot;
  Diagnostics diagnostics;
  auto import = [&] { return ImportSnapshot({"snap"}, &files, ModelCatalog::Embedded(), &snapshot, &diagnostics); };
  SUBCASE("a subfolder could hold exports: a warning that makes the verdict inconclusive") {
    files.Add("snap/servers.json", kServers);
    files.Add("snap/other-export/dialplans.json", "[]");
    files.Add("snap/other-export/deeper/x.json", "[]");
    REQUIRE(import());
    CHECK(snapshot.AffectsVerdict());
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].ToString().rfind(
              "snap/other-export: warning[import-skipped]: a folder inside a snapshot folder is not read", 0) == 0);
    REQUIRE(snapshot.files.size() == 2);
    CHECK(snapshot.files[0].file == "snap/other-export");
    CHECK(snapshot.files[0].format == "folder, not read");
    CHECK(snapshot.topology.exchange_servers.size() == 1);
  }
  SUBCASE("hidden files and Markdown are notes: the verdict rests on the exports") {
    files.Add("snap/servers.json", kServers);
    files.Add("snap/.DS_Store", "\x00\x01");
    files.Add("snap/README.md", "# notes");
    REQUIRE(import());
    CHECK_FALSE(snapshot.AffectsVerdict());
    REQUIRE(diagnostics.all().size() == 2);
    CHECK(diagnostics.all()[0].ToString() ==
          "snap/.DS_Store: note[import-skipped]: a hidden file (its name starts with '.') in a snapshot folder is not "
          "read");
    CHECK(diagnostics.all()[1].id == "import-skipped");
    CHECK(diagnostics.all()[1].severity == Severity::kNote);
  }
  SUBCASE("only a README, only dotfiles, only a subfolder: import-empty-snapshot") {
    for (const char* only : {"snap/README.md", "snap/.gitkeep", "snap/exports/servers.json"}) {
      CAPTURE(std::string(only));
      VirtualFileReader one;
      one.Add(only, kServers);
      ImportedSnapshot result;
      Diagnostics found;
      CHECK_FALSE(ImportSnapshot({"snap"}, &one, ModelCatalog::Embedded(), &result, &found));
      REQUIRE_FALSE(found.all().empty());
      CHECK(found.all().back().ToString() ==
            "snap: error[import-empty-snapshot]: the snapshot folder holds no export: its one entry was skipped "
            "(listed above)");
    }
  }
}

}  // namespace
}  // namespace kst
