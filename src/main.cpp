// kst: will this change break the Lync Known Servers Table?
// A thin front end: parse the command line (CLI11), call the core, map
// results to exit codes. Subcommands are declared in one table.

#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <iostream>

#include "analysis.h"
#include "exit_status.h"
#include "model_view.h"
#include "report/report_writer.h"
#include "scenario.h"
#include "state_graph.h"
#include "table_view.h"
#include "trace_file.h"

namespace kst {
namespace {

struct Options {
  std::string file;
  std::string format = "text";
  std::string semantics;
  std::string server;
  std::string fqdn;
  std::string trace_out;
  uint64_t max_states = 50'000'000;
  bool dot = false;
};

void PrintDiagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics.all()) std::cerr << d.ToString() << "\n";
}

/// Loads FILE as a topology or scenario; prints diagnostics; false on errors.
bool Load(const Options& options, Scenario* scenario, bool* is_scenario, Diagnostics* diagnostics) {
  DiskFileReader files;
  bool ok = LoadCheckInput(options.file, &files, ModelCatalog::Embedded(), scenario, is_scenario, diagnostics);
  PrintDiagnostics(*diagnostics);
  return ok && !diagnostics->has_errors();
}

const Semantics* ChooseSemantics(const Options& options) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  if (options.semantics.empty()) return &model.DefaultSemantics();
  const Semantics* semantics = model.FindSemantics(options.semantics);
  if (!semantics)
    std::cerr << "kst: fatal: unknown --semantics \"" << options.semantics << "\"; known: " << model.SemanticsNames()
              << "\n";
  return semantics;
}

int RunCheck(const Options& options) {
  const Semantics* semantics = ChooseSemantics(options);
  if (!semantics) return kExitUsage;
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  if (!Load(options, &scenario, &is_scenario, &diagnostics)) return kExitInputError;
  AnalysisOptions analysis;
  analysis.semantics = semantics;
  analysis.max_states = options.max_states;
  Report report = Analyze(scenario, is_scenario, ModelCatalog::Embedded(), analysis, diagnostics);
  MakeReportWriter(options.format)->Write(report, std::cout);
  if (!options.trace_out.empty()) {
    std::string error;
    if (!WriteTraceFile(options.trace_out, report, &error)) {
      std::cerr << "kst: fatal: " << error << "\n";
      return kExitInputError;
    }
  }
  if (report.expectation && !report.expectation->met) return kExitFindings;
  switch (report.verdict) {
    case Verdict::kPass: return kExitPass;
    case Verdict::kFail: return kExitFindings;
    case Verdict::kInconclusive: return kExitInconclusive;
  }
  return kExitInconclusive;
}

int RunShow(const Options& options) {
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  if (!Load(options, &scenario, &is_scenario, &diagnostics)) return kExitInputError;
  if (!ShowTables(scenario, ModelCatalog::Embedded(), options.server, std::cout)) {
    std::cerr << "kst: fatal: " << options.server << " is not a server that holds a Known Servers Table\n";
    return kExitUsage;
  }
  return kExitPass;
}

int RunModel(const Options& options) {
  WriteModel(ModelCatalog::Embedded(), options.format, std::cout);
  return kExitPass;
}

int RunReplay(const Options& options) {
  DiskFileReader files;
  return ReplayTraceFile(options.file, &files, ModelCatalog::Embedded(), std::cout, std::cerr);
}

int RunExplore(const Options& options) {
  const Semantics* semantics = ChooseSemantics(options);
  if (!semantics) return kExitUsage;
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  if (!Load(options, &scenario, &is_scenario, &diagnostics)) return kExitInputError;
  return ExploreOneCell(scenario, ModelCatalog::Embedded(), *semantics, options.server, options.fqdn, options.dot,
                        std::cout, std::cerr);
}

struct Subcommand {
  const char* name;
  const char* help;
  std::function<void(CLI::App*, Options*)> add_options;
  std::function<int(const Options&)> run;
};

void AddFile(CLI::App* app, Options* options, const char* what) {
  app->add_option("FILE", options->file, what)->required();
}

void AddSemantics(CLI::App* app, Options* options) {
  app->add_option("--semantics", options->semantics,
                  "reading of UM Routing's start-up conflict (see `kst model`): " +
                      ModelCatalog::Embedded().SemanticsNames());
}

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand> table = {
      {"check", "verdict and findings for a topology (kst-topology/1) or a what-if scenario (kst-scenario/1)",
       [](CLI::App* app, Options* o) {
         AddFile(app, o, "topology or scenario file");
         app->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
         AddSemantics(app, o);
         app->add_option("--max-states", o->max_states, "state budget over all cells; when it runs out the "
                                                         "verdict is inconclusive, never pass");
         app->add_option("--trace-out", o->trace_out, "write every finding's traces as JSON (for kst replay)");
       },
       RunCheck},
      {"show", "each server's Known Servers Table after RTCSRV start, like event 14492",
       [](CLI::App* app, Options* o) {
         AddFile(app, o, "topology or scenario file (its base topology)");
         app->add_option("--server", o->server, "only this server");
       },
       RunShow},
      {"model", "print the KST semantics: versions, events, assumptions, readings",
       [](CLI::App* app, Options* o) {
         app->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
       },
       RunModel},
      {"replay", "re-execute the traces of a --trace-out file and check they reproduce exactly",
       [](CLI::App* app, Options* o) { AddFile(app, o, "trace file written by kst check --trace-out"); }, RunReplay},
      {"explore", "explore one (server, FQDN) cell and print its state graph",
       [](CLI::App* app, Options* o) {
         AddFile(app, o, "topology or scenario file");
         app->add_option("--server", o->server, "server FQDN")->required();
         app->add_option("--fqdn", o->fqdn, "FQDN of the cell")->required();
         app->add_flag("--dot", o->dot, "print the state graph in Graphviz dot");
         AddSemantics(app, o);
       },
       RunExplore},
  };
  return table;
}

constexpr const char* kExitCodeHelp =
    "Exit codes: 0 pass, 1 error-level findings (or a scenario's expectation not met, or a replay diverged), "
    "2 usage error, 3 input error, 4 inconclusive (a bound was hit or input was not understood).";

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  using namespace kst;  // NOLINT: main only
  CLI::App app{"kst: checks, before you deploy, whether a Lync / Skype for Business change breaks the Known Servers "
               "Table (event 14563) and leaves Exchange UM or OWA IM peers unknown."};
  app.footer(kExitCodeHelp);
  app.require_subcommand(1);
  Options options;
  std::function<int(const Options&)> chosen;
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
    return chosen(options);
  } catch (const std::exception& e) {
    std::cerr << "kst: fatal: internal error: " << e.what() << "\n";
    return kExitInconclusive;
  }
}
