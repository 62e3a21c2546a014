// Graphviz: DOT quoting, and the renderer run for real on what kst writes
// (Graphviz is a build dependency; its absence is a failed test, not a skip).

#include "report/graphviz.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

TEST_CASE("DOT quoting") {
  CHECK(DotQuote("plain") == "\"plain\"");
  CHECK(DotQuote("a \"b\"\\c\nd\r") == "\"a \\\"b\\\"\\\\c\\nd\"");
}

TEST_CASE("rendering through Graphviz") {
  GraphvizRenderer renderer;
  std::string svg, error;
  SUBCASE("a graph with a quoted, multi-line label becomes SVG") {
    REQUIRE(renderer.Render("digraph g { a [label=" + DotQuote("CN=*.contoso.com\n\"UM\"") + "]; a -> b; }", "svg",
                            &svg, &error));
    CHECK(error.empty());
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find("CN=*.contoso.com") != std::string::npos);
  }
  SUBCASE("a syntax error is reported with Graphviz's message") {
    CHECK_FALSE(renderer.Render("digraph g { a -> ", "svg", &svg, &error));
    CHECK(error.find("Graphviz `dot -Tsvg` failed") == 0);
    CHECK(error.find("syntax error") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst
