// kst test DIR_OR_FILES...: runs every scenario's expect block, one line per
// scenario, closing with "N passed, N failed, N skipped" ("N inconclusive"
// after the failures when there are any). Directories are searched (not
// recursively) for .json, .yaml and .yml files that are scenarios; topologies
// found there are skipped (they have no expectations). A scenario whose load
// warns of something that could change the verdict (a field kst does not
// read: a misspelt "findngs" leaves the expect block half read) is never a
// pass: it is INCONCLUSIVE, with the warnings, and the run exits non-zero.

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "base/interrupt.h"
#include "check/analysis.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "report/text_escape.h"

namespace kst {
namespace {

bool IsInputFile(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  return extension == ".json" || extension == ".yaml" || extension == ".yml";
}

std::vector<std::string> ExpandArguments(const std::vector<std::string>& arguments, std::ostream& err, bool* ok) {
  std::vector<std::string> files;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (std::filesystem::is_directory(argument, error)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::directory_iterator(argument, error))
        if (entry.is_regular_file() && IsInputFile(entry.path())) found.push_back(entry.path().string());
      std::sort(found.begin(), found.end());  // deterministic order
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::is_regular_file(argument, error)) {
      files.push_back(argument);
    } else {
      err << EscapeText(argument) << ": error[unreadable-file]: no such file or directory\n";
      *ok = false;
    }
  }
  return files;
}

}  // namespace

int RunTestCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  if (!ChooseSemantics(options.semantics, streams.err)) return kExitUsage;
  bool arguments_ok = true;
  std::vector<std::string> files = ExpandArguments(options.files, streams.err, &arguments_ok);
  int passed = 0, failed = arguments_ok ? 0 : 1, skipped = 0, inconclusive = 0;
  auto interrupted = [&](const std::string& file) {
    streams.out << "INTERRUPTED " << file << "\n"
                << passed << " passed, " << failed << " failed, "
                << (inconclusive > 0 ? std::to_string(inconclusive) + " inconclusive, " : "") << skipped
                << " skipped before the interrupt\n";
    streams.err << "kst: interrupted\n";
    return kExitInterrupted;
  };
  for (const std::string& file : files) {
    if (InterruptRequested()) return interrupted(file);
    LoadedInput input;
    std::ostringstream diagnostics;
    const bool loaded = LoadInput(file, &input, diagnostics);
    if (InterruptRequested()) return interrupted(file);  // the load stopped half way: not this file's failure
    if (!loaded) {
      streams.out << "FAIL " << EscapeText(file) << ": input error\n" << diagnostics.str();  // escaped by LoadInput
      failed++;
      continue;
    }
    std::vector<const Diagnostic*> doubts;
    for (const Diagnostic& d : input.diagnostics.all())
      if (AffectsVerdict(d)) doubts.push_back(&d);
    if (input.is_scenario && !doubts.empty()) {
      streams.out << "INCONCLUSIVE " << file
                  << ": the scenario has input kst did not understand, so its expectation cannot be judged\n";
      for (const Diagnostic* d : doubts) streams.out << "  " << EscapeText(d->ToString()) << "\n";
      inconclusive++;
      continue;
    }
    if (!input.is_scenario || !input.scenario.expect) {
      streams.out << "SKIP " << EscapeText(file) << (input.is_scenario ? " (no expect block)" : " (a topology)")
                  << "\n";
      skipped++;
      continue;
    }
    AnalysisOptions analysis;
    if (!AnalysisOptionsFor(options, input.scenario, &analysis, streams.err)) return kExitUsage;
    Report report = Analyze(input.scenario, true, ModelCatalog::Embedded(), analysis, input.diagnostics);
    if (report.interrupted) return interrupted(file);
    if (report.expectation->met) {
      streams.out << "PASS " << EscapeText(file) << " (" << VerdictName(report.verdict) << ", "
                  << report.findings.size() << " finding(s))\n";
      passed++;
    } else {
      streams.out << "FAIL " << EscapeText(file) << "\n";
      for (const std::string& difference : report.expectation->differences)
        streams.out << "  " << EscapeText(difference) << "\n";
      failed++;
    }
  }
  streams.out << passed << " passed, " << failed << " failed, "
              << (inconclusive > 0 ? std::to_string(inconclusive) + " inconclusive, " : "") << skipped << " skipped\n";
  if (failed > 0) return kExitFindings;
  return inconclusive > 0 ? kExitInconclusive : kExitPass;
}

}  // namespace kst
