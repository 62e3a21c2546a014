// CliXml: the real Get-ExchangeServer and Get-ExchangeCertificate captures
// (../shared/samples/exchange, PROVENANCE.md there), references, typed
// values, and the inputs a reader must refuse without crashing.

#include "input/clixml_document.h"

#include <doctest/doctest.h>

#include <string>

#include "input/clixml_text.h"
#include "shared_samples.h"

namespace kst {
namespace {

const std::string kSamples = std::string(KST_SOURCE_DIR) + "/../shared/samples/exchange/";
const std::string kE16Server = kSamples + "microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeServer.xml";
const std::string kE19Server = kSamples + "microsoft_CSS-Exchange__HealthChecker_E19_GetExchangeServer.xml";
const std::string kE16Certificate = kSamples + "microsoft_CSS-Exchange__HealthChecker_E16_GetExchangeCertificate.xml";

struct Loaded {
  bool ok = false;
  XmlDocument xml;
  CliXmlDocument document;
  Diagnostics diagnostics;
};

void LoadSample(const std::string& path, Loaded* loaded) {
  DiskFileReader files;
  std::string encoding;
  REQUIRE(LoadXmlFile(path, &files, &loaded->xml, &encoding, &loaded->diagnostics));
  CHECK(encoding == "utf-8 with BOM");
  loaded->ok = loaded->document.Read(loaded->xml, &loaded->diagnostics);
}

void Parse(const std::string& body, Loaded* loaded) {
  std::string text =
      "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n" + body + "\n</Objs>";
  REQUIRE(loaded->xml.Parse("t.xml", text, &loaded->diagnostics));
  loaded->ok = loaded->document.Read(loaded->xml, &loaded->diagnostics);
}

/// The only diagnostic, printed; the read must have failed.
std::string OnlyError(const Loaded& loaded) {
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.diagnostics.all().size() == 1);
  return loaded.diagnostics.all()[0].ToString();
}

const CliXmlObject& ObjectOf(const CliXmlValue* value) {
  REQUIRE(value != nullptr);
  REQUIRE(value->kind == CliXmlKind::kObject);
  return *value->object;
}

TEST_CASE("CliXml: the real Get-ExchangeServer captures" * KST_NEEDS_SHARED_SAMPLES) {
  Loaded loaded;
  SUBCASE("Exchange 2016: Fqdn, AdminDisplayVersion, IsUnifiedMessagingServer, located") {
    LoadSample(kE16Server, &loaded);
    REQUIRE(loaded.ok);
    REQUIRE(loaded.document.values().size() == 1);
    const CliXmlObject& server = ObjectOf(&loaded.document.values()[0]);
    CHECK(server.type_names.front() == "Microsoft.Exchange.Data.Directory.Management.ExchangeServer");
    CHECK(server.to_string == "SOLO-E16A");
    const CliXmlValue* fqdn = server.Find("fqdn");  // PowerShell names are case-insensitive
    REQUIRE(fqdn != nullptr);
    CHECK(fqdn->text == "Solo-E16A.Solo.local");
    CHECK(fqdn->location.ToString() == kE16Server + ":44:7");
    CHECK(fqdn->path == "/Objs/Obj/Props/S[@N='Fqdn']");
    const CliXmlObject& version = ObjectOf(server.Find("AdminDisplayVersion"));
    CHECK(version.to_string == "Version 15.1 (Build 2375.7)");
    CHECK(version.Find("Major")->signed_value == 15);
    CHECK(version.Find("Minor")->signed_value == 1);
    CHECK(version.Find("Build")->signed_value == 2375);
    CHECK(server.Find("IsUnifiedMessagingServer")->kind == CliXmlKind::kBoolean);
    CHECK(server.Find("IsUnifiedMessagingServer")->boolean);
    CHECK(server.Find("InternetWebProxy")->kind == CliXmlKind::kNull);
    CHECK(server.Find("PSComputerName")->text == "solo-e16a.solo.local");  // an <MS> member
    CHECK(loaded.document.unknown_elements().empty());
  }
  SUBCASE("Exchange 2019: version 15.2, no UM") {
    LoadSample(kE19Server, &loaded);
    REQUIRE(loaded.ok);
    const CliXmlObject& server = ObjectOf(&loaded.document.values()[0]);
    CHECK(server.Find("Fqdn")->text == "Solo-E19A.Solo.com");
    CHECK(ObjectOf(server.Find("AdminDisplayVersion")).to_string == "Version 15.2 (Build 986.5)");
    CHECK(ObjectOf(server.Find("AdminDisplayVersion")).Find("Minor")->signed_value == 2);
    CHECK_FALSE(server.Find("IsUnifiedMessagingServer")->boolean);
  }
  SUBCASE("enums, <Ref> and <TNRef> are resolved") {
    LoadSample(kE16Server, &loaded);
    const CliXmlObject& server = ObjectOf(&loaded.document.values()[0]);
    const CliXmlObject& role = ObjectOf(server.Find("ServerRole"));
    CHECK(role.IsEnum());
    CHECK(role.to_string == "Mailbox");
    CHECK(role.primitive->signed_value == 2);
    // <Ref N="Id" RefId="19" /> (line 330) is the Identity object of line 240, shared.
    const CliXmlValue* id = server.Find("Id");
    CHECK(id->tag == "Ref");
    CHECK(id->location.line == 330);
    CHECK(id->object == server.Find("Identity")->object);
    CHECK(id->object->location.line == 240);
    CHECK(id->object->Find("Name")->text == "SOLO-E16A");
    // Identity has <TNRef RefId="6" />: the ADObjectId list first written for Site.
    CHECK(id->object->type_names == ObjectOf(server.Find("Site")).type_names);
    CHECK(id->object->type_names.front() == "Microsoft.Exchange.Data.Directory.ADObjectId");
    // <By> values and lists.
    CHECK(ObjectOf(server.Find("ExchangeVersion")).Find("Minor")->unsigned_value == 1);
    const CliXmlObject& classes = ObjectOf(server.Find("ObjectClass"));
    CHECK(classes.container == CliXmlContainer::kList);
    REQUIRE(classes.items.size() == 3);
    CHECK(classes.items[2].text == "msExchExchangeServer");
    CHECK(classes.items[2].path == "/Objs/Obj/Props/Obj[@N='ObjectClass']/LST/S[3]");
  }
  SUBCASE("certificates: RawData decoded, ToString escapes decoded") {
    LoadSample(kE16Certificate, &loaded);
    REQUIRE(loaded.document.values().size() == 3);
    const CliXmlObject& certificate = ObjectOf(&loaded.document.values()[1]);
    CHECK(certificate.to_string->rfind("[Subject]\r\n  CN=Solo-E16A\r\n\r\n[Issuer]", 0) == 0);
    const CliXmlValue* raw = certificate.Find("RawData");
    CHECK(raw->kind == CliXmlKind::kBytes);
    CHECK(raw->bytes.size() == 791);  // MIIDEzCC...: a SEQUENCE of 0x0313 bytes plus its 4-byte header
    CHECK(raw->bytes.substr(0, 4) == std::string("\x30\x82\x03\x13", 4));
  }
}

TEST_CASE("CliXml: typed values") {
  Loaded loaded;
  SUBCASE("scalars of every kind") {
    Parse(R"(<Obj RefId="0"><MS>
  <S N="A_x005F_x">line_x000A_break _xD83D__xDE00_ _xD800_</S><C N="C">65</C><SB N="SB">-128</SB>
  <U16 N="U16">65535</U16><I64 N="I64">-9223372036854775808</I64><U64 N="U64">18446744073709551615</U64>
  <Db N="Db">1.5E+3</Db><D N="D">2.25</D><DT N="DT">2024-03-01T10:15:00Z</DT><TS N="TS">PT9.02S</TS>
  <G N="G">38142983-080a-4e34-90b6-401759c3f3e7</G><BA N="BA">AAEC</BA><Nil N="Nil" /><SBK N="SBK">{ 1 }</SBK>
</MS></Obj>)",
          &loaded);
    REQUIRE(loaded.ok);
    const CliXmlObject& object = ObjectOf(&loaded.document.values()[0]);
    CHECK(object.members[0].name == "A_x");  // names are escaped too
    CHECK(object.Find("A_x")->text == "line\nbreak \xF0\x9F\x98\x80 \xEF\xBF\xBD");
    CHECK(object.Find("C")->text == "A");
    CHECK(object.Find("SB")->signed_value == -128);
    CHECK(object.Find("U16")->unsigned_value == 65535);
    CHECK(object.Find("I64")->signed_value == INT64_MIN);
    CHECK(object.Find("U64")->unsigned_value == UINT64_MAX);
    CHECK(object.Find("Db")->float_value == 1500.0);
    CHECK(object.Find("D")->kind == CliXmlKind::kFloat);
    CHECK(object.Find("DT")->kind == CliXmlKind::kDateTime);
    CHECK(object.Find("TS")->text == "PT9.02S");
    CHECK(object.Find("G")->kind == CliXmlKind::kGuid);
    CHECK(object.Find("BA")->bytes == std::string("\x00\x01\x02", 3));
    CHECK(object.Find("Nil")->kind == CliXmlKind::kNull);
    CHECK(object.Find("SBK")->kind == CliXmlKind::kScriptBlock);
    CHECK(object.Find("missing") == nullptr);
  }
  SUBCASE("dictionaries, stacks and unknown elements") {
    Parse(R"(<Obj RefId="0"><DCT><En><S N="Key">a</S><I32 N="Value">1</I32></En>
<En><S N="Key">b</S><Obj N="Value" RefId="1"><STK><S>x</S></STK></Obj></En></DCT><Future>?</Future></Obj>)",
          &loaded);
    REQUIRE(loaded.ok);
    const CliXmlObject& object = ObjectOf(&loaded.document.values()[0]);
    CHECK(object.container == CliXmlContainer::kDictionary);
    REQUIRE(object.entries.size() == 2);
    CHECK(object.entries[0].key.text == "a");
    CHECK(object.entries[0].value.signed_value == 1);
    CHECK(object.entries[1].value.object->container == CliXmlContainer::kStack);
    REQUIRE(loaded.document.unknown_elements().size() == 1);
    CHECK(loaded.document.unknown_elements()[0].tag == "Future");
    CHECK(loaded.document.unknown_elements()[0].location.ToString() == "t.xml:3:82");
  }
  SUBCASE("base64") {
    std::string bytes;
    CHECK(DecodeBase64("TWFu\r\nTWE=", &bytes));
    CHECK(bytes == "ManMa");
    CHECK_FALSE(DecodeBase64("TWF", &bytes));
    CHECK_FALSE(DecodeBase64("TW=u", &bytes));
    CHECK_FALSE(DecodeBase64("TW*u", &bytes));
  }
}

