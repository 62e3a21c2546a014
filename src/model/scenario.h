#pragma once
// A what-if scenario (kst-scenario/1): a base topology, an ordered change
// plan and what the author expects. The loader applies each plan step to a
// copy of the topology, so every step carries the topology after it.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// One admin step of the plan, already applied.
struct PlanStep {
  enum class Kind {
    kPublish,             // a Lync topology change: published, then replicated asynchronously
    kAdChange,            // an Exchange change: seen by UM Routing at a later poll
    kRestart,             // RTCSRV restarts on `servers`
    kWaitForReplication,  // the admin waits until every server has the newest replica
    kWaitForUmPoll,       // the admin waits until UM Routing on every server has polled AD and has nothing left to do
  };
  Kind kind = Kind::kPublish;
  std::string op;           // as written, e.g. "add_trusted_application_pool"
  std::string description;  // for people: "add trusted application pool ex1.contoso.com (version 6)"
  Location location;
  std::vector<std::string> servers;  // kRestart: the FQDNs restarted
  /// The whole topology once this step is done; a restart or a wait shares
  /// the one before it, so only changes cost a copy.
  std::shared_ptr<const Topology> after;

  /// A publish or an AD change: the only steps whose `after` differs from the step before.
  bool ChangesTopology() const { return kind == Kind::kPublish || kind == Kind::kAdChange; }
};

struct ExpectedFinding {
  std::string rule;
  std::string fqdn;
  Location location;
  /// When given: exactly these feature ids break (model impact.features),
  /// and exactly these directions are broken.
  std::optional<std::vector<std::string>> breaks;
  std::optional<std::vector<std::string>> directions;
  /// When given: the finding of (rule, FQDN) at this severity ("error" or
  /// "warning"), and exactly these affected servers (of that severity, or of
  /// every finding of (rule, FQDN) when no severity is given).
  std::optional<std::string> severity;
  std::optional<std::vector<std::string>> servers;
  /// When given: exactly these servers have an outage window, each from and
  /// to these plan steps (ServerOutcome::window_from / window_to).
  struct Outage {
    std::string server;
    int from_step = 0;
    int to_step = 0;
  };
  std::optional<std::vector<Outage>> outages;
  /// When given: exactly these fixes for the plan, re-checked by kst
  /// (Finding::checked_fixes, in order), each starting with `starts_with`
  /// and, when given, with the edited plan's verdict.
  struct Fix {
    std::string starts_with;
    std::optional<std::string> edited_plan_verdict;
  };
  std::optional<std::vector<Fix>> fixes;
};

struct Expectation {
  std::optional<std::string> verdict;
  std::optional<std::vector<ExpectedFinding>> findings;  // when given: exactly these (rule, fqdn) pairs
  Location location;
};

struct Scenario {
  std::string file;
  std::string description;
  Topology base;
  std::vector<PlanStep> plan;
  bool unplanned_restarts = false;  // environment.restarts == "any"
  std::optional<UnixSeconds> at;    // the check time of certificates and clocks ("at")
  std::optional<Expectation> expect;

  const Topology& final_topology() const { return plan.empty() ? base : *plan.back().after; }
  /// The topology in force once `done` plan steps are done (0: the base).
  const Topology& TopologyAfter(size_t done) const { return done == 0 ? base : *plan[done - 1].after; }
};

/// A topology alone, as a scenario with an empty plan, so one analysis serves both.
inline Scenario ScenarioFromTopology(Topology topology) {
  Scenario scenario;
  scenario.file = topology.file;
  scenario.base = std::move(topology);
  return scenario;
}

}  // namespace kst
