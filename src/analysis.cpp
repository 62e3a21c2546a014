// The analysis driver: per-class exploration, then findings per (rule, FQDN).
//
// Rules (ids are stable; README.md lists them):
//   kst/version-conflict  a 14563 is reachable on some server (error)
//   kst/unknown-server    an FQDN a server needs is absent in an end state
//                         (error), or only on the way there (warning)
//   kst/order-dependent   a cell's end table depends on the order alone (warning)
// A finding is reported once per (rule, FQDN) with every affected server; its
// trace is the shortest one on the first affected server. Findings are then
// re-checked under the other readings of the model so the report can say
// whether they rest on one reading only.

#include "analysis.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>

#include "certificate_checks.h"
#include "clock_checks.h"
#include "expectation.h"
#include "interrupt.h"
#include "impact_graph.h"
#include "progress_line.h"
#include "state_graph.h"
#include "plan_compiler.h"
#include "trace_narrator.h"

namespace kst {
namespace {

struct ClassResult {
  CellVerdict verdict;
  bool flapping = false;          // a cycle of states: producers undo each other forever
  bool conflict = false;
  bool end_absent = false;        // needed at end, absent in some end state
  bool transient_absent = false;  // needed throughout, present at start and end, absent on the way
  bool order_dependent = false;
  EventPath absent_end_path;
};

ClassResult Judge(const CellInput& input, CellVerdict verdict) {
  ClassResult result;
  result.conflict = verdict.initial_conflict || verdict.conflict_path.has_value();
  for (const EndOutcome& end : verdict.ends) {
    if (input.needed_at_end && !end.entry.present && !result.end_absent) {
      result.end_absent = true;
      result.absent_end_path = end.path;
    }
  }
  result.order_dependent = verdict.ends.size() > 1;
  result.transient_absent = !result.end_absent && input.needed_at_start && input.needed_at_end &&
                            verdict.absent_path.has_value() && !verdict.absent_path->empty();
  result.verdict = std::move(verdict);
  return result;
}

bool HasRule(const ClassResult& result, const std::string& rule) {
  if (rule == "kst/version-conflict") return result.conflict;
  if (rule == "kst/unknown-server") return result.end_absent || result.transient_absent;
  if (rule == "kst/unknown-server/error") return result.end_absent;
  if (rule == "kst/unknown-server/warning") return result.transient_absent;
  if (rule == "kst/order-dependent") return result.order_dependent;
  if (rule == "kst/flapping") return result.flapping;
  return false;
}

class Analyzer {
 public:
  Analyzer(const Scenario& scenario, const ModelCatalog& model, const AnalysisOptions& options, Report* report)
      : scenario_(scenario), model_(model), options_(options), report_(report), plan_(scenario, model) {
    semantics_ = options.semantics ? options.semantics : &model.DefaultSemantics();
  }

  void Run() {
    ExploreClasses();
    CollectFindings();
    if (options_.compare_readings) CompareReadings();
    NoteSteadyStart();
    FillStatistics();
  }

 private:
  void ExploreClasses() {
    uint64_t budget = options_.max_states;
    ProgressLine progress(plan_.classes().size());
    for (const CellClass& cell_class : plan_.classes()) {
      if (InterruptRequested()) break;
      CellModel model(cell_class.input, semantics_->startup_conflict, "");
      CellVerdict verdict = ExploreCell(model, budget, true);
      const bool flapping = !CyclicComponents(verdict).empty();
      verdict.edges = {};  // the graph was only needed for the cycle check
      verdict.state_list = {};
      progress.Tick(results_.size() + 1, stats_.states + verdict.states);
      budget = budget > verdict.states ? budget - verdict.states : 0;
      if (!verdict.complete) incomplete_ = true;
      stats_.states += verdict.states;
      stats_.transitions += verdict.transitions;
      stats_.depth = std::max(stats_.depth, verdict.depth);
      results_.push_back(Judge(cell_class.input, std::move(verdict)));
      results_.back().flapping = flapping;
    }
    progress.Done();
    if (InterruptRequested()) {
      report_->interrupted = true;
      incomplete_ = false;  // the interrupt is the reason, not the budget
      report_->inconclusive_reasons.push_back("interrupted: " + std::to_string(results_.size()) + " of " +
                                              std::to_string(plan_.classes().size()) +
                                              " cell classes were explored before the interrupt");
    }
    if (incomplete_)
      report_->inconclusive_reasons.push_back("the state budget (--max-states " + std::to_string(options_.max_states) +
                                              ") ran out before every order was explored");
  }

