// kst: will this change break the Lync Known Servers Table?
// A thin front end: parse the command line (CLI11), run a subcommand from
// the table below, return its exit status.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "base/fd_stream.h"
#include "base/memory_budget.h"
#include "base/platform.h"
#include "base/text_join.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/fqdn_arguments.h"
#include "input/input_digest.h"
#include "model/model_catalog.h"
#include "report/diff_writer.h"
#include "report/report_writer.h"
#include "report/runbook_writer.h"
#include "report/text_escape.h"

namespace kst {
namespace {

struct Subcommand {
  const char* name;
  const char* help;
  std::function<void(CLI::App*, CommandOptions*)> add_options;
  int (*run)(const CommandOptions&, CommandStreams);
};

/// An option holding an FQDN, or RULE:FQDN, normalised as kst reads names from files.
const CLI::Validator& FqdnArgument() {
  static const CLI::Validator validator(NormalizeFqdnArgument, "FQDN", "FQDN");
  return validator;
}

const CLI::Validator& FindingArgument() {
  static const CLI::Validator validator(NormalizeFindingArgument, "RULE:FQDN", "RULE:FQDN");
  return validator;
}

void AddSemantics(CLI::App* app, CommandOptions* o) {
  app->add_option(
      "--semantics", o->semantics,
      "reading of UM Routing's start-up conflict (see `kst model`): " + ModelCatalog::Embedded().SemanticsNames());
}

/// kst check also takes `all`: every reading, the worst judges (check/every_reading.h).
void AddSemanticsOrAll(CLI::App* app, CommandOptions* o) {
  app->add_option(
      "--semantics", o->semantics,
      "reading of UM Routing's start-up conflict (see `kst model`): " + ModelCatalog::Embedded().SemanticsNames() +
          "; or all: every reading, the verdict is the worst of them");
}

/// kst diff prints its own formats (report/diff_writer.h); any other report
/// format writes the findings the change adds.
std::vector<std::string> DiffFormatNames() {
  std::vector<std::string> names;
  for (const DiffFormat& format : DiffFormats()) names.emplace_back(format.name);
  for (const std::string& name : ReportFormatNames())
    if (!FindDiffFormat(name)) names.push_back(name);
  return names;
}

std::string DiffFormatHelp() {
  std::vector<std::string> own, findings;
  for (const std::string& name : DiffFormatNames()) (FindDiffFormat(name) ? own : findings).push_back(name);
  return JoinStrings(own, " or ") + " for the diff; " + JoinStrings(findings, ", ", " or ") + " for the new findings";
}

/// A count written in decimal digits that fits 64 bits. CLI11 reads "-1"
/// into an unsigned option as 2^64 - 1 (an unlimited budget) and saturates
/// numbers past 2^64, so both are refused here, before conversion: a usage
/// error (exit 2), never a budget the user did not ask for.
const CLI::Validator& NonNegativeCount() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
          return "\"" + text + "\" is not a count: digits only, 0 or more, no sign";
        const std::string digits = text.substr(std::min(text.find_first_not_of('0'), text.size()));
        const std::string largest = std::to_string(UINT64_MAX);
        if (digits.size() > largest.size() || (digits.size() == largest.size() && digits > largest))
          return text + " is larger than " + largest;
        return "";
      },
      "COUNT");
  return validator;
}

/// A memory size (base/memory_budget.h), rewritten as its count of bytes for
/// CLI11 to convert; a bad one is a usage error (exit 2) that says why.
const CLI::Validator& MemorySize() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        uint64_t bytes = 0;
        std::string why;
        if (!ParseMemorySize(text, &bytes, &why)) return why;
        text = std::to_string(bytes);
        return "";
      },
      "SIZE");
  return validator;
}

void AddBudget(CLI::App* app, CommandOptions* o) {
  app->add_option("--max-states", o->max_states,
                  "state budget over all cells; when it runs out the verdict is inconclusive, never pass")
      ->check(NonNegativeCount());
  app->add_option("--max-memory", o->max_memory,
                  "memory budget of the run, e.g. 512MiB, 2GiB, 1500MB or bytes (default " +
                      FormatMemorySize(kDefaultMaxMemoryBytes) +
                      "); when it would be exceeded the verdict is inconclusive, never pass")
      ->transform(MemorySize());
}

