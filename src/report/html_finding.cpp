#include "report/html_finding.h"

#include <sstream>

#include "engine/trace_narrator.h"
#include "model/model_catalog.h"
#include "report/html_escape.h"
#include "report/impact_text.h"
#include "report/outcome_text.h"
#include "report/sequence_diagram.h"

namespace kst {
namespace {

std::string Cell(const std::string& text) {
  return "<td>" + EscapeHtml(text) + "</td>";
}

void WriteList(const char* title, const std::vector<std::string>& items, std::ostream& out) {
  if (items.empty()) return;
  out << "<h5>" << title << "</h5>\n<ul>\n";
  for (const std::string& item : items) out << "<li>" << EscapeHtml(item) << "</li>\n";
  out << "</ul>\n";
}

/// Each affected server and what happens to its entry for the finding's FQDN.
void WriteOutcomeTable(const Finding& finding, std::ostream& out) {
  out << "<table class=\"outcomes\">\n<caption>Per-server outcome (" << EscapeHtml(finding.servers_summary)
      << ")</caption>\n";
  if (finding.outcomes.empty()) {
    out << "<thead><tr><th scope=\"col\">server</th></tr></thead>\n<tbody>\n";
    for (const std::string& server : finding.servers) out << "<tr class=\"server\">" << Cell(server) << "</tr>\n";
    out << "</tbody>\n</table>\n";
    return;
  }
  out << "<thead><tr><th scope=\"col\">server</th><th scope=\"col\">14563 reachable</th><th scope=\"col\">absent "
         "on the way</th><th scope=\"col\">absent at the end</th><th scope=\"col\">outcome</th></tr></thead>\n"
         "<tbody>\n";
  for (const ServerOutcome& outcome : finding.outcomes) {
    out << "<tr class=\"server\">" << Cell(outcome.server) << Cell(outcome.conflict ? "yes" : "no")
        << Cell(outcome.outage ? "yes" : "no") << Cell(outcome.ends_absent ? "yes" : "no")
        << Cell(DescribeOutcome(outcome)) << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void WriteImpact(const Finding& finding, std::ostream& out) {
  const Impact& impact = finding.impact;
  std::vector<std::string> breaks = ImpactLines(impact.breaks);
  if (breaks.empty() && !finding.broken.empty()) breaks.push_back("no integration feature kst models");
  const std::string title = std::string(finding.severity == Severity::kError ? "Breaks" : "At risk") +
                            (finding.impact_condition.empty() ? "" : " (" + EscapeHtml(finding.impact_condition) + ")");
  WriteList(title.c_str(), breaks, out);
  WriteList("Still works", ImpactLines(impact.still_works), out);
  std::vector<std::string> symptoms, predicted, lookups, evidence;
  for (const Symptom& symptom : impact.symptoms) symptoms.push_back(symptom.text + " [" + symptom.from + "]");
  for (const PredictedObservation& o : impact.observations) predicted.push_back(ObservationText(o));
  for (const TableLookup& lookup : finding.lookups) lookups.push_back(LookupText(lookup));
  for (const Evidence& e : finding.evidence) evidence.push_back(e.what + " (" + e.location.ToString() + ")");
  WriteList("Symptoms (from the sources)", symptoms, out);
  WriteList("Predicted (from the sources; texts paraphrased)", predicted, out);
  WriteList("Predicted event-log lines (texts are kst's)", finding.events, out);
  WriteList("Table lookups", lookups, out);
  WriteList("Input it rests on", evidence, out);
}

void WriteClaims(const Finding& finding, std::ostream& out) {
  if (finding.claims.empty()) return;
  out << "<table class=\"claims\">\n<caption>Claims on " << EscapeHtml(finding.fqdn)
      << "</caption>\n<thead><tr><th scope=\"col\">version</th><th scope=\"col\">producer</th><th "
         "scope=\"col\">what</th><th scope=\"col\">where</th></tr></thead>\n<tbody>\n";
  for (const ClaimRef& claim : finding.claims)
    out << "<tr>" << Cell(std::to_string(claim.version)) << Cell(claim.producer) << Cell(claim.what)
        << Cell(claim.location.ToString()) << "</tr>\n";
  out << "</tbody>\n</table>\n";
}

std::string LogLines(const std::vector<LogLine>& lines) {
  std::string text;
  for (const LogLine& line : lines) text += (text.empty() ? "" : "<br>") + EscapeHtml(FormatLogLine(line));
  return text;
}

/// The trace's steps as a table: what a reader without the picture (or with
/// a screen reader) gets, and what a picture past the budget leaves.
void WriteTraceTable(const Trace& trace, std::ostream& out) {
  out << "<table class=\"trace\">\n<caption>Steps of the trace on " << EscapeHtml(trace.server)
      << "</caption>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">step</th><th scope=\"col\">event-log "
         "lines (texts are kst's)</th><th scope=\"col\">entry for "
      << EscapeHtml(trace.fqdn) << " after it</th></tr></thead>\n<tbody>\n";
  out << "<tr><td>0</td><td>steady start (RTCSRV started with the base topology)</td><td>"
      << LogLines(trace.start_lines) << "</td>" << Cell(trace.entry_at_start.ToString()) << "</tr>\n";
  for (size_t i = 0; i < trace.steps.size(); ++i) {
    const TraceStep& step = trace.steps[i];
    out << "<tr>" << Cell(std::to_string(i + 1)) << Cell(step.description) << "<td>" << LogLines(step.lines) << "</td>"
        << Cell(step.entry_after.ToString()) << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void WriteTraces(const Finding& finding, const Scenario* scenario, HtmlPictures* pictures, std::ostream& out) {
  if (finding.traces.empty()) {
    if (finding.impact.breaks.empty()) return;
    std::ostringstream dot;
    WriteSequenceDot(ImpactSequence(finding), dot);
    out << "<h5>Sequence diagram</h5>\n"
        << pictures->Figure(dot.str(), "The connection " + EscapeHtml(finding.rule) + " breaks");
    return;
  }
  for (size_t t = 0; t < finding.traces.size(); ++t) {
    const Trace& trace = finding.traces[t];
    out << "<h5>Trace " << t + 1 << ": " << EscapeHtml(trace.title) << ", on " << EscapeHtml(trace.server) << "</h5>\n";
    if (scenario && t == 0) {  // the shortest trace drawn; every trace as a table
      std::ostringstream dot;
      WriteSequenceDot(TraceSequence(finding, trace, *scenario), dot);
      out << pictures->Figure(dot.str(), "Sequence diagram of trace 1 (" + EscapeHtml(trace.title) + ")");
    }
    WriteTraceTable(trace, out);
  }
}

void WriteFixes(const Finding& finding, std::ostream& out) {
  if (!finding.checked_fixes.empty()) {
    out << "<table class=\"fixes\">\n<caption>Fixes for this plan, re-checked by kst</caption>\n<thead><tr><th "
           "scope=\"col\">fix</th><th scope=\"col\">what is left on "
        << EscapeHtml(finding.fqdn) << "</th><th scope=\"col\">edited plan's verdict</th></tr></thead>\n<tbody>\n";
    for (const CheckedFix& fix : finding.checked_fixes)
      out << "<tr>" << Cell(fix.fix) << Cell(fix.result) << Cell(fix.verdict) << "</tr>\n";
    out << "</tbody>\n</table>\n";
    return;
  }
  WriteList("Fix options (the rule's general advice, not re-checked for this plan)", finding.fixes, out);
}

/// The model assumptions the finding rests on, with their statements, and its severity under each reading.
void WriteRestsOn(const Finding& finding, std::ostream& out) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  out << "<h5>Rests on</h5>\n<ul class=\"assumptions\">\n";
  for (const std::string& id : finding.assumptions) {
    const Assumption* assumption = model.FindAssumption(id);
    out << "<li><a href=\"#" << HtmlId("assumption-", id) << "\"><code>" << EscapeHtml(id) << "</code></a>"
        << (assumption ? ": " + EscapeHtml(assumption->statement) : "") << "</li>\n";
  }
  if (finding.assumptions.empty()) out << "<li>no named assumption</li>\n";
  out << "</ul>\n";
  if (!finding.by_reading.empty())
    out << "<p class=\"readings\">By reading: " << EscapeHtml(DescribeReadings(finding.by_reading)) << "</p>\n";
  else if (!finding.holds_under.empty()) {
    std::string readings;
    for (const std::string& reading : finding.holds_under) readings += (readings.empty() ? "" : ", ") + reading;
    out << "<p class=\"readings\">Holds under: " << EscapeHtml(readings) << "</p>\n";
  }
}

}  // namespace

std::string FindingAnchor(const Finding& finding) {
  return HtmlId("finding-", finding.rule + " " + finding.fqdn + (finding.subject.empty() ? "" : " " + finding.subject));
}

void WriteHtmlFinding(const Finding& finding, const Scenario* scenario, HtmlPictures* pictures, std::ostream& out) {
  const std::string severity = SeverityName(finding.severity);
  out << "<article class=\"finding " << severity << (finding.waiver ? " waived" : "") << "\" id=\""
      << FindingAnchor(finding) << "\" data-severity=\"" << severity << "\">\n<h4><span class=\"severity\">" << severity
      << "</span> <span class=\"rule\">" << EscapeHtml(finding.rule) << "</span>"
      << (finding.subject.empty() ? "" : " (certificate subject " + EscapeHtml(finding.subject) + ")")
      << (finding.waiver ? " <span class=\"waived-tag\">waived</span>" : "") << "</h4>\n";
  if (finding.waiver)
    out << "<p class=\"waiver\">Waived: " << EscapeHtml(finding.waiver->reason) << " (owner "
        << EscapeHtml(finding.waiver->owner) << ", expires " << EscapeHtml(finding.waiver->expires) << "; "
        << EscapeHtml(finding.waiver->location.ToString()) << ")</p>\n";
  out << "<p class=\"message\">" << EscapeHtml(finding.message) << "</p>\n";
  WriteOutcomeTable(finding, out);
  WriteImpact(finding, out);
  WriteClaims(finding, out);
  WriteTraces(finding, scenario, pictures, out);
  WriteFixes(finding, out);
  WriteRestsOn(finding, out);
  out << "</article>\n";
}

}  // namespace kst
