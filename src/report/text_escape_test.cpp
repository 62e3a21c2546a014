// EscapeText: controls, separators, broken UTF-8 and CI log commands made
// harmless, everything else kept, escaping twice the same as once; the GitHub
// workflow command escapes on top of it.

#include "report/text_escape.h"

#include <doctest/doctest.h>

#include <string>

namespace kst {
namespace {

TEST_CASE("EscapeText") {
  SUBCASE("Given plain text, we should keep it, backslashes, IPv6 addresses and non-ASCII letters included") {
    for (const char* text : {"", "Contoso SIP", "C:\\exports\\topology.xml", "2001:db8::1", "Zürich €5 𝄞", "a::b",
                             "# not ## a [command]", "##", "["})
      CHECK(EscapeText(text) == text);
  }
  SUBCASE("Given C0 controls, DEL and C1 controls, we should write them as escapes") {
    CHECK(EscapeText("red \x1b[31mSIP\x1b[0m") == "red \\x1b[31mSIP\\x1b[0m");
    CHECK(EscapeText("a\nb\rc\td") == "a\\nb\\rc\\td");
    CHECK(EscapeText(std::string("nul\0bel\a", 8)) == "nul\\x00bel\\x07");
    CHECK(EscapeText("del\x7f") == "del\\x7f");
    CHECK(EscapeText("csi\xc2\x9b"
                     "31m nel\xc2\x85") == "csi\\u009b31m nel\\u0085");
    CHECK(EscapeText("\xc2\xa0nbsp") == "\xc2\xa0nbsp");  // U+00A0 is no control
  }
  SUBCASE("Given line separators and bidirectional controls, we should write them as escapes") {
    CHECK(EscapeText("a\u2028b\u2029c") == "a\\u2028b\\u2029c");
    CHECK(EscapeText("abc\u202Efed\u202C \u2066x\u2069 \u200F\u061C") ==
          "abc\\u202efed\\u202c \\u2066x\\u2069 \\u200f\\u061c");
  }
  SUBCASE("Given bytes that are not UTF-8, we should write each as \\xHH") {
    CHECK(EscapeText("a\xff"
                     "b") == "a\\xffb");
    CHECK(EscapeText("\xc0\xaf") == "\\xc0\\xaf");           // overlong '/'
    CHECK(EscapeText("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a UTF-16 surrogate
    CHECK(EscapeText("\xe2\x82") == "\\xe2\\x82");           // cut short
  }
  SUBCASE("Given a workflow command, we should take its power away and nothing else") {
    CHECK(EscapeText("::warning::x") == "\\x3a:warning::x");
    CHECK(EscapeText("  ::error file=a::b") == "  \\x3a:error file=a::b");
    CHECK(EscapeText("\xc2\xa0\xe3\x80\x80::stop-commands::t") == "\xc2\xa0\xe3\x80\x80\\x3a:stop-commands::t");
    CHECK(EscapeText("x\n::warning::x") == "x\\n::warning::x");  // the \n is no line break any more
    CHECK(EscapeText("mid ##[error]boom") == "mid ##\\x5berror]boom");
    CHECK(EscapeText("##vso[task.complete result=Failed]") == "##vso\\x5btask.complete result=Failed]");
    CHECK(EscapeText("##VSO[task.setvariable]") == "##VSO\\x5btask.setvariable]");
  }
  SUBCASE("Given any text, escaping twice should equal escaping once") {
    for (const std::string text : {std::string("\x1b[31m\n::warning::x"), std::string("  ::a ##[b] ##vso[c]"),
                                   std::string("\xff\xc2\x9b\t"), std::string("\u202E::x"), std::string("plain")})
      CHECK(EscapeText(EscapeText(text)) == EscapeText(text));
  }
}

TEST_CASE("GitHub workflow command escapes") {
  CHECK(EscapeWorkflowData("100% done\r\nnext") == "100%25 done%0D%0Anext");
  CHECK(EscapeWorkflowData("a: b, c") == "a: b, c");
  CHECK(EscapeWorkflowProperty("kst/version-conflict: a, b") == "kst/version-conflict%3A a%2C b");
  CHECK(EscapeWorkflowProperty("dir/\x1b[31m\n.json") == "dir/\\x1b[31m\\n.json");
}

}  // namespace
}  // namespace kst
