// The report for people: a verdict line, one block per finding, then notes.

#include "report_writer.h"
#include "trace_narrator.h"

namespace kst {
namespace {

class TextWriter : public ReportWriter {
 public:
  void Write(const Report& report, std::ostream& out) override {
    out << "kst: " << report.input;
    if (!report.description.empty()) out << " -- " << report.description;
    out << "\n";
    int errors = 0, warnings = 0;
    for (const Finding& f : report.findings) (f.severity == Severity::kError ? errors : warnings)++;
    out << "verdict: " << VerdictName(report.verdict) << " (" << errors << " error(s), " << warnings
        << " warning(s); reading " << report.semantics << ")\n";
    for (const std::string& reason : report.inconclusive_reasons) out << "  inconclusive: " << reason << "\n";
    for (const Finding& finding : report.findings) WriteFinding(finding, out);
    if (report.expectation) WriteExpectation(*report.expectation, out);
    out << "\n";
    for (const std::string& note : report.notes) out << "note: " << note << "\n";
    if (!report.findings.empty())
      out << "note: event texts are kst's descriptions (the real texts are not public); ids and sources are the "
             "servers'.\n";
    const Statistics& s = report.statistics;
    out << "explored: " << s.servers << " servers x " << s.fqdns << " FQDNs = " << s.cells << " cells in " << s.classes
        << " classes, " << s.states << " states, " << s.transitions << " transitions, depth " << s.depth << ", "
        << s.seconds << " s, peak RSS " << s.peak_rss_kib / 1024 << " MiB\n";
  }

 private:
  static void WriteFinding(const Finding& finding, std::ostream& out) {
    out << "\n" << SeverityName(finding.severity) << " " << finding.rule << ": " << finding.fqdn << "\n";
    out << "  " << finding.message << "\n";
    out << "  servers: " << finding.servers_summary << " (";
    for (size_t i = 0; i < finding.servers.size() && i < 8; ++i) out << (i ? ", " : "") << finding.servers[i];
    if (finding.servers.size() > 8) out << ", ... " << finding.servers.size() - 8 << " more";
    out << ")\n";
    if (!finding.claims.empty()) out << "  claims:\n";
    for (const ClaimRef& claim : finding.claims)
      out << "    version " << claim.version << "  " << claim.producer << ": " << claim.what << "  ("
          << claim.location.ToString() << ")\n";
    for (const Trace& trace : finding.traces) WriteTrace(trace, out);
    out << "  rests on: ";
    for (size_t i = 0; i < finding.assumptions.size(); ++i) out << (i ? ", " : "") << finding.assumptions[i];
    if (!finding.holds_under.empty()) {
      out << "; holds under reading(s): ";
      for (size_t i = 0; i < finding.holds_under.size(); ++i) out << (i ? ", " : "") << finding.holds_under[i];
    }
    out << "\n";
    if (!finding.fixes.empty()) out << "  fix options:\n";
    for (const std::string& fix : finding.fixes) out << "    - " << fix << "\n";
  }

  static void WriteTrace(const Trace& trace, std::ostream& out) {
    out << "  trace (" << trace.title << ") on " << trace.server << ":\n";
    out << "    0. steady start with the base topology -> " << trace.fqdn << " " << trace.entry_at_start.ToString()
        << "\n";
    for (const LogLine& line : trace.start_lines) out << "         " << FormatLogLine(line) << "\n";
    for (size_t i = 0; i < trace.steps.size(); ++i) {
      const TraceStep& step = trace.steps[i];
      out << "    " << i + 1 << ". " << step.description << " -> " << trace.fqdn << " " << step.entry_after.ToString()
          << "\n";
      for (const LogLine& line : step.lines) out << "         " << FormatLogLine(line) << "\n";
    }
  }

  static void WriteExpectation(const ExpectationResult& expectation, std::ostream& out) {
    out << "\nexpectation: " << (expectation.met ? "met" : "NOT met") << "\n";
    for (const std::string& difference : expectation.differences) out << "  " << difference << "\n";
  }
};

}  // namespace

std::unique_ptr<ReportWriter> MakeTextWriter(bool) { return std::make_unique<TextWriter>(); }

}  // namespace kst
