#pragma once
// The subcommands behind `kst`: each takes the parsed options, does its work
// through the core, writes to the given streams and returns an ExitStatus.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/memory_budget.h"

namespace kst {

struct CommandOptions {
  std::vector<std::string> files;  // FILE, or DIR_OR_FILES...
  std::string before_file;         // kst diff BEFORE AFTER
  std::string after_file;
  std::string format = "text";       // what goes to stdout
  std::vector<std::string> outputs;  // FORMAT=FILE, repeatable
  std::string semantics;
  std::string server;
  std::string fqdn;
  std::string trace_out;
  std::string export_format;  // kst export FORMAT FILE
  std::string out_file;       // kst export -o FILE (empty: stdout)
  std::string guide;          // kst export promela --guide TRACES.json
  std::string waivers;
  std::string today;  // YYYY-MM-DD; empty: the clock (tests pin it)
  std::string at;     // --at: the check time of certificates and clocks; empty: the scenario's, else now
  std::optional<int64_t> cert_warn_days;   // --cert-warn-days
  std::optional<int64_t> clock_tolerance;  // --clock-tolerance (seconds)
  std::string input_file;                  // kst explain FILE (a scalar: FINDING follows it)
  std::string finding;                     // kst explain: RULE:FQDN
  int trace = 1;                           // kst explain --trace N
  uint64_t max_states = 50'000'000;
  uint64_t max_memory = kDefaultMaxMemoryBytes;  // --max-memory, in bytes
  std::string fail_on = "error";
  bool no_waivers = false;
  bool inconclusive_ok = false;
  bool no_fail = false;
  bool no_color = false;
  bool dot = false;
  std::string output_file;                   // kst import -o
  bool report = false;                       // kst import --report
  std::string event_strings = "positional";  // kst reconcile --event-strings
  std::vector<std::string> state;            // kst check --state LOGS_OR_FOLDER (repeatable)
  // kst plan (plan/plan_search.h)
  uint64_t max_candidates = 20'000;
  double time_budget = 60;
  size_t max_restarts_per_pool = 1;
  std::string restarts = "planned";
  bool no_temporary_edits = false;
  bool no_alternatives = false;
};

struct CommandStreams {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
};

int RunCheckCommand(const CommandOptions& options, CommandStreams streams);
int RunShowCommand(const CommandOptions& options, CommandStreams streams);
int RunModelCommand(const CommandOptions& options, CommandStreams streams);
int RunReplayCommand(const CommandOptions& options, CommandStreams streams);
int RunExploreCommand(const CommandOptions& options, CommandStreams streams);
int RunDiffCommand(const CommandOptions& options, CommandStreams streams);
int RunImportCommand(const CommandOptions& options, CommandStreams streams);
int RunTestCommand(const CommandOptions& options, CommandStreams streams);
int RunImpactCommand(const CommandOptions& options, CommandStreams streams);
int RunGraphCommand(const CommandOptions& options, CommandStreams streams);
int RunExplainCommand(const CommandOptions& options, CommandStreams streams);
int RunExportCommand(const CommandOptions& options, CommandStreams streams);
int RunReconcileCommand(const CommandOptions& options, CommandStreams streams);
int RunPlanCommand(const CommandOptions& options, CommandStreams streams);
int RunDiagnoseCommand(const CommandOptions& options, CommandStreams streams);

}  // namespace kst
