// GitHub Actions workflow commands: one annotation per finding, pinned to the
// claim that causes it, then a plain summary line for the log.
//
// GitHub shows at most 10 error, 10 warning and 10 notice annotations per
// step and drops the rest silently, so the order matters: errors (an
// inconclusive verdict, an unmet expectation, error findings), then warnings
// (warning findings, input warnings), then notices (waived findings). What
// does not fit is listed as plain log lines and counted in one last notice
// (which takes one of the 10 notice slots) and in the summary line, so
// nothing disappears without a trace.
//
// Escaping: every value from the input goes through EscapeText
// (report/text_escape.h) first, so its control characters (a LF, an ESC) are
// shown as \n, \x1b and its "##[" cannot be a legacy command; then, as
// @actions/core (toolkit command.ts) does, in the message % -> %25,
// CR -> %0D, LF -> %0A (the LFs left are kst's own line breaks inside the
// annotation), and in property values also : -> %3A and , -> %2C. The plain
// log lines start with "kst:", never with a value.

#include <algorithm>
#include <sstream>
#include <utility>

#include "report/impact_text.h"
#include "report/report_writer.h"
#include "report/text_escape.h"

namespace kst {
namespace {

constexpr size_t kAnnotationsPerKind = 10;  // GitHub's limit per step and kind
constexpr size_t kServersShown = 8;

/// One workflow command; `kind` is "error", "warning" or "notice".
struct Annotation {
  std::string kind;
  Location at;
  std::string title;
  std::string message;
};

std::string FormatAnnotation(const Annotation& a) {
  std::string properties;
  auto add = [&properties](const char* name, const std::string& value) {
    properties += std::string(properties.empty() ? " " : ",") + name + "=" + EscapeWorkflowProperty(value);
  };
  if (!a.at.file.empty()) add("file", a.at.file);
  if (a.at.line > 0) add("line", std::to_string(a.at.line));
  if (a.at.line > 0 && a.at.column > 0) add("col", std::to_string(a.at.column));
  if (!a.title.empty()) add("title", a.title);
  return "::" + a.kind + properties + "::" + EscapeWorkflowData(a.message);
}

/// The claim a fix starts from: the last one, which comes from the plan when
/// there is a plan; the input file itself when no claim has a location.
Location FindingLocation(const Finding& finding, const std::string& input) {
  for (auto claim = finding.claims.rbegin(); claim != finding.claims.rend(); ++claim)
    if (!claim->location.file.empty()) return claim->location;
  for (const Evidence& evidence : finding.evidence)
    if (!evidence.location.file.empty()) return evidence.location;
  return Location{input, 0, 0};
}

/// The annotation's text: one line per item, each value escaped.
std::string FindingMessage(const Finding& finding, const std::string& input) {
  std::ostringstream out;
  if (finding.waiver)
    out << "waived " << SeverityName(finding.severity) << ": " << EscapeText(finding.waiver->reason) << " ("
        << EscapeText(finding.waiver->owner) << ", expires " << EscapeText(finding.waiver->expires) << ")\n";
  out << EscapeText(finding.message);
  if (!finding.servers.empty()) {  // a waiver finding names no server
    out << "\nservers: " << EscapeText(finding.servers_summary) << " (";
    for (size_t i = 0; i < finding.servers.size() && i < kServersShown; ++i)
      out << (i ? ", " : "") << EscapeText(finding.servers[i]);
    if (finding.servers.size() > kServersShown) out << ", ... " << finding.servers.size() - kServersShown << " more";
    out << ")";
  }
  for (const std::string& line : ImpactLines(finding.impact.breaks))
    out << (finding.severity == Severity::kError ? "\nbreaks " : "\nat risk ") << line;
  for (const std::string& line : ImpactLines(finding.impact.still_works)) out << "\nstill works " << line;
  for (const Evidence& evidence : finding.evidence) out << "\ninput: " << EscapeText(evidence.what);
  for (const ClaimRef& claim : finding.claims)
    out << "\nclaim: version " << claim.version << " by " << EscapeText(claim.producer) << ": "
        << EscapeText(claim.what) << " (" << EscapeText(claim.location.ToString()) << ")";
  for (const std::string& event : finding.events) out << "\npredicted: " << EscapeText(event);
  for (const CheckedFix& fix : finding.checked_fixes)
    out << "\nfix for this plan (re-checked): " << EscapeText(fix.fix) << " -> " << EscapeText(fix.result);
  for (const std::string& fix : finding.fixes) out << "\nfix: " << EscapeText(fix);
  if (!finding.traces.empty()) out << "\ntrace, step by step: kst check " << EscapeText(input);
  return out.str();
}

/// The annotations by kind, each in report order.
struct Annotations {
  std::vector<Annotation> errors, warnings, notices;
  void Add(Annotation a) {
    (a.kind == "error" ? errors : a.kind == "warning" ? warnings : notices).push_back(std::move(a));
  }
};

/// A waived finding is a notice whatever its severity: it does not fail the gate.
std::string KindOf(Severity severity, bool waived) {
  if (waived || severity == Severity::kNote) return "notice";
  return SeverityName(severity);
}

/// One line per item, each escaped.
std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + EscapeText(line);
  return out;
}

Annotations Collect(const Report& report) {
  Annotations all;
  const Location input{report.input, 0, 0};
  if (report.verdict == Verdict::kInconclusive) {
    std::string reasons = JoinLines(report.inconclusive_reasons);
    all.Add({"error", input, "kst: inconclusive", reasons.empty() ? "no reason given" : reasons});
  }
  if (report.expectation && !report.expectation->met)
    all.Add({"error", input, "kst: expectation not met", JoinLines(report.expectation->differences)});
  for (const Finding& finding : report.findings)
    all.Add({KindOf(finding.severity, finding.waiver.has_value()), FindingLocation(finding, report.input),
             finding.rule + ": " + finding.fqdn, FindingMessage(finding, report.input)});  // title: a property
  // Input warnings (an unknown field) point at their place in the file.
  for (const Diagnostic& d : report.diagnostics.all())
    all.Add({KindOf(d.severity, false), d.location, std::string("kst: ") + SeverityName(d.severity) + "[" + d.id + "]",
             EscapeText(d.message + (d.field.empty() ? "" : " (" + d.field + ")"))});
  return all;
}

std::string Count(int n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// A plain log line for an annotation GitHub would not show.
std::string Unannotated(const Annotation& a) {
  return "kst: not annotated: " + a.kind + " " + EscapeText(a.at.ToString() + ": " + a.title);
}

class GithubWriter : public ReportWriter {
 public:
  void Write(const Report& report, std::ostream& out) override {
    Annotations all = Collect(report);
    bool overflow = all.errors.size() > kAnnotationsPerKind || all.warnings.size() > kAnnotationsPerKind ||
                    all.notices.size() > kAnnotationsPerKind;
    // The overflow notice needs a notice slot of its own.
    size_t notices_shown = overflow ? std::min(all.notices.size(), kAnnotationsPerKind - 1) : all.notices.size();
    std::vector<std::string> unannotated;
    Emit(all.errors, kAnnotationsPerKind, out, &unannotated);
    Emit(all.warnings, kAnnotationsPerKind, out, &unannotated);
    Emit(all.notices, notices_shown, out, &unannotated);
    size_t hidden = unannotated.size();
    if (overflow)
      out << FormatAnnotation({"notice", Location{report.input, 0, 0}, "kst: " + std::to_string(hidden) + " more",
                               std::to_string(hidden) +
                                   " more annotation(s) not shown: GitHub shows 10 of each kind per step. They are "
                                   "listed in the log; kst check --format text explains each."})
          << "\n";
    for (const std::string& line : unannotated) out << line << "\n";
    WriteSummary(report, hidden, out);
  }

 private:
  static void Emit(const std::vector<Annotation>& list, size_t shown, std::ostream& out,
                   std::vector<std::string>* unannotated) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i < shown)
        out << FormatAnnotation(list[i]) << "\n";
      else
        unannotated->push_back(Unannotated(list[i]));
    }
  }

  static void WriteSummary(const Report& report, size_t hidden, std::ostream& out) {
    int errors = 0, warnings = 0, waived = 0;
    for (const Finding& f : report.findings) {
      if (f.waiver)
        ++waived;
      else
        (f.severity == Severity::kError ? errors : warnings)++;
    }
    out << "kst: " << VerdictName(report.verdict) << ": " << Count(errors, "error") << ", "
        << Count(warnings, "warning") << ", " << waived << " waived (" << EscapeText(report.input) << ")";
    if (hidden > 0) out << "; " << hidden << " not annotated (listed above)";
    out << "\n";
  }
};

}  // namespace

std::unique_ptr<ReportWriter> MakeGithubWriter(const WriterOptions& /*options*/) {
  return std::make_unique<GithubWriter>();
}

}  // namespace kst
