// The report for people: a verdict line, one block per finding, then notes.
// Every value from the input goes through EscapeText (report/text_escape.h);
// the only control characters printed are the layout's newlines and, on a
// terminal, the palette's colours.

#include <algorithm>
#include <sstream>

#include "report/impact_text.h"
#include "report/outcome_text.h"
#include "report/report_writer.h"
#include "report/text_blocks.h"
#include "report/text_escape.h"

namespace kst {
namespace {

/// ANSI colours for a terminal; empty strings when colour is off.
struct Palette {
  const char* error = "";
  const char* warning = "";
  const char* dim = "";
  const char* bold = "";
  const char* reset = "";
};

Palette MakePalette(bool color) {
  if (!color) return {};
  return {"\033[1;31m", "\033[1;33m", "\033[2m", "\033[1m", "\033[0m"};
}

class TextWriter : public ReportWriter {
 public:
  explicit TextWriter(bool color) : palette_(MakePalette(color)) {}

  void Write(const Report& report, std::ostream& out) override {
    out << "kst: " << EscapeText(report.input);
    if (!report.description.empty()) out << " -- " << EscapeText(report.description);
    out << "\n";
    const char* verdict_color = report.verdict == Verdict::kFail   ? palette_.error
                                : report.verdict == Verdict::kPass ? palette_.bold
                                                                   : palette_.warning;
    out << "verdict: " << verdict_color << VerdictName(report.verdict) << palette_.reset
        << (report.semantics == "all" ? " (the worst of every reading)" : " (reading " + report.semantics + ")")
        << "\n";
    if (report.checked_at) out << "checked at: " << FormatTimestamp(*report.checked_at) << "\n";
    for (const std::string& reason : report.inconclusive_reasons)
      out << "  inconclusive: " << EscapeText(reason) << "\n";
    for (size_t i = 0; i < report.findings.size(); ++i)
      WriteFinding(report.findings[i], EarlierOnSameFqdn(report, i), out);
    if (report.expectation)
      WriteExpectation(*report.expectation,
                       out);  // its blank line before it separates it and the notes from the findings
    else
      out << "\n";
    for (const std::string& note : report.notes) out << "note: " << EscapeText(note) << "\n";
    if (!report.findings.empty())
      out << "note: event texts are kst's descriptions (the real texts are not public); ids and sources are the "
             "servers'.\n";
    const Statistics& s = report.statistics;
    out << palette_.dim << "explored: " << s.servers << " servers x " << s.fqdns << " FQDNs = " << s.cells
        << " cells in " << s.classes << " classes, " << s.states << " states, " << s.transitions
        << " transitions, depth " << s.depth << ", " << s.seconds << " s, peak RSS " << s.peak_rss_kib / 1024 << " MiB"
        << palette_.reset << "\n";
    out << Summary(report) << "\n";
  }

