// ParseYamlDocument: the same located JsonNode tree as JSON (line and column
// 1-based, in bytes; JSON pointers), core-schema scalars, and every refusal.

#include "input/yaml_document.h"

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>

namespace kst {
namespace {

const std::string kFile = "topology.yaml";

struct Parsed {
  bool ok = false;
  JsonNode root;
  Diagnostics diagnostics;
};

Parsed Parse(std::string_view text) {
  Parsed parsed;
  parsed.ok = ParseYamlDocument(kFile, text, &parsed.root, &parsed.diagnostics);
  return parsed;
}

/// Parses `text`, requiring success without any diagnostic.
JsonNode AssertParse(std::string_view text) {
  Parsed parsed = Parse(text);
  std::string printed;
  for (const Diagnostic& d : parsed.diagnostics.all()) printed += d.ToString() + "\n";
  INFO(printed);
  REQUIRE(parsed.ok);
  REQUIRE(parsed.diagnostics.all().empty());
  return std::move(parsed.root);
}

/// Parses `text`, requiring failure with exactly one error, returned as printed.
std::string OnlyError(std::string_view text) {
  Parsed parsed = Parse(text);
  CHECK_FALSE(parsed.ok);
  REQUIRE(parsed.diagnostics.all().size() == 1);
  CHECK(parsed.diagnostics.all()[0].severity == Severity::kError);
  return parsed.diagnostics.all()[0].ToString();
}

std::string At(const Location& location) {
  return location.ToString();
}

/// A null, boolean or number as a short text, for the scalar table.
std::string Printed(const JsonNode& node) {
  std::ostringstream out;
  if (node.kind == JsonNode::Kind::kBool) out << node.bool_value;
  if (node.kind == JsonNode::Kind::kInteger) out << node.int_value;
  if (node.kind == JsonNode::Kind::kFloat && std::isnan(node.float_value)) return "nan";
  if (node.kind == JsonNode::Kind::kFloat) out << node.float_value;
  return out.str();
}

TEST_CASE("YAML values, keys and pointers are located") {
  SUBCASE("a block topology") {
    JsonNode root = AssertParse(
        "# a comment\n"
        "format: kst-topology/1\n"
        "lync:\n"
        "  pools:\n"
        "    - fqdn: pool01.contoso.com   # trailing comment\n"
        "      version: 6\n"
        "      computers: [fe01.contoso.com, \"fe02.contoso.com\"]\n");
    CHECK(root.is_object());
    CHECK(At(root.location) == "topology.yaml:2:1");
    REQUIRE(root.members.size() == 2);
    CHECK(root.members[0].key == "format");
    CHECK(At(root.members[0].key_location) == "topology.yaml:2:1");
    CHECK(At(root.members[0].value.location) == "topology.yaml:2:9");
    CHECK(root.members[0].value.pointer == "/format");
    CHECK(At(root.members[1].key_location) == "topology.yaml:3:1");

    const JsonNode* pools = root.Find("lync")->Find("pools");
    REQUIRE(pools);
    CHECK(pools->is_array());
    CHECK(At(pools->location) == "topology.yaml:5:5");
    CHECK(pools->pointer == "/lync/pools");
    const JsonNode& pool = pools->items.at(0);
    CHECK(At(pool.location) == "topology.yaml:5:7");
    CHECK(pool.pointer == "/lync/pools/0");
    CHECK(At(pool.members[1].key_location) == "topology.yaml:6:7");
    CHECK(At(pool.Find("version")->location) == "topology.yaml:6:16");
    CHECK(pool.Find("version")->int_value == 6);
    const JsonNode& computers = *pool.Find("computers");
    CHECK(At(computers.location) == "topology.yaml:7:18");
    CHECK(At(computers.items.at(1).location) == "topology.yaml:7:37");
    CHECK(computers.items[1].pointer == "/lync/pools/0/computers/1");
  }

  SUBCASE("members keep document order, not sorted") {
    JsonNode root = AssertParse("b: 1\na: 2\nc: 3\n");
    CHECK(root.members[0].key == "b");
    CHECK(root.members[1].key == "a");
    CHECK(root.members[2].key == "c");
  }

  SUBCASE("pointers escape '~' and '/' in keys; multi-byte UTF-8 counts bytes") {
    JsonNode root = AssertParse("a/b: {c~d: [true, null]}\n\xc3\xa9t\xc3\xa9: x\n");
    const JsonNode& inner = *root.Find("a/b")->Find("c~d");
    CHECK(inner.pointer == "/a~1b/c~0d");
    CHECK(inner.items[1].pointer == "/a~1b/c~0d/1");
    CHECK(At(root.Find("\xc3\xa9t\xc3\xa9")->location) == "topology.yaml:2:8");
  }

  SUBCASE("an empty value sits at its key, an empty item at its dash") {
    JsonNode root = AssertParse("a:\nb:\n  -\n  - x\nc: ~\nd:\nnullable: 1\n");
    CHECK(root.Find("a")->kind == JsonNode::Kind::kNull);
    CHECK(At(root.Find("a")->location) == "topology.yaml:1:1");
    CHECK(At(root.Find("c")->location) == "topology.yaml:5:4");  // a written null is where it is written
    CHECK(At(root.Find("d")->location) == "topology.yaml:6:1");
    JsonNode bom = AssertParse(
        "\xEF\xBB\xBF"
        "a: ~\r\nb:\r\n  -\r\n");  // columns as an editor shows them
    CHECK(At(bom.Find("a")->location) == "topology.yaml:1:4");
    CHECK(At(bom.Find("b")->items.at(0).location) == "topology.yaml:3:3");
    CHECK(At(root.Find("b")->items.at(0).location) == "topology.yaml:3:3");
    CHECK(At(root.Find("b")->items.at(1).location) == "topology.yaml:4:5");
  }
}

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema") {
  struct Row {
    const char* text;
    JsonNode::Kind kind;
    const char* printed;  // the value, printed for comparison
  };
  using K = JsonNode::Kind;
  const Row rows[] = {
      {"~", K::kNull, ""},
      {"null", K::kNull, ""},
      {"NULL", K::kNull, ""},
      {"true", K::kBool, "1"},
      {"False", K::kBool, "0"},
      {"TRUE", K::kBool, "1"},
      {"yes", K::kString, "yes"},
      {"no", K::kString, "no"},
      {"on", K::kString, "on"},
      {"off", K::kString, "off"},
      {"6", K::kInteger, "6"},
      {"-12", K::kInteger, "-12"},
      {"+7", K::kInteger, "7"},
      {"007", K::kInteger, "7"},
      {"0o17", K::kInteger, "15"},
      {"0x1F", K::kInteger, "31"},
      {"1.5", K::kFloat, "1.5"},
      {"-2e3", K::kFloat, "-2000"},
      {".5", K::kFloat, "0.5"},
      {"1e999", K::kFloat, "inf"},
      {"-.inf", K::kFloat, "-inf"},
      {".NaN", K::kFloat, "nan"},
      {"2013", K::kInteger, "2013"},
      {"1.2.3", K::kString, "1.2.3"},
      {"0x", K::kString, "0x"},
      {"1_000", K::kString, "1_000"},
      {"pool01.contoso.com", K::kString, ""},
      {"9223372036854775807", K::kInteger, "9223372036854775807"},
      {"-9223372036854775808", K::kInteger, "-9223372036854775808"},
      {"9223372036854775808", K::kFloat, "9.22337e+18"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    JsonNode root = AssertParse(std::string("v: ") + row.text + "\n");
    const JsonNode& v = *root.Find("v");
    CHECK(v.kind == row.kind);
    if (v.kind != K::kString) CHECK(Printed(v) == row.printed);
  }

  SUBCASE("quoted, block and !!str scalars are always strings") {
    JsonNode root = AssertParse("a: \"6\"\nb: 'true'\nc: !!str 2013\nd: |\n  null\ne: \"\"\n");
    for (const char* key : {"a", "b", "c", "d", "e"}) CHECK(root.Find(key)->is_string());
    CHECK(root.Find("c")->string_value == "2013");
    CHECK(root.Find("d")->string_value == "null\n");
  }

  SUBCASE("keys are their text, whatever they would resolve to") {
    JsonNode root = AssertParse("6: a\ntrue: b\n");
    CHECK(root.members[0].key == "6");
    CHECK(root.members[1].key == "true");
  }
}

TEST_CASE("anchors and aliases expand, within a budget") {
  SUBCASE("an alias copies the node, pointed and located where it is used") {
    JsonNode root = AssertParse("a: &servers [ex1.contoso.com, {x: 1}]\nb:\n  c: *servers\n");
    const JsonNode& copy = *root.Find("b")->Find("c");
    REQUIRE(copy.is_array());
    CHECK(copy.pointer == "/b/c");
    CHECK(At(copy.location) == "topology.yaml:3:6");
    CHECK(copy.items[1].Find("x")->pointer == "/b/c/1/x");
    CHECK(At(copy.items[0].location) == "topology.yaml:1:14");  // inside: where it is written
    CHECK(root.Find("a")->pointer == "/a");
  }

  SUBCASE("a scalar alias") {
    JsonNode root = AssertParse("a: &v 6\nb: [*v]\n");
    CHECK(root.Find("b")->items.at(0).int_value == 6);
    CHECK(root.Find("b")->items[0].pointer == "/b/0");
    CHECK(AssertParse("&k key: 1\nb: *k\n").Find("b")->string_value == "key");
  }

  SUBCASE("billion laughs stops at 10,000 nodes created through aliases") {
    std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (const char* name : {"b", "c", "d"}) {
      std::string previous(1, static_cast<char>(name[0] - 1));
      text += std::string(name) + ": &" + name + " [";
      for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + previous;
      text += "]\n";
    }
    CHECK(OnlyError(text) ==
          "topology.yaml:4:36: error[yaml-syntax]: unsupported YAML: aliases expand to more than 10000 nodes");
  }

  SUBCASE("an alias inside its own anchor") {
    CHECK(OnlyError("a: &x [1, *x]\n") ==
          "topology.yaml:1:11: error[yaml-syntax]: unsupported YAML: alias *x refers to a node that contains it");
  }
}

TEST_CASE("YAML errors are located and refused") {
  SUBCASE("duplicate keys use JSON's id, at the second key; each is reported") {
    CHECK(OnlyError("format: a\nlync: {}\nformat: b\n") ==
          "topology.yaml:3:1: error[json-duplicate-key]: duplicate key \"format\" (first at line 1) (/format)");
    Parsed parsed = Parse("x:\n  a/b: 1\n  a/b: 2\n  a/b: 3\n");
    REQUIRE(parsed.diagnostics.all().size() == 2);
    CHECK(parsed.diagnostics.all()[1].ToString() ==
          "topology.yaml:4:3: error[json-duplicate-key]: duplicate key \"a/b\" (first at line 2) (/x/a~1b)");
    AssertParse("- a: 1\n- a: 2\n");  // the same key in sibling mappings is fine
    std::string many;
    for (int i = 0; i < 20000; ++i) many += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    CHECK(OnlyError(many + "k12345: 0\n") ==
          "topology.yaml:20001:1: error[json-duplicate-key]: duplicate key \"k12345\" (first at line 12346) (/k12345)");
  }

  SUBCASE("syntax errors carry yaml-cpp's mark") {
    CHECK(OnlyError("a:\n  b: 1\n c: 2\n") ==
          "topology.yaml:3:2: error[yaml-syntax]: malformed YAML: end of map not found");
    CHECK(OnlyError("a:\n\tb: 1\n") == "topology.yaml:2:3: error[yaml-syntax]: malformed YAML: illegal map value");
    CHECK(OnlyError("a: *nowhere\n") ==
          "topology.yaml:1:4: error[yaml-syntax]: malformed YAML: the referenced anchor is not defined");
  }

  SUBCASE("empty input, comments only") {
    CHECK(OnlyError("") == "topology.yaml:1:1: error[yaml-syntax]: malformed YAML: empty document");
    CHECK(OnlyError("# nothing\n---\n") == "topology.yaml:1:1: error[yaml-syntax]: malformed YAML: empty document");
    CHECK(OnlyError("--- # nothing\n...\n") == "topology.yaml:1:1: error[yaml-syntax]: malformed YAML: empty document");
    CHECK(AssertParse("--- ~\n").kind == JsonNode::Kind::kNull);  // a written null is a document
  }

  SUBCASE("a second document") {
    CHECK(OnlyError("a: 1\n---\nb: 2\n") ==
          "topology.yaml:2:1: error[yaml-syntax]: unsupported YAML: a second document; kst reads one document per "
          "file");
  }

  SUBCASE("complex, null and alias keys") {
    const std::string complex =
        "error[yaml-syntax]: unsupported YAML: a mapping key must be a string, number or boolean";
    CHECK(OnlyError("? [a, b]\n: c\n") == "topology.yaml:1:3: " + complex);
    CHECK(OnlyError("{a: 1, {b: 2}: 3}\n") == "topology.yaml:1:8: " + complex);
    CHECK(OnlyError("~: 1\n") == "topology.yaml:1:1: " + complex);
    CHECK(OnlyError("a: &k x\n*k : 1\n") ==
          "topology.yaml:2:1: error[yaml-syntax]: unsupported YAML: an alias cannot be a mapping key");
  }

  SUBCASE("merge keys and tags other than !!str") {
    CHECK(OnlyError("a: &b {x: 1}\nc:\n  <<: *b\n") ==
          "topology.yaml:3:3: error[yaml-syntax]: unsupported YAML: merge keys (<<) are not supported; write the "
          "fields out");
    CHECK(OnlyError("a: !!int 3\n") ==
          "topology.yaml:1:4: error[yaml-syntax]: unsupported YAML: tag !!int (kst "
          "reads plain and quoted scalars, and !!str)");
    CHECK(OnlyError("a: !pool {}\n").find("unsupported YAML: tag !pool") != std::string::npos);
  }

  SUBCASE("bytes that are not UTF-8 are refused where they are, before any report has to print them") {
    CHECK(OnlyError("lync:\n  name: Caf\xe9 SIP\n") ==
          "topology.yaml:2:12: error[text-encoding]: not UTF-8 text: invalid byte 0xe9");
    CHECK(OnlyError("a: \xed\xa0\x80\n") ==  // a surrogate written as UTF-8
          "topology.yaml:1:4: error[text-encoding]: not UTF-8 text: invalid byte 0xed");
    AssertParse("name: Caf\xc3\xa9 \xf0\x9f\x98\x80\n");
  }

  SUBCASE("the escapes \\N and \\_ become U+0085 and U+00A0 in UTF-8 (yaml-cpp gives Latin-1 bytes)") {
    CHECK(AssertParse("a: \"x\\Ny\\_z\\L\"\n").Find("a")->string_value == "x\xc2\x85y\xc2\xa0z\xe2\x80\xa8");
  }

  SUBCASE("nesting deeper than 256 levels is refused, not exhausted") {
    AssertParse(std::string(256, '[') + std::string(256, ']'));
    std::string deeper = "\n" + std::string(100000, '[') + std::string(100000, ']');
    CHECK(OnlyError(deeper) ==
          "topology.yaml:2:257: error[yaml-syntax]: malformed YAML: nested deeper than 256 levels");
    CHECK(OnlyError("a: &a " + std::string(200, '[') + std::string(200, ']') + "\nb: " + std::string(100, '[') + "*a" +
                    std::string(100, ']') + "\n") ==
          "topology.yaml:2:104: error[yaml-syntax]: malformed YAML: nested deeper than 256 levels");
  }
}

TEST_CASE("IsYamlPath looks at the extension, in any case") {
  CHECK(IsYamlPath("scenarios/a.yaml"));
  CHECK(IsYamlPath("A.YML"));
  CHECK_FALSE(IsYamlPath("a.json"));
  CHECK_FALSE(IsYamlPath("yaml"));
}

}  // namespace
}  // namespace kst
