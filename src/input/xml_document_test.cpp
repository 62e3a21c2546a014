// Encodings Windows tools write, line numbers from pugixml offsets, and the
// refusal of document type declarations (billion laughs, external entities).

#include "input/xml_document.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

std::string Utf16Le(std::string_view ascii, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

TEST_CASE("text decoding") {
  DecodedText text;
  std::string error;
  SUBCASE("UTF-8 with and without BOM") {
    REQUIRE(DecodeText("\xEF\xBB\xBF<a/>", &text, &error));
    CHECK(text.utf8 == "<a/>");
    CHECK(text.encoding == "utf-8 with BOM");
    REQUIRE(DecodeText("<a/>", &text, &error));
    CHECK(text.encoding == "utf-8");
  }
  SUBCASE("UTF-16LE with BOM, as Windows PowerShell's > writes") {
    REQUIRE(DecodeText(Utf16Le("<a>\r\n</a>", true), &text, &error));
    CHECK(text.utf8 == "<a>\r\n</a>");
    CHECK(text.encoding == "utf-16le with BOM");
  }
  SUBCASE("UTF-16 surrogate pairs become one UTF-8 code point") {
    std::string bytes("\xFF\xFE\x3D\xD8\x00\xDE", 6);  // U+1F600
    REQUIRE(DecodeText(bytes, &text, &error));
    CHECK(text.utf8 == "\xF0\x9F\x98\x80");
  }
  SUBCASE("broken input is refused with the byte offset") {
    CHECK_FALSE(DecodeText(std::string("\xFF\xFE<\0a", 5), &text, &error));
    CHECK(error.find("odd number of bytes") != std::string::npos);
    CHECK_FALSE(DecodeText("ab\xC3(", &text, &error));
    CHECK(error == "not UTF-8 or UTF-16 text: invalid byte 0xc3 at byte 2");
    CHECK_FALSE(DecodeText(std::string("\xFF\xFE\x00\xDC", 4), &text, &error));
    CHECK(error.find("unpaired UTF-16 surrogate") != std::string::npos);
  }
  SUBCASE("the offset of an encoding error has a line and a column, in the text's own encoding") {
    int line = 0, column = 0;
    const std::string utf8 = "{\n  \"a\": \"x\xFF\"}";
    CHECK_FALSE(DecodeText(utf8, &text, &error));
    ByteLocation(utf8, text.error_offset, &line, &column);
    CHECK(line == 2);
    CHECK(column == 10);
    const std::string utf16("\xFF\xFE{\0\n\0a\0\x00\xDC", 10);  // "{", LF, "a", then a lone low surrogate
    CHECK_FALSE(DecodeText(utf16, &text, &error));
    ByteLocation(utf16, text.error_offset, &line, &column);
    CHECK(line == 2);
    CHECK(column == 2);
  }
  SUBCASE("only well-formed UTF-8 passes: no overlong forms, surrogates, or code points past U+10FFFF") {
    CHECK(FindInvalidUtf8("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF") == std::string_view::npos);
    CHECK(FindInvalidUtf8("a\xC0\x80") == 1);         // overlong NUL
    CHECK(FindInvalidUtf8("ab\xE0\x80\xAF") == 2);    // overlong '/'
    CHECK(FindInvalidUtf8("\xED\xA0\x80") == 0);      // U+D800
    CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == 0);  // U+110000
    CHECK(FindInvalidUtf8("\xF5\x80\x80\x80") == 0);
    CHECK(FindInvalidUtf8("\xE2\x82") == 0);  // cut short
  }
}

