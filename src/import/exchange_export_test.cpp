// Exchange exports: format detection from content, the real CliXml
// captures, kst's hand-built organisation (tests/import_inputs/exchange) in
// CliXml, ConvertTo-Json and Export-Csv, what is reported as not understood,
// and malformed files refused with their positions.

#include "import/exchange_export.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "exchange_fixtures.h"
#include "shared_samples.h"

namespace kst {
namespace {

struct Imported {
  bool ok = true;
  ExchangeExport exchange;
  std::vector<FileImportReport> reports;
  Diagnostics diagnostics;
};

Imported Import(const std::vector<std::string>& paths, FileReader* files) {
  Imported imported;
  for (const std::string& path : paths) {
    imported.reports.emplace_back();
    imported.ok &= ReadExchangeExport(path, files, &imported.exchange, &imported.reports.back(), &imported.diagnostics);
  }
  return imported;
}

Imported ImportFixtures(const std::vector<std::string>& paths) {
  ExchangeFixtureReader files;
  return Import(paths, &files);
}

std::string Printed(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += d.ToString() + "\n";
  return out;
}

/// The records without locations: what must not depend on the format.
std::string Records(const ExchangeExport& exchange) {
  std::string out;
  for (const ExchangeServerRecord& s : exchange.servers) {
    out += "server " + s.fqdn.name + " " + s.name.name + " " + s.product + " " + std::to_string(s.major) + "." +
           std::to_string(s.minor) + (s.is_unified_messaging_server.value_or(false) ? " um" : "") + "\n";
  }
  for (const UmDialPlanRecord& p : exchange.dial_plans) out += "plan " + p.name.name + " " + p.uri_type + "\n";
  for (const DialPlanAssignment& a : exchange.assignments) {
    out += "assign " + a.server.name + (a.server_is_fqdn ? " (fqdn)" : "") + ":";
    for (const NamedAt& plan : a.dial_plans) out += " " + plan.name;
    out += "\n";
  }
  for (const ExchangeCertificateRecord& c : exchange.certificates) {
    out += "certificate " + c.thumbprint + " CN=" + c.subject_cn + " " + c.not_after;
    for (const std::string& name : c.dns_names) out += " " + name;
    out += "\n";
  }
  return out;
}

const char* const kOrganisation =
    "server ex1.contoso.com EX1 2013 15.0 um\n"
    "server ex2.contoso.com EX2 2016 15.1 um\n"
    "server ex3.contoso.com EX3 2019 15.2\n"
    "plan Contoso-SIP SipName\n"
    "plan Contoso-Ext TelExtn\n"
    "assign EX1: Contoso-SIP\n"
    "assign EX2: Contoso-SIP\n"
    "assign ex2.contoso.com (fqdn): Contoso-SIP\n"
    "certificate 6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A CN=ex1.contoso.com 2036-11-21T00:32:42Z ex1.contoso.com "
    "ex1 autodiscover.contoso.com\n";

/// Export-Csv writes dates in the exporting machine's culture and zone,
/// which no UTC time can be computed from: kept as written.
std::string CsvOrganisation() {
  std::string expected = kOrganisation;
  size_t at = expected.find("2036-11-21T00:32:42Z");
  return expected.replace(at, 20, "11/21/2036 00:32:42");
}

std::vector<std::string> Set(const std::string& folder, const std::string& extension) {
  std::vector<std::string> paths;
  for (const char* name : {"servers", "dialplans", "umservice", "callrouter", "certificate"}) {
    paths.push_back(folder + "/" + name + "." + extension);
  }
  return paths;
}

TEST_CASE("Exchange exports: the real CliXml captures" * KST_NEEDS_SHARED_SAMPLES) {
  DiskFileReader files;
  SUBCASE("Get-ExchangeServer, Exchange 2016 and 2019: every property known, nothing to report") {
    Imported imported = Import({kExchangeSamples + "microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeServer.xml",
                                kExchangeSamples + "microsoft_CSS-Exchange__HealthChecker_E19_GetExchangeServer.xml"},
                               &files);
    INFO(Printed(imported.diagnostics));
    REQUIRE(imported.ok);
    CHECK(imported.diagnostics.all().empty());
    CHECK(Records(imported.exchange) ==
          "server solo-e16a.solo.local SOLO-E16A 2016 15.1 um\n"
          "server solo-e19a.solo.com SOLO-E19A 2019 15.2\n");
    const ExchangeServerRecord& e16 = imported.exchange.servers[0];
    CHECK(e16.admin_display_version == "Version 15.1 (Build 2375.7)");
    CHECK(e16.fqdn.location.line == 44);
    CHECK(e16.version_location.line == 123);
    CHECK(e16.unified_messaging_location.line == 56);
    CHECK(imported.reports[0].format == "exchange-clixml");
    CHECK(imported.reports[0].encoding == "utf-8 with BOM");
    CHECK(imported.reports[1].status() == ImportStatus::kPassed);
  }
  SUBCASE("Get-ExchangeCertificate: RawData decoded, as the ToString blocks say") {
    Imported imported =
        Import({kExchangeSamples + "microsoft_CSS-Exchange__HealthChecker_E19_GetExchangeCertificate.xml"}, &files);
    REQUIRE(imported.ok);
    CHECK(imported.diagnostics.all().empty());
    CHECK(Records(imported.exchange) ==
          "certificate C3EDCF181EF4F9B53D01768ECA99564014BCA6E7 CN=Microsoft Exchange Server Auth Certificate "
          "2024-11-06T22:47:32Z\n"
          "certificate 6C7DE09FB39A40144F57EFEBC3DF0148E3A9AB28 CN=Solo-E19A 2024-12-03T22:45:58Z Solo-E19A "
          "Solo-E19A.Solo.com\n"
          "certificate 38247AD2B76244411748274C508D13446311830B CN=WMSvc-WIN-K300A9DA9VA 2029-11-30T20:53:13Z\n");
    CHECK(imported.exchange.certificates[1].from_raw_data);
    CHECK_FALSE(imported.exchange.certificates[1].services_known);  // CliXml captures carry no Services
  }
}

TEST_CASE("Exchange exports: one organisation, three formats") {
  SUBCASE("Export-Clixml") {
    Imported imported = ImportFixtures(Set("clixml", "xml"));
    INFO(Printed(imported.diagnostics));
    REQUIRE(imported.ok);
    CHECK(imported.diagnostics.all().empty());
    CHECK(Records(imported.exchange) == kOrganisation);
    CHECK(imported.exchange.assignments[0].source == AssignmentSource::kUmServer);
    CHECK(imported.exchange.assignments[2].source == AssignmentSource::kUmCallRouterSettings);
    CHECK(imported.exchange.assignments[2].server.location.ToString() == "clixml/callrouter.xml:29:7");
    CHECK(imported.exchange.dial_plans[0].uri_type_location.ToString() == "clixml/dialplans.xml:13:7");
  }
  SUBCASE("ConvertTo-Json: enum names, objects and arrays, /Date()/ timestamps") {
    Imported imported = ImportFixtures(Set("json", "json"));
    INFO(Printed(imported.diagnostics));
    REQUIRE(imported.ok);
    CHECK(imported.diagnostics.all().empty());
    CHECK(Records(imported.exchange) == kOrganisation);
    CHECK(imported.exchange.certificates[0].not_before == "2026-11-24T00:32:42Z");
    CHECK(imported.exchange.certificates[0].services == std::vector<std::string>{"IIS", "SMTP", "UM", "UMCallRouter"});
    CHECK(imported.reports[3].format == "exchange-json");
  }
  SUBCASE("Export-Csv with #TYPE: joined lists, True/False, text versions") {
    Imported imported = ImportFixtures(Set("csv", "csv"));
    INFO(Printed(imported.diagnostics));
    REQUIRE(imported.ok);
    CHECK(imported.diagnostics.all().empty());
    CHECK(Records(imported.exchange) == CsvOrganisation());
    CHECK(imported.exchange.assignments[2].source == AssignmentSource::kUmCallRouterSettings);
    CHECK(imported.exchange.certificates[0].not_before == "11/24/2026 00:32:42");  // local time: kept as written
    CHECK(imported.reports[0].format == "exchange-csv");
  }
  SUBCASE("Export-Csv without #TYPE, one file with ';' as -UseCulture writes it") {
    Imported imported = ImportFixtures(Set("csv_notype", "csv"));
    INFO(Printed(imported.diagnostics));
    REQUIRE(imported.ok);
    CHECK(imported.diagnostics.all().empty());
    CHECK(Records(imported.exchange) == CsvOrganisation());
    CHECK(imported.exchange.assignments[0].source == AssignmentSource::kUnspecified);  // no type name says which
  }
  SUBCASE("UTF-16LE with BOM reads the same, with the same lines") {
    Imported utf16 = ImportFixtures({"utf16/servers.xml", "utf16/dialplans.csv", "utf16/umservice.json"});
    Imported utf8 = ImportFixtures({"clixml/servers.xml", "csv/dialplans.csv", "json/umservice.json"});
    REQUIRE(utf16.ok);
    CHECK(Records(utf16.exchange) == Records(utf8.exchange));
    CHECK(utf16.reports[0].encoding == "utf-16le with BOM");
    CHECK(utf16.reports[1].encoding == "utf-16le with BOM");
    CHECK(utf16.exchange.servers[1].fqdn.location.line == utf8.exchange.servers[1].fqdn.location.line);
    CHECK(utf16.exchange.assignments[1].dial_plans[0].location.line == 21);
  }
}

TEST_CASE("Exchange exports: what kst does not understand is reported") {
  VirtualFileReader files;
  SUBCASE("URIType as numbers (ConvertTo-Json without -EnumsAsStrings): never guessed") {
    Imported imported = ImportFixtures({"json_numbers/dialplans.json"});
    REQUIRE(imported.ok);
    const FileImportReport& report = imported.reports[0];
    CHECK(report.status() == ImportStatus::kPartiallyUnrecognized);
    REQUIRE(report.notes.size() == 2);
    CHECK(report.notes[0].location.ToString() == "json_numbers/dialplans.json:5:16");
    CHECK(report.notes[0].element_path == "/0/URIType");
    CHECK(report.notes[0].affects_verdict);
    CHECK(report.notes[0].comment.rfind("dial plan \"Contoso-SIP\": URIType is the number 2; the numbers behind "
                                        "UMURIType are not documented, so kst does not guess",
                                        0) == 0);
    CHECK(report.notes[1].location.line == 14);  // "URIType": 1
    CHECK(report.notes[1].affects_verdict);
    CHECK(Records(imported.exchange) == "plan Contoso-SIP \nplan Contoso-Ext \n");
    CHECK(imported.diagnostics.all()[0].id == "import-unrecognized");
    CHECK(imported.diagnostics.all()[0].severity == Severity::kWarning);
  }
  SUBCASE("an unknown URIType name, an unknown property, an unknown object") {
    files.Add("x.json", "[{\"Name\": \"P\", \"URIType\": \"Sip\", \"Colour\": \"red\"},\n {\"Mailbox\": \"someone\"}]");
    Imported imported = Import({"x.json"}, &files);
    REQUIRE(imported.ok);
    REQUIRE(imported.reports[0].notes.size() == 3);
    CHECK(imported.reports[0].notes[0].comment == "dial plan \"P\": URIType \"Sip\" is not SipName, TelExtn or E164");
    CHECK(imported.reports[0].notes[1].comment ==
          "property \"Colour\" of a Get-UMDialPlan object is not one kst knows; it was ignored");
    CHECK_FALSE(imported.reports[0].notes[1].affects_verdict);
    CHECK(imported.reports[0].notes[2].location.ToString() == "x.json:2:2");
    CHECK(imported.reports[0].notes[2].affects_verdict);
  }
  SUBCASE("DialPlans exported as a .NET type name by a plain Export-Csv") {
    files.Add("u.csv",
              "#TYPE Microsoft.Exchange.Data.Directory.Management.UMServer\r\n\"Name\",\"DialPlans\",\"Status\"\r\n"
              "\"EX1\",\"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.Directory.ADObjectId]\","
              "\"Enabled\"\r\n");
    Imported imported = Import({"u.csv"}, &files);
    REQUIRE(imported.reports[0].notes.size() == 1);
    CHECK(imported.reports[0].notes[0].location.ToString() == "u.csv:3:7");
    CHECK(imported.reports[0].notes[0].element_path == "/row[1]/DialPlans");
    CHECK(imported.reports[0].notes[0].comment.find("export the names joined") != std::string::npos);
    CHECK(imported.reports[0].notes[0].affects_verdict);
    CHECK(imported.exchange.assignments.empty());
  }
  SUBCASE("an assignment without a server, a server without an Fqdn") {
    files.Add("a.json", "[{\"DialPlans\": [\"P\"], \"Status\": \"Enabled\"},\n{\"Fqdn\": \"not a name\"}]");
    Imported imported = Import({"a.json"}, &files);
    REQUIRE(imported.reports[0].notes.size() == 2);
    CHECK(imported.reports[0].notes[0].affects_verdict);
    CHECK(imported.reports[0].notes[1].location.ToString() == "a.json:2:10");
    CHECK(imported.reports[0].notes[1].affects_verdict);
  }
  SUBCASE("CliXml elements outside MS-PSRP are skipped and reported") {
    files.Add("f.xml",
              "<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><Obj RefId=\"0\"><MS>\n"
              "<S N=\"Fqdn\">ex1.contoso.com</S><Hologram N=\"AdminDisplayVersion\" /></MS></Obj></Objs>");
    Imported imported = Import({"f.xml"}, &files);
    REQUIRE(imported.ok);
    REQUIRE(imported.reports[0].notes.size() == 2);
    CHECK(imported.reports[0].notes[0].comment ==
          "element <Hologram> is not CliXml that kst knows here; it was skipped");
    CHECK(imported.reports[0].notes[0].location.ToString() == "f.xml:2:32");
    CHECK(imported.reports[0].notes[1].comment.find("has no AdminDisplayVersion") != std::string::npos);
  }
}

TEST_CASE("Exchange exports: content that is no record never passes") {
  VirtualFileReader files;
  struct Case {
    const char* file;
    const char* text;
    const char* format;
    const char* first_note;  // "location: comment start"
  };
  const Case cases[] = {
      {"n.json", "42\n", "exchange-json", "n.json:1:1: the export is a JSON integer, not an object"},
      {"s.json", "\"EX1\"", "exchange-json", "s.json:1:1: the export is a JSON string"},
      {"t.json", "  true", "exchange-json", "t.json:1:3: the export is a JSON boolean"},
      {"z.json", "null", "exchange-json", "z.json:1:1: the export is a JSON null"},
      {"e.json", "[]", "exchange-json", "e.json:1:1: the export holds no objects"},
      {"ee.json", "[[]]", "exchange-json", "ee.json:1:2: a list (not an object) that kst does not recognise"},
      {"en.json", "[null]", "exchange-json", "en.json:1:2: null (not an object) that kst does not recognise"},
      {"o.json", "{}", "exchange-json", "o.json:1:1: an object that kst does not recognise"},
      {"w.json", "{\"value\": [], \"Count\": 0}", "exchange-json", "w.json:1:1: an object that kst does not"},
      {"h.csv", "\"Name\",\"Fqdn\"\r\n", "exchange-csv", "h.csv:1:1: the export holds no objects"},
      {"x.xml", "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />",
       "exchange-clixml", "x.xml:1:1: the export holds no objects"},
      {"xs.xml", "<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S>EX1</S></Objs>", "exchange-clixml",
       "xs.xml:1:63: a text (not an object) that kst does not recognise"},
  };
  for (const Case& c : cases) {
    std::string file = c.file;
    CAPTURE(file);
    files.Add(c.file, c.text);
    Imported imported = Import({c.file}, &files);
    CHECK(imported.ok);
    const FileImportReport& report = imported.reports[0];
    CHECK(report.format == c.format);
    REQUIRE_FALSE(report.notes.empty());
    std::string note = report.notes[0].location.ToString() + ": " + report.notes[0].comment;
    CAPTURE(note);
    CHECK(note.rfind(c.first_note, 0) == 0);
    CHECK(report.notes[0].affects_verdict);
    CHECK(imported.diagnostics.all()[0].severity == Severity::kWarning);
  }
}

TEST_CASE("Exchange exports: a property named twice is an error, not a first that wins") {
  VirtualFileReader files;
  SUBCASE("ConvertTo-Json: keys that differ in case only") {
    files.Add("d.json", "[{\"Name\": \"EX1\",\n  \"Fqdn\": \"ex1.contoso.com\",\n  \"FQDN\": \"ex2.contoso.com\"}]");
    Imported imported = Import({"d.json"}, &files);
    CHECK_FALSE(imported.ok);
    REQUIRE(imported.diagnostics.all().size() == 1);
    CHECK(imported.diagnostics.all()[0].ToString() ==
          "d.json:3:3: error[json-duplicate-key]: duplicate key \"FQDN\" (first at line 2 as \"Fqdn\"; PowerShell "
          "property names ignore case) (/0/FQDN)");
  }
  SUBCASE("CliXml: in Props, across Props and MS, a second TN or ToString") {
    const char* bodies[] = {
        "<Obj RefId=\"0\"><Props><S N=\"Fqdn\">a.contoso.com</S>\n<S N=\"Fqdn\">b.contoso.com</S></Props></Obj>",
        "<Obj RefId=\"0\"><Props><S N=\"Fqdn\">a.contoso.com</S></Props>\n<MS><S N=\"fqdn\">b</S></MS></Obj>",
        "<Obj RefId=\"0\"><TN RefId=\"0\"><T>A</T></TN>\n<TN RefId=\"1\"><T>B</T></TN></Obj>",
        "<Obj RefId=\"0\"><ToString>a</ToString>\n<ToString>b</ToString></Obj>",
    };
    for (std::string body : bodies) {
      CAPTURE(body);
      files.Add("p.xml",
                std::string("<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">") + body + "</Objs>");
      Imported imported = Import({"p.xml"}, &files);
      CHECK_FALSE(imported.ok);
      REQUIRE(imported.diagnostics.all().size() == 1);
      CHECK(imported.diagnostics.all()[0].id == "clixml-invalid");
      CHECK(imported.diagnostics.all()[0].location.line == 2);
    }
  }
}

TEST_CASE("Exchange exports: malformed files fail with located errors") {
  struct Case {
    const char* file;
    const char* first_error;  // "position: severity[id]"
    size_t errors;
  };
  const Case cases[] = {
      {"malformed/truncated.xml", "malformed/truncated.xml:82:19: error[xml-syntax]", 1},
      {"malformed/dangling_ref.xml", "malformed/dangling_ref.xml:9:7: error[clixml-reference]", 1},
      {"malformed/cyclic_ref.xml", "malformed/cyclic_ref.xml:12:11: error[clixml-reference]", 1},
      {"malformed/unknown_tnref.xml", "malformed/unknown_tnref.xml:3:5: error[clixml-reference]", 1},
      {"malformed/bad_integer.xml", "malformed/bad_integer.xml:10:11: error[clixml-invalid]", 4},
      {"malformed/not_clixml.xml", "malformed/not_clixml.xml:2:1: error[exchange-unknown-format]", 1},
      {"malformed/truncated.json", "malformed/truncated.json:6:1: error[json-syntax]", 1},
      {"malformed/unterminated.csv", "malformed/unterminated.csv:4:2: error[csv-syntax]", 1},
      {"malformed/ragged.csv", "malformed/ragged.csv:4:1: error[csv-syntax]", 2},
      {"malformed/empty.json", "malformed/empty.json:1:1: error[exchange-unknown-format]", 1},
      {"malformed/odd_utf16.json", "malformed/odd_utf16.json:1:2: error[text-encoding]", 1},
      {"malformed/missing.json", "malformed/missing.json: error[unreadable-file]", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    Imported imported = ImportFixtures({c.file});
    CHECK_FALSE(imported.ok);
    CHECK(imported.reports[0].status() == ImportStatus::kFailed);
    CHECK(imported.exchange.servers.empty());
    REQUIRE(imported.diagnostics.all().size() == c.errors);
    CHECK(imported.diagnostics.all()[0].ToString().substr(0, std::string(c.first_error).size()) == c.first_error);
  }
}

}  // namespace
}  // namespace kst