TEST_CASE("CliXml: refused input is located") {
  Loaded loaded;
  SUBCASE("a <Ref> to an enclosing object is a cycle") {
    Parse("<Obj RefId=\"0\">\n<Props><Obj N=\"P\" RefId=\"1\"><LST>\n<Ref RefId=\"0\" /></LST></Obj></Props></Obj>",
          &loaded);
    CHECK(OnlyError(loaded) ==
          "t.xml:4:1: error[clixml-reference]: <Ref RefId=\"0\"> refers to an object that encloses it (a cycle); kst "
          "refuses cyclic CliXml (/Objs/Obj/Props/Obj[@N='P']/LST/Ref)");
  }
  SUBCASE("a <Ref> or <TNRef> to a RefId defined nowhere before it") {
    Parse("<Ref RefId=\"4\" />\n<Obj RefId=\"4\" />", &loaded);
    CHECK(OnlyError(loaded).find("t.xml:2:1: error[clixml-reference]: <Ref RefId=\"4\"> refers to no object") == 0);
    Loaded tn;
    Parse("<Obj RefId=\"0\"><TNRef RefId=\"9\" /></Obj>", &tn);
    CHECK(OnlyError(tn).find("t.xml:2:16: error[clixml-reference]: <TNRef RefId=\"9\">") == 0);
  }
  SUBCASE("a RefId defined twice") {
    Parse("<Obj RefId=\"0\" />\n<Obj RefId=\"0\" />", &loaded);
    CHECK(OnlyError(loaded).find("t.xml:3:1: error[clixml-invalid]: RefId \"0\" is defined twice") == 0);
  }
  SUBCASE("values that are not what their tag says; every one is reported") {
    Parse("<I32>1e3</I32>\n<By>256</By>\n<B>yes</B>\n<BA>A*==</BA>\n<Db>x</Db>", &loaded);
    CHECK_FALSE(loaded.ok);
    REQUIRE(loaded.diagnostics.all().size() == 5);
    CHECK(loaded.diagnostics.all()[0].ToString() ==
          "t.xml:2:1: error[clixml-invalid]: <I32> holds \"1e3\", not an integer in the range of <I32> (/Objs/I32)");
    CHECK(loaded.diagnostics.all()[1].location.line == 3);
    CHECK(loaded.diagnostics.all()[2].message == "<B> holds \"yes\", not true or false");
    CHECK(loaded.diagnostics.all()[3].message == "<BA> holds \"A*==\", not base64");
    CHECK(loaded.diagnostics.all()[4].location.line == 6);
  }
  SUBCASE("nesting deeper than the cap") {
    std::string body;
    for (int i = 0; i < kCliXmlMaxDepth + 5; ++i) body += "<Obj><LST>";
    for (int i = 0; i < kCliXmlMaxDepth + 5; ++i) body += "</LST></Obj>";
    Parse(body, &loaded);
    std::string error = OnlyError(loaded);
    CHECK(error.find("error[clixml-limit]: values nest deeper than 100 elements") != std::string::npos);
  }
  SUBCASE("a root that is not <Objs> in the PowerShell namespace") {
    REQUIRE(loaded.xml.Parse("t.xml", "<Objs xmlns=\"urn:other\" />", &loaded.diagnostics));
    CHECK_FALSE(loaded.document.Read(loaded.xml, &loaded.diagnostics));
    CHECK(loaded.diagnostics.all()[0].id == "clixml-invalid");
  }
  SUBCASE("every truncation of a real capture is read or refused, never a crash") {
    KST_SKIP_WITHOUT_SHARED_SAMPLES();
    DiskFileReader files;
    std::string text;
    std::string error;
    REQUIRE(files.Read(kE16Server, &text, &error));
    for (size_t cut = 0; cut < text.size(); cut += 997) {
      XmlDocument xml;
      CliXmlDocument document;
      Diagnostics diagnostics;
      if (xml.Parse("cut.xml", text.substr(3, cut), &diagnostics)) document.Read(xml, &diagnostics);
      CHECK(diagnostics.has_errors());  // every cut loses at least the closing </Objs>
    }
  }
}

}  // namespace
}  // namespace kst
