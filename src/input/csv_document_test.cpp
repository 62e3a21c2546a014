// Export-Csv: the "#TYPE" line, RFC 4180 quoting, located cells and the
// malformed files a copy or an editor can leave behind.

#include "input/csv_document.h"

#include <doctest/doctest.h>

#include <string>

namespace kst {
namespace {

struct Parsed {
  bool ok = false;
  CsvDocument document;
  Diagnostics diagnostics;
};

void Parse(std::string_view text, Parsed* parsed) {
  parsed->ok = parsed->document.Parse("t.csv", text, &parsed->diagnostics);
}

std::string Errors(const Parsed& parsed) {
  std::string out;
  for (const Diagnostic& d : parsed.diagnostics.all()) out += d.ToString() + "\n";
  return out;
}

TEST_CASE("CSV: what Export-Csv writes") {
  Parsed parsed;
  SUBCASE("Windows PowerShell: #TYPE, every field quoted, CRLF") {
    Parse(
        "#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.UMServer\r\n"
        "\"Name\",\"DialPlans\"\r\n\"EX1\",\"Contoso-SIP;Fabrikam-SIP\"\r\n\"EX2\",\"\"\r\n",
        &parsed);
    REQUIRE(parsed.ok);
    CHECK(parsed.document.type_name() == "Selected.Microsoft.Exchange.Data.Directory.Management.UMServer");
    CHECK(parsed.document.type_location().line == 1);
    REQUIRE(parsed.document.header().size() == 2);
    CHECK(parsed.document.header()[1].text == "DialPlans");
    REQUIRE(parsed.document.rows().size() == 2);
    const CsvCell& plans = parsed.document.rows()[0].cells[1];
    CHECK(plans.text == "Contoso-SIP;Fabrikam-SIP");
    CHECK(plans.quoted);
    CHECK(plans.location.ToString() == "t.csv:3:7");
    CHECK(parsed.document.rows()[1].cells[1].text.empty());
    CHECK(parsed.document.rows()[1].location.ToString() == "t.csv:4:1");
  }
  SUBCASE("PowerShell 7: no #TYPE, quotes only where needed, no final line break") {
    Parse("Name,Fqdn\nEX1,ex1.contoso.com", &parsed);
    REQUIRE(parsed.ok);
    CHECK(parsed.document.type_name().empty());
    REQUIRE(parsed.document.rows().size() == 1);
    CHECK(parsed.document.rows()[0].cells[1].text == "ex1.contoso.com");
    CHECK_FALSE(parsed.document.rows()[0].cells[1].quoted);
  }
  SUBCASE("a quoted field holding the delimiter, doubled quotes and line breaks") {
    Parse("\"A\",\"B\"\r\n\"x, y\",\"first\r\nsecond \"\"quoted\"\"\"\r\n\"next\",\"row\"\r\n", &parsed);
    REQUIRE(parsed.ok);
    REQUIRE(parsed.document.rows().size() == 2);
    CHECK(parsed.document.rows()[0].cells[0].text == "x, y");
    CHECK(parsed.document.rows()[0].cells[1].text == "first\r\nsecond \"quoted\"");
    CHECK(parsed.document.rows()[1].location.line == 4);  // lines keep counting inside the quoted field
  }
  SUBCASE("-UseCulture: the delimiter is the first of , ; TAB in the header") {
    Parse("\"Name\";\"URIType\"\n\"Contoso, SIP\";\"SipName\"\n", &parsed);
    REQUIRE(parsed.ok);
    CHECK(parsed.document.delimiter() == ';');
    CHECK(parsed.document.rows()[0].cells[0].text == "Contoso, SIP");
    Parsed tabs;
    Parse("Name\tURIType\nA\tSipName\n", &tabs);
    CHECK(tabs.document.delimiter() == '\t');
    CHECK(tabs.document.rows()[0].cells[1].text == "SipName");
  }
  SUBCASE("empty lines between rows are skipped") {
    Parse("A\r\n\r\n1\r\n\r\n2\r\n", &parsed);
    REQUIRE(parsed.ok);
    REQUIRE(parsed.document.rows().size() == 2);
    CHECK(parsed.document.rows()[1].location.line == 5);
  }
}

TEST_CASE("CSV: malformed files are refused with their positions") {
  Parsed parsed;
  SUBCASE("an unterminated quote is located where it opens") {
    Parse("\"Name\",\"DialPlans\"\n\"EX1\",\"Contoso-SIP\nEX2,x\n", &parsed);
    CHECK_FALSE(parsed.ok);
    CHECK(Errors(parsed) ==
          "t.csv:2:7: error[csv-syntax]: unterminated quoted field: the quote opened here is never closed\n");
  }
  SUBCASE("a missing closing quote that swallows a line break is traced back to where it opened") {
    Parse("\"Name\",\"DialPlans\"\n\"EX1\",\"Contoso-SIP\n\"EX2\",\"x\"\n", &parsed);
    CHECK_FALSE(parsed.ok);
    CHECK(Errors(parsed) ==
          "t.csv:3:2: error[csv-syntax]: unexpected text after a closing quote; a quote inside a quoted field is "
          "written twice (\"\"); this quoted field opened at line 2, column 7: is its closing quote missing?\n");
  }
  SUBCASE("ragged rows, each reported, good rows kept") {
    Parse("A,B\n1,2\n3\n4,5,6\n7,8\n", &parsed);
    CHECK_FALSE(parsed.ok);
    CHECK(Errors(parsed) ==
          "t.csv:3:1: error[csv-syntax]: this row has 1 fields; the header has 2\n"
          "t.csv:4:1: error[csv-syntax]: this row has 3 fields; the header has 2\n");
    CHECK(parsed.document.rows().size() == 2);
  }
  SUBCASE("text after a closing quote") {
    Parse("A,B\n\"1\"x,2\n", &parsed);
    CHECK(Errors(parsed).find("t.csv:2:4: error[csv-syntax]: unexpected text after a closing quote") == 0);
  }
  SUBCASE("header problems") {
    Parse("#TYPE X\r\n", &parsed);
    CHECK(Errors(parsed) ==
          "t.csv:2:1: error[csv-syntax]: no header row: Export-Csv writes the property names first\n");
    Parsed names;
    Parse("Name,,name\n", &names);
    CHECK(Errors(names) ==
          "t.csv:1:6: error[csv-syntax]: an empty property name in the header row\n"
          "t.csv:1:7: error[csv-syntax]: property \"name\" is named twice in the header (first at column 1)\n");
  }
}

TEST_CASE("CSV: rows handed on one at a time (ParseRows), as the event-log reader reads a million") {
  CsvDocument document;
  Diagnostics diagnostics;
  std::vector<std::string> seen;
  bool header_seen = false;
  const bool ok = document.ParseRows(
      "t.csv", "Id,Name\n1,a\n2,b,extra\n3,c\n", &diagnostics,
      [&] {
        header_seen = document.header().size() == 2;
        return true;
      },
      [&](CsvRow&& row) { seen.push_back(row.cells[1].text + "@" + row.location.ToString()); });
  CHECK_FALSE(ok);  // the row with three fields is refused and reported; the others are handed on
  CHECK(header_seen);
  CHECK(seen == std::vector<std::string>{"a@t.csv:2:1", "c@t.csv:4:1"});
  CHECK(document.rows().empty());
  CHECK(diagnostics.all().at(0).ToString() == "t.csv:3:1: error[csv-syntax]: this row has 3 fields; the header has 2");
  bool stopped_rows = false;
  CHECK_FALSE(document.ParseRows(
      "t.csv", "Id\n1\n", &diagnostics, [] { return false; }, [&](CsvRow&&) { stopped_rows = true; }));
  CHECK_FALSE(stopped_rows);
}

}  // namespace
}  // namespace kst