  void CollectFindings() {
    static constexpr const char* kRules[] = {"kst/version-conflict", "kst/unknown-server", "kst/order-dependent",
                                             "kst/flapping"};
    // The rules each class shows, once per class; then, in one pass over the
    // cells in memory order, the rules each FQDN shows on some server.
    // Classes past results_ were not explored (an interrupt): they show no rule.
    std::vector<uint8_t> class_rules(plan_.classes().size());
    for (size_t c = 0; c < results_.size(); ++c)
      for (size_t r = 0; r < std::size(kRules); ++r) class_rules[c] |= HasRule(results_[c], kRules[r]) << r;
    const size_t fqdns = plan_.fqdns().size(), servers = plan_.servers().size();
    std::vector<uint8_t> fqdn_rules(fqdns);
    for (size_t s = 0; s < servers; ++s)
      for (size_t f = 0; f < fqdns; ++f) fqdn_rules[f] |= class_rules[plan_.ClassOf(s, f)];
    for (size_t r = 0; r < std::size(kRules); ++r) {
      const uint8_t bit = static_cast<uint8_t>(1u << r);
      for (size_t f = 0; f < fqdns; ++f) {
        if (!(fqdn_rules[f] & bit)) continue;
        std::vector<std::string> affected;
        int first_server = -1;
        bool any_error_absence = false;
        for (size_t s = 0; s < servers; ++s) {
          const uint32_t c = plan_.ClassOf(s, f);
          if (!(class_rules[c] & bit)) continue;
          const ClassResult& result = results_[c];
          affected.push_back(plan_.servers()[s].fqdn);
          if (first_server < 0 || (result.end_absent && !any_error_absence)) first_server = static_cast<int>(s);
          any_error_absence |= result.end_absent;
        }
        AddFinding(kRules[r], f, static_cast<size_t>(first_server), affected);
      }
    }
  }

  void AddFinding(const std::string& rule, size_t f, size_t s, const std::vector<std::string>& servers) {
    const std::string& fqdn = plan_.fqdns()[f];
    const std::string& server = plan_.servers()[s].fqdn;
    const uint32_t class_index = plan_.ClassOf(s, f);
    const ClassResult& result = results_[class_index];
    const CellInput& input = plan_.classes()[class_index].input;
    Finding finding;
    finding.rule = rule;
    finding.fqdn = fqdn;
    finding.servers = servers;
    finding.servers_summary = SummarizeServers(servers, plan_.servers());
    finding.claims = plan_.ClaimsOn(fqdn);
    auto narrate = [&](const std::string& title, const EventPath& path) {
      Trace trace;
      trace.title = title;
      NarrateTrace(scenario_, input, semantics_->startup_conflict, server, fqdn, path, &trace);
      finding.traces.push_back(std::move(trace));
    };
    if (rule == "kst/version-conflict") {
      finding.severity = Severity::kError;
      finding.assumptions = {"both-removed"};
      if (result.verdict.initial_conflict) {
        narrate("already at RTCSRV start with the base topology", {});
        finding.message = fqdn + " is claimed with two different versions in the base topology itself: every "
                          "RTCSRV start logs 14563 for it, and a server that has not restarted since both claims "
                          "appeared may not know it at all (O1)";
      } else {
        narrate("shortest order to the conflict", *result.verdict.conflict_path);
        finding.message = fqdn + " can be claimed with two different versions: 14563 is logged and both entries "
                          "are removed";
      }
      AddConflictFixes(&finding);
    } else if (rule == "kst/unknown-server") {
      const Requirement need = RequirementAtEnd(fqdn);
      if (result.end_absent) {
        finding.severity = Severity::kError;
        narrate("shortest order that leaves it unknown", result.absent_end_path);
        finding.message = fqdn + " is missing from the Known Servers Table at the end of the plan; " + need.why +
                          " stops working there";
      } else {
        finding.severity = Severity::kWarning;
        narrate("shortest order to the outage", *result.verdict.absent_path);
        finding.message = fqdn + " drops out of the Known Servers Table while the plan runs (it is back at the end); " +
                          need.why + " is interrupted meanwhile";
      }
      finding.assumptions = {"both-removed", "steady-start", "needed-by"};
    } else if (rule == "kst/flapping") {
      finding.severity = Severity::kError;
      finding.message = "the producers of " + fqdn + " can undo each other forever: the state graph has a cycle";
      if (result.verdict.absent_path) narrate("shortest order into the cycle's neighbourhood", *result.verdict.absent_path);
    } else {
      finding.severity = Severity::kWarning;
      const auto& ends = result.verdict.ends;
      finding.message = "the end state of " + fqdn + " depends on timing alone: " + ends[0].entry.ToString() +
                        " after one order, " + ends[1].entry.ToString() + " after another";
      narrate("one order ends with " + ends[0].entry.ToString(), ends[0].path);
      narrate("another order ends with " + ends[1].entry.ToString(), ends[1].path);
      finding.assumptions = {"same-end-table"};
    }
    AddTraceAssumptions(&finding);
    for (const Trace& trace : finding.traces) {
      for (const LogLine& line : trace.start_lines)
        if (line.event_key == "14563") finding.events.push_back(FormatLogLine(line));
      for (const TraceStep& step : trace.steps)
        for (const LogLine& line : step.lines)
          if (line.event_key == "14563" || line.event_key == "44030" || line.event_key == "14495")
            finding.events.push_back(FormatLogLine(line));
    }
    report_->findings.push_back(std::move(finding));
    finding_classes_.push_back(class_index);
  }

