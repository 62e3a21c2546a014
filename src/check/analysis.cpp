// The analysis driver: per-class exploration, then findings per (rule, FQDN).
//
// Rules (ids in model/rule_ids.h, judged by check/cell_rules.cpp; docs/model.md lists them):
//   kst/version-conflict  a 14563 is reachable on some server (error)
//   kst/unknown-server    an FQDN a server needs is absent in an end state
//                         (error), or only on the way there (warning)
//   kst/order-dependent   a cell's end table depends on the order alone (warning)
// A finding is reported once per (rule, FQDN) with every affected server; its
// trace is the shortest one on the first affected server. Findings are then
// re-checked under the other readings of the model so the report can say
// whether they rest on one reading only.

#include "check/analysis.h"

#include <algorithm>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <new>
#include <set>

#include "base/interrupt.h"
#include "check/cell_rules.h"
#include "check/certificate_checks.h"
#include "check/class_cache.h"
#include "check/expectation.h"
#include "check/impact_graph.h"
#include "check/impact_in_force.h"
#include "check/plan_fixes.h"
#include "check/static_rules.h"
#include "check/waivers.h"
#include "engine/plan_compiler.h"
#include "engine/state_graph.h"
#include "engine/trace_narrator.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

/// A size for a person, in MiB rounded up: "70 MiB".
std::string MibText(uint64_t bytes) {
  return std::to_string((bytes + (uint64_t{1} << 20) - 1) >> 20) + " MiB";
}

/// The inconclusive reason of a plan the memory budget stopped before any class was explored.
std::string PlanRefusalReason(const PlanMemoryRefusal& refusal, uint64_t max_memory_bytes) {
  const std::string budget = MemoryBudgetName(max_memory_bytes);
  if (refusal.phase == PlanMemoryRefusal::Phase::kClaims)
    return budget + " was exceeded by the input and the claims of its topology revisions (" +
           MibText(refusal.resident_bytes) + " resident); nothing was explored";
  std::string cells = std::to_string(refusal.servers) + " servers x " + std::to_string(refusal.fqdns) + " FQDNs";
  if (refusal.server_signatures != 0)
    cells += ", " + std::to_string(refusal.server_signatures) + " x " + std::to_string(refusal.fqdn_signatures) +
             " signatures";
  return budget + " would be exceeded: " + MibText(refusal.resident_bytes) + " resident, and the cell classes of " +
         cells + " need up to " + MibText(refusal.needed_bytes) + " more; nothing was explored";
}

