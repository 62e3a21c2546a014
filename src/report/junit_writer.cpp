// The JUnit XML report, for CI servers that show test results (Jenkins,
// GitLab, Azure DevOps). Their readers agree on a small common dialect:
// <testsuites>/<testsuite name tests failures errors skipped>/<testcase
// classname name> holding at most one of <failure>, <error>, <skipped>, plus
// <system-out>. We stay inside it and add no attribute of our own, because
// some readers (Jenkins' xUnit plugin) validate against a schema.
//
// Mapping, one <testsuite> per input file:
//  - an error finding is a failing test case: classname "<input stem>.<rule>"
//    (so reports of several inputs merged in one Jenkins job stay apart, and
//    Jenkins' package/class tree reads file, then rule), name the FQDN;
//  - a warning finding passes, its explanation in <system-out>: `kst check`
//    exits 0 on warnings, and a red test would contradict the gate;
//  - a waived finding is <skipped message="waived: reason (owner, expires)">;
//  - a rule with no finding gives a passing "no <rule>" case, so a clean run
//    shows the checks that ran instead of an empty file; when the verdict is
//    inconclusive those cases are skipped instead: nothing was established;
//  - an inconclusive verdict is an <error> case "verdict", and a scenario's
//    expect block is a case "expectation" that fails when it is not met.
// No timestamps and no times: the same input gives the same bytes. Values
// from the input go through EscapeText (report/text_escape.h) before XML
// escaping, so a control character shows as \x1b in a CI page (XML 1.0 forbids
// most C0 characters; DEL and C1 it allows, but a log that prints the case
// would obey them), and XmlEscape's U+FFFD stays a last resort.

#include <filesystem>
#include <map>
#include <sstream>
#include <string_view>

#include "model/model_catalog.h"
#include "report/impact_text.h"
#include "report/report_writer.h"
#include "report/text_blocks.h"
#include "report/text_escape.h"

namespace kst {
namespace {

/// Length of the valid UTF-8 sequence at text[i] (code point in *cp), or 0.
size_t Utf8Sequence(std::string_view text, size_t i, char32_t* cp) {
  unsigned char lead = static_cast<unsigned char>(text[i]);
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || i + length > text.size()) return 0;
  char32_t value = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinimum[length] || value > 0x10FFFF) return 0;  // overlong or out of range
  *cp = value;
  return length;
}

/// `text` as XML 1.0 character data or attribute value. Markup characters
/// become entities (quotes only in attributes, so bodies stay readable).
/// What XML 1.0 forbids (C0 controls but tab, LF and CR; surrogates; U+FFFE,
/// U+FFFF; broken UTF-8) becomes U+FFFD, so one odd byte in an input file
/// cannot make the whole report unreadable. In attributes, tab, LF and CR
/// are written as references, which a parser does not fold to spaces.
std::string XmlEscape(std::string_view text, bool attribute = false) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      char32_t cp = 0;
      size_t length = Utf8Sequence(text, i, &cp);
      bool allowed = length > 0 && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
      out += allowed ? text.substr(i, length) : kReplacement;
      i += length > 0 ? length : 1;
      continue;
    }
    ++i;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 ? kReplacement : std::string_view(&c, 1);
    }
  }
  return out;
}

/// The items, each escaped, between separators.
std::string Join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + EscapeText(items[i]);
  return out;
}

