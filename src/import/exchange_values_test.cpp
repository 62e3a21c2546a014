// Single Exchange values as the three formats write them: timestamps,
// versions, booleans and multi-valued name lists.

#include "import/exchange_values.h"

#include <doctest/doctest.h>

#include <string>

#include "import/exchange_export.h"
#include "input/clixml_document.h"
#include "shared_samples.h"

namespace kst {
namespace {

ExportValue Text(std::string text) {
  ExportValue value;
  value.kind = ExportValue::Kind::kText;
  value.text = std::move(text);
  return value;
}

std::string Names(const ExportValue& value, ListSeparators separators) {
  std::vector<NamedAt> names;
  std::string why;
  if (!ExportNameList(value, separators, &names, &why)) return "error: " + why;
  std::string out;
  for (const NamedAt& name : names) out += "[" + name.name + "]";
  return out;
}

TEST_CASE("Exchange values: timestamps") {
  std::string utc = "unchanged";
  SUBCASE("the real capture's WhenChanged agrees with its own WhenChangedUTC") {
    KST_SKIP_WITHOUT_SHARED_SAMPLES();
    DiskFileReader files;
    XmlDocument xml;
    std::string encoding;
    Diagnostics diagnostics;
    REQUIRE(
        LoadXmlFile(std::string(KST_SOURCE_DIR) +
                        "/../shared/samples/exchange/microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeServer.xml",
                    &files, &xml, &encoding, &diagnostics));
    CliXmlDocument document;
    REQUIRE(document.Read(xml, &diagnostics));
    const CliXmlObject& server = *document.values()[0].object;
    for (auto [local, in_utc] :
         {std::pair{"WhenChanged", "WhenChangedUTC"}, std::pair{"WhenCreated", "WhenCreatedUTC"}}) {
      REQUIRE(NormalizeTimestamp(server.Find(local)->text, &utc));  // "2021-09-28T12:20:23-05:00"
      CHECK(utc == server.Find(in_utc)->text);                      // "2021-09-28T17:20:23Z"
    }
  }
  SUBCASE("offsets, fractions, day and year boundaries") {
    CHECK((NormalizeTimestamp("2024-02-29T23:30:00.1234567-01:00", &utc) && utc == "2024-03-01T00:30:00Z"));
    CHECK((NormalizeTimestamp("2000-01-01T00:15:00+01:00", &utc) && utc == "1999-12-31T23:15:00Z"));
    CHECK((NormalizeTimestamp(" 2019-12-03T22:45:58Z ", &utc) && utc == "2019-12-03T22:45:58Z"));
  }
  SUBCASE("Windows PowerShell 5.1's /Date(ms)/, with or without an offset") {
    CHECK((NormalizeTimestamp("/Date(1795480362000)/", &utc) && utc == "2026-11-24T00:32:42Z"));
    CHECK((NormalizeTimestamp("/Date(1543019643000-0600)/", &utc) && utc == "2018-11-24T00:34:03Z"));
    CHECK((NormalizeTimestamp("/Date(-1000)/", &utc) && utc == "1969-12-31T23:59:59Z"));
  }
  SUBCASE("text with no zone is not converted") {
    utc = "unchanged";
    CHECK_FALSE(NormalizeTimestamp("11/23/2018 18:32:37", &utc));
    CHECK_FALSE(NormalizeTimestamp("2018-11-23T18:32:37", &utc));
    CHECK_FALSE(NormalizeTimestamp("2018-13-23T18:32:37Z", &utc));
    CHECK_FALSE(NormalizeTimestamp("/Date(12x)/", &utc));
    CHECK(utc == "unchanged");
  }
}

TEST_CASE("Exchange values: versions, booleans, numbers") {
  int major = 0;
  int minor = 0;
  CHECK((ParseExchangeVersion("Version 15.1 (Build 2375.7)", &major, &minor) && major == 15 && minor == 1));
  CHECK((ParseExchangeVersion("Version 14.3 (Build 123.4)", &major, &minor) && major == 14 && minor == 3));
  CHECK((ParseExchangeVersion("15.2.986.5", &major, &minor) && major == 15 && minor == 2));
  CHECK_FALSE(ParseExchangeVersion("Version fifteen", &major, &minor));
  CHECK_FALSE(ParseExchangeVersion("15", &major, &minor));
  CHECK_FALSE(ParseExchangeVersion("15.1.x", &major, &minor));
  CHECK(ExchangeProductYear(14, 3) == "2010");
  CHECK(ExchangeProductYear(15, 0) == "2013");
  CHECK(ExchangeProductYear(15, 1) == "2016");
  CHECK(ExchangeProductYear(15, 2) == "2019");
  CHECK(ExchangeProductYear(8, 3) == "");
  CHECK(ExchangeProductYear(15, 3) == "");
  bool flag = false;
  CHECK((ExportBool(Text("True"), &flag) && flag));
  CHECK((ExportBool(Text(" false "), &flag) && !flag));
  CHECK_FALSE(ExportBool(Text("1"), &flag));
  CHECK(IsNumericText(" 2"));
  CHECK(IsNumericText("-1"));
  CHECK_FALSE(IsNumericText("E164"));
  CHECK_FALSE(IsNumericText(""));
}

TEST_CASE("Exchange values: multi-valued names") {
  SUBCASE("joined text: ';' and ',' always separate, spaces only for tokens") {
    CHECK(Names(Text("Contoso-SIP; Lab Plan,Third"), ListSeparators::kNamesWithSpaces) ==
          "[Contoso-SIP][Lab Plan][Third]");
    CHECK(Names(Text("IIS, SMTP UM"), ListSeparators::kTokens) == "[IIS][SMTP][UM]");
    CHECK(Names(Text(""), ListSeparators::kTokens).empty());
  }
  SUBCASE("lists of text, of objects with a Name, and of canonical AD names") {
    ExportValue list;
    list.kind = ExportValue::Kind::kList;
    list.items.push_back(Text("contoso.com/Configuration/Services/UM DialPlan Container/Contoso-SIP"));
    ExportValue object;
    object.kind = ExportValue::Kind::kObject;
    object.members.push_back({"Name", Text("Lab Plan")});
    list.items.push_back(object);
    CHECK(Names(list, ListSeparators::kNamesWithSpaces) == "[Contoso-SIP][Lab Plan]");
    ExportValue nameless;
    nameless.kind = ExportValue::Kind::kObject;
    list.items.push_back(nameless);
    CHECK(Names(list, ListSeparators::kNamesWithSpaces) == "error: item 3 is neither text nor an object with a Name");
  }
  SUBCASE("the .NET type names Export-Csv writes for collections are refused") {
    for (const char* cell :
         {"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.Directory.ADObjectId]",
          "System.Object[]", "System.Collections.ArrayList",
          "Deserialized.Microsoft.Exchange.Data.MultiValuedProperty"}) {
      CAPTURE(cell);
      CHECK(Names(Text(cell), ListSeparators::kNamesWithSpaces).rfind("error: it holds the .NET type name", 0) == 0);
    }
  }
}

}  // namespace
}  // namespace kst