 private:
  /// "2 errors, 1 warning, 1 waived" (waived findings are not counted twice).
  static std::string Summary(const Report& report) {
    int errors = 0, warnings = 0, waived = 0;
    for (const Finding& f : report.findings) {
      if (f.waiver)
        waived++;
      else if (f.severity == Severity::kError)
        errors++;
      else if (f.severity == Severity::kWarning)
        warnings++;
    }
    auto count = [](int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
    return count(errors, "error") + ", " + count(warnings, "warning") + ", " + std::to_string(waived) + " waived";
  }

  /// The last finding before `i` on the same FQDN: what it already printed is not printed again.
  static const Finding* EarlierOnSameFqdn(const Report& report, size_t i) {
    for (size_t j = i; j-- > 0;)
      if (report.findings[j].fqdn == report.findings[i].fqdn) return &report.findings[j];
    return nullptr;
  }

  template <typename Write>
  static std::string Rendered(Write write) {
    std::ostringstream text;
    write(text);
    return text.str();
  }

  static void WriteClaims(const Finding& finding, std::ostream& out) {
    if (!finding.claims.empty()) out << "  claims:\n";
    for (const ClaimRef& claim : finding.claims)
      out << "    version " << claim.version << "  " << EscapeText(claim.producer) << ": " << EscapeText(claim.what)
          << "  (" << EscapeText(claim.location.ToString()) << ")\n";
  }

  /// Breaks, symptoms, predicted lines, claims and traces, each once per FQDN:
  /// a block equal to the one `earlier` printed is named, not repeated.
  static void WriteEvidence(const Finding& finding, const Finding* earlier, std::ostream& out) {
    const std::string as_above = earlier ? " as for " + EscapeText(earlier->rule) + " above\n" : "";
    auto impact = [](const Finding& f) { return Rendered([&](std::ostream& o) { WriteImpactText(f, "  ", o); }); };
    auto claims = [](const Finding& f) { return Rendered([&](std::ostream& o) { WriteClaims(f, o); }); };
    const std::string own_impact = impact(finding), own_claims = claims(finding);
    // Two traces are the same when their server, steps and lines are: the titles say why each was chosen.
    auto steps = [](const Trace& trace) {
      Trace untitled = trace;
      untitled.title.clear();
      return Rendered([&](std::ostream& o) { WriteTraceText(untitled, "  ", o, true); });
    };
    auto shown_above = [&](const Trace& trace) {
      const std::string own = steps(trace);
      return earlier && std::any_of(earlier->traces.begin(), earlier->traces.end(),
                                    [&](const Trace& other) { return steps(other) == own; });
    };
    if (earlier && !own_impact.empty() && own_impact == impact(*earlier) && own_claims == claims(*earlier) &&
        !finding.traces.empty() && std::all_of(finding.traces.begin(), finding.traces.end(), shown_above)) {
      out << "  breaks, symptoms, predicted lines, claims and trace:" << as_above;
      return;
    }
    if (earlier && !own_impact.empty() && own_impact == impact(*earlier))
      out << "  breaks, symptoms and predicted lines:" << as_above;
    else
      out << own_impact;
    if (earlier && !own_claims.empty() && own_claims == claims(*earlier))
      out << "  claims:" << as_above;
    else
      out << own_claims;
    for (const Trace& trace : finding.traces) {
      if (shown_above(trace))
        out << "  trace (" << EscapeText(trace.title) << ") on " << EscapeText(trace.server) << ": the steps shown"
            << as_above;
      else
        WriteTraceText(trace, "  ", out, true);
    }
  }

  void WriteFinding(const Finding& finding, const Finding* earlier, std::ostream& out) const {
    const char* color = finding.waiver                         ? palette_.dim
                        : finding.severity == Severity::kError ? palette_.error
                                                               : palette_.warning;
    out << "\n"
        << color << SeverityName(finding.severity) << palette_.reset << " " << palette_.bold << EscapeText(finding.rule)
        << ": " << EscapeText(finding.fqdn) << palette_.reset << (finding.waiver ? " (waived)" : "") << "\n";
    if (finding.waiver)
      out << "  waived: " << EscapeText(finding.waiver->reason) << " (owner " << EscapeText(finding.waiver->owner)
          << ", expires " << EscapeText(finding.waiver->expires) << "; "
          << EscapeText(finding.waiver->location.ToString()) << ")\n";
    out << "  " << EscapeText(finding.message) << "\n";
    out << "  servers: " << EscapeText(finding.servers_summary) << " (";
    for (size_t i = 0; i < finding.servers.size() && i < 8; ++i)
      out << (i ? ", " : "") << EscapeText(finding.servers[i]);
    if (finding.servers.size() > 8) out << ", ... " << finding.servers.size() - 8 << " more";
    out << ")";
    // Every server with one outcome: said on the servers' line.
    const auto outcomes = OutcomeLines(finding);
    if (outcomes.size() == 1 && outcomes.front().second.size() == finding.servers.size()) {
      out << ": " << EscapeText(outcomes.front().first) << "\n";
    } else {
      out << "\n";
      WriteOutcomes(outcomes, out);
    }
    WriteEvidence(finding, earlier, out);
    out << "  rests on: ";
    for (size_t i = 0; i < finding.assumptions.size(); ++i)
      out << (i ? ", " : "") << EscapeText(finding.assumptions[i]);
    if (!finding.by_reading.empty()) out << "; by reading: " << EscapeText(DescribeReadings(finding.by_reading));
    out << "\n";
    WriteFixes(finding, earlier, out);
  }

  /// The fixes kst made for this plan and explored, one line each (the same
  /// fix as the finding above on the FQDN is named); the rule's general advice
  /// only where kst has no checked fix, and labelled as not checked.
  static void WriteFixes(const Finding& finding, const Finding* earlier, std::ostream& out) {
    for (const CheckedFix& fix : finding.checked_fixes) {
      const bool same = earlier && std::any_of(earlier->checked_fixes.begin(), earlier->checked_fixes.end(),
                                               [&](const CheckedFix& other) { return other.fix == fix.fix; });
      if (same)
        out << "  fix for this plan: as for " << EscapeText(earlier->rule) << " above\n";
      else
        out << "  fix for this plan, re-checked (" << EscapeText(fix.result) << "): " << EscapeText(fix.fix) << "\n";
    }
    if (!finding.checked_fixes.empty() || finding.fixes.empty()) return;
    out << "  fix options (the rule's general advice, not re-checked for this plan):\n";
    for (const std::string& fix : finding.fixes) out << "    - " << EscapeText(fix) << "\n";
  }

  using OutcomeLine = std::pair<std::string, std::vector<std::string>>;  // outcome -> servers

  /// Each distinct server outcome with its servers, in the finding's order.
  static std::vector<OutcomeLine> OutcomeLines(const Finding& finding) {
    std::vector<OutcomeLine> lines;
    for (const ServerOutcome& outcome : finding.outcomes) {
      const std::string text = DescribeOutcome(outcome);
      auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& line) { return line.first == text; });
      if (it == lines.end())
        lines.push_back({text, {outcome.server}});
      else
        it->second.push_back(outcome.server);
    }
    return lines;
  }

  /// Each server's outcome, servers with the same outcome on one line.
  static void WriteOutcomes(const std::vector<OutcomeLine>& lines, std::ostream& out) {
    for (const auto& [text, servers] : lines) {
      out << "    ";
      for (size_t i = 0; i < servers.size() && i < 4; ++i) out << (i ? ", " : "") << EscapeText(servers[i]);
      if (servers.size() > 4) out << " and " << servers.size() - 4 << " more";
      out << ": " << EscapeText(text) << "\n";
    }
  }

  static void WriteExpectation(const ExpectationResult& expectation, std::ostream& out) {
    out << "\nexpectation: " << (expectation.met ? "met" : "NOT met") << "\n";
    for (const std::string& difference : expectation.differences) out << "  " << EscapeText(difference) << "\n";
  }

  Palette palette_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeTextWriter(const WriterOptions& options) {
  return std::make_unique<TextWriter>(options.color);
}

}  // namespace kst
