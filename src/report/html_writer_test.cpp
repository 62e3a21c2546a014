// The HTML report (src/report/html_writer.cpp) on the seed case in small:
// what it shows, that it is one self-contained page, and that names from the
// input stay text. Headless Chromium and tidy check real reports in
// tests/e2e/run_html.sh.

#include <doctest/doctest.h>

#include <sstream>

#include "check/analysis.h"
#include "report/graphviz.h"
#include "report/report_writer.h"
#include "test_world.h"

namespace kst {
namespace {

/// Draws every picture as a tiny SVG that names the picture's number, and
/// keeps the DOT it was given; or fails, as a machine without Graphviz does.
class FakeRenderer : public DotRenderer {
 public:
  bool Render(std::string_view dot, const std::string& format, std::string* out, std::string* error) override {
    dots.emplace_back(dot);
    if (fail) {
      *error = "Graphviz `dot` is not installed";
      return false;
    }
    *out = "<?xml version=\"1.0\"?>\n<!-- " + std::string(dot.substr(0, 10)) + " -->\n<svg xmlns=\"" + format +
           "\"><g id=\"graph0\"><text>picture " + std::to_string(dots.size()) + "</text></g></svg>\n";
    return true;
  }
  std::vector<std::string> dots;
  bool fail = false;
};

/// The seed case (O1) with a description and a dial-plan name that try to become markup.
const char* const kHostileSeed = R"({"format": "kst-scenario/1",
  "description": "<script>alert('board')</script> & \"quotes\" \u202Eevil",
  "topology": {"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
       "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "<img src=x onerror=alert(1)>", "uri_type": "SipName",
                                    "servers": ["ex1.contoso.com"]}]}},
  "plan": [{"op": "add_trusted_application_pool",
            "pool": {"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}}],
  "environment": {"restarts": "planned"}})";

struct Written {
  std::string html;
  FakeRenderer renderer;
};

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

TEST_CASE("html report") {
  const Scenario scenario = AssertScenario(kHostileSeed);
  const Report report = Analyze(scenario, true, ModelCatalog::Embedded(), {}, {});
  REQUIRE(report.findings.size() == 2);
  const CheckedInput input{&scenario, {{"s.json", "sha256:0123"}}, "sha256:4567"};
  FakeRenderer renderer;
  WriterOptions options;
  options.input = &input;
  options.exit_code = 1;
  options.renderer = &renderer;
  std::ostringstream out;
  MakeReportWriter("html", options)->Write(report, out);
  const std::string html = out.str();

  SUBCASE("Given the seed case, we should write one page with the verdict and the exit code's meaning") {
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(html.size() - html.rfind("</html>\n") == 8);
    CHECK(html.find("<header class=\"banner fail\" id=\"verdict\">") != std::string::npos);
    CHECK(html.find("<p class=\"exit-code\">exit code 1: findings at or above --fail-on") != std::string::npos);
    CHECK(html.find("2 errors, 0 warnings, 0 waived") != std::string::npos);
  }
  SUBCASE("Given two findings on one FQDN, we should group them under it with each server's outcome") {
    CHECK(Count(html, "<section class=\"fqdn\"") == 1);
    CHECK(html.find("<section class=\"fqdn\" id=\"fqdn-ex1.contoso.com\">\n<h3>ex1.contoso.com</h3>") !=
          std::string::npos);
    CHECK(html.find("id=\"finding-kst_2Fversion-conflict_20ex1.contoso.com\"") != std::string::npos);
    CHECK(html.find("id=\"finding-kst_2Funknown-server_20ex1.contoso.com\"") != std::string::npos);
    CHECK(html.find("<tr class=\"server\"><td>fe01.contoso.com</td><td>yes</td>") != std::string::npos);
    CHECK(html.find("<tr class=\"server\"><td>fe02.contoso.com</td><td>yes</td>") != std::string::npos);
    CHECK(html.find("<caption>Fixes for this plan, re-checked by kst</caption>") != std::string::npos);
    CHECK(html.find("<td>Leave out plan step 1") != std::string::npos);
  }
  SUBCASE("Given the scenario, we should draw the traces and the topology inline, with ids of their own") {
    CHECK(renderer.dots.size() == 3);  // a sequence diagram per finding, then the topology
    CHECK(renderer.dots.back().rfind("digraph kst {", 0) == 0);
    CHECK(html.find("<g id=\"p1-graph0\"><text>picture 1</text>") != std::string::npos);
    CHECK(html.find("<g id=\"p3-graph0\"><text>picture 3</text>") != std::string::npos);
    CHECK(html.find("<?xml") == std::string::npos);
    CHECK(html.find("<!--") == std::string::npos);
  }
  SUBCASE("Given the plan, we should show every server's table before and after it") {
    CHECK(html.find("<caption><span class=\"servers\">fe01.contoso.com, fe02.contoso.com</span>") != std::string::npos);
    // The plan ends with ex1 absent on both Front Ends; the next restart brings version 6 back.
    CHECK(html.find("<tr class=\"changed lost\"><td>ex1.contoso.com</td><td>version 0</td><td>absent</td><td>version "
                    "6</td></tr>") != std::string::npos);
    CHECK(html.find("<td>1</td><td>Lync topology published</td><td>add trusted application pool ex1.contoso.com") !=
          std::string::npos);
  }
  SUBCASE("Given the inputs, we should list their digests, the model's and kst's version") {
    CHECK(html.find("<tr><th scope=\"row\">file s.json</th><td class=\"digest\">sha256:0123</td></tr>") !=
          std::string::npos);
    CHECK(html.find("<td class=\"digest\">sha256:4567</td>") != std::string::npos);
    CHECK(html.find("<tr><th scope=\"row\">kst version</th><td>" KST_VERSION "</td></tr>") != std::string::npos);
    CHECK(html.find("id=\"assumption-steady-start\"") != std::string::npos);
  }
  SUBCASE("Given markup, quotes and bidi controls in names, we should keep them text") {
    CHECK(html.find("alert('board')") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;board&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; \\u202eevil") !=
          std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("\u202E") == std::string::npos);
    CHECK(Count(html, "<script>") == 1);                                                    // the page's own filter
    CHECK(renderer.dots.back().find("<img src=x onerror=alert(1)>") != std::string::npos);  // DOT: Graphviz escapes
  }
  SUBCASE("Given the page, we should fetch nothing") {
    CHECK(html.find("default-src 'none'; style-src 'sha256-") != std::string::npos);
    CHECK(html.find("unsafe-inline") == std::string::npos);
    for (const char* tag : {"<img", "<iframe", "<link", "<object", "<embed", "<base"})
      CHECK(html.find(tag) == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
  }
}

TEST_CASE("html report without the input or Graphviz") {
  const Scenario scenario = AssertScenario(kHostileSeed);
  const Report report = Analyze(scenario, true, ModelCatalog::Embedded(), {}, {});
  SUBCASE("Given no Graphviz, we should say so where each picture would be and keep the tables") {
    const CheckedInput input{&scenario, {}, "sha256:4567"};
    FakeRenderer renderer;
    renderer.fail = true;
    WriterOptions options;
    options.input = &input;
    options.renderer = &renderer;
    std::ostringstream out;
    MakeReportWriter("html", options)->Write(report, out);
    CHECK(Count(out.str(), "<p class=\"note\">Not drawn: Graphviz `dot` is not installed</p>") == 3);
    CHECK(out.str().find("<table class=\"trace\">") != std::string::npos);
    CHECK(out.str().find("<p class=\"exit-code\">") == std::string::npos);  // no exit code given
  }
  SUBCASE("Given only the report (kst diff's new findings), we should show the findings and say what is missing") {
    FakeRenderer renderer;
    WriterOptions options;
    options.renderer = &renderer;
    std::ostringstream out;
    MakeReportWriter("html", options)->Write(report, out);
    CHECK(renderer.dots.empty());
    CHECK(out.str().find("id=\"topology\"") == std::string::npos);
    CHECK(out.str().find("<td>not recorded by this command</td>") != std::string::npos);
    CHECK(out.str().find("id=\"finding-kst_2Fversion-conflict_20ex1.contoso.com\"") != std::string::npos);
  }
  SUBCASE("Given a clean topology, we should say so") {
    Report clean;
    clean.input = "clean.json";
    clean.semantics = "withdraw-remember";
    WriterOptions options;
    options.exit_code = 0;
    std::ostringstream out;
    MakeReportWriter("html", options)->Write(clean, out);
    CHECK(out.str().find("<header class=\"banner pass\"") != std::string::npos);
    CHECK(out.str().find("exit code 0: pass") != std::string::npos);
    CHECK(out.str().find("<p class=\"no-findings\">No findings.</p>") != std::string::npos);
  }
}

}  // namespace
}  // namespace kst