void AddReportOptions(CLI::App* app, CommandOptions* o) {
  app->add_option("--format", o->format, "what to print on stdout: " + ReportFormatList())
      ->check(CLI::IsMember(ReportFormatNames()));
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

void AddCheckTime(CLI::App* app, CommandOptions* o) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  app->add_option("--at", o->at,
                  "check time of certificates and clocks, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (default: the "
                  "scenario's \"at\", else now)");
  app->add_option("--cert-warn-days", o->cert_warn_days,
                  "a certificate expiring within this many days is a warning (default " +
                      std::to_string(model.ParameterValue("certificate-warn-days")) + ")")
      ->check(CLI::Range(0, 36500));
  app->add_option("--clock-tolerance", o->clock_tolerance,
                  "largest clock offset in seconds that passes (default " +
                      std::to_string(model.ParameterValue("clock-tolerance-seconds")) + ", the Kerberos default)")
      ->check(CLI::Range(0, 315360000));
}

/// kst plan's options (docs/plan.md).
void AddPlanOptions(CLI::App* app, CommandOptions* o) {
  app->add_option("BEFORE_AFTER_OR_SCENARIO", o->files,
                  "BEFORE AFTER (topologies, snapshot folders, exports) or SCENARIO")
      ->required()
      ->expected(1, 2);
  app->add_option("--format", o->format,
                  "text (default), markdown, json or html (the plan's HTML report with the runbook)")
      ->check(CLI::IsMember(RunbookFormatNames()));
  app->add_option("-o,--output", o->output_file, "write the plan as a kst-scenario/1 file with its expect block");
  AddSemantics(app, o);
  app->add_option("--max-candidates", o->max_candidates,
                  "check every candidate when the space holds at most this many (default 20000); else each edit's "
                  "own optimum, with a lower bound")
      ->check(NonNegativeCount());
  app->add_option("--time-budget", o->time_budget, "seconds the search may take (default 60); then the best found")
      ->check(CLI::PositiveNumber);
  app->add_option("--max-restarts-per-pool-at-once", o->max_restarts_per_pool,
                  "RTCSRV restarts of one pool in one step (default 1: a Front End pool keeps its quorum)")
      ->check(CLI::Range(1, 1000));
  app->add_option("--restarts", o->restarts, "planned (default: only the plan's) or any (each server may restart once)")
      ->check(CLI::IsMember({"planned", "any"}));
  app->add_flag("--no-temporary-edits", o->no_temporary_edits,
                "no edits that are undone before the end (taking a server out of a SipName dial plan or a trusted "
                "application pool and back)");
  app->add_flag("--no-alternatives", o->no_alternatives, "do not plan topology alternatives");
  AddBudget(app, o);
  AddCheckTime(app, o);
}

