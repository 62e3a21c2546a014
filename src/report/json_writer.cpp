// The JSON report (format_version 1), documented in README.md.

#include "model/model_catalog.h"
#include "report/outcome_text.h"
#include "report/report_writer.h"

namespace kst {
namespace {

nlohmann::json DiagnosticToJson(const Diagnostic& d) {
  return {
      {"severity", SeverityName(d.severity)}, {"id", d.id},       {"file", d.location.file}, {"line", d.location.line},
      {"column", d.location.column},          {"field", d.field}, {"message", d.message}};
}

nlohmann::json FeaturesToJson(const std::vector<FeatureImpact>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const FeatureImpact& item : items)
    out.push_back({{"feature", item.feature},
                   {"name", item.name},
                   {"direction", item.direction},
                   {"peer", item.peer},
                   {"servers", item.servers}});
  return out;
}

nlohmann::json ImpactToJson(const Finding& finding) {
  nlohmann::json symptoms = nlohmann::json::array(), observations = nlohmann::json::array(),
                 broken = nlohmann::json::array();
  for (const Symptom& symptom : finding.impact.symptoms)
    symptoms.push_back({{"text", symptom.text}, {"from", symptom.from}});
  for (const PredictedObservation& p : finding.impact.observations)
    observations.push_back({{"party", p.observation.party},
                            {"servers", p.servers},
                            {"log", p.observation.log},
                            {"id", p.observation.id},
                            {"text", p.observation.text},
                            {"from", p.observation.from}});
  for (const BrokenCondition& b : finding.broken)
    broken.push_back(
        {{"condition", b.condition}, {"subject", b.subject}, {"lookers", b.lookers}, {"services", b.services}});
  return {{"breaks", FeaturesToJson(finding.impact.breaks)},
          {"still_works", FeaturesToJson(finding.impact.still_works)},
          {"broken_conditions", broken},
          {"symptoms", symptoms},
          {"observations", observations},
          {"condition",
           finding.impact_condition.empty() ? nlohmann::json(nullptr) : nlohmann::json(finding.impact_condition)}};
}

nlohmann::json FindingToJson(const Finding& finding) {
  nlohmann::json claims = nlohmann::json::array();
  for (const ClaimRef& claim : finding.claims)
    claims.push_back({{"producer", claim.producer},
                      {"version", claim.version},
                      {"what", claim.what},
                      {"file", claim.location.file},
                      {"line", claim.location.line},
                      {"column", claim.location.column}});
  nlohmann::json traces = nlohmann::json::array(), evidence = nlohmann::json::array(),
                 lookups = nlohmann::json::array();
  for (const Trace& trace : finding.traces) traces.push_back(TraceToJson(trace));
  for (const Evidence& e : finding.evidence)
    evidence.push_back(
        {{"what", e.what}, {"file", e.location.file}, {"line", e.location.line}, {"column", e.location.column}});
  nlohmann::json outcomes = nlohmann::json::array();
  for (const ServerOutcome& outcome : finding.outcomes) outcomes.push_back(OutcomeToJson(outcome));
  for (const TableLookup& l : finding.lookups)
    lookups.push_back({{"looker", l.looker}, {"name", l.name}, {"found", l.found}, {"table_matches", l.table_matches}});
  return {{"rule", finding.rule},
          {"severity", SeverityName(finding.severity)},
          {"fqdn", finding.fqdn},
          {"servers", finding.servers},
          {"servers_summary", finding.servers_summary},
          {"message", finding.message},
          {"events", finding.events},
          {"claims", claims},
          {"assumptions", finding.assumptions},
          {"holds_under", finding.holds_under},
          {"by_reading", ReadingsToJson(finding.by_reading)},
          {"outcomes", outcomes},
          {"fixes", finding.fixes},
          {"checked_fixes", CheckedFixesToJson(finding.checked_fixes)},
          {"impact", ImpactToJson(finding)},
          {"evidence", evidence},
          {"lookups", lookups},
          {"traces", traces}};
}

class JsonWriter : public ReportWriter {
 public:
  void Write(const Report& report, std::ostream& out) override {
    nlohmann::json findings = nlohmann::json::array(), diagnostics = nlohmann::json::array();
    for (const Finding& finding : report.findings) findings.push_back(FindingToJson(finding));
    for (const Diagnostic& d : report.diagnostics.all()) diagnostics.push_back(DiagnosticToJson(d));
    const Statistics& s = report.statistics;
    nlohmann::json doc = {
        {"format_version", "1"},
        {"input", report.input},
        {"kind", report.is_scenario ? "scenario" : "topology"},
        {"semantics", report.semantics},
        {"verdict", VerdictName(report.verdict)},
        {"inconclusive_reasons", report.inconclusive_reasons},
        {"findings", findings},
        {"diagnostics", diagnostics},
        {"notes", report.notes},
        {"statistics",
         {{"servers", s.servers},
          {"fqdns", s.fqdns},
          {"cells", s.cells},
          {"classes", s.classes},
          {"states", s.states},
          {"transitions", s.transitions},
          {"depth", s.depth},
          {"seconds", s.seconds},
          {"peak_rss_kib", s.peak_rss_kib}}},
    };
    if (!report.description.empty()) doc["description"] = report.description;
    if (!report.imports.empty()) {
      nlohmann::json imports = nlohmann::json::array();
      for (const FileImportReport& file : report.imports)
        imports.push_back(nlohmann::json::parse(ImportReportToJson(file).dump()));
      doc["imports"] = imports;
    }
    if (report.checked_at) doc["checked_at"] = FormatTimestamp(*report.checked_at);
    if (report.expectation)
      doc["expectation"] = {{"met", report.expectation->met}, {"differences", report.expectation->differences}};
    out << doc.dump(2) << "\n";
  }
};

}  // namespace

nlohmann::json LogLineToJson(const LogLine& line) {
  const EventInfo& event = ModelCatalog::Embedded().Event(line.event_key);
  return {{"id", event.id},
          {"key", event.key},
          {"source", event.source},
          {"level", event.level},
          {"text", line.text},
          {"description", event.description},
          {"text_is_ours", !event.public_text}};
}

nlohmann::json EntryToJson(const CellEntry& entry) {
  if (!entry.present) return {{"present", false}};
  return {{"present", true}, {"version", entry.version}};
}

nlohmann::json TraceToJson(const Trace& trace) {
  nlohmann::json start_lines = nlohmann::json::array(), steps = nlohmann::json::array();
  for (const LogLine& line : trace.start_lines) start_lines.push_back(LogLineToJson(line));
  for (const TraceStep& step : trace.steps) {
    nlohmann::json lines = nlohmann::json::array();
    for (const LogLine& line : step.lines) lines.push_back(LogLineToJson(line));
    steps.push_back({{"event", CellEventName(step.event)},
                     {"plan_step", step.plan_index + 1},
                     {"description", step.description},
                     {"lines", lines},
                     {"entry_after", EntryToJson(step.entry_after)}});
  }
  return {{"title", trace.title},
          {"server", trace.server},
          {"fqdn", trace.fqdn},
          {"start", {{"lines", start_lines}, {"entry", EntryToJson(trace.entry_at_start)}}},
          {"steps", steps}};
}

std::unique_ptr<ReportWriter> MakeJsonWriter(const WriterOptions& /*options*/) {
  return std::make_unique<JsonWriter>();
}

}  // namespace kst
