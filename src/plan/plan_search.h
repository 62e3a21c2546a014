#pragma once
// `kst plan`: synthesises the order of a change's edits, waits and RTCSRV
// restarts that reaches AFTER from BEFORE with no 14563 and the shortest
// outage, checking every candidate with the checker (check/analysis.h
// Analyze) under every reading asked for.
//
// The candidates: every order of the change's edits (plan/change_steps.h)
// and, after each edit, one of: go on at once, the edit's wait (replication
// after a publish, a UM Routing poll after an AD change), that wait and then
// RTCSRV restarts on the restart set (the Lync servers on which the change,
// made with a wait after each edit, has an outage, a 14563 or an end that
// depends on the order: the counter-example names them) in waves of at most
// --max-restarts-per-pool-at-once servers of each pool, or those restarts at
// once (a restart may then land before the edit reaches a server, brief 6.7);
// and, unless turned off, the same with one temporary edit (a server the
// change touches out of its dial plan or trusted application pool and back,
// plan/candidate_plan.h TemporaryEdit), charged for what it takes away. Where that space
// fits --max-candidates, every candidate is checked and the best is proven
// optimal in it; otherwise each edit's own optimum is found alone, the plan
// that puts them together is checked, and when the edits touch disjoint FQDNs
// (independent cells, docs/checker.md) the sum of their own optima is a lower
// bound: equal, the plan is optimal; otherwise it is the best found.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/memory_budget.h"
#include "base/timestamp.h"
#include "check/finding.h"
#include "model/model_catalog.h"
#include "model/topology.h"
#include "plan/candidate_plan.h"
#include "plan/plan_cost.h"
#include "plan/shell_command.h"

namespace kst {

struct PlanSearchOptions {
  std::vector<const Semantics*> readings;     // judged under each; a plan costs its worst (empty: every reading)
  const Semantics* expect_reading = nullptr;  // the -o file's expect block (null: the model's default)
  size_t max_restarts_per_pool = 1;
  bool unplanned_restarts = false;  // environment.restarts "any"
  uint64_t max_candidates = 20'000;
  double time_budget_seconds = 60;
  uint64_t max_states = 50'000'000;  // per analysis
  uint64_t max_memory_bytes = kDefaultMaxMemoryBytes;
  std::optional<UnixSeconds> at;  // the check time of certificates and clocks
  bool alternatives = true;       // also plan the topology alternatives
  bool temporary_edits = true;    // also try one temporary edit per plan (--no-temporary-edits: none)
  std::string description;
};

struct EvaluatedPlan {
  AbstractPlan plan;
  PlanCost cost;  // the worst over the readings
  std::vector<std::pair<std::string, PlanCost>> by_reading;
};

/// Under one reading: the best candidate and whether a plan meets the hard
/// specification with no outage at all.
struct ReadingResult {
  std::string reading;
  PlanCost best;
  bool zero_outage = false;  // a plan meets the hard specification with no outage
};

/// One step of the chosen plan, as a runbook step: what to do and what the
/// checker says it does to each server.
struct RunbookStep {
  int number = 0;  // plan step, from 1
  nlohmann::ordered_json op;
  std::string description;
  bool temporary = false;              // a half of a temporary edit (undone before the end)
  std::vector<std::string> opens;      // servers whose outage window opens after this step ("server: FQDN")
  std::vector<std::string> closes;     // servers whose window this step closes
  std::vector<std::string> conflicts;  // servers on which a 14563 may follow this step ("server: FQDN")
  // What the runbook says (plan/runbook_guidance.h).
  std::vector<ShellCommand> commands;
  std::string check;                // what to check before going on
  std::vector<std::string> events;  // event-log lines to expect, with the servers
};

/// A candidate the search weighed and set aside, printed beside the plan so
/// the operator sees what it costs (a restart before an edit reaches a
/// server; the best plan with a temporary edit).
struct PlanContrast {
  std::string what;
  std::vector<std::string> steps;  // the plan's ops, as descriptions
  PlanCost cost;
};

/// Outage per integration feature: server x plan steps in which the feature
/// is broken on that server because an FQDN it needs is absent (from the
/// impact graph of the findings), under the reading of the expect block.
struct FeatureOutage {
  std::string feature;    // model feature id
  std::string name;       // "Exchange UM (voice mail)"
  std::string direction;  // lync-to-exchange, exchange-to-lync
  std::string peer;       // the FQDN whose absence breaks it
  int64_t server_steps = 0;
  std::map<std::string, int64_t> by_server;
};

struct PlanSynthesis;

/// A topology alternative: AFTER changed (e.g. no trusted application pool
/// for a server UM Routing already puts in the tables), with its own plan.
struct PlanAlternative {
  std::string change;  // what changes in the target, with its caveat
  std::unique_ptr<PlanSynthesis> plan;
};

struct PlanSynthesis {
  PlanContext context;
  std::vector<std::string> restart_servers;
  size_t max_restarts_per_pool = 1;   // servers of one pool in one restart step
  std::vector<std::string> readings;  // names, in the order judged
  std::string expect_reading;
  uint64_t space = 0;  // candidates in the space (saturates)
  uint64_t candidates_checked = 0;
  uint64_t candidates_unloadable = 0;
  uint64_t analyses = 0;
  uint64_t cells = 0;  // cells over every analysis
  uint64_t states = 0;
  bool exhaustive = false;  // every candidate of the space checked
  bool proven_optimal = false;
  std::string proof;  // why it is optimal, or why not proven
  std::optional<int64_t> outage_lower_bound;
  EvaluatedPlan best;
  std::vector<ReadingResult> by_reading;
  std::vector<std::string> collisions;       // when no plan meets the hard specification: the claims that collide
  nlohmann::ordered_json document;           // the best plan as kst-scenario/1, with its expect block
  Report report;                             // the best plan under expect_reading
  std::shared_ptr<const Scenario> scenario;  // the best plan as loaded (for the HTML report's estate sections)
  bool rechecked = false;                    // the document, loaded again, met its expect block
  std::vector<std::string> recheck_differences;
  std::vector<RunbookStep> steps;
  std::vector<PlanAlternative> alternatives;
  std::vector<PlanContrast> contrasts;
  std::vector<FeatureOutage> feature_outage;  // of the chosen plan
  bool temporary_edits = true;                // searched (false: --no-temporary-edits, or the space too large)
  std::vector<std::string> notes;
  double seconds = 0;
  uint64_t peak_rss_kib = 0;
};

/// Plans the change from `before` to `after`. Returns false, with located
/// errors, when no plan op list joins them (DiffTopologies) or the chosen
/// plan cannot be written; an interrupt ends the search with what was found.
bool SynthesizePlan(const Topology& before, const Topology& after, const ModelCatalog& model,
                    const PlanSearchOptions& options, PlanSynthesis* out, Diagnostics* diagnostics);

}  // namespace kst
