// kst: will this change break the Lync Known Servers Table?
// A thin front end: parse the command line (CLI11), run a subcommand from
// the table below, return its exit status.

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <unistd.h>

#include "commands.h"
#include "exit_status.h"
#include "model_catalog.h"

namespace kst {
namespace {

struct Subcommand {
  const char* name;
  const char* help;
  std::function<void(CLI::App*, CommandOptions*)> add_options;
  int (*run)(const CommandOptions&, CommandStreams);
};

void AddSemantics(CLI::App* app, CommandOptions* o) {
  app->add_option("--semantics", o->semantics,
                  "reading of UM Routing's start-up conflict (see `kst model`): " +
                      ModelCatalog::Embedded().SemanticsNames());
}

void AddBudget(CLI::App* app, CommandOptions* o) {
  app->add_option("--max-states", o->max_states,
                  "state budget over all cells; when it runs out the verdict is inconclusive, never pass");
}

void AddReportOptions(CLI::App* app, CommandOptions* o) {
  app->add_option("--format", o->format, "what to print on stdout: text, json, sarif, junit or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
  app->add_option("--output", o->outputs, "also write FORMAT=FILE (repeatable), e.g. --output sarif=kst.sarif");
  app->add_flag("--no-color", o->no_color, "no ANSI colours in text output (the default off a terminal)");
}

void AddGateOptions(CLI::App* app, CommandOptions* o) {
  app->add_option("--fail-on", o->fail_on, "lowest severity that fails the gate: error (default) or warning")
      ->check(CLI::IsMember({"error", "warning"}));
  app->add_flag("--inconclusive-ok", o->inconclusive_ok, "exit 0 (with a warning) instead of 4 when inconclusive");
  app->add_flag("--no-fail", o->no_fail, "report only: exit 0 whatever the findings (input errors still exit 3)");
  app->add_option("--waivers", o->waivers, "waiver file (kst-waivers/1, JSON or YAML)");
  app->add_flag("--no-waivers", o->no_waivers, "ignore every waiver (audit)");
  app->add_option("--today", o->today, "the date waivers are judged on, YYYY-MM-DD (default: today, UTC)");
}

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand> table = {
      {"check", "verdict and findings for a topology (kst-topology/1) or a what-if scenario (kst-scenario/1)",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file (.json, .yaml)")->required()->expected(1);
         AddReportOptions(app, o);
         AddGateOptions(app, o);
         AddSemantics(app, o);
         AddBudget(app, o);
         app->add_option("--trace-out", o->trace_out, "write every finding's traces as JSON (for kst replay)");
       },
       RunCheckCommand},
      {"test", "run the expect blocks of scenario files and directories; N passed, N failed, N skipped",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("DIR_OR_FILES", o->files, "scenario files or directories")->required();
         AddSemantics(app, o);
         AddBudget(app, o);
       },
       RunTestCommand},
      {"diff", "per-server table changes and new/resolved findings between two topologies (or a topology and a "
               "scenario); exit 1 when the after side adds error findings",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("BEFORE", o->before_file, "the topology before the change")->required();
         app->add_option("AFTER", o->after_file, "the topology after it, or a scenario")->required();
         app->add_option("--format", o->format, "text or json for the diff; sarif, junit or github for the new "
                                                "findings")
             ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
         app->add_option("--output", o->outputs, "also write the new findings as FORMAT=FILE (repeatable)");
         AddSemantics(app, o);
         AddBudget(app, o);
       },
       RunDiffCommand},
      {"show", "each server's Known Servers Table after RTCSRV start, with the start-up event log",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file (its base topology)")->required()->expected(1);
         app->add_option("--server", o->server, "only this server");
       },
       RunShowCommand},
      {"model", "print the KST semantics: versions, roles, events, named assumptions, readings",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
       },
       RunModelCommand},
      {"replay", "re-execute the traces of a --trace-out file and check they reproduce exactly",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "trace file written by kst check --trace-out")->required()->expected(1);
       },
       RunReplayCommand},
      {"explore", "explore one (server, FQDN) cell and print its state graph",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file")->required()->expected(1);
         app->add_option("--server", o->server, "server FQDN")->required();
         app->add_option("--fqdn", o->fqdn, "FQDN of the cell")->required();
         app->add_flag("--dot", o->dot, "print the state graph in Graphviz dot");
         AddSemantics(app, o);
       },
       RunExploreCommand},
      {"export", "write the scenario as a model for another checker: `promela` for SPIN (every server a process, "
                 "kst's rules as assertions)",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FORMAT", o->export_format, "promela")->required()->check(CLI::IsMember({"promela"}));
         app->add_option("FILE", o->files, "topology or scenario file")->required()->expected(1);
         app->add_option("-o,--out", o->out_file, "write the model to this file (default: stdout)");
         app->add_option("--guide", o->guide,
                         "trace file from kst check --trace-out: SPIN may only follow these traces' orders, "
                         "lifted to the whole system");
         AddSemantics(app, o);
       },
       RunExportCommand},
  };
  return table;
}

constexpr const char* kExitCodeHelp =
    "Exit codes: 0 pass, 1 findings at or above --fail-on (or a scenario's expectation not met, a replay "
    "diverged, a diff adding error findings), 2 usage error, 3 input error, 4 inconclusive (a bound was hit or "
    "input was not understood; --inconclusive-ok makes it 0). --no-fail always exits 0 except on input errors.";

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  using namespace kst;  // NOLINT: main only
  CLI::App app{"kst: checks, before you deploy, whether a Lync / Skype for Business change breaks the Known Servers "
               "Table (event 14563) and leaves Exchange UM or OWA IM peers unknown."};
  app.footer(kExitCodeHelp);
  app.require_subcommand(1);
  CommandOptions options;
  int (*chosen)(const CommandOptions&, CommandStreams) = nullptr;
  for (const Subcommand& sub : Subcommands()) {
    CLI::App* command = app.add_subcommand(sub.name, sub.help);
    command->footer(kExitCodeHelp);
    sub.add_options(command, &options);
    command->callback([&chosen, &sub] { chosen = sub.run; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitPass : kExitUsage;
  }
  try {
    return chosen(options, CommandStreams{std::cout, std::cerr, isatty(STDOUT_FILENO) != 0});
  } catch (const std::exception& e) {
    std::cerr << "kst: fatal: internal error: " << e.what() << "\n";
    return kExitInconclusive;
  }
}