/// Everything a finding says, as plain text: what a reader of a CI page needs
/// without running kst (claims with file:line, the predicted lines, every
/// trace step with its log lines and the entry after it, the fixes).
std::string ExplainFinding(const Finding& finding) {
  std::ostringstream out;
  out << SeverityName(finding.severity) << " " << EscapeText(finding.rule) << ": " << EscapeText(finding.fqdn) << "\n"
      << EscapeText(finding.message) << "\n";
  if (!finding.servers.empty())  // a waiver finding names no server
    out << "servers: " << EscapeText(finding.servers_summary) << " (" << Join(finding.servers) << ")\n";
  WriteImpactText(finding, "", out);
  if (!finding.claims.empty()) out << "claims:\n";
  for (const ClaimRef& claim : finding.claims)
    out << "  version " << claim.version << "  " << EscapeText(claim.producer) << ": " << EscapeText(claim.what)
        << "  (" << EscapeText(claim.location.ToString()) << ")\n";
  if (!finding.events.empty()) out << "predicted event-log lines:\n";
  for (const std::string& event : finding.events) out << "  " << EscapeText(event) << "\n";
  for (const Trace& trace : finding.traces) WriteTraceText(trace, "", out);
  out << "rests on: " << Join(finding.assumptions);
  if (!finding.holds_under.empty()) out << "; holds under reading(s): " << Join(finding.holds_under);
  out << "\n";
  for (const CheckedFix& fix : finding.checked_fixes)
    out << "fix for this plan (kst explored the edited plan): " << EscapeText(fix.fix) << "\n  -> "
        << EscapeText(fix.result) << "\n";
  if (!finding.fixes.empty()) out << "fix options:\n";
  for (const std::string& fix : finding.fixes) out << "  - " << EscapeText(fix) << "\n";
  if (finding.waiver)
    out << "waived at " << EscapeText(finding.waiver->location.ToString()) << ": " << EscapeText(finding.waiver->reason)
        << "\n";
  return out.str();
}

/// One <testcase>; `outcome` is "" (passed), "failure", "error" or "skipped".
struct TestCase {
  std::string classname;
  std::string name;
  std::string outcome;
  std::string message;
  std::string type;
  std::string body;        // inside <failure>/<error>
  std::string system_out;  // the explanation of a passing or skipped case
};

std::string RuleSuffix(const std::string& rule) {
  return rule.substr(rule.rfind('/') + 1);
}

TestCase FindingCase(const std::string& stem, const Finding& finding) {
  TestCase test{stem + "." + EscapeText(RuleSuffix(finding.rule)),
                EscapeText(finding.fqdn),
                "",
                "",
                EscapeText(finding.rule),
                "",
                ""};
  std::string explanation = ExplainFinding(finding);
  if (finding.waiver) {
    const WaiverRef& w = *finding.waiver;
    test.outcome = "skipped";
    test.message = "waived: " + EscapeText(w.reason + " (" + w.owner + ", " + w.expires + ")");
    test.system_out = explanation;
  } else if (finding.severity == Severity::kError) {
    test.outcome = "failure";
    test.message = EscapeText(finding.message);
    const std::string impact = ImpactSummary(finding);
    if (!impact.empty()) test.message += "; " + impact;
    test.body = explanation;
  } else {
    test.system_out = explanation;
  }
  return test;
}

/// A case per rule of the model with no finding, so a clean run shows the
/// checks that ran. An inconclusive run established nothing: skipped.
void AddQuietRuleCases(const Report& report, const std::string& stem, std::vector<TestCase>* cases) {
  for (const RuleInfo& rule : ModelCatalog::Embedded().rules()) {
    bool found = false;
    for (const Finding& finding : report.findings) found = found || finding.rule == rule.id;
    if (found) continue;
    TestCase test{stem + "." + RuleSuffix(rule.id), "no " + rule.id, "", "", rule.id, "", ""};
    if (report.verdict == Verdict::kInconclusive) {
      test.outcome = "skipped";
      test.message = "not established: the verdict is inconclusive";
    } else {
      test.system_out = "checked, no finding. " + rule.id + ": " + rule.short_description + "\n";
    }
    cases->push_back(test);
  }
}

std::vector<TestCase> BuildCases(const Report& report, const std::string& stem) {
  std::vector<TestCase> cases;
  if (report.verdict == Verdict::kInconclusive) {
    std::vector<std::string> reasons = report.inconclusive_reasons;
    if (reasons.empty()) reasons.push_back("no reason given");
    cases.push_back({stem + ".verdict", "verdict", "error", "inconclusive: " + Join(reasons, "; "), "kst/inconclusive",
                     Join(reasons, "\n") + "\n", ""});
  }
  for (const Finding& finding : report.findings) cases.push_back(FindingCase(stem, finding));
  if (report.expectation) {
    const ExpectationResult& e = *report.expectation;
    TestCase test{stem + ".expectation", "expectation", "", "", "kst/expectation", "", ""};
    if (!e.met) {
      test.outcome = "failure";
      test.message = "expectation not met: " + Join(e.differences, "; ");
      test.body = Join(e.differences, "\n") + "\n";  // Join escapes each
    }
    cases.push_back(test);
  }
  AddQuietRuleCases(report, stem, &cases);
  // Readers key results by (classname, name); two findings of one rule and
  // FQDN (an error and a warning) must not overwrite each other.
  std::map<std::string, int> seen;
  for (TestCase& test : cases) {
    int n = ++seen[test.classname + '\n' + test.name];
    if (n > 1) test.name += " (" + std::to_string(n) + ")";
  }
  return cases;
}

