#include "check/plan_fixes.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "base/interrupt.h"
#include "base/text_join.h"
#include "check/class_cache.h"
#include "model/claims.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

using TopologyChange = std::function<void(Topology*)>;

/// A step to insert; `change` (when set) makes it a publish that changes the
/// topology, and every later step that changes the topology carries it too.
struct Inserted {
  PlanStep step;
  TopologyChange change;
};

Scenario EmptyCopy(const Scenario& scenario) {
  Scenario out;
  out.file = scenario.file;
  out.description = scenario.description;
  out.base = scenario.base;
  out.unplanned_restarts = scenario.unplanned_restarts;
  out.at = scenario.at;
  return out;
}

/// `scenario` with `inserted` after `done` plan steps, and plan step `skip`
/// (an index, or -1) left out; `later` is applied to the topology of every
/// original step from the edit on (what the edit changes must hold there too).
Scenario Edit(const Scenario& scenario, size_t done, std::vector<Inserted> inserted, int skip,
              const TopologyChange& later) {
  Scenario out = EmptyCopy(scenario);
  out.plan.assign(scenario.plan.begin(), scenario.plan.begin() + static_cast<std::ptrdiff_t>(done));
  if (done == 0 && later) later(&out.base);  // an edit from the start holds before the plan too
  std::shared_ptr<const Topology> current =
      done == 0 ? std::make_shared<const Topology>(out.base) : scenario.plan[done - 1].after;
  std::vector<TopologyChange> changes;
  if (later && done == 0) {
    changes.push_back(later);
  } else if (later) {
    auto copy = std::make_shared<Topology>(*current);
    later(copy.get());
    current = std::move(copy);
    changes.push_back(later);
  }
  for (Inserted& item : inserted) {
    if (item.change) {
      auto copy = std::make_shared<Topology>(*current);
      item.change(copy.get());
      current = std::move(copy);
      changes.push_back(item.change);
    }
    item.step.after = current;
    out.plan.push_back(std::move(item.step));
  }
  for (size_t i = done; i < scenario.plan.size(); ++i) {
    if (static_cast<int>(i) == skip) continue;
    PlanStep step = scenario.plan[i];
    if (step.ChangesTopology()) {
      auto copy = std::make_shared<Topology>(*step.after);
      for (const TopologyChange& change : changes) change(copy.get());
      current = std::move(copy);
    }
    step.after = current;
    out.plan.push_back(std::move(step));
  }
  return out;
}

PlanStep Wait() {
  PlanStep step;
  step.kind = PlanStep::Kind::kWaitForReplication;
  step.op = "wait_for_replication";
  step.description = "wait until every server has the newest topology replica (added by a fix)";
  return step;
}

PlanStep Restart(const std::vector<std::string>& servers) {
  PlanStep step;
  step.kind = PlanStep::Kind::kRestart;
  step.op = "restart";
  step.servers = servers;
  step.description = "restart RTCSRV on";
  for (const std::string& server : servers) step.description += " " + server;
  step.description += " (added by a fix)";
  return step;
}

std::string AfterStep(size_t done) {
  return done == 0 ? "Before the plan's first step" : "After plan step " + std::to_string(done);
}

/// The servers of a finding the plan leaves unsettled: they end without the
/// FQDN, only an event after the plan's last step brings it back, or their end
/// entry depends on the order (kst/order-dependent). `opened_at`: the latest
/// step at which one of their windows opens.
std::vector<std::string> ServersLeftOpen(const Finding& finding, size_t* opened_at) {
  std::vector<std::string> servers;
  *opened_at = 0;
  for (const ServerOutcome& outcome : finding.outcomes)
    if (outcome.ends_absent || (outcome.outage && outcome.window_to == 0) || outcome.ends.size() > 1) {
      servers.push_back(outcome.server);
      *opened_at = std::max(*opened_at, static_cast<size_t>(outcome.window_from));
    }
  return servers;
}

/// Restart the servers the plan leaves without the FQDN once the topology has
/// replicated: right after the step that opens their window (the shortest
/// outage), or after the plan's last step.
void RestartFixes(const Scenario& scenario, const Finding& finding, std::vector<CandidateFix>* out) {
  size_t opened_at = 0;
  const std::vector<std::string> servers = ServersLeftOpen(finding, &opened_at);
  if (servers.empty()) return;
  std::set<size_t> places = {opened_at, scenario.plan.size()};
  for (const size_t done : places) {
    CandidateFix fix;
    fix.text = AfterStep(done) + ", wait for replication, then restart RTCSRV on " + JoinStrings(servers) +
               ", one server at a time (a Front End pool keeps its quorum): each start reads the topology and "
               "UM Routing's hosts afresh and adds " +
               finding.fqdn + " with one version";
    fix.make = [=, &scenario] { return Edit(scenario, done, {{Wait(), {}}, {Restart(servers), {}}}, -1, {}); };
    out->push_back(std::move(fix));
  }
}

