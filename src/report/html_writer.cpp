// The report for a change advisory board: one self-contained HTML file that
// opens offline in any browser. Everything it shows is in the file: the
// pictures are inline SVG drawn by Graphviz (report/html_picture.h), the
// style is inline, and a Content-Security-Policy forbids every fetch, so the
// page neither loads nor leaks anything; it allows only kst's own style and
// script blocks, by their SHA-256, so markup that got in would not run. It reads the same with JavaScript
// off; a small inline script only adds a filter over the findings.
//
// The page: a verdict banner with the exit code's meaning; for kst plan
// --format html, the runbook of the plan (report/html_runbook.h); the findings
// grouped per FQDN (report/html_finding.h); the plan, the topology picture and
// every server's Known Servers Table before and after (report/html_estate.h);
// the readings and named assumptions the verdicts rest on; the inputs with
// their SHA-256 digests, the model's digest and kst's version. Every value
// from the input is escaped (report/html_escape.h): a dial-plan name never
// becomes markup. Tested by html_writer_test.cpp and, in headless Chromium,
// tests/e2e/run_html.sh.

#include <cstdint>
#include <map>
#include <sstream>
#include <string_view>

#include "input/input_digest.h"
#include "model/model_catalog.h"
#include "report/html_escape.h"
#include "report/html_estate.h"
#include "report/html_finding.h"
#include "report/html_picture.h"
#include "report/html_runbook.h"
#include "report/report_writer.h"

