// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. One run:
// tool.driver carries kst's rules from the model (ruleId = the finding ids of
// docs/errors.md); each finding is one result located at the claim that
// causes it (the plan's claim when the input is a scenario), with the other
// claims as related locations, a partial fingerprint that is stable across
// runs and across unrelated changes of the topology, each trace as a code flow (one thread flow location per step: what
// happened, the predicted event-log lines, and the table entry after it as
// state), and a waiver as an external suppression. Input diagnostics become
// tool execution notifications; a run that is interrupted or inconclusive is
// not a successful execution (its results are partial or unfounded, and a
// code scanning service must not close the alerts they leave out).
//
// The output is deterministic: no timestamps, and the run's statistics carry
// only counts (no seconds, no memory). URIs: a relative path is written as
// given, percent-encoded, against uriBaseId %SRCROOT% (run kst from the
// repository root so they resolve there); an absolute path becomes file://.
// Columns are kst's byte columns, which equal SARIF's default UTF-16 columns
// on ASCII lines.
//
// Tested by src/sarif_writer_test.cpp and tests/e2e/run_sarif.sh (Microsoft's
// SARIF validator, default and GitHub rule kinds).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/trace_narrator.h"
#include "model/claims.h"
#include "model/model_catalog.h"
#include "report/impact_text.h"
#include "report/outcome_text.h"
#include "report/report_writer.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kSchemaUri[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
// A placeholder until the project has a public home.
constexpr char kInformationUri[] = "https://github.com/kst-tool/kst";
constexpr char kSourceRoot[] = "%SRCROOT%";
// v2: rule, FQDN and certificate subject (v1 also hashed the severity and every affected server).
constexpr char kFingerprintKey[] = "kstFinding/v2";

const char* Level(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "none";
}

/// SARIF messages are sentences: they end with a period.
Json Message(std::string text) {
  if (!text.empty() && text.back() != '.') text += '.';
  return {{"text", text}};
}