void WriteCase(const TestCase& test, std::ostream& out) {
  out << "    <testcase classname=\"" << XmlEscape(test.classname, true) << "\" name=\"" << XmlEscape(test.name, true)
      << "\"";
  if (test.outcome.empty() && test.system_out.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  if (test.outcome == "skipped") {
    out << "      <skipped message=\"" << XmlEscape(test.message, true) << "\"/>\n";
  } else if (!test.outcome.empty()) {
    out << "      <" << test.outcome << " message=\"" << XmlEscape(test.message, true) << "\" type=\""
        << XmlEscape(test.type, true) << "\">" << XmlEscape(test.body) << "</" << test.outcome << ">\n";
  }
  if (!test.system_out.empty()) out << "      <system-out>" << XmlEscape(test.system_out) << "</system-out>\n";
  out << "    </testcase>\n";
}

/// Diagnostics, notes and the deterministic part of the statistics (not the
/// seconds or the memory, which differ from run to run).
std::string SuiteOutput(const Report& report) {
  std::ostringstream out;
  for (const Diagnostic& d : report.diagnostics.all()) out << EscapeText(d.ToString()) << "\n";
  for (const std::string& note : report.notes) out << "note: " << EscapeText(note) << "\n";
  const Statistics& s = report.statistics;
  out << "explored: " << s.servers << " servers x " << s.fqdns << " FQDNs = " << s.cells << " cells in " << s.classes
      << " classes, " << s.states << " states, " << s.transitions << " transitions, depth " << s.depth << "\n";
  return out.str();
}

class JunitWriter : public ReportWriter {
 public:
  void Write(const Report& report, std::ostream& out) override {
    std::string stem = EscapeText(std::filesystem::path(report.input).stem().string());
    if (stem.empty()) stem = "kst";
    std::vector<TestCase> cases = BuildCases(report, stem);
    int failures = 0, errors = 0, skipped = 0;
    for (const TestCase& test : cases) {
      failures += test.outcome == "failure";
      errors += test.outcome == "error";
      skipped += test.outcome == "skipped";
    }
    std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"" + std::to_string(errors) + "\"";
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"kst\" " << counts << ">\n"
        << "  <testsuite name=\"" << XmlEscape(EscapeText(report.input), true) << "\" " << counts << " skipped=\""
        << skipped << "\">\n"
        << "    <properties>\n";
    WriteProperty("kst.version", KST_VERSION, out);
    WriteProperty("kind", report.is_scenario ? "scenario" : "topology", out);
    WriteProperty("semantics", report.semantics, out);
    WriteProperty("verdict", VerdictName(report.verdict), out);
    if (!report.description.empty()) WriteProperty("description", report.description, out);
    out << "    </properties>\n";
    for (const TestCase& test : cases) WriteCase(test, out);
    out << "    <system-out>" << XmlEscape(SuiteOutput(report)) << "</system-out>\n"
        << "  </testsuite>\n"
        << "</testsuites>\n";
  }

 private:
  static void WriteProperty(const std::string& name, const std::string& value, std::ostream& out) {
    out << "      <property name=\"" << XmlEscape(name, true) << "\" value=\"" << XmlEscape(EscapeText(value), true)
        << "\"/>\n";
  }
};

}  // namespace

std::unique_ptr<ReportWriter> MakeJunitWriter(const WriterOptions& /*options*/) {
  return std::make_unique<JunitWriter>();
}

}  // namespace kst
