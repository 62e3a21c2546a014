// kst import: real exports (a snapshot folder, or files) to kst-topology/1,
// with a report of what was understood.

#include "base/atomic_file.h"
#include "base/interrupt.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/gate.h"
#include "import/snapshot_import.h"
#include "input/topology_writer.h"
#include "report/text_blocks.h"
#include "report/text_escape.h"

namespace kst {
namespace {

void WriteReport(const ImportedSnapshot& snapshot, const std::string& format, std::ostream& out) {
  if (format != "json") {
    WriteImportReportText(snapshot.files, out);
    return;
  }
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const FileImportReport& file : snapshot.files) files.push_back(ImportReportToJson(file));
  nlohmann::ordered_json document = {
      {"format_version", "1"}, {"files", files}, {"affects_verdict", snapshot.AffectsVerdict()}};
  out << document.dump(2) << "\n";
}

}  // namespace

int RunImportCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  DiskFileReader disk;
  ReadOnceFileReader files(&disk);  // remembers what was read: -o may overwrite none of it
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
    if (!options.report || d.severity != Severity::kNote) streams.err << EscapeText(d.ToString()) << "\n";
  if (!options.output_file.empty()) {
    std::vector<std::string> read = files.paths();
    read.insert(read.end(), options.files.begin(), options.files.end());
    if (!OutputsSpareInputs({{"-o", options.output_file}}, read, streams.err)) return kExitUsage;
  }
  // The topology file first, the report on stdout last: a failed write prints no report.
  std::string text = ok ? TopologyToJson(snapshot.topology, "imported by kst import").dump(2) + "\n" : "";
  if (ok && !options.output_file.empty()) {
    std::string error;
    if (!WriteFileAtomically(options.output_file, text, &error)) {
      streams.err << "kst: fatal: -o: " << EscapeText(error) << "\n";
      return kExitOutputError;
    }
  }
  if (options.report) WriteReport(snapshot, options.format, streams.out);
  if (!ok) return kExitInputError;
  if (options.output_file.empty() && !options.report) streams.out << text;
  return kExitPass;
}

}  // namespace kst
