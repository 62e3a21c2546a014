// The neutral object form: CliXml objects flattened the way ConvertTo-Json
// would, the expansion budget, and recognising an object's cmdlet.

#include "import/exchange_object.h"

#include <doctest/doctest.h>

#include <string>

#include "import/exchange_object_kind.h"

namespace kst {
namespace {

struct Converted {
  bool ok = false;
  std::vector<ExportValue> objects;
  Diagnostics diagnostics;
};

void FromCliXml(const std::string& body, Converted* converted) {
  XmlDocument xml;
  std::string text = "<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n" + body + "\n</Objs>";
  REQUIRE(xml.Parse("t.xml", text, &converted->diagnostics));
  CliXmlDocument document;
  REQUIRE(document.Read(xml, &converted->diagnostics));
  converted->ok = ObjectsFromCliXml(document, &converted->objects, &converted->diagnostics);
}

ExportValue Json(const std::string& text) {
  JsonNode root;
  Diagnostics diagnostics;
  REQUIRE(ParseJsonDocument("t.json", text, &root, &diagnostics));
  std::vector<ExportValue> objects = ObjectsFromJson(root);
  REQUIRE(objects.size() == 1);
  return objects[0];
}

TEST_CASE("Exported objects from CliXml") {
  Converted converted;
  SUBCASE("Props and MS members merged, an enum as its name, a list, a nested object") {
    FromCliXml(R"(<Obj RefId="0"><TN RefId="0"><T>Deserialized.X.UMDialPlan</T></TN><Props><S N="Name">P</S>
<Obj N="URIType" RefId="1"><TN RefId="1"><T>X.UMUriType</T><T>System.Enum</T></TN><ToString>SipName</ToString><I32>90001</I32></Obj>
<Obj N="UMServers" RefId="2"><LST><S>EX1</S></LST></Obj></Props><MS><S N="Note">n</S></MS></Obj>)",
               &converted);
    REQUIRE(converted.ok);
    const ExportValue& plan = converted.objects[0];
    CHECK(plan.kind == ExportValue::Kind::kObject);
    CHECK(plan.type_names == std::vector<std::string>{"Deserialized.X.UMDialPlan"});
    CHECK(plan.members.size() == 4);
    CHECK(plan.Find("uritype")->kind == ExportValue::Kind::kText);
    CHECK(plan.Find("URIType")->text == "SipName");
    CHECK(plan.Find("URIType")->type_names[1] == "System.Enum");  // an enum arrives as its name only
    CHECK(plan.Find("UMServers")->items[0].text == "EX1");
    CHECK(plan.Find("Note")->path == "/Objs/Obj/MS/S[@N='Note']");
    CHECK(ClassifyExchangeObject(plan) == ExchangeObjectKind::kDialPlan);
  }
  SUBCASE("objects deeper than kExportObjectDepth keep only their ToString") {
    FromCliXml(R"(<Obj><Props><Obj N="A"><Props><Obj N="B"><LST><Obj><Props><Obj N="D"><ToString>deep</ToString>
<Props><S N="E">e</S></Props></Obj></Props></Obj></LST></Obj></Props></Obj></Props></Obj>)",
               &converted);
    REQUIRE(converted.ok);
    const ExportValue& d = *converted.objects[0].Find("A")->Find("B")->items[0].Find("D");
    CHECK(d.kind == ExportValue::Kind::kText);
    CHECK(d.text == "deep");
    CHECK(d.members.empty());
  }
  SUBCASE("<Ref> sharing that would expand past the budget is stopped and located") {
    // Four levels of 100 references: 100^3 values if every <Ref> were copied.
    std::string body = "<Obj RefId=\"a\"><Props>";
    for (int i = 0; i < 100; ++i) body += "<S N=\"p" + std::to_string(i) + "\">x</S>";
    body += "</Props></Obj>\n";
    for (const char* level : {"b", "c", "d"}) {
      std::string below(1, static_cast<char>(level[0] - 1));
      body += std::string("<Obj RefId=\"") + level + "\"><Props>";
      for (int i = 0; i < 100; ++i) body += "<Ref N=\"r" + std::to_string(i) + "\" RefId=\"" + below + "\" />";
      body += "</Props></Obj>\n";
    }
    FromCliXml(body, &converted);
    CHECK_FALSE(converted.ok);
    REQUIRE(converted.diagnostics.all().size() == 1);
    CHECK(converted.diagnostics.all()[0].id == "clixml-limit");
    // 404 value elements allow 1,808 values: 101 for "a", then "b" alone would need 10,101.
    CHECK(converted.diagnostics.all()[0].ToString() ==
          "t.xml:3:1: error[clixml-limit]: with this object the file expands to more than 1808 values through <Ref> "
          "sharing (twice its 404 value elements, plus 1000); kst stops here (/Objs/Obj[2])");
  }
}