class Analyzer {
 public:
  Analyzer(const Scenario& scenario, const CompiledPlan& plan, const ModelCatalog& model,
           const AnalysisOptions& options, Report* report)
      : scenario_(scenario), model_(model), options_(options), report_(report), plan_(plan) {
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
    for (const CellClass& cell_class : plan_.classes()) {
      if (InterruptRequested() || memory_exhausted_) break;
      // Small classes are many: the resident memory is read every 64 of them
      // (the explorer reads it every 4,096 states within one).
      if ((results_.size() & 0x3F) == 0x3F && ResidentBytes() > options_.max_memory_bytes) {
        memory_exhausted_ = true;
        break;
      }
      ClassResult result = ExploreClass(cell_class.input, budget);
      const CellVerdict& verdict = result.verdict;
      memory_exhausted_ |= verdict.memory_exhausted;
      if (options_.progress)
        options_.progress(results_.size() + 1, plan_.classes().size(), stats_.states + verdict.states, false);
      budget = budget > verdict.states ? budget - verdict.states : 0;
      if (!verdict.complete && !verdict.memory_exhausted) incomplete_ = true;
      stats_.states += verdict.states;
      stats_.transitions += verdict.transitions;
      stats_.depth = std::max(stats_.depth, verdict.depth);
      results_.push_back(std::move(result));
    }
    if (options_.progress) options_.progress(results_.size(), plan_.classes().size(), stats_.states, true);
    if (memory_exhausted_ && !InterruptRequested())
      report_->inconclusive_reasons.push_back(MemoryBudgetName(options_.max_memory_bytes) + " ran out (" +
                                              MibText(ResidentBytes()) + " resident) after " +
                                              std::to_string(results_.size()) + " of " +
                                              std::to_string(plan_.classes().size()) + " cell classes were explored");
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

  /// `explore()`'s result for a class, or what options_.class_cache kept under
  /// the same key when an earlier analysis explored it to the end within `budget`.
  template <class Explore>
  ClassResult Cached(const CellInput& input, const Semantics& reading, ClassCache::Depth depth, uint64_t budget,
                     const Explore& explore) {
    if (!options_.class_cache) return explore();
    std::string key = ClassCache::KeyOf(input, reading, depth);
    if (const ClassResult* kept = options_.class_cache->Find(key, budget)) return *kept;
    ClassResult result = explore();
    options_.class_cache->Store(std::move(key), result);
    return result;
  }

  /// One class under the report's reading, with the absences told per step.
  ClassResult ExploreClass(const CellInput& input, uint64_t budget) {
    return Cached(input, *semantics_, ClassCache::Depth::kWithAbsences, budget, [&] {
      CellModel model(input, semantics_->startup_conflict, "");
      CellVerdict verdict = ExploreCell(model, budget, true, options_.max_memory_bytes);
      const bool flapping = !CyclicComponents(verdict).empty();
      ClassResult result = Judge(input, std::move(verdict));
      result.flapping = flapping;
      RecordAbsences(model, result.verdict, &result);
      result.verdict.edges = {};  // the graph was only needed for the cycle check and the outage window
      result.verdict.state_list = {};
      return result;
    });
  }

  /// One class under another reading, verdict only (CompareReadings).
  ClassResult JudgeUnder(const CellInput& input, const Semantics& reading) {
    return Cached(input, reading, ClassCache::Depth::kVerdictOnly, options_.max_states, [&] {
      CellModel model(input, reading.startup_conflict, "");
      return Judge(input, ExploreCell(model, options_.max_states, false, options_.max_memory_bytes));
    });
  }

  void CollectFindings() {
    const std::vector<CellRule>& kRules = CellRules();
    // The rules each class shows, once per class; then the rules each FQDN
    // signature shows on some server signature, one pass over the signature
    // pairs (never over the cells: a pool of 40,000 computers has 1.6 * 10^9);
    // an FQDN shows its signature's. Only the FQDNs that show a rule are then
    // walked server by server. Classes past results_ were not explored (an
    // interrupt, the memory budget): they show no rule.
    std::vector<uint8_t> class_rules(plan_.classes().size());
    for (size_t c = 0; c < results_.size(); ++c)
      for (size_t r = 0; r < kRules.size(); ++r) class_rules[c] |= kRules[r].shows(results_[c]) << r;
    const size_t fqdns = plan_.fqdns().size(), servers = plan_.servers().size();
    std::vector<uint8_t> signature_rules(plan_.fqdn_signature_count());
    for (size_t a = 0; a < plan_.server_signature_count(); ++a)
      for (size_t b = 0; b < signature_rules.size(); ++b)
        signature_rules[b] |= class_rules[plan_.ClassOfSignatures(a, b)];
    std::vector<uint8_t> fqdn_rules(fqdns);
    for (size_t f = 0; f < fqdns; ++f) fqdn_rules[f] = signature_rules[plan_.FqdnSignatureOf(f)];
    for (size_t r = 0; r < kRules.size(); ++r) {
      const uint8_t bit = static_cast<uint8_t>(1u << r);
      for (size_t f = 0; f < fqdns; ++f) {
        if (!(fqdn_rules[f] & bit)) continue;
        // One finding per severity: an error lists only the servers where
        // the rule is an error (for kst/unknown-server, the servers whose
        // table ends without the FQDN); the others are a warning of their own.
        for (const Severity severity : {Severity::kError, Severity::kWarning}) {
          std::vector<uint32_t> group;
          for (size_t s = 0; s < servers; ++s) {
            const uint32_t c = plan_.ClassOf(s, f);
            if ((class_rules[c] & bit) && kRules[r].severity(results_[c]) == severity)
              group.push_back(static_cast<uint32_t>(s));
          }
          if (!group.empty()) AddFinding(kRules[r].id, f, group);
        }
      }
    }
  }

  /// A finding of `rule` on FQDN `f` for the servers `group` (indices, in
  /// server order); its trace is told on the first of them.
  void AddFinding(const std::string& rule, size_t f, const std::vector<uint32_t>& group) {
    const std::string& fqdn = plan_.fqdns()[f];
    const size_t s = group.front();
    const std::string& server = plan_.servers()[s].fqdn;
    std::vector<std::string> servers;
    servers.reserve(group.size());
    for (const uint32_t index : group) servers.push_back(plan_.servers()[index].fqdn);
    const uint32_t class_index = plan_.ClassOf(s, f);
    const ClassResult& result = results_[class_index];
    // The cell's own input: its class's has the same shape but may name other plan steps.
    const CellInput input = plan_.InputFor(s, f);
    Finding finding;
    finding.rule = rule;
    finding.fqdn = fqdn;
    finding.servers_summary = SummarizeServers(servers, plan_.servers());
    finding.servers = std::move(servers);
    finding.claims = ClaimsOn(f);
    // Servers with equal signatures have equal inputs and classes, so equal
    // outcomes but for the name: each is judged once (a finding of an estate
    // has hundreds of servers and a few signatures).
    std::map<uint32_t, ServerOutcome> outcomes;
    finding.outcomes.reserve(group.size());
    for (const uint32_t index : group) {
      auto [it, added] = outcomes.try_emplace(plan_.ServerSignature(index));
      if (added)
        it->second =
            OutcomeOf(results_[plan_.ClassOf(index, f)], plan_.InputFor(index, f), plan_.servers()[index].fqdn);
      finding.outcomes.push_back(it->second);
      finding.outcomes.back().server = plan_.servers()[index].fqdn;
    }
    auto narrate = [&](const std::string& title, const EventPath& path) {
      Trace trace;
      trace.title = title;
      NarrateTrace(scenario_, input, semantics_->startup_conflict, server, fqdn, path, &trace);
      finding.traces.push_back(std::move(trace));
    };
    const CellRule& cell_rule = *FindCellRule(rule);
    cell_rule.describe(CellFindingContext{result, fqdn, RequirementAtEnd(fqdn).why, narrate}, &finding);
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
    finding_cells_.push_back({f, group});
  }

  /// The claims on FQDN `f` over the plan, collected once: an FQDN often has
  /// findings of two rules or two severities, and each revision that changed
  /// it is read whole (CompiledPlan::ClaimsOn).
  const std::vector<ClaimRef>& ClaimsOn(size_t f) {
    auto [it, added] = claims_on_.try_emplace(f);
    if (added) it->second = plan_.ClaimsOn(plan_.fqdns()[f]);
    return it->second;
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
        if (restarted && !step.entry_after.present && finding->rule == kst::rule::kUnknownServer)
          add("um-remembers-withdrawn");
      }
    }
  }

  /// Re-explores the classes of each finding's servers under every reading:
  /// the severity the rule has there (the worst over the servers), and the
  /// readings under which the same finding (same rule, same severity) holds.
  void CompareReadings() {
    std::map<std::pair<uint32_t, const Semantics*>, ClassResult> explored;  // (class, reading) -> result
    auto result_of = [&](uint32_t class_index, const Semantics& reading) -> const ClassResult& {
      if (reading.name == semantics_->name) return results_[class_index];
      auto [it, added] = explored.try_emplace({class_index, &reading});
      if (added) {
        it->second = JudgeUnder(plan_.classes()[class_index].input, reading);
        if (it->second.verdict.memory_exhausted && !memory_exhausted_) {
          memory_exhausted_ = true;
          report_->inconclusive_reasons.push_back(
              MemoryBudgetName(options_.max_memory_bytes) + " ran out (" + MibText(ResidentBytes()) +
              " resident) while the findings were re-checked under the other readings; what they say of other "
              "readings is incomplete");
        }
      }
      return it->second;
    };
    for (size_t i = 0; i < report_->findings.size() && !InterruptRequested() && !memory_exhausted_; ++i) {
      Finding& finding = report_->findings[i];
      const CellRule& cell_rule = *FindCellRule(finding.rule);
      std::set<uint32_t> classes;
      for (const uint32_t s : finding_cells_[i].servers) classes.insert(plan_.ClassOf(s, finding_cells_[i].fqdn));
      for (const Semantics& reading : model_.semantics()) {
        ReadingSeverity entry{reading.name, std::nullopt};
        bool holds = false;
        for (const uint32_t c : classes) {
          const ClassResult& result = result_of(c, reading);
          holds |= cell_rule.holds(result, finding.severity);
          if (!cell_rule.shows(result)) continue;
          const Severity severity = cell_rule.severity(result);
          if (!entry.severity || severity == Severity::kError) entry.severity = severity;
        }
        finding.by_reading.push_back(entry);
        if (holds) finding.holds_under.push_back(reading.name);
      }
    }
    // Ctrl-C here left some findings without (or with a partial) word on the
    // other readings: the report must say so, not pass for complete.
    if (InterruptRequested() && !report_->interrupted) {
      report_->interrupted = true;
      report_->inconclusive_reasons.push_back(
          "interrupted: while the findings were re-checked under the other readings; what they say of other "
          "readings is incomplete");
    }
  }

  void NoteSteadyStart() {
    report_->notes.push_back(
        "Before the plan, every server is taken to hold the base topology as if RTCSRV had just started, with UM "
        "Routing's start-up claims made (assumption steady-start).");
    for (const KstServer& joining : plan_.joining_servers())
      report_->notes.push_back("Server " + joining.fqdn +
                               " joins with the plan; it is not simulated before it "
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
  const CompiledPlan& plan_;
  const Semantics* semantics_;
  std::vector<ClassResult> results_;
  struct FindingCells {
    size_t fqdn;
    std::vector<uint32_t> servers;
  };
  std::vector<FindingCells> finding_cells_;            // per finding: its FQDN and servers (indices)
  std::map<size_t, std::vector<ClaimRef>> claims_on_;  // ClaimsOn's, by FQDN index
  Statistics stats_;
  bool incomplete_ = false;
  bool memory_exhausted_ = false;  // the memory budget stopped an exploration: no more are started
};

/// Frees the impact graphs but `keep` and gives the freed memory back to the
/// system: true when the process is then within `max_memory_bytes`.
bool ImpactWithinBudget(ImpactGraphs* graphs, const ImpactGraph& keep, uint64_t max_memory_bytes) {
  graphs->ForgetAllBut(keep);
#ifdef __GLIBC__
  malloc_trim(0);  // a graph is many small nodes: freed, they stay resident in glibc's arenas otherwise
#endif
  return ResidentBytes() <= max_memory_bytes;
}

/// The certificate and clock rules on the scenario's final topology (its
/// impact graph alone), then every finding's impact (check/impact_in_force). The graph is built only when there is
/// something to place in it.
void CheckBeyondTheTable(const Scenario& scenario, const CompiledPlan& plan, const ModelCatalog& model,
                         const AnalysisOptions& options, Report* report) {
  const Topology& final_topology = scenario.final_topology();
  const bool identity = !final_topology.certificates.empty() || !final_topology.unchecked_certificates.empty() ||
                        !final_topology.clocks.empty();
  if (!identity && report->findings.empty()) return;
  ImpactGraphs graphs(scenario, plan, model);
  const ImpactGraph& graph = graphs.Final();
  const std::optional<UnixSeconds> at = options.at ? options.at : scenario.at;
  if (identity) {
    report->checked_at = at;
    const StaticCheckContext context{
        final_topology,
        plan.final_claims(),
        graph,
        model,
        at,
        options.cert_warn_days.value_or(model.ParameterValue("certificate-warn-days")),
        options.clock_tolerance_seconds.value_or(model.ParameterValue("clock-tolerance-seconds"))};
    for (const StaticRuleCheck& check : StaticRuleChecks())
      for (Finding& finding : check.check(context, &report->notes)) report->findings.push_back(std::move(finding));
    if (at)
      for (std::string& reason : UncheckedCertificateReasons(
               final_topology, graph, model, CertificateCheckOptions{*at, context.cert_warn_days, &context.claims}))
        report->inconclusive_reasons.push_back(std::move(reason));
    report->notes.push_back("Checked " + std::to_string(final_topology.certificates.size()) + " certificate(s) and " +
                            std::to_string(final_topology.clocks.size()) + " clock reading(s) (tolerance " +
                            std::to_string(context.clock_tolerance_seconds) +
                            " s); `kst impact` shows which conditions the input leaves unchecked.");
  }
  for (size_t i = 0; i < report->findings.size(); ++i) {
    // A graph per distinct window is kept for the findings that share it; a
    // plan of hundreds of windows over a large topology would keep gigabytes.
    // Past the memory budget (read per finding: a graph takes milliseconds to
    // build, a read microseconds) the graphs are freed and rebuilt as asked for;
    // when even that leaves the process over it, the impact stops here.
    if (ResidentBytes() > options.max_memory_bytes && !ImpactWithinBudget(&graphs, graph, options.max_memory_bytes)) {
      report->inconclusive_reasons.push_back(
          MemoryBudgetName(options.max_memory_bytes) + " ran out (" + MibText(ResidentBytes()) +
          " resident) while the impact of the findings was evaluated: " + std::to_string(report->findings.size() - i) +
          " of " + std::to_string(report->findings.size()) + " findings say nothing of the features they break");
      break;
    }
    Finding& finding = report->findings[i];
    if (finding.broken.empty())
      if (const ConditionInfo* condition = model.impact().ConditionBrokenBy(finding.rule))
        finding.broken.push_back({condition->id, finding.fqdn, finding.servers, {}});
    // A KST finding hurts while its windows last: its impact is that of the
    // topologies in force then; the rules beyond the table judge the ends.
    const std::vector<int> in_force = StepsInForce(finding, static_cast<int>(scenario.plan.size()));
    const ImpactGraph& judged = !in_force.empty()          ? graphs.InForce(in_force, finding.fqdn)
                                : finding.outcomes.empty() ? graph
                                                           : graphs.Ends();
    finding.impact = judged.Evaluate(finding.broken);
    for (const std::string& id : finding.impact.assumptions)
      if (std::find(finding.assumptions.begin(), finding.assumptions.end(), id) == finding.assumptions.end())
        finding.assumptions.push_back(id);
  }
}

}  // namespace