bool TapNames(const TrustedApplicationPool& tap, const std::string& fqdn) {
  if (tap.fqdn.name == fqdn) return true;
  return std::any_of(tap.computers.begin(), tap.computers.end(),
                     [&](const NamedAt& computer) { return computer.name == fqdn; });
}

/// Takes the pools that name `fqdn` out and says the Exchange server serves
/// OWA IM on its own, through UM Routing's entry (seed 004, option 1).
TopologyChange DropPoolKeepOwaIm(const std::string& fqdn) {
  return [fqdn](Topology* topology) {
    topology->trusted_application_pools.EraseIf([&](const TrustedApplicationPool& tap) { return TapNames(tap, fqdn); });
    topology->exchange_servers.UpdateIf([&](const ExchangeServer& server) { return server.fqdn.name == fqdn; },
                                        [](ExchangeServer& server) { server.owa_im = true; });
  };
}

bool UmRoutingHosts(const Topology& topology, const std::string& fqdn, const ModelCatalog& model) {
  return CollectClaims(topology, model).UmRoutingClaims(fqdn);
}

/// A conflict between a pool and UM Routing's entry for an Exchange server:
/// do without the pool, since UM Routing's version-0 entry already puts the
/// server in the tables and serves OWA IM (seed 004, option 1). The plan step
/// that adds the pool is left out; a pool already in the base topology is
/// removed before the plan's first step.
void WithoutThePoolFixes(const Scenario& scenario, const Finding& finding, const ModelCatalog& model,
                         std::vector<CandidateFix>* out) {
  const std::string& fqdn = finding.fqdn;
  if (!scenario.final_topology().FindExchangeServer(fqdn) && !scenario.base.FindExchangeServer(fqdn)) return;
  const std::string caveat = ": UM Routing's version-0 entry already puts " + fqdn +
                             " in the tables and serves OWA IM; add the pool back if " + fqdn +
                             " stops hosting a SipName dial plan (seed 004)";
  for (size_t i = 0; i < scenario.plan.size(); ++i) {
    const PlanStep& step = scenario.plan[i];
    if (step.op != "add_trusted_application_pool") continue;
    const Topology& before = scenario.TopologyAfter(i);
    const bool adds = std::any_of(step.after->trusted_application_pools.begin(),
                                  step.after->trusted_application_pools.end(), [&](const TrustedApplicationPool& tap) {
                                    return TapNames(tap, fqdn) && !before.FindTrustedApplicationPool(tap.fqdn.name);
                                  });
    if (!adds) continue;
    CandidateFix fix;
    fix.text = "Leave out plan step " + std::to_string(i + 1) + " (" + step.description + ")" + caveat;
    fix.make = [=, &scenario] { return Edit(scenario, i, {}, static_cast<int>(i), DropPoolKeepOwaIm(fqdn)); };
    out->push_back(std::move(fix));
    return;
  }
  const bool base_pool =
      std::any_of(scenario.base.trusted_application_pools.begin(), scenario.base.trusted_application_pools.end(),
                  [&](const TrustedApplicationPool& tap) { return TapNames(tap, fqdn); });
  if (!base_pool || !UmRoutingHosts(scenario.base, fqdn, model)) return;
  PlanStep remove;
  remove.kind = PlanStep::Kind::kPublish;
  remove.op = "remove_trusted_application_pool";
  remove.description = "remove the trusted application pool of " + fqdn + " (added by a fix)";
  CandidateFix fix;
  fix.text = "Before the plan's first step, remove the trusted application pool of " + fqdn +
             " and wait for replication" + caveat;
  fix.make = [=, &scenario] { return Edit(scenario, 0, {{remove, DropPoolKeepOwaIm(fqdn)}, {Wait(), {}}}, -1, {}); };
  out->push_back(std::move(fix));
}