const std::vector<Subcommand>& Subcommands() {
  static const std::vector<Subcommand> table = {
      {"check", "verdict and findings for a topology (kst-topology/1) or a what-if scenario (kst-scenario/1)",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files,
                         "topology or scenario file (.json, .yaml), or real exports: a snapshot folder or one export "
                         "file (see kst import)")
             ->required()
             ->expected(1);
         AddReportOptions(app, o);
         AddGateOptions(app, o);
         AddSemanticsOrAll(app, o);
         AddBudget(app, o);
         AddCheckTime(app, o);
         app->add_option("--trace-out", o->trace_out, "write every finding's traces as JSON (for kst replay)");
         app->add_option("--state", o->state,
                         "event logs or folders of them (docs/logs.md): tell each server broken now from working "
                         "from what it logged, instead of assuming a fresh start");
       },
       RunCheckCommand},
      {"plan",
       "synthesise the change plan from BEFORE to AFTER (or a scenario's base to its end) with no 14563 and the "
       "least outage; print its runbook, write it as a scenario with -o",
       [](CLI::App* app, CommandOptions* o) { AddPlanOptions(app, o); }, RunPlanCommand},
      {"import",
       "read real exports (Get-CsTopology -AsXml, Topology Builder .tbxml, Exchange CliXml / JSON / CSV) "
       "from files or a snapshot folder and write the kst-topology/1 equivalent",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("DIR_OR_FILES", o->files, "snapshot folders and export files, format detected by content")
             ->required();
         app->add_option("-o,--output", o->output_file, "write the topology here (default: stdout)");
         app->add_flag("--report", o->report,
                       "print what was understood per file (PASSED / PARTIALLY_UNRECOGNIZED / FAILED) on stdout");
         app->add_option("--format", o->format, "report format: text or json")->check(CLI::IsMember({"text", "json"}));
       },
       RunImportCommand},
      {"test", "run the expect blocks of scenario files and directories; N passed, N failed, N skipped",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("DIR_OR_FILES", o->files, "scenario files or directories")->required();
         AddSemantics(app, o);
         AddBudget(app, o);
         AddCheckTime(app, o);
       },
       RunTestCommand},
      {"diff",
       "per-server table changes and new/resolved findings between two topologies (or a topology and a "
       "scenario); exit 1 when the after side adds error findings",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("BEFORE", o->before_file, "the topology before the change")->required();
         app->add_option("AFTER", o->after_file, "the topology after it, or a scenario")->required();
         app->add_option("--format", o->format, DiffFormatHelp())->check(CLI::IsMember(DiffFormatNames()));
         app->add_option("--output", o->outputs, "also write the new findings as FORMAT=FILE (repeatable)");
         AddSemantics(app, o);
         AddBudget(app, o);
         AddCheckTime(app, o);
       },
       RunDiffCommand},
      {"show", "each server's Known Servers Table after RTCSRV start, with the start-up event log",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file (its base topology)")->required()->expected(1);
         app->add_option("--server", o->server, "only this server")->transform(FqdnArgument());
       },
       RunShowCommand},
      {"reconcile",
       "per server, the Known Servers Table the event logs show against kst's prediction for the same events, "
       "and the readings the logs are consistent with",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("TOPOLOGY", o->input_file, "topology, scenario (its final topology) or snapshot of exports")
             ->required();
         app->add_option("LOGS", o->files,
                         "event-log exports (.evtx, wevtutil /f:xml, Export-Clixml, Export-Csv) or "
                         "folders of them")
             ->required()
             ->expected(1, -1);
         app->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
         app->add_option("--event-strings", o->event_strings,
                         "how insertion strings are read: positional (assumption lync-event-strings, default) or "
                         "tokens (the topology's FQDNs among their words)")
             ->check(CLI::IsMember({"positional", "tokens"}));
         app->add_flag("--no-fail", o->no_fail, "exit 0 even when a logged line is unexplained");
         app->add_flag("--inconclusive-ok", o->inconclusive_ok, "exit 0 instead of 4 when inconclusive");
       },
       RunReconcileCommand},
      {"diagnose",
       "from symptoms in the event logs (UM 1400, MWI 1344, 14563, ms-diagnostics 15030 and 1020) to ranked root "
       "causes: a KST conflict, a certificate subject, a clock; each with the evidence for and against it",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("TOPOLOGY", o->input_file, "topology, scenario (its final topology) or snapshot of exports")
             ->required();
         app->add_option("LOGS", o->files,
                         "event-log exports (.evtx, wevtutil /f:xml, Export-Clixml, Export-Csv) or folders of them")
             ->required()
             ->expected(1, -1);
         app->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
         app->add_flag("--inconclusive-ok", o->inconclusive_ok, "exit 0 instead of 4 when inconclusive");
         AddCheckTime(app, o);
       },
       RunDiagnoseCommand},
      {"model",
       "print the model: versions, roles, events, named assumptions, parameters, certificate services, "
       "integration features, readings",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
       },
       RunModelCommand},
      {"replay", "re-execute the traces of a --trace-out file and check they reproduce exactly",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "trace file written by kst check --trace-out")->required()->expected(1);
       },
       RunReplayCommand},
      {"impact",
       "the impact graph: per peer and direction, the integration features, the Lync servers at the other "
       "end, and each condition they need (ok, broken by which finding, or not checked)",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file")->required()->expected(1);
         app->add_option("--fqdn", o->fqdn, "only this peer (an Exchange UM server, OWA IM server or hosted UM Edge)")
             ->transform(FqdnArgument());
         app->add_option("--format", o->format, "text (default), json, dot or svg (through Graphviz)")
             ->check(CLI::IsMember({"text", "json", "dot", "svg"}));
         AddSemantics(app, o);
         AddBudget(app, o);
         AddCheckTime(app, o);
       },
       RunImpactCommand},
      {"graph",
       "draw the topology (sites, pools, servers, trusted application pools, Exchange, dial plans, Edge, "
       "hosting providers) with the findings' servers and broken connections in red",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file (its final topology is drawn)")
             ->required()
             ->expected(1);
         app->add_option("--format", o->format, "dot (default) or svg (through Graphviz)")
             ->check(CLI::IsMember({"dot", "svg"}));
         AddSemantics(app, o);
         AddBudget(app, o);
         AddCheckTime(app, o);
       },
       RunGraphCommand},
      {"explain",
       "one finding as a sequence diagram: a KST trace's steps and log lines, or the connection a "
       "certificate or clock finding breaks",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->input_file, "topology or scenario file")->required();
         app->add_option("FINDING", o->finding, "RULE:FQDN, e.g. cert/wildcard-subject:ex1.contoso.com")
             ->required()
             ->transform(FindingArgument());
         app->add_option("--format", o->format, "text (default), dot or svg (through Graphviz)")
             ->check(CLI::IsMember({"text", "dot", "svg"}));
         app->add_option("--trace", o->trace, "which trace of a KST finding (1 = the shortest)")
             ->check(CLI::PositiveNumber);
         AddSemantics(app, o);
         AddBudget(app, o);
         AddCheckTime(app, o);
       },
       RunExplainCommand},
      {"explore", "explore one (server, FQDN) cell and print its state graph",
       [](CLI::App* app, CommandOptions* o) {
         app->add_option("FILE", o->files, "topology or scenario file")->required()->expected(1);
         app->add_option("--server", o->server, "server FQDN")->required()->transform(FqdnArgument());
         app->add_option("--fqdn", o->fqdn, "FQDN of the cell")->required()->transform(FqdnArgument());
         app->add_flag("--dot", o->dot, "print the state graph in Graphviz dot");
         AddSemantics(app, o);
       },
       RunExploreCommand},
      {"export",
       "write the scenario as a model for another checker: `promela` for SPIN (every server a process, "
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

/// kst --version: what a change board needs to know which kst checked a change.
std::string VersionText() {
#ifndef KST_VERSION
#define KST_VERSION "unknown"
#endif
#ifndef KST_BUILD_TYPE
#define KST_BUILD_TYPE ""
#endif
  const std::string build_type = std::string(KST_BUILD_TYPE).empty() ? "default" : KST_BUILD_TYPE;
  return std::string("kst ") + KST_VERSION + "\nmodel " + EmbeddedModelDigest() + " (model/kst-model.json)\nbuild " +
         build_type + ", " +
#if defined(__clang__)
         "clang "
#else
         "g++ "
#endif
         + __VERSION__;
}

constexpr const char* kExitCodeHelp =
    "Exit codes: 0 pass, 1 findings at or above --fail-on (or a scenario's expectation not met, a replay "
    "diverged, a diff adding error findings), 2 usage error, 3 input error or output error (stdout or an output "
    "file could not be written), 4 inconclusive (a bound was hit or input was not understood; --inconclusive-ok "
    "makes it 0), 130 interrupted (Ctrl-C). --no-fail always exits 0 except on usage, input and output errors.";

int Main(int argc, char** argv, std::ostream& out) {
  CLI::App app{
      "kst: checks, before you deploy, whether a Lync / Skype for Business change breaks the Known Servers "
      "Table (event 14563), leaves a peer's certificate subject unknown to Lync or a clock out of tolerance, "
      "and which Exchange UM and OWA IM features break then, in which direction."};
  app.footer(kExitCodeHelp);
  // CLI11 reads "/x" as an option on Windows by default; kst's options are --x everywhere, and "/tmp/a.json" or
  // "/kst/a.json" (the current drive's root) is a file. Set before the subcommands, which inherit it.
  app.allow_windows_style_options(false);
  app.set_version_flag("--version", VersionText, "print kst's version, the digest of its model and its build");
  app.require_subcommand(1);
  CommandOptions options;
  int (*chosen)(const CommandOptions&, CommandStreams) = nullptr;
  for (const Subcommand& sub : Subcommands()) {
    CLI::App* command = app.add_subcommand(sub.name, sub.help);
    command->footer(kExitCodeHelp);
    sub.add_options(command, &options);
    // Accepted by every command, so that scripts can pass it everywhere; only text on a terminal is coloured.
    if (command->get_option_no_throw("--no-color") == nullptr)
      command->add_flag("--no-color", options.no_color, "no ANSI colours in text output (the default off a terminal)");
    command->set_version_flag("--version", VersionText, "print kst's version, the digest of its model and its build");
    command->callback([&chosen, &sub] { chosen = sub.run; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, std::cerr);
    return code == 0 ? kExitPass : kExitUsage;
  }
  try {
    return chosen(options, CommandStreams{out, std::cerr, TerminalTakesColour(1)});
  } catch (const std::bad_alloc&) {
    // Out of memory outside the analysis (which reports it in its verdict):
    // loading, or writing. Inconclusive like the budget, never an internal error.
    std::cerr << "kst: inconclusive: out of memory: the system refused an allocation (std::bad_alloc) at "
              << (ResidentBytes() >> 20) << " MiB resident, within " << MemoryBudgetName(options.max_memory)
              << "; a --max-memory this machine can give stops kst cleanly before that\n";
    return kExitInconclusive;
  }
}

/// The exit status once stdout is flushed. Every command writes stdout
/// through `buffer`, which keeps the first write error: a full disk, a closed
/// stdout or any other failure lost (part of) the output, and the run must not
/// pass for a success (exit 3, said on stderr). A reader that closed the pipe
/// (`kst check x | head -1`: EPIPE, as SIGPIPE is ignored) chose to stop
/// reading: the command's own status stands (docs/ci.md).
int FinishStdout(std::ostream& out, const FdOutputBuffer& buffer, int status) {
  out.flush();
  const int error = buffer.error();
  if (error == 0 || error == EPIPE) return status;
  std::cerr << "kst: fatal: cannot write to stdout: "
            << (error == EBADF ? std::string("it is closed") : std::string(std::strerror(error)))
            << "; the output is incomplete\n";
  return kExitOutputError;
}

}  // namespace
}  // namespace kst

// A bug must not look like a pass: anything thrown is an internal error, exit 4
// (inconclusive) whatever --inconclusive-ok says, never an abort.
// PrepareProcess (base/platform.h): a write to a closed pipe fails with EPIPE
// instead of killing kst with SIGPIPE, so that kst decides its exit code; on
// Windows, the command line in UTF-8 and the standard streams in binary mode.
int main(int argc, char** argv) {
  std::vector<std::string> arguments = kst::PrepareProcess(argc, argv);
  std::vector<char*> utf8_argv;
  for (std::string& argument : arguments) utf8_argv.push_back(argument.data());
  utf8_argv.push_back(nullptr);
  kst::FdOutputBuffer buffer(1);  // stdout
  std::ostream out(&buffer);
  int status = kst::kExitInconclusive;
  try {
    status = kst::Main(static_cast<int>(arguments.size()), utf8_argv.data(), out);
  } catch (const std::exception& e) {
    std::cerr << "kst: fatal: internal error: " << kst::EscapeText(e.what()) << "\n";
  } catch (...) {
    std::cerr << "kst: fatal: internal error\n";
  }
  return kst::FinishStdout(out, buffer, status);
}
