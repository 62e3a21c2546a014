#pragma once
// Loading what a command names, with its diagnostics printed, shared by the
// subcommands.

#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "check/analysis.h"
#include "check/waivers.h"
#include "cli/commands.h"
#include "model/import_report.h"
#include "model/model_catalog.h"
#include "model/scenario.h"
#include "report/report_writer.h"

namespace kst {

struct LoadedInput {
  Scenario scenario;
  bool is_scenario = false;
  Diagnostics diagnostics;
  std::vector<FileImportReport> imports;  // set when the input was a snapshot folder or export file
  std::vector<std::string> files;         // every file read: a scenario's topology, a folder's exports
  std::vector<std::string> logs;          // event-log exports found in a snapshot folder (read as --state)
  /// The digest (input/input_digest.h) of every file the load read, named
  /// relative to the input: a scenario and its topology file, or every file of
  /// a snapshot folder. A trace file records it; replay recomputes it.
  std::string digest;
  std::vector<CheckedFile> file_digests;  // each of those files with its own SHA-256, in name order
};

/// What the html report shows of the input: the scenario and the digests.
/// Points into `input`, which must outlive it.
CheckedInput CheckedInputOf(const LoadedInput& input);

/// Loads a topology, a scenario, or real exports (a snapshot folder or one
/// export file) from disk; prints its diagnostics to `err`. Returns false
/// when it has errors. Every command that reads an input goes through here.
bool LoadInput(const std::string& path, LoadedInput* input, std::ostream& err);
/// The same through `files` (tests hand in files held in memory).
bool LoadInput(const std::string& path, FileReader* files, LoadedInput* input, std::ostream& err);

bool LoadWaivers(const std::string& path, std::vector<Waiver>* waivers, std::ostream& err);

/// The exit status of a command whose load failed: 130, with a message, when
/// Ctrl-C stopped it; otherwise 3 (the load printed its errors).
int LoadFailedStatus(std::ostream& err);

/// At a safe point between a command's long steps: true, with "kst:
/// interrupted; `what`" on `err`, once Ctrl-C arrived; the command then exits
/// 130 (kExitInterrupted) without writing more.
bool Interrupted(std::ostream& err, const std::string& what);

/// The analysis options of a command line: the reading, the state budget,
/// the check time (--at; else the scenario's "at"; else now), the warning
/// window and the clock tolerance. Returns false, with a message, for an
/// unknown reading or a bad --at (a usage error).
bool AnalysisOptionsFor(const CommandOptions& options, const Scenario& scenario, AnalysisOptions* out,
                        std::ostream& err);

/// The reading named by --semantics (the default when empty); prints the
/// known names and returns null for an unknown one.
const Semantics* ChooseSemantics(const std::string& name, std::ostream& err);

}  // namespace kst