namespace kst {
namespace {

constexpr const char* kStyle = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2329;background:#fff}
header.banner{padding:1em 2em;color:#fff}
header.pass{background:#1e7b3c}header.fail{background:#b3261e}header.inconclusive{background:#8a5a00}
header h1{margin:0 0 .3em;font-size:1.6em}header p{margin:.2em 0}
nav,main{padding:0 2em}nav ul{padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:1.2em}
h2{border-bottom:2px solid #d0d5da;padding-bottom:.2em;margin-top:1.6em}
section.fqdn{border-left:4px solid #d0d5da;padding-left:1em;margin:1.2em 0}
article.finding{border:1px solid #d0d5da;border-radius:6px;padding:.4em 1em;margin:.8em 0}
article.error{border-left:6px solid #b3261e}article.warning{border-left:6px solid #c77c00}
article.note{border-left:6px solid #5f6b76}article.waived{opacity:.75}
.severity{text-transform:uppercase;font-size:.8em;font-weight:700;padding:.1em .4em;border-radius:3px;color:#fff;background:#5f6b76}
.error .severity{background:#b3261e}.warning .severity{background:#c77c00}
.waived-tag{font-size:.8em;border:1px solid #5f6b76;border-radius:3px;padding:0 .3em}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}caption{text-align:left;font-weight:600;padding:.2em 0}
th,td{border:1px solid #d0d5da;padding:.2em .5em;text-align:left;vertical-align:top}th{background:#f3f5f7}
tr.changed td{background:#fff6d6}tr.lost td{background:#fde2e0}
code,.digest{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em;overflow-wrap:anywhere}
figure.picture{margin:.6em 0;overflow-x:auto}figure.picture svg{max-width:100%;height:auto}
figcaption{font-style:italic;color:#4a545e}.note{color:#4a545e}
#filter{margin:.6em 0;padding:.5em;background:#f3f5f7;border-radius:6px}
@media print{#filter{display:none}header.banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)";

// Filters the findings by text and severity. The page is complete without it.
constexpr const char* kScript = R"(
(function () {
  'use strict';
  var box = document.getElementById('filter');
  var text = document.getElementById('filter-text');
  if (!box || !text) return;
  var boxes = Array.prototype.slice.call(box.querySelectorAll('input[type=checkbox]'));
  function apply() {
    var words = text.value.toLowerCase();
    var shown = {};
    boxes.forEach(function (b) { shown[b.value] = b.checked; });
    Array.prototype.forEach.call(document.querySelectorAll('article.finding'), function (a) {
      var severity = a.getAttribute('data-severity');
      a.hidden = shown[severity] === false || a.textContent.toLowerCase().indexOf(words) < 0;
    });
    Array.prototype.forEach.call(document.querySelectorAll('section.fqdn'), function (s) {
      s.hidden = s.querySelectorAll('article.finding:not([hidden])').length === 0;
    });
  }
  text.addEventListener('input', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  box.hidden = false;
})();
)";

/// A CSP source that allows exactly the inline block `text`: 'sha256-BASE64'.
/// Markup that got into the page by mistake would then still not run.
std::string CspHash(std::string_view text) {
  const std::string hex = Sha256Digest(text).substr(std::string_view("sha256:").size());
  static constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t left = bytes.size() - i;
    uint32_t group = static_cast<uint8_t>(bytes[i]) << 16;
    if (left > 1) group |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (left > 2) group |= static_cast<uint8_t>(bytes[i + 2]);
    out += kBase64[(group >> 18) & 63];
    out += kBase64[(group >> 12) & 63];
    out += left > 1 ? kBase64[(group >> 6) & 63] : '=';
    out += left > 2 ? kBase64[group & 63] : '=';
  }
  return "'sha256-" + out + "'";
}

/// What an exit code of `kst check` means (README, "Exit codes").
std::string ExitMeaning(int code, Verdict verdict) {
  switch (code) {
    case 0:
      return verdict == Verdict::kPass
                 ? "pass: no finding at or above --fail-on that is not waived; a scenario's expectation met"
                 : "reported as a pass because of --no-fail or --inconclusive-ok; the verdict itself is " +
                       std::string(VerdictName(verdict));
    case 1:
      return "findings at or above --fail-on that are not waived, or a scenario's expectation not met: do not "
             "deploy the change as planned";
    case 4:
      return "inconclusive: not everything could be checked (a budget ran out, or input was not understood); never "
             "a pass";
    case 130:
      return "interrupted: the report covers what was explored before Ctrl-C";
    default:
      return "see kst --help";
  }
}

struct Counts {
  int errors = 0, warnings = 0, notes = 0, waived = 0;
};

Counts Count(const Report& report) {
  Counts counts;
  for (const Finding& f : report.findings) {
    if (f.waiver)
      counts.waived++;
    else if (f.severity == Severity::kError)
      counts.errors++;
    else if (f.severity == Severity::kWarning)
      counts.warnings++;
    else
      counts.notes++;
  }
  return counts;
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

class HtmlWriter : public ReportWriter {
 public:
  explicit HtmlWriter(const WriterOptions& options) : options_(options) {}

  void Write(const Report& report, std::ostream& out) override {
    HtmlPictures pictures(options_.renderer);
    const Scenario* scenario = options_.input ? options_.input->scenario : nullptr;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " << CspHash(kStyle)
        << "; script-src " << CspHash(kScript) << "\">\n"
        << "<meta name=\"generator\" content=\"kst " << KST_VERSION << "\">\n"
        << "<title>kst " << VerdictName(report.verdict) << ": " << EscapeHtml(report.input) << "</title>\n"
        << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
    WriteBanner(report, out);
    WriteContents(scenario != nullptr, options_.plan != nullptr, out);
    out << "<main>\n";
    if (options_.plan) WriteHtmlRunbook(*options_.plan, out);
    WriteFindings(report, scenario, &pictures, out);
    if (scenario) {
      out << "<section id=\"plan\">\n<h2>The change</h2>\n";
      WriteHtmlPlan(*scenario, out);
      out << "</section>\n<section id=\"topology\">\n<h2>Topology</h2>\n";
      WriteHtmlTopology(*scenario, report, &pictures, out);
      out << "</section>\n<section id=\"tables\">\n<h2>Known Servers Tables before and after the plan</h2>\n"
          << "<p>Each server's table after RTCSRV started with the base topology; at the end of the plan, where a "
             "finding above shows every end the orders reach (elsewhere the end does not depend on the order); and "
             "after the next RTCSRV restart with the topology after the plan's last step. Servers with the same "
             "table share one.</p>\n";
      WriteHtmlTables(*scenario, report, out);
      out << "</section>\n";
    }
    WriteReadings(report, out);
    WriteInputs(report, out);
    out << "</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  }

 private:
  void WriteBanner(const Report& report, std::ostream& out) const {
    const Counts counts = Count(report);
    out << "<header class=\"banner " << VerdictName(report.verdict) << "\" id=\"verdict\">\n<h1>kst verdict: <span "
        << "class=\"verdict\">" << VerdictName(report.verdict) << "</span></h1>\n";
    if (options_.exit_code)
      out << "<p class=\"exit-code\">exit code " << *options_.exit_code << ": "
          << EscapeHtml(ExitMeaning(*options_.exit_code, report.verdict)) << "</p>\n";
    out << "<p class=\"input\">" << EscapeHtml(report.input)
        << (report.description.empty() ? "" : " — " + EscapeHtml(report.description)) << "</p>\n";
    out << "<p class=\"summary\">" << Plural(counts.errors, "error") << ", " << Plural(counts.warnings, "warning")
        << (counts.notes ? ", " + Plural(counts.notes, "note") : "") << ", " << counts.waived << " waived; "
        << (report.semantics == "all" ? "the worst of every reading" : "reading " + EscapeHtml(report.semantics))
        << (report.checked_at ? "; checked at " + EscapeHtml(FormatTimestamp(*report.checked_at)) : "") << "</p>\n";
    for (const std::string& reason : report.inconclusive_reasons)
      out << "<p class=\"inconclusive\">inconclusive: " << EscapeHtml(reason) << "</p>\n";
    if (report.expectation)
      out << "<p class=\"expectation\">the scenario's expectation: " << (report.expectation->met ? "met" : "NOT met")
          << "</p>\n";
    out << "</header>\n";
  }

  static void WriteContents(bool estate, bool runbook, std::ostream& out) {
    out << "<nav>\n<ul>\n"
        << (runbook ? "<li><a href=\"#runbook\">Runbook</a></li>\n" : "")
        << "<li><a href=\"#findings\">Findings</a></li>\n";
    if (estate)
      out << "<li><a href=\"#plan\">The change</a></li>\n<li><a href=\"#topology\">Topology</a></li>\n"
          << "<li><a href=\"#tables\">Known Servers Tables</a></li>\n";
    out << "<li><a href=\"#readings\">Readings and assumptions</a></li>\n<li><a href=\"#inputs\">Inputs</a></li>\n"
        << "</ul>\n</nav>\n";
  }

  static void WriteFindings(const Report& report, const Scenario* scenario, HtmlPictures* pictures, std::ostream& out) {
    out << "<section id=\"findings\">\n<h2>Findings</h2>\n";
    if (report.findings.empty()) {
      out << "<p class=\"no-findings\">No findings.</p>\n</section>\n";
      return;
    }
    out << "<div id=\"filter\" hidden>\n<label for=\"filter-text\">Filter the findings:</label> <input "
           "id=\"filter-text\" type=\"search\">\n";
    for (const char* severity : {"error", "warning", "note"})
      out << "<label><input type=\"checkbox\" value=\"" << severity << "\" checked> " << severity << "s</label>\n";
    out << "</div>\n";
    std::vector<std::string> fqdns;  // in report order, each once
    std::map<std::string, std::vector<const Finding*>> by_fqdn;
    for (const Finding& finding : report.findings) {
      auto& group = by_fqdn[finding.fqdn];
      if (group.empty()) fqdns.push_back(finding.fqdn);
      group.push_back(&finding);
    }
    out << "<ul class=\"finding-index\">\n";
    for (const Finding& finding : report.findings)
      out << "<li><a href=\"#" << FindingAnchor(finding) << "\">" << SeverityName(finding.severity) << " "
          << EscapeHtml(finding.rule) << ": " << EscapeHtml(finding.fqdn) << "</a>"
          << (finding.waiver ? " (waived)" : "") << "</li>\n";
    out << "</ul>\n";
    for (const std::string& fqdn : fqdns) {
      out << "<section class=\"fqdn\" id=\"" << HtmlId("fqdn-", fqdn) << "\">\n<h3>" << EscapeHtml(fqdn) << "</h3>\n";
      for (const Finding* finding : by_fqdn[fqdn]) WriteHtmlFinding(*finding, scenario, pictures, out);
      out << "</section>\n";
    }
    out << "</section>\n";
  }

  /// The model's readings and named assumptions: which reading judged, and which findings cite each assumption.
  static void WriteReadings(const Report& report, std::ostream& out) {
    const ModelCatalog& model = ModelCatalog::Embedded();
    out << "<section id=\"readings\">\n<h2>Readings and assumptions</h2>\n<p>Public sources do not settle every "
           "detail of what servers do; kst names each choice as an assumption and each alternative reading of UM "
           "Routing's start-up conflict. This report was judged under "
        << (report.semantics == "all" ? "every reading (the worst judges)"
                                      : "the reading <code>" + EscapeHtml(report.semantics) + "</code>")
        << ".</p>\n<table class=\"readings\">\n<caption>Readings</caption>\n<thead><tr><th scope=\"col\">reading</th>"
           "<th scope=\"col\">what it says</th><th scope=\"col\">assumptions</th></tr></thead>\n<tbody>\n";
    for (const Semantics& semantics : model.semantics()) {
      std::string assumptions;
      for (const std::string& id : semantics.assumptions)
        assumptions += (assumptions.empty() ? "" : ", ") + EscapeHtml(id);
      out << "<tr><td><code>" << EscapeHtml(semantics.name) << "</code>" << (semantics.is_default ? " (default)" : "")
          << "</td><td>" << EscapeHtml(semantics.statement) << "</td><td>" << assumptions << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    std::map<std::string, std::vector<const Finding*>> cited;
    for (const Finding& finding : report.findings)
      for (const std::string& id : finding.assumptions) cited[id].push_back(&finding);
    out << "<table class=\"assumptions\">\n<caption>Named assumptions of the model</caption>\n<thead><tr><th "
           "scope=\"col\">assumption</th><th scope=\"col\">kind</th><th scope=\"col\">statement</th><th "
           "scope=\"col\">source</th><th scope=\"col\">findings resting on it</th></tr></thead>\n<tbody>\n";
    for (const Assumption& assumption : model.assumptions()) {
      std::string findings;
      for (const Finding* finding : cited[assumption.id])
        findings += (findings.empty() ? "" : ", ") + std::string("<a href=\"#") + FindingAnchor(*finding) + "\">" +
                    EscapeHtml(finding->rule + ":" + finding->fqdn) + "</a>";
      out << "<tr id=\"" << HtmlId("assumption-", assumption.id) << "\"><td><code>" << EscapeHtml(assumption.id)
          << "</code></td><td>" << EscapeHtml(assumption.kind) << "</td><td>" << EscapeHtml(assumption.statement)
          << "</td><td>" << EscapeHtml(assumption.source) << "</td><td>" << findings << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
  }

  void WriteInputs(const Report& report, std::ostream& out) const {
    out << "<section id=\"inputs\">\n<h2>Inputs</h2>\n<table class=\"inputs\">\n<caption>What was checked, and by "
           "which kst</caption>\n<tbody>\n"
        << "<tr><th scope=\"row\">input</th><td>" << EscapeHtml(report.input) << "</td></tr>\n";
    if (options_.input && options_.input->files.empty() && options_.input->digest.empty()) {
      out << "<tr><th scope=\"row\">input files</th><td>none: the plan kst plan synthesised, written with -o "
             "when asked</td></tr>\n";
    } else if (options_.input) {
      for (const CheckedFile& file : options_.input->files)
        out << "<tr><th scope=\"row\">file " << EscapeHtml(file.name) << "</th><td class=\"digest\">"
            << EscapeHtml(file.sha256) << "</td></tr>\n";
      out << "<tr><th scope=\"row\">input digest (every file, as kst replay checks it)</th><td class=\"digest\">"
          << EscapeHtml(options_.input->digest) << "</td></tr>\n";
    } else {
      out << "<tr><th scope=\"row\">input files</th><td>not recorded by this command</td></tr>\n";
    }
    const Statistics& s = report.statistics;
    out << "<tr><th scope=\"row\">kst version</th><td>" << KST_VERSION << "</td></tr>\n"
        << "<tr><th scope=\"row\">model digest (model/kst-model.json)</th><td class=\"digest\">"
        << EmbeddedModelDigest() << "</td></tr>\n"
        << "<tr><th scope=\"row\">explored</th><td>" << s.servers << " servers × " << s.fqdns << " FQDNs = " << s.cells
        << " cells in " << s.classes << " classes, " << s.states << " states, " << s.transitions
        << " transitions, depth " << s.depth << "</td></tr>\n</tbody>\n</table>\n";
    if (!report.imports.empty()) {
      out << "<table class=\"imports\">\n<caption>Real exports read</caption>\n<thead><tr><th scope=\"col\">file"
             "</th><th scope=\"col\">format</th><th scope=\"col\">encoding</th><th scope=\"col\">status</th></tr>"
             "</thead>\n<tbody>\n";
      for (const FileImportReport& file : report.imports)
        out << "<tr><td>" << EscapeHtml(file.file) << "</td><td>" << EscapeHtml(file.format) << "</td><td>"
            << EscapeHtml(file.encoding) << "</td><td>" << ImportStatusName(file.status()) << "</td></tr>\n";
      out << "</tbody>\n</table>\n";
    }
    WriteMessages(report, out);
    out << "</section>\n";
  }

  static void WriteMessages(const Report& report, std::ostream& out) {
    if (report.diagnostics.all().empty() && report.notes.empty() && !report.expectation) return;
    out << "<h3>Notes</h3>\n<ul class=\"notes\">\n";
    for (const Diagnostic& d : report.diagnostics.all()) out << "<li>" << EscapeHtml(d.ToString()) << "</li>\n";
    for (const std::string& note : report.notes) out << "<li>" << EscapeHtml(note) << "</li>\n";
    if (report.expectation) {
      out << "<li>the scenario's expectation: " << (report.expectation->met ? "met" : "NOT met") << "</li>\n";
      for (const std::string& difference : report.expectation->differences)
        out << "<li>" << EscapeHtml(difference) << "</li>\n";
    }
    if (!report.findings.empty())
      out << "<li>event texts are kst's descriptions (the real texts are not public); ids and sources are the "
             "servers'.</li>\n";
    out << "</ul>\n";
  }

  WriterOptions options_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeHtmlWriter(const WriterOptions& options) {
  return std::make_unique<HtmlWriter>(options);
}

}  // namespace kst