  Requirement RequirementAtEnd(const std::string& fqdn) const {
    auto it = plan_.final_claims().required.find(fqdn);
    return it == plan_.final_claims().required.end() ? Requirement{} : it->second;
  }

  /// Names the assumptions a trace's steps rely on.
  void AddTraceAssumptions(Finding* finding) const {
    auto add = [&](const std::string& id) {
      if (std::find(finding->assumptions.begin(), finding->assumptions.end(), id) == finding->assumptions.end())
        finding->assumptions.push_back(id);
    };
    auto add_for_lines = [&](const std::vector<LogLine>& lines) {
      for (const LogLine& line : lines) {
        if (line.event_key == "44030") {
          add("um-startup-withdraw");
          add("startup-line-order");
        }
        if (line.event_key.rfind("um-runtime", 0) == 0) add("um-runtime-events");
      }
    };
    for (const Trace& trace : finding->traces) {
      add_for_lines(trace.start_lines);
      for (const TraceStep& step : trace.steps) {
        add_for_lines(step.lines);
        if (step.event == CellEvent::kReplicate) add("replication-applies-live");
      }
      bool restarted = false;
      for (const LogLine& line : trace.start_lines) restarted |= line.event_key == "44030";
      for (const TraceStep& step : trace.steps) {
        for (const LogLine& line : step.lines) restarted |= line.event_key == "44030";
        if (restarted && !step.entry_after.present && finding->rule == "kst/unknown-server")
          add("um-remembers-withdrawn");
      }
    }
  }

  void AddConflictFixes(Finding* finding) const {
    bool um = false, topology = false;
    for (const ClaimRef& claim : finding->claims) {
      um |= claim.producer == std::string(ProducerName(Producer::kUmRouting));
      topology |= claim.producer == std::string(ProducerName(Producer::kTopology));
    }
    const std::string& fqdn = finding->fqdn;
    if (um && topology) {
      finding->fixes.push_back(
          "Remove the trusted application pool (or topology entry) for " + fqdn +
          ": UM Routing's version-0 entry then stands and Exchange UM and OWA IM work again shortly. Cost: OWA IM "
          "now depends on UM Routing's entry; add the pool back if " + fqdn + " stops hosting a SipName dial plan.");
      finding->fixes.push_back(
          "Keep the pool and restart RTCSRV on every affected server once the topology has replicated: each restart "
          "logs 14563 and 44030, then 14493 adds " + fqdn + " with the topology's version. Cost: one Front End "
          "service restart per server; and if the pool is removed later, " + fqdn + " stays unknown until the next "
          "restart (assumption um-remembers-withdrawn).");
    } else {
      finding->fixes.push_back("Give every topology definition of " + fqdn +
                               " the same version, or remove the duplicate definition.");
    }
  }

  /// Re-explores the classes behind each finding under every reading.
  void CompareReadings() {
    for (size_t i = 0; i < report_->findings.size() && !InterruptRequested(); ++i) {
      Finding& finding = report_->findings[i];
      const CellInput& input = plan_.classes()[finding_classes_[i]].input;
      for (const Semantics& reading : model_.semantics()) {
        bool holds = true;
        if (reading.name != semantics_->name) {
          CellModel model(input, reading.startup_conflict, "");
          ClassResult result = Judge(input, ExploreCell(model, options_.max_states, false));
          // Same rule at the same severity: an outage that is permanent under
          // one reading and transient under another is not "the same finding".
          std::string rule = finding.rule;
          if (rule == "kst/unknown-server")
            rule += finding.severity == Severity::kError ? "/error" : "/warning";
          holds = HasRule(result, rule);
        }
        if (holds) finding.holds_under.push_back(reading.name);
      }
    }
  }

  void NoteSteadyStart() {
    report_->notes.push_back(
        "Before the plan, every server is taken to hold the base topology as if RTCSRV had just started, with UM "
        "Routing's start-up claims made (assumption steady-start).");
    for (const KstServer& joining : plan_.joining_servers())
      report_->notes.push_back("Server " + joining.fqdn + " joins with the plan; it is not simulated before it "
                               "exists. Run kst check on the final topology to see its first start.");
  }