/// An OWA IM server that the plan leaves in no table (its SipName dial plan
/// moved away and no pool names it): add the pool back right after the step
/// that opens the window, as seed 004 says. The servers restart first: a
/// start reads UM Routing's hosts afresh and drops the server at once, where a
/// pool that replicated before UM Routing's next poll would meet its version-0
/// entry and log 14563 (O1).
void AddThePoolFixes(const Scenario& scenario, const Finding& finding, std::vector<CandidateFix>* out) {
  const std::string& fqdn = finding.fqdn;
  const Topology& final_topology = scenario.final_topology();
  const auto owa = OwaImServers(final_topology);
  const bool serves_owa_im =
      std::any_of(owa.begin(), owa.end(), [&](const auto& server) { return server.first == fqdn; });
  if (!serves_owa_im) return;
  if (std::any_of(final_topology.trusted_application_pools.begin(), final_topology.trusted_application_pools.end(),
                  [&](const TrustedApplicationPool& tap) { return TapNames(tap, fqdn); }))
    return;
  size_t opened_at = 0;
  const std::vector<std::string> servers = ServersLeftOpen(finding, &opened_at);
  if (servers.empty()) return;
  // The registrar: the pool of the first server that lost the FQDN.
  const LyncPool* registrar = nullptr;
  for (const LyncPool& pool : final_topology.pools)
    for (const NamedAt& computer : pool.computers)
      if (!registrar && computer.name == servers.front()) registrar = &pool;
  if (!registrar) return;
  TrustedApplicationPool tap;
  tap.fqdn.name = fqdn;
  tap.version = registrar->version;
  tap.registrar.name = registrar->fqdn.name;
  tap.computers.push_back(tap.fqdn);
  PlanStep add;
  add.kind = PlanStep::Kind::kPublish;
  add.op = "add_trusted_application_pool";
  add.description = "add trusted application pool " + fqdn + " (version " + std::to_string(tap.version) +
                    ", registrar " + tap.registrar.name + "; added by a fix)";
  const TopologyChange change = [tap](Topology* topology) {
    if (!topology->FindTrustedApplicationPool(tap.fqdn.name)) topology->trusted_application_pools.push_back(tap);
  };
  CandidateFix fix;
  fix.text = AfterStep(opened_at) + ", restart RTCSRV on " + JoinStrings(servers) +
             " one server at a time (UM Routing then drops " + fqdn +
             " at once, not at its next poll), then add a trusted application pool for " + fqdn + " (computer " + fqdn +
             ", version " + std::to_string(tap.version) + ", registrar " + tap.registrar.name +
             ") and wait for replication: OWA IM needs the pool once UM Routing's entry is gone (seed 004), and is "
             "down from the restarts until the pool has replicated";
  fix.make = [=, &scenario] {
    return Edit(scenario, opened_at, {{Restart(servers), {}}, {add, change}, {Wait(), {}}}, -1, {});
  };
  out->push_back(std::move(fix));
}

/// The certificate and clock rules' own fix, as an edit of the input from the
/// start: the certificate given its server's name as subject (and among its
/// names), renewed around the check time, or the clock set right. The rule's
/// advice is the text; it is printed as checked only if the edited input
/// passes that rule.
void InputFixes(const Scenario& scenario, const Finding& finding, std::optional<UnixSeconds> at,
                std::vector<CandidateFix>* out) {
  if (finding.fixes.empty()) return;
  const std::string server = finding.fqdn, subject = finding.subject, rule = finding.rule;
  TopologyChange change;
  if (rule == rule::kCertWildcardSubject || rule == rule::kCertSubjectNotKnown) {
    change = [server, subject](Topology* topology) {
      for (Certificate& certificate : topology->certificates.Writable())
        if (certificate.server.name == server && certificate.subject_cn.name == subject) {
          certificate.subject_cn.name = server;
          if (std::none_of(certificate.sans.begin(), certificate.sans.end(),
                           [&](const NamedAt& san) { return san.name == server; }))
            certificate.sans.push_back(NamedAt{server, {}});
        }
    };
  } else if (rule == rule::kCertValidity && at) {
    const UnixSeconds now = *at;
    change = [server, subject, now](Topology* topology) {
      for (Certificate& certificate : topology->certificates.Writable())
        if (certificate.server.name == server && certificate.subject_cn.name == subject) {
          certificate.not_before = now - 86400;
          certificate.not_after = now + 2 * 365 * 86400;
        }
    };
  } else if (rule == rule::kClockSkew) {
    change = [server](Topology* topology) {
      for (ClockReading& clock : topology->clocks.Writable())
        if (clock.server.name == server) clock.offset_seconds = 0;
    };
  } else {
    return;
  }
  CandidateFix fix;
  fix.text = finding.fixes.front();
  fix.make = [=, &scenario] { return Edit(scenario, 0, {}, -1, change); };
  out->push_back(std::move(fix));
}

/// "nothing left on F" or "left on F: warning kst/unknown-server (...)".
std::string ResultLine(const Report& edited, const std::string& fqdn) {
  std::vector<std::string> left;
  size_t elsewhere = 0;
  for (const Finding& finding : edited.findings) {
    if (finding.fqdn != fqdn) {
      elsewhere += finding.severity == Severity::kError ? 1 : 0;
      continue;
    }
    std::string item = std::string(SeverityName(finding.severity)) + " " + finding.rule;
    std::vector<std::string> windows;
    for (const ServerOutcome& outcome : finding.outcomes)
      if (outcome.outage)
        windows.push_back(outcome.server + " from step " + std::to_string(outcome.window_from) +
                          (outcome.window_to ? " to step " + std::to_string(outcome.window_to) : " on"));
    if (!windows.empty()) item += " (outage " + JoinStrings(windows) + ")";
    left.push_back(item);
  }
  std::string line = left.empty() ? "nothing left on " + fqdn : "left on " + fqdn + ": " + JoinStrings(left);
  line += "; the edited plan: " + std::string(VerdictName(edited.verdict));
  if (elsewhere) line += " (" + std::to_string(elsewhere) + " error(s) on other FQDNs)";
  return line;
}