/// Escapes the characters Markdown would interpret in plain model text.
std::string EscapeMarkdown(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// Percent-encodes all but RFC 3986 unreserved characters and '/'.
std::string EncodePath(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Json ArtifactLocation(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  if (!path.empty() && path.front() == '/') return {{"uri", "file://" + EncodePath(path)}};
  while (path.size() > 2 && path.compare(0, 2, "./") == 0) path.erase(0, 2);
  return {{"uri", EncodePath(path)}, {"uriBaseId", kSourceRoot}};
}

/// A location in `at`, or at the top of `fallback_file` when `at` names no
/// file (GitHub needs a region with a start line on every result).
Json PhysicalLocation(const Location& at, const std::string& fallback_file) {
  bool in_file = !at.file.empty();
  Json region = {{"startLine", in_file && at.known() ? at.line : 1}};
  if (in_file && at.known() && at.column > 0) region["startColumn"] = at.column;
  return {{"artifactLocation", ArtifactLocation(in_file ? at.file : fallback_file)}, {"region", region}};
}

std::string ClaimText(const ClaimRef& claim) {
  return claim.producer + " claims version " + std::to_string(claim.version) + ": " + claim.what;
}

Json RuleToJson(const RuleInfo& rule) {
  std::string text = rule.full_description + " How to fix: " + rule.help;
  std::string markdown = "**" + EscapeMarkdown(rule.short_description) + "**\n\n" +
                         EscapeMarkdown(rule.full_description) + "\n\n**How to fix:** " + EscapeMarkdown(rule.help);
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", Message(rule.short_description)},
          {"fullDescription", Message(rule.full_description)},
          {"help", {{"text", text}, {"markdown", markdown}}},
          {"defaultConfiguration", {{"level", rule.level}}}};
}

/// What the finding is about, hashed with FNV-1a (64 bits, the same on every
/// platform and run): the rule, the FQDN and, for a certificate finding, the
/// certificate's subject (a server may present several certificates); for a
/// clock finding the FQDN is the server. Nothing that changes with the rest
/// of the topology: the servers a finding affects grow with every Front End
/// added anywhere, and a code scanning service that saw new fingerprints
/// would close every alert and open it again, losing its dismissals. Not the
/// severity either: a certificate that goes from expiring to expired, or an
/// FQDN from absent on the way to absent at the end, stays one alert.
std::string Fingerprint(const Finding& finding) {
  std::string key = finding.rule + "\n" + finding.fqdn;
  if (!finding.subject.empty()) key += "\n" + finding.subject;
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

/// The finding's message and the servers it affects (the first eight).
std::string ResultText(const Finding& finding) {
  std::string text = finding.message + ". Affected: " + finding.servers_summary + " (";
  for (size_t i = 0; i < finding.servers.size() && i < 8; ++i) text += (i ? ", " : "") + finding.servers[i];
  if (finding.servers.size() > 8) text += ", and " + std::to_string(finding.servers.size() - 8) + " more";
  text += ")";
  const std::string impact = ImpactSummary(finding);
  if (!impact.empty()) text += ". It " + impact;
  return text;
}

Json FeaturesToSarif(const std::vector<FeatureImpact>& items) {
  Json out = Json::array();
  for (const FeatureImpact& item : items)
    out.push_back({{"feature", item.feature},
                   {"name", item.name},
                   {"direction", item.direction},
                   {"peer", item.peer},
                   {"servers", item.servers}});
  return out;
}

/// The impact as result properties: features broken and still working, the
/// directions broken, symptoms and predicted lines with their sources.
Json ImpactProperties(const Finding& finding) {
  std::vector<std::string> directions, symptoms, observations;
  for (const FeatureImpact& item : finding.impact.breaks)
    if (std::find(directions.begin(), directions.end(), item.direction) == directions.end())
      directions.push_back(item.direction);
  for (const Symptom& symptom : finding.impact.symptoms) symptoms.push_back(symptom.text + " [" + symptom.from + "]");
  for (const PredictedObservation& o : finding.impact.observations) observations.push_back(ObservationText(o));
  return {{"breaks", FeaturesToSarif(finding.impact.breaks)},
          {"stillWorks", FeaturesToSarif(finding.impact.still_works)},
          {"directions", directions},
          {"symptoms", symptoms},
          {"predictedFromSources", observations}};
}

/// The fingerprint, with ":2", ":3"... for a repeat within the run, so that
/// each result keeps its own alert.
std::string UniqueFingerprint(const Finding& finding, std::set<std::string>* seen) {
  std::string fingerprint = Fingerprint(finding);
  for (int n = 2; !seen->insert(fingerprint).second; ++n) fingerprint = Fingerprint(finding) + ":" + std::to_string(n);
  return fingerprint;
}

class SarifWriter : public ReportWriter {
 public:
  void Write(const Report& report, std::ostream& out) override {
    input_ = report.input;
    const std::vector<RuleInfo>& rules = ModelCatalog::Embedded().rules();
    Json driver_rules = Json::array(), results = Json::array();
    for (const RuleInfo& rule : rules) driver_rules.push_back(RuleToJson(rule));
    std::set<std::string> fingerprints;
    for (const Finding& finding : report.findings) results.push_back(Result(finding, rules, &fingerprints));
    Json driver = {{"name", "kst"},
                   {"fullName", "kst, the Lync Known Servers Table model checker"},
                   {"version", KST_VERSION},
                   {"semanticVersion", KST_VERSION},
                   {"informationUri", kInformationUri},
                   {"rules", driver_rules}};
    Json run = {{"tool", {{"driver", driver}}},
                {"invocations", Json::array({Invocation(report)})},
                {"results", results},
                {"properties", RunProperties(report)}};
    Json sarif = {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    out << sarif.dump(2) << "\n";
  }

 private:
  Json Result(const Finding& finding, const std::vector<RuleInfo>& rules, std::set<std::string>* fingerprints) {
    Json result = {{"ruleId", finding.rule}};
    auto rule = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == finding.rule; });
    if (rule != rules.end()) result["ruleIndex"] = rule - rules.begin();
    result["level"] = Level(finding.severity);
    result["message"] = Message(ResultText(finding));
    int primary = PrimaryClaim(finding);
    Json location = {
        {"physicalLocation", PhysicalLocation(primary < 0 ? Location{} : finding.claims[primary].location, input_)}};
    if (primary >= 0) location["message"] = Message(ClaimText(finding.claims[primary]));
    Json related = Json::array();
    for (size_t i = 0; i < finding.evidence.size(); ++i) {
      const Evidence& evidence = finding.evidence[i];
      if (primary < 0 && i == 0) {
        location = {{"physicalLocation", PhysicalLocation(evidence.location, input_)},
                    {"message", Message(evidence.what)}};
        continue;
      }
      related.push_back({{"id", finding.claims.size() + i},
                         {"physicalLocation", PhysicalLocation(evidence.location, input_)},
                         {"message", Message(evidence.what)}});
    }
    result["locations"] = Json::array({location});
    for (size_t i = 0; i < finding.claims.size(); ++i) {
      if (static_cast<int>(i) == primary) continue;
      related.push_back({{"id", i},
                         {"physicalLocation", PhysicalLocation(finding.claims[i].location, input_)},
                         {"message", Message(ClaimText(finding.claims[i]))}});
    }
    if (!related.empty()) result["relatedLocations"] = related;
    result["partialFingerprints"] = {{kFingerprintKey, UniqueFingerprint(finding, fingerprints)}};
    Json flows = Json::array();
    for (const Trace& trace : finding.traces) flows.push_back(CodeFlow(finding, trace));
    if (!flows.empty()) result["codeFlows"] = flows;
    if (finding.waiver) result["suppressions"] = Json::array({Suppression(*finding.waiver)});
    result["properties"] = {
        {"fqdn", finding.fqdn},     {"servers", finding.servers},         {"serversSummary", finding.servers_summary},
        {"events", finding.events}, {"assumptions", finding.assumptions}, {"holdsUnder", finding.holds_under},
        {"fixes", finding.fixes}};
    if (!finding.checked_fixes.empty())
      result["properties"]["checkedFixes"] = Json::parse(CheckedFixesToJson(finding.checked_fixes).dump());
    result["properties"].update(ImpactProperties(finding));
    // KST findings: each affected server's outcome and the severity per reading, as the JSON output has them.
    if (!finding.outcomes.empty()) {
      Json outcomes = Json::array();
      for (const ServerOutcome& outcome : finding.outcomes)
        outcomes.push_back(Json::parse(OutcomeToJson(outcome).dump()));
      result["properties"]["outcomes"] = outcomes;
    }
    if (!finding.by_reading.empty())
      result["properties"]["byReading"] = Json::parse(ReadingsToJson(finding.by_reading).dump());
    if (!finding.impact_condition.empty()) result["properties"]["impactCondition"] = finding.impact_condition;
    return result;
  }

  /// The claim that causes the finding: the last one from the input file
  /// (the plan of a scenario), else the last one.
  int PrimaryClaim(const Finding& finding) const {
    for (size_t i = finding.claims.size(); i-- > 0;)
      if (finding.claims[i].location.file == input_) return static_cast<int>(i);
    return static_cast<int>(finding.claims.size()) - 1;
  }

  /// Where a trace step happened: the one claim it concerns when that claim
  /// is unambiguous (the base topology's for the start, the plan's for a plan
  /// step, UM Routing's for a poll), else the input file.
  Location StepLocation(const Finding& finding, const TraceStep* step) const {
    auto unique = [&](auto matches) {
      const ClaimRef* found = nullptr;
      for (const ClaimRef& claim : finding.claims) {
        if (!matches(claim)) continue;
        if (found) return Location{};
        found = &claim;
      }
      return found ? found->location : Location{};
    };
    if (!step) return unique([&](const ClaimRef& c) { return c.location.file != input_; });
    if (step->event == CellEvent::kUmPoll)
      return unique([](const ClaimRef& c) { return c.producer == ProducerName(Producer::kUmRouting); });
    if (step->plan_index >= 0) return unique([&](const ClaimRef& c) { return c.location.file == input_; });
    return Location{};
  }

  Json FlowLocation(const Finding& finding, const TraceStep* step, const std::string& what,
                    const std::vector<LogLine>& lines, const CellEntry& entry) const {
    std::string text = what;
    for (const LogLine& line : lines) text += "; logs " + FormatLogLine(line);
    text += "; then " + finding.fqdn + " is " + entry.ToString();
    Json location = {{"physicalLocation", PhysicalLocation(StepLocation(finding, step), input_)},
                     {"message", Message(text)}};
    Json flow_location = {{"location", location}, {"state", {{finding.fqdn, {{"text", entry.ToString()}}}}}};
    if (step) flow_location["properties"] = {{"event", CellEventName(step->event)}, {"planStep", step->plan_index + 1}};
    return flow_location;
  }

  Json CodeFlow(const Finding& finding, const Trace& trace) const {
    Json locations = Json::array();
    locations.push_back(FlowLocation(finding, nullptr, "steady start with the base topology on " + trace.server,
                                     trace.start_lines, trace.entry_at_start));
    for (const TraceStep& step : trace.steps)
      locations.push_back(FlowLocation(finding, &step, step.description, step.lines, step.entry_after));
    Json message = Message(trace.title + " on " + trace.server);
    return {{"message", message}, {"threadFlows", Json::array({{{"message", message}, {"locations", locations}}})}};
  }

  Json Suppression(const WaiverRef& waiver) const {
    Json suppression = {{"kind", "external"}, {"status", "accepted"}, {"justification", waiver.reason}};
    if (!waiver.location.file.empty())
      suppression["location"] = {{"physicalLocation", PhysicalLocation(waiver.location, input_)}};
    suppression["properties"] = {{"owner", waiver.owner}, {"expires", waiver.expires}};
    return suppression;
  }

  Json Invocation(const Report& report) const {
    Json notifications = Json::array();
    for (const Diagnostic& d : report.diagnostics.all()) {
      Json notification = {
          {"level", Level(d.severity)}, {"message", Message(d.message)}, {"descriptor", {{"id", d.id}}}};
      if (!d.location.file.empty())
        notification["locations"] = Json::array({{{"physicalLocation", PhysicalLocation(d.location, input_)}}});
      if (!d.field.empty()) notification["properties"] = {{"field", d.field}};
      notifications.push_back(notification);
    }
    // A run that was interrupted, or could not explore or understand
    // everything (an inconclusive reason, whatever the verdict: a fail can
    // rest on a partial exploration), did not establish its results: saying so
    // keeps an upload from reading the findings it lacks as fixed. Each
    // reason is an error-level notification, as SARIF asks of an
    // unsuccessful execution.
    const bool successful =
        !report.interrupted && report.inconclusive_reasons.empty() && report.verdict != Verdict::kInconclusive;
    auto not_established = [&notifications](const char* id, const std::string& text) {
      notifications.push_back({{"level", "error"}, {"message", Message(text)}, {"descriptor", {{"id", id}}}});
    };
    for (const std::string& reason : report.inconclusive_reasons) {
      if (report.interrupted && reason.rfind("interrupted:", 0) == 0)
        not_established("kst/interrupted", reason);
      else
        not_established("kst/inconclusive", "inconclusive: " + reason);
    }
    if (!successful && report.inconclusive_reasons.empty())
      not_established(report.interrupted ? "kst/interrupted" : "kst/inconclusive",
                      report.interrupted ? "interrupted: the results are partial" : "inconclusive: no reason given");
    Json invocation = {{"executionSuccessful", successful}};
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
    return invocation;
  }

  static Json RunProperties(const Report& report) {
    const Statistics& s = report.statistics;
    Json properties = {{"input", report.input},
                       {"kind", report.is_scenario ? "scenario" : "topology"},
                       {"semantics", report.semantics},
                       {"verdict", VerdictName(report.verdict)},
                       {"inconclusiveReasons", report.inconclusive_reasons},
                       {"notes", report.notes},
                       {"statistics",
                        {{"servers", s.servers},
                         {"fqdns", s.fqdns},
                         {"cells", s.cells},
                         {"classes", s.classes},
                         {"states", s.states},
                         {"transitions", s.transitions},
                         {"depth", s.depth}}}};
    if (!report.description.empty()) properties["description"] = report.description;
    if (report.checked_at) properties["checkedAt"] = FormatTimestamp(*report.checked_at);
    if (report.expectation)
      properties["expectation"] = {{"met", report.expectation->met}, {"differences", report.expectation->differences}};
    return properties;
  }

  std::string input_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeSarifWriter(const WriterOptions& /*options*/) {
  return std::make_unique<SarifWriter>();
}

}  // namespace kst