bool AffectsVerdict(const Diagnostic& diagnostic) {
  return diagnostic.severity == Severity::kWarning &&
         (diagnostic.id == "unknown-field" || diagnostic.id == kImportUnrecognizedId ||
          diagnostic.id == kImportSkippedId);
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kInconclusive:
      return "inconclusive";
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

namespace {

/// The report before any analysis: what the input is and how it was read.
Report ReportOf(const Scenario& scenario, bool is_scenario, const ModelCatalog& model, const AnalysisOptions& options,
                const Diagnostics& load_diagnostics) {
  Report report;
  report.input = scenario.file;
  report.is_scenario = is_scenario;
  report.description = scenario.description;
  report.diagnostics = load_diagnostics;
  report.semantics = options.semantics ? options.semantics->name : model.DefaultSemantics().name;
  return report;
}

/// A report that stops before the analysis ends (Ctrl-C, the memory budget): inconclusive for `reason`.
/// A run that was not interrupted still compares a scenario's expect block (kst test reads it).
Report StoppedReport(const Scenario& scenario, Report report, std::string reason,
                     std::chrono::steady_clock::time_point start) {
  report.inconclusive_reasons.push_back(std::move(reason));
  report.verdict = VerdictOf(report);
  if (scenario.expect && !report.interrupted) report.expectation = CompareWithExpectation(*scenario.expect, report);
  report.statistics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.statistics.peak_rss_kib = PeakRssKib();
  return report;
}

Report AnalyzeWithinBudget(const Scenario& scenario, bool is_scenario, const ModelCatalog& model,
                           const AnalysisOptions& options, const Diagnostics& load_diagnostics,
                           const ReportInputs& inputs, std::chrono::steady_clock::time_point start) {
  Report report = ReportOf(scenario, is_scenario, model, options, load_diagnostics);
  // The claims of each topology revision are collected once, here, and
  // shared by the exploration, the static rules and the impact graph.
  const CompiledPlan plan(scenario, model, options.max_memory_bytes);
  if (plan.memory_refusal())
    return StoppedReport(scenario, std::move(report),
                         PlanRefusalReason(*plan.memory_refusal(), options.max_memory_bytes), start);
  if (plan.interrupted()) {
    // Ctrl-C while the plan was compiled: nothing was explored or checked.
    report.interrupted = true;
    return StoppedReport(scenario, std::move(report),
                         "interrupted: while the plan was compiled, before any cell class was explored", start);
  }
  Analyzer(scenario, plan, model, options, &report).Run();
  CheckBeyondTheTable(scenario, plan, model, options, &report);
  if (options.recheck_fixes && !report.interrupted) AddCheckedFixes(scenario, model, options, &report);
  for (const Diagnostic& d : load_diagnostics.all())
    if (AffectsVerdict(d)) report.inconclusive_reasons.push_back(d.location.ToString() + ": " + d.message);
  report.verdict = VerdictOf(report);
  if (scenario.expect) report.expectation = CompareWithExpectation(*scenario.expect, report);
  report.imports = inputs.imports;
  if (inputs.waivers) ApplyWaivers(*inputs.waivers, inputs.today, &report);
  report.verdict = VerdictOf(report);
  report.statistics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.statistics.peak_rss_kib = PeakRssKib();
  return report;
}

}  // namespace

Report Analyze(const Scenario& scenario, bool is_scenario, const ModelCatalog& model, const AnalysisOptions& options,
               const Diagnostics& load_diagnostics, const ReportInputs& inputs) {
  const auto start = std::chrono::steady_clock::now();
  try {
    return AnalyzeWithinBudget(scenario, is_scenario, model, options, load_diagnostics, inputs, start);
  } catch (const std::bad_alloc&) {
    // The system refused memory below the budget (a smaller machine, other
    // processes). Unwinding freed the plan and the half-made report: what is
    // returned holds no finding of a run that did not end, only the reason.
    return StoppedReport(scenario, ReportOf(scenario, is_scenario, model, options, load_diagnostics),
                         "out of memory: the system refused an allocation (std::bad_alloc) at " +
                             MibText(ResidentBytes()) + " resident, within " +
                             MemoryBudgetName(options.max_memory_bytes) +
                             "; a --max-memory this machine can give stops kst cleanly before that",
                         start);
  }
}

}  // namespace kst