TEST_CASE("Exported objects from CSV rows") {
  CsvDocument document;
  Diagnostics diagnostics;
  REQUIRE(document.Parse("t.csv", "#TYPE X.ExchangeServer\n\"Fqdn\",\"IsUnifiedMessagingServer\"\n\"ex1\",\"\"\n",
                         &diagnostics));
  std::vector<ExportValue> objects = ObjectsFromCsv(document);
  REQUIRE(objects.size() == 1);
  CHECK(objects[0].type_names == std::vector<std::string>{"X.ExchangeServer"});
  CHECK(objects[0].Find("Fqdn")->text == "ex1");
  CHECK(objects[0].Find("Fqdn")->path == "/row[1]/Fqdn");
  CHECK(objects[0].Find("Fqdn")->location.ToString() == "t.csv:3:1");
  CHECK(objects[0].Find("IsUnifiedMessagingServer")->kind == ExportValue::Kind::kNull);  // $null and "" alike
}

TEST_CASE("Recognising an exported object's cmdlet") {
  SUBCASE("from type names, whatever prefix remoting or Select-Object added") {
    ExportValue object;
    object.kind = ExportValue::Kind::kObject;
    for (auto entry :
         {std::pair{"Microsoft.Exchange.Data.Directory.Management.ExchangeServer", ExchangeObjectKind::kServer},
          std::pair{"Deserialized.Microsoft.Exchange.Data.Directory.Management.UMServer",
                    ExchangeObjectKind::kUmServer},
          std::pair{"Selected.Microsoft.Exchange.Data.Directory.SystemConfiguration.SIPFEServerConfiguration",
                    ExchangeObjectKind::kCallRouterSettings},
          std::pair{"System.Security.Cryptography.X509Certificates.X509Certificate2", ExchangeObjectKind::kCertificate},
          std::pair{"System.Management.Automation.PSCustomObject", ExchangeObjectKind::kUnknown}}) {
      const auto [type, kind] = entry;
      CAPTURE(entry.first);  // not the binding: clang 14 (clang-tidy) cannot capture one
      object.type_names = {type};
      CHECK(ClassifyExchangeObject(object) == kind);
    }
  }
  SUBCASE("from the property set when there is no type name (ConvertTo-Json)") {
    CHECK(ClassifyExchangeObject(Json("{\"Name\": \"P\", \"URIType\": 2}")) == ExchangeObjectKind::kDialPlan);
    CHECK(ClassifyExchangeObject(Json("{\"Thumbprint\": \"AB\"}")) == ExchangeObjectKind::kCertificate);
    CHECK(ClassifyExchangeObject(Json("{\"Name\": \"UMCallRouterSettings\", \"DialPlans\": []}")) ==
          ExchangeObjectKind::kCallRouterSettings);
    CHECK(ClassifyExchangeObject(Json("{\"Name\": \"EX1\", \"DialPlans\": [], \"Status\": \"Enabled\"}")) ==
          ExchangeObjectKind::kUmServer);
    CHECK(ClassifyExchangeObject(Json("{\"Server\": \"EX1\", \"DialPlans\": []}")) == ExchangeObjectKind::kAssignment);
    CHECK(ClassifyExchangeObject(Json("{\"Fqdn\": \"ex1.contoso.com\"}")) == ExchangeObjectKind::kServer);
    CHECK(ClassifyExchangeObject(Json("{\"Mailbox\": \"x\"}")) == ExchangeObjectKind::kUnknown);
    CHECK(ClassifyExchangeObject(Json("[1]")) == ExchangeObjectKind::kUnknown);
  }
  SUBCASE("known properties, any case") {
    CHECK(IsKnownExchangeProperty(ExchangeObjectKind::kServer, "isunifiedmessagingserver"));
    CHECK(IsKnownExchangeProperty(ExchangeObjectKind::kDialPlan, "VoIPSecurity"));
    CHECK(IsKnownExchangeProperty(ExchangeObjectKind::kCallRouterSettings, "RunspaceId"));
    CHECK_FALSE(IsKnownExchangeProperty(ExchangeObjectKind::kDialPlan, "Fqdn"));
    CHECK_FALSE(IsKnownExchangeProperty(ExchangeObjectKind::kUnknown, "Name"));
  }
}

}  // namespace
}  // namespace kst