TEST_CASE("XML documents") {
  Diagnostics diagnostics;
  XmlDocument document;
  SUBCASE("elements know their line, path and namespace") {
    REQUIRE(document.Parse("t.xml", "<T xmlns=\"urn:a\">\n  <C/>\n  <C>\n    <p:M xmlns:p=\"urn:b\"/>\n  </C>\n</T>",
                           &diagnostics));
    pugi::xml_node second = document.root().child("C").next_sibling("C");
    CHECK(document.LocationOf(second).ToString() == "t.xml:3:3");
    pugi::xml_node machine = second.first_child();
    CHECK(document.ElementPath(machine) == "/T/C[2]/M");
    CHECK(LocalName(machine) == "M");
    CHECK(NamespaceOf(machine) == "urn:b");
    CHECK(NamespaceOf(second) == "urn:a");
    CHECK(ChildNamed(second, "M") == machine);
  }
  SUBCASE("a syntax error names its line") {
    CHECK_FALSE(document.Parse("t.xml", "<T>\n<C>\n</T>", &diagnostics));
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].id == "xml-syntax");
    CHECK(diagnostics.all()[0].location.line == 3);
  }
  SUBCASE("billion laughs and external entities are refused, not expanded") {
    CHECK_FALSE(document.Parse("lol.xml",
                               "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
                               " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n"
                               "<lolz>&lol1;</lolz>",
                               &diagnostics));
    CHECK(diagnostics.all().back().id == "xml-doctype");
    CHECK(diagnostics.all().back().location.line == 2);
    CHECK_FALSE(document.Parse(
        "xxe.xml", "<!DOCTYPE foo [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]><foo>&xxe;</foo>", &diagnostics));
    CHECK(diagnostics.all().back().id == "xml-doctype");
  }
  SUBCASE("a character reference to no character is refused at its element") {
    CHECK_FALSE(document.Parse("t.xml", "<T>\n  <C Name=\"a&#xD800;b\"/>\n</T>", &diagnostics));
    CHECK(diagnostics.all().back().ToString() ==
          "t.xml:2:3: error[text-encoding]: a character reference names no Unicode character (a surrogate, or past "
          "U+10FFFF) in /T/C");
    CHECK_FALSE(document.Parse("t.xml", "<T>\n  <C>&#x110000;</C>\n</T>", &diagnostics));
    CHECK(diagnostics.all().back().location.line == 2);
    REQUIRE(document.Parse("t.xml", "<T><C>&#xE9;&#x1F600;</C></T>", &diagnostics));
  }
  SUBCASE("what pugixml accepts but XML 1.0 calls malformed is xml-syntax, at the byte") {
    struct Case {
      const char* text;
      const char* located;  // "line:column: message start"
    };
    const Case cases[] = {
        {"<T>\n  <C Fqdn=\"a\" Fqdn=\"b\"/>\n</T>",
         "2:15: error[xml-syntax]: malformed XML: attribute Fqdn appears twice in <C> (first at line 2, column 6)"},
        {"<T>\n  <C\n   Fqdn='a'\n   Fqdn = 'b'/>\n</T>",
         "4:4: error[xml-syntax]: malformed XML: attribute Fqdn appears twice"},
        {"<T/>\n<T/>", "2:1: error[xml-syntax]: malformed XML: content after the root element: a second element <T>"},
        {"<T></T>\ntext", "2:1: error[xml-syntax]: malformed XML: content after the root element: text"},
        {"<T/><![CDATA[x]]>", "1:5: error[xml-syntax]: malformed XML: content after the root element: a CDATA section"},
        {"text\n<T/>", "1:1: error[xml-syntax]: malformed XML: text before the root element"},
        {"<T>&nbsp;</T>", "1:4: error[xml-syntax]: malformed XML: the entity &nbsp; is not defined"},
        {"<T>a & b</T>", "1:6: error[xml-syntax]: malformed XML: a bare '&'"},
        {"<T a=\"x&y\"/>", "1:8: error[xml-syntax]: malformed XML: a bare '&'"},
        {"<T>&#;</T>", "1:4: error[xml-syntax]: malformed XML: a character reference that is not"},
        {"<T a=\"<\"/>", "1:7: error[xml-syntax]: malformed XML: '<' in the value of attribute a"},
        {"<T>\x01</T>", "1:4: error[xml-syntax]: malformed XML: character U+0001 is not allowed in XML"},
        {"<T>\xEF\xBF\xBF</T>", "1:4: error[xml-syntax]: malformed XML: character U+FFFF is not allowed in XML"},
        {"<T>&#x1;</T>",
         "1:4: error[xml-syntax]: malformed XML: the character reference &#x1; names U+0001, which XML does not allow"},
        {"<T><!-- a -- b --></T>", "1:11: error[xml-syntax]: malformed XML: \"--\" inside a comment"},
        {"<T>]]></T>", "1:4: error[xml-syntax]: malformed XML: \"]]>\" in text"},
        {"<T/>\n<?xml version=\"1.0\"?>", "2:1: error[xml-syntax]: malformed XML: an XML declaration"},
        {" <?xml version=\"1.0\"?><T/>", "1:2: error[xml-syntax]: malformed XML: an XML declaration"},
    };
    for (const Case& c : cases) {
      std::string text = c.text;
      CAPTURE(text);
      Diagnostics found;
      CHECK_FALSE(document.Parse("t.xml", text, &found));
      REQUIRE(found.all().size() == 1);
      std::string got = found.all()[0].ToString();
      CAPTURE(got);
      CHECK(got.rfind(std::string("t.xml:") + c.located, 0) == 0);
      CHECK(found.all()[0].id == "xml-syntax");
    }
  }
  SUBCASE("well-formed XML that looks close to those still parses") {
    const char* fine[] = {
        "<?xml version=\"1.0\"?>\n<!-- c --><T a='&lt;&amp;&#60;&#x3C;' b=\">\"><![CDATA[& < ]]>]]</T>\n<!-- after -->",
        "<T><?xml-stylesheet href=\"a\"?>&quot;&apos;&gt;</T>\n<?pi after?>\n",
        "<T x:a='1' y:a='1' A='1' a='1' c-d.e_f='2'/>",
    };
    for (std::string text : fine) {
      CAPTURE(text);
      Diagnostics found;
      CHECK(document.Parse("t.xml", text, &found));
      CHECK(found.all().empty());
      for (const Diagnostic& d : found.all()) CAPTURE(d.ToString());
      if (!found.all().empty()) FAIL_CHECK(found.all()[0].ToString());
    }
  }
  SUBCASE("many attributes in one tag: a duplicate among them is still found") {
    std::string text = "<T";
    for (int i = 0; i < 1000; ++i) text += " a" + std::to_string(i) + "='1'";
    text += " a500='2'/>";
    Diagnostics found;
    CHECK_FALSE(document.Parse("t.xml", text, &found));
    REQUIRE(found.all().size() == 1);
    CHECK(found.all()[0].message.find("attribute a500 appears twice") != std::string::npos);
  }
  SUBCASE("element paths count same-named siblings") {
    REQUIRE(document.Parse("t.xml", "<T><A/><B/><A><M/><M/></A><B/><C/></T>", &diagnostics));
    pugi::xml_node second_a = document.root().child("A").next_sibling("A");
    CHECK(document.ElementPath(second_a.first_child().next_sibling()) == "/T/A[2]/M[2]");
    CHECK(document.ElementPath(document.root().child("C")) == "/T/C");
    CHECK(document.ElementPath(document.root().child("B")) == "/T/B[1]");
    CHECK(document.ElementPath(document.root()) == "/T");
  }
  SUBCASE("UTF-16LE files load through the file reader") {
    VirtualFileReader files;
    files.Add("u16.xml", Utf16Le("<Topology>\r\n<Clusters/>\r\n</Topology>", true));
    std::string encoding;
    REQUIRE(LoadXmlFile("u16.xml", &files, &document, &encoding, &diagnostics));
    CHECK(encoding == "utf-16le with BOM");
    CHECK(document.LocationOf(document.root().first_child()).line == 2);
  }
}

}  // namespace
}  // namespace kst