/// True when the edited plan no longer has `finding` at its severity or
/// worse, and has nothing on its FQDN that the original report did not have
/// as badly (a fix must not trade one error for another).
bool Improves(const Report& original, const Finding& finding, const Report& edited) {
  auto as_bad = [](const Report& report, const std::string& rule, const std::string& fqdn, Severity severity) {
    return std::any_of(report.findings.begin(), report.findings.end(),
                       [&](const Finding& f) { return f.rule == rule && f.fqdn == fqdn && f.severity >= severity; });
  };
  if (as_bad(edited, finding.rule, finding.fqdn, finding.severity)) return false;
  return std::all_of(edited.findings.begin(), edited.findings.end(), [&](const Finding& f) {
    return f.fqdn != finding.fqdn || as_bad(original, f.rule, f.fqdn, f.severity);
  });
}

bool IsKstFinding(const Finding& finding) {
  return !finding.outcomes.empty();
}

}  // namespace

std::vector<CandidateFix> CandidateFixes(const Scenario& scenario, const Finding& finding, const ModelCatalog& model,
                                         std::optional<UnixSeconds> at) {
  std::vector<CandidateFix> fixes;
  if (!IsKstFinding(finding)) {
    InputFixes(scenario, finding, at, &fixes);
    return fixes;
  }
  if (finding.rule == rule::kVersionConflict) WithoutThePoolFixes(scenario, finding, model, &fixes);
  if (finding.rule == rule::kUnknownServer) {
    WithoutThePoolFixes(scenario, finding, model, &fixes);  // the conflict that took the entry out
    AddThePoolFixes(scenario, finding, &fixes);
  }
  RestartFixes(scenario, finding, &fixes);
  return fixes;
}

void AddCheckedFixes(const Scenario& scenario, const ModelCatalog& model, const AnalysisOptions& options,
                     Report* report) {
  if (report->findings.empty()) return;
  if (report->statistics.cells > kMaxCellsForRechecks) {
    report->notes.push_back("fixes for this plan were not re-checked: " + std::to_string(report->statistics.cells) +
                            " cells, more than the " + std::to_string(kMaxCellsForRechecks) +
                            " kst re-explores per fix; the rules' general fix options stand");
    return;
  }
  // A re-check costs about what the analysis did: its cells, each over the plan's steps.
  const uint64_t cost = std::max<uint64_t>(1, report->statistics.cells) * (scenario.plan.size() + 1);
  const size_t max_rechecks = static_cast<size_t>(std::min<uint64_t>(kMaxRechecks, kRecheckCellSteps / cost));
  AnalysisOptions again = options;
  again.recheck_fixes = false;
  again.progress = nullptr;
  // A fix edits a step or two: the classes it leaves alone are not explored again.
  ClassCache classes;
  if (!again.class_cache) again.class_cache = &classes;
  std::map<std::string, Report> explored;  // by fix text: one exploration serves every finding it fixes
  bool budget_hit = false;
  for (Finding& finding : report->findings) {
    for (CandidateFix& candidate : CandidateFixes(scenario, finding, model, report->checked_at)) {
      if (InterruptRequested()) return;
      auto it = explored.find(candidate.text);
      if (it == explored.end()) {
        if (explored.size() >= max_rechecks) {
          budget_hit = true;
          break;
        }
        it = explored.emplace(candidate.text, Analyze(candidate.make(), true, model, again, {})).first;
      }
      const Report& edited = it->second;
      if (edited.interrupted) return;
      // An edited plan kst could not explore to the end (a state or memory budget) proves nothing.
      if (!edited.inconclusive_reasons.empty()) continue;
      if (!Improves(*report, finding, edited)) continue;
      finding.checked_fixes.push_back({candidate.text, ResultLine(edited, finding.fqdn), VerdictName(edited.verdict)});
      break;  // the first that works: the candidates come most specific, shortest outage first
    }
  }
  if (budget_hit)
    report->notes.push_back("fixes for this plan: re-checked " + std::to_string(max_rechecks) +
                            " edited plan(s), the most kst explores per run at " +
                            std::to_string(report->statistics.cells) + " cells and " +
                            std::to_string(scenario.plan.size()) +
                            " plan steps; later findings show only the rules' general fix options");
}

}  // namespace kst
