// kst import: real exports (a snapshot folder, or files) to kst-topology/1,
// with a report of what was understood.

#include <fstream>

#include "base/interrupt.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "import/snapshot_import.h"
#include "input/topology_writer.h"

namespace kst {
namespace {

void WriteReport(const ImportedSnapshot& snapshot, const std::string& format, std::ostream& out) {
  if (format != "json") {
    WriteImportReportText(snapshot.files, out);
    return;
  }
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const FileImportReport& file : snapshot.files) files.push_back(ImportReportToJson(file));
  nlohmann::ordered_json document = {{"format_version", "1"},
                                     {"files", files},
                                     {"affects_verdict", snapshot.AffectsVerdict()}};
  out << document.dump(2) << "\n";
}

}  // namespace

int RunImportCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  DiskFileReader files;
  ImportedSnapshot snapshot;
  Diagnostics diagnostics;
  bool ok = ImportSnapshot(options.files, &files, ModelCatalog::Embedded(), &snapshot, &diagnostics);
  if (InterruptRequested()) {
    // Half an import written as a topology would look whole: nothing is written.
    for (const Diagnostic& d : diagnostics.all())
      if (d.severity == Severity::kError) streams.err << d.ToString() << "\n";
    streams.err << "kst: interrupted; nothing was written\n";
    return kExitInterrupted;
  }
  // Notes repeat the report's lines; print them only when no report is asked for.
  for (const Diagnostic& d : diagnostics.all())
    if (!options.report || d.severity != Severity::kNote) streams.err << d.ToString() << "\n";
  if (options.report) WriteReport(snapshot, options.format, streams.out);
  if (!ok) return kExitInputError;
  std::string text = TopologyToJson(snapshot.topology, "imported by kst import").dump(2) + "\n";
  if (options.output_file.empty()) {
    if (!options.report) streams.out << text;
    return kExitPass;
  }
  std::ofstream out(options.output_file, std::ios::binary);
  out << text;
  if (!out.flush()) {
    streams.err << "kst: fatal: cannot write " << options.output_file << "\n";
    return kExitInputError;
  }
  return kExitPass;
}

}  // namespace kst
