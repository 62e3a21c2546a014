#pragma once
// A snapshot (Batfish's word): the export files of one deployment, given as
// files and folders. Each file's format is detected from its content, never
// from its name: a published Lync topology or Topology Builder file (XML), or
// an Exchange export (CliXml, ConvertTo-Json, Export-Csv). Files are read in
// name order within a folder and items are merged into one Topology, so the
// result never depends on directory order.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "model/import_report.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

struct ImportedSnapshot {
  Topology topology;
  std::vector<FileImportReport> files;  // one per file read, in reading order
  /// Event-log (and replication-status) exports found in the folder: not
  /// imported; kst check reads them as --state (docs/logs.md).
  std::vector<std::string> logs;

  /// True when some file holds something unrecognised that could change a verdict.
  bool AffectsVerdict() const;
};

/// Imports every file of `paths` (folders: the files directly inside).
/// Returns false when an error was reported (a file could not be read or
/// parsed, an FQDN is invalid, a cross-reference does not hold).
bool ImportSnapshot(const std::vector<std::string>& paths, FileReader* files, const ModelCatalog& model,
                    ImportedSnapshot* out, Diagnostics* diagnostics);

/// True when `path` is a folder or a file that is not kst's own JSON/YAML
/// document: what `kst check` hands to ImportSnapshot.
bool IsExportInput(const std::string& path, FileReader* files);

}  // namespace kst
