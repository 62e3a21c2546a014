// ParseJsonDocument: every value, key and error carries the line and column
// (1-based, counted in bytes) where it starts, and its JSON pointer.

#include "input/json_document.h"

#include <doctest/doctest.h>

#include <string>

namespace kst {
namespace {

const std::string kFile = "topology.json";

struct Parsed {
  bool ok = false;
  JsonNode root;
  Diagnostics diagnostics;
};

Parsed Parse(std::string_view text) {
  Parsed parsed;
  parsed.ok = ParseJsonDocument(kFile, text, &parsed.root, &parsed.diagnostics);
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

/// Parses `text`, requiring failure with exactly one diagnostic, and returns
/// that diagnostic as printed.
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

TEST_CASE("values, keys and pointers are located") {
  SUBCASE("a scalar root") {
    JsonNode root = AssertParse("  42");
    CHECK(root.is_integer());
    CHECK(root.int_value == 42);
    CHECK(At(root.location) == "topology.json:1:3");
    CHECK(root.pointer == "");
  }

  SUBCASE("a pretty-printed topology") {
    JsonNode root = AssertParse(
        "{\n"
        "  \"format\": \"kst-topology/1\",\n"
        "  \"lync\": {\n"
        "    \"pools\": [\n"
        "      {\"fqdn\": \"pool01.contoso.com\", \"version\": 6}\n"
        "    ]\n"
        "  }\n"
        "}\n");
    CHECK(At(root.location) == "topology.json:1:1");
    REQUIRE(root.members.size() == 2);
    CHECK(root.members[0].key == "format");
    CHECK(At(root.members[0].key_location) == "topology.json:2:3");
    CHECK(At(root.members[0].value.location) == "topology.json:2:13");
    CHECK(root.members[1].key == "lync");
    CHECK(At(root.members[1].key_location) == "topology.json:3:3");

    const JsonNode* pools = root.Find("lync")->Find("pools");
    REQUIRE(pools);
    CHECK(pools->is_array());
    CHECK(At(pools->location) == "topology.json:4:14");
    CHECK(pools->pointer == "/lync/pools");
    REQUIRE(pools->items.size() == 1);
    const JsonNode& pool = pools->items[0];
    CHECK(At(pool.location) == "topology.json:5:7");
    CHECK(pool.pointer == "/lync/pools/0");
    CHECK(At(pool.members[1].key_location) == "topology.json:5:38");
    CHECK(At(pool.Find("version")->location) == "topology.json:5:49");
    CHECK(pool.Find("version")->pointer == "/lync/pools/0/version");
  }

  SUBCASE("nested arrays and objects, empty ones too") {
    JsonNode root = AssertParse(R"({"x":[[[]],[{}]],"y":{}})");
    const JsonNode& x = *root.Find("x");
    CHECK(At(x.location) == "topology.json:1:6");
    CHECK(At(x.items[0].location) == "topology.json:1:7");
    CHECK(At(x.items[0].items[0].location) == "topology.json:1:8");
    CHECK(x.items[0].items[0].pointer == "/x/0/0");
    CHECK(At(x.items[1].items[0].location) == "topology.json:1:13");
    CHECK(x.items[1].items[0].pointer == "/x/1/0");
    CHECK(At(root.members[1].key_location) == "topology.json:1:18");
    CHECK(At(root.Find("y")->location) == "topology.json:1:22");
  }

  SUBCASE("a number is followed by the next token at once") {
    // The lexer reads one byte past a number; the next value must not shift.
    SUBCASE("by ']'") {
      JsonNode root = AssertParse("[[1],2]");
      CHECK(At(root.items[0].items[0].location) == "topology.json:1:3");
      CHECK(At(root.items[1].location) == "topology.json:1:6");
    }
    SUBCASE("by '}'") {
      JsonNode root = AssertParse(R"({"a":{"b":1},"c":2})");
      CHECK(At(root.members[1].key_location) == "topology.json:1:14");
      CHECK(At(root.Find("c")->location) == "topology.json:1:18");
    }
    SUBCASE("by ','") {
      JsonNode root = AssertParse("[1.5,-2e3,7]");
      CHECK(root.items[0].kind == JsonNode::Kind::kFloat);
      CHECK(At(root.items[1].location) == "topology.json:1:6");
      CHECK(At(root.items[2].location) == "topology.json:1:11");
      CHECK(root.items[2].int_value == 7);
    }
    SUBCASE("by a space and a line break") {
      JsonNode root = AssertParse("[1 ,\n  2 ]");
      CHECK(At(root.items[1].location) == "topology.json:2:3");
    }
  }

  SUBCASE("strings: escapes and multi-byte UTF-8 count as written") {
    JsonNode root = AssertParse("[\n  \"say \\\"hi\\\", ok\", \"\xc3\xa9t\xc3\xa9\", \"\\u00e9\", 3]");
    CHECK(root.items[0].string_value == "say \"hi\", ok");
    CHECK(At(root.items[1].location) == "topology.json:2:21");
    CHECK(root.items[1].string_value == "\xc3\xa9t\xc3\xa9");
    CHECK(At(root.items[2].location) == "topology.json:2:30");
    CHECK(root.items[2].string_value == "\xc3\xa9");
    CHECK(At(root.items[3].location) == "topology.json:2:40");
  }

  SUBCASE("pointers escape '~' and '/' in keys") {
    JsonNode root = AssertParse(R"({"a/b": {"c~d": [true, null]}, "": 1})");
    const JsonNode& inner = *root.Find("a/b")->Find("c~d");
    CHECK(inner.pointer == "/a~1b/c~0d");
    CHECK(inner.items[1].pointer == "/a~1b/c~0d/1");
    CHECK(inner.items[1].kind == JsonNode::Kind::kNull);
    CHECK(root.Find("")->pointer == "/");
    CHECK(EscapePointerToken("~/~1") == "~0~1~01");
  }
}

TEST_CASE("duplicate keys are errors at the second key") {
  SUBCASE("in the root") {
    CHECK(OnlyError("{\n  \"format\": \"kst-topology/1\",\n  \"format\": \"kst-topology/2\"\n}") ==
          "topology.json:3:3: error[json-duplicate-key]: duplicate key \"format\" (first at line 2) (/format)");
  }

  SUBCASE("in a nested object, with the pointer escaped") {
    CHECK(OnlyError("{\"lync\": {\"pools\": [{\"a/b\": 1,\n\"a/b\": {\"x\": 2}}]}}") ==
          "topology.json:2:1: error[json-duplicate-key]: duplicate key \"a/b\" (first at line 1) "
          "(/lync/pools/0/a~1b)");
  }

  SUBCASE("each repetition is reported") {
    Parsed parsed = Parse(R"({"a":1,"a":2,"a":3})");
    CHECK_FALSE(parsed.ok);
    REQUIRE(parsed.diagnostics.all().size() == 2);
    CHECK(parsed.diagnostics.all()[0].id == "json-duplicate-key");
    CHECK(At(parsed.diagnostics.all()[0].location) == "topology.json:1:8");
    CHECK(At(parsed.diagnostics.all()[1].location) == "topology.json:1:14");
  }

  SUBCASE("the same key in sibling objects is fine") {
    AssertParse(R"([{"a":1},{"a":2}])");
  }

  SUBCASE("among many keys, a repetition still names the first (keys are hashed, not scanned)") {
    std::string text = "{";
    for (int i = 0; i < 20000; ++i) text += "\n\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
    text += "\n\"k12345\": 0}";
    CHECK(OnlyError(text) ==
          "topology.json:20002:1: error[json-duplicate-key]: duplicate key \"k12345\" (first at line 12347) (/k12345)");
    JsonNode root = AssertParse(text.substr(0, text.rfind(',')) + "}");
    CHECK(root.members.size() == 20000);
    CHECK(root.members[12345].key == "k12345");
  }
}

TEST_CASE("syntax errors name where the parser stopped") {
  SUBCASE("empty input") {
    CHECK(OnlyError("") ==
          "topology.json:1:1: error[json-syntax]: malformed JSON: syntax error while parsing value - unexpected end "
          "of input; expected '[', '{', or a literal");
  }

  SUBCASE("only white space") {
    CHECK(OnlyError("\n  ").rfind("topology.json:2:3: error[json-syntax]: ", 0) == 0);
  }

  SUBCASE("a trailing comma in an object") {
    CHECK(OnlyError("{\n  \"a\": 1,\n}") ==
          "topology.json:3:1: error[json-syntax]: malformed JSON: syntax error while parsing object key - "
          "unexpected '}'; expected string literal");
  }

  SUBCASE("a trailing comma in an array") {
    CHECK(OnlyError("{\n \"a\": [1,\n 2,\n ]\n}") ==
          "topology.json:4:2: error[json-syntax]: malformed JSON: syntax error while parsing value - "
          "unexpected ']'; expected '[', '{', or a literal");
  }

  SUBCASE("truncated input") {
    CHECK(OnlyError("{\n  \"lync\": {\n    \"pools\": [1, 2") ==
          "topology.json:3:19: error[json-syntax]: malformed JSON: syntax error while parsing array - "
          "unexpected end of input; expected ']'");
  }

  SUBCASE("a missing comma: the parser stops after the unexpected token") {
    CHECK(OnlyError("{\"a\": 1\n \"b\": 2}") ==
          "topology.json:2:4: error[json-syntax]: malformed JSON: syntax error while parsing object - "
          "unexpected string literal; expected '}'");
  }

  SUBCASE("trailing garbage after the document") {
    CHECK(OnlyError("{\"a\": 1}\nx") ==
          "topology.json:2:1: error[json-syntax]: malformed JSON: syntax error while parsing value - invalid "
          "literal; last read: '1}<U+000A>x'; expected end of input");
  }

  SUBCASE("a second document") {
    CHECK(OnlyError("{}\n{}").rfind("topology.json:2:1: error[json-syntax]: ", 0) == 0);
  }

  SUBCASE("a number too large for a double, without nlohmann's exception prefix") {
    CHECK(OnlyError("[1e999]") ==
          "topology.json:1:6: error[json-syntax]: malformed JSON: number overflow parsing "
          "'1e999'");
  }

  SUBCASE("nesting deeper than 256 levels is refused, not exhausted") {
    std::string deep = std::string(256, '[') + std::string(256, ']');
    AssertParse(deep);
    std::string deeper = "\n" + std::string(100000, '[') + std::string(100000, ']');
    CHECK(OnlyError(deeper) ==
          "topology.json:2:257: error[json-syntax]: malformed JSON: nested deeper than 256 "
          "levels");
  }
}

}  // namespace
}  // namespace kst