  void FillStatistics() {
    stats_.servers = plan_.servers().size();
    stats_.fqdns = plan_.fqdns().size();
    stats_.cells = stats_.servers * stats_.fqdns;
    stats_.classes = plan_.classes().size();
    report_->statistics = stats_;
  }

  const Scenario& scenario_;
  const ModelCatalog& model_;
  const AnalysisOptions& options_;
  Report* report_;
  CompiledPlan plan_;
  const Semantics* semantics_;
  std::vector<ClassResult> results_;
  std::vector<uint32_t> finding_classes_;
  Statistics stats_;
  bool incomplete_ = false;
};

/// The certificate and clock rules on the scenario's final topology, then
/// every finding's impact. The graph is built only when there is something
/// to place in it.
void CheckBeyondTheTable(const Scenario& scenario, const ModelCatalog& model, const AnalysisOptions& options,
                         Report* report) {
  const Topology& final_topology = scenario.final_topology();
  const bool identity = !final_topology.certificates.empty() || !final_topology.clocks.empty();
  if (!identity && report->findings.empty()) return;
  std::vector<const Topology*> topologies = {&scenario.base};
  if (!scenario.plan.empty()) topologies.push_back(&final_topology);
  ImpactGraph graph(topologies, model);
  const std::optional<UnixSeconds> at = options.at ? options.at : scenario.at;
  if (identity) {
    report->checked_at = at;
    if (at) {
      CertificateCheckOptions certificates{*at, options.cert_warn_days.value_or(model.ParameterValue("certificate-warn-days"))};
      for (Finding& finding : CheckCertificates(final_topology, graph, model, certificates))
        report->findings.push_back(std::move(finding));
    } else {
      report->notes.push_back("No check time (--at, or the scenario's \"at\"): certificate validity was not checked.");
    }
    const int64_t tolerance = options.clock_tolerance_seconds.value_or(model.ParameterValue("clock-tolerance-seconds"));
    report->notes.push_back("Checked " + std::to_string(final_topology.certificates.size()) + " certificate(s) and " +
                            std::to_string(final_topology.clocks.size()) + " clock reading(s) (tolerance " +
                            std::to_string(tolerance) + " s); `kst impact` shows which conditions the input leaves "
                            "unchecked.");
    for (Finding& finding : CheckClocks(final_topology, model, tolerance, at.value_or(0)))
      report->findings.push_back(std::move(finding));
  }
  for (Finding& finding : report->findings) {
    if (finding.broken.empty())
      if (const ConditionInfo* condition = model.impact().ConditionBrokenBy(finding.rule))
        finding.broken.push_back({condition->id, finding.fqdn, finding.servers, {}});
    finding.impact = graph.Evaluate(finding.broken);
    for (const std::string& id : finding.impact.assumptions)
      if (std::find(finding.assumptions.begin(), finding.assumptions.end(), id) == finding.assumptions.end())
        finding.assumptions.push_back(id);
  }
}

bool AffectsVerdict(const Diagnostic& diagnostic) {
  return diagnostic.severity == Severity::kWarning &&
         (diagnostic.id == "unknown-field" || diagnostic.id == kImportUnrecognizedId ||
          diagnostic.id == kImportSkippedId);
}

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kInconclusive: return "inconclusive";
  }
  return "inconclusive";
}

Verdict VerdictOf(const Report& report) {
  bool error = std::any_of(report.findings.begin(), report.findings.end(),
                           [](const Finding& f) { return f.severity == Severity::kError && !f.waiver; });
  if (error) return Verdict::kFail;
  return report.inconclusive_reasons.empty() ? Verdict::kPass : Verdict::kInconclusive;
}

uint64_t PeakRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
  return 0;
}

Report Analyze(const Scenario& scenario, bool is_scenario, const ModelCatalog& model, const AnalysisOptions& options,
               const Diagnostics& load_diagnostics) {
  auto start = std::chrono::steady_clock::now();
  Report report;
  report.input = scenario.file;
  report.is_scenario = is_scenario;
  report.description = scenario.description;
  report.diagnostics = load_diagnostics;
  report.semantics = options.semantics ? options.semantics->name : model.DefaultSemantics().name;
  Analyzer(scenario, model, options, &report).Run();
  CheckBeyondTheTable(scenario, model, options, &report);
  for (const Diagnostic& d : load_diagnostics.all())
    if (AffectsVerdict(d)) report.inconclusive_reasons.push_back(d.location.ToString() + ": " + d.message);
  report.verdict = VerdictOf(report);
  if (scenario.expect) report.expectation = CompareWithExpectation(*scenario.expect, report);
  report.statistics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.statistics.peak_rss_kib = PeakRssKib();
  return report;
}

}  // namespace kst
