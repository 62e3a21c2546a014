#include "cli/input_loading.h"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "base/interrupt.h"
#include "cli/exit_status.h"
#include "cli/progress_line.h"
#include "import/snapshot_import.h"
#include "input/input_digest.h"
#include "input/scenario_loader.h"
#include "input/waiver_loader.h"
#include "report/text_escape.h"

namespace kst {
namespace {

void Print(const Diagnostics& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics.all()) err << EscapeText(d.ToString()) << "\n";
}

/// The digest of the files `files` read, each named relative to the input:
/// the folder itself, or the folder that holds the input file; each file's
/// own digest in `*each`, in name order.
std::string DigestOfRead(const std::string& path, bool folder, const ReadOnceFileReader& files,
                         std::vector<CheckedFile>* each) {
  std::filesystem::path root = std::filesystem::path(path).lexically_normal();
  if (!folder || !root.has_filename()) root = root.parent_path();  // "snapshot/" is the folder "snapshot"
  std::vector<DigestedFile> digested;
  for (const auto& [read, bytes] : files.FilesRead()) {
    std::filesystem::path name = std::filesystem::path(read).lexically_normal();
    if (!root.empty()) {
      std::filesystem::path relative = name.lexically_relative(root);
      if (!relative.empty()) name = relative;
    }
    digested.push_back({name.generic_string(), bytes});
  }
  std::sort(digested.begin(), digested.end(),
            [](const DigestedFile& a, const DigestedFile& b) { return a.name < b.name; });
  for (const DigestedFile& file : digested) each->push_back({file.name, Sha256Digest(*file.bytes)});
  return InputDigest(std::move(digested));
}

}  // namespace

bool LoadInput(const std::string& path, LoadedInput* input, std::ostream& err) {
  DiskFileReader disk;
  return LoadInput(path, &disk, input, err);
}

bool LoadInput(const std::string& path, FileReader* source, LoadedInput* input, std::ostream& err) {
  ReadOnceFileReader files(source);  // choosing the loader, loading and the digest see the same bytes, read once
  const bool folder = files.IsDirectory(path);
  bool ok = false;
  if (IsExportInput(path, &files)) {
    if (folder) {
      // The digest covers every file of the folder, the notes the importer
      // skips (*.md) included; it reads the others from memory.
      std::vector<std::string> entries;
      std::string bytes, error;
      if (files.ListDirectory(path, &entries, &error))
        for (const std::string& entry : entries) files.Read(entry, &bytes, &error);
    }
    ImportedSnapshot snapshot;
    ok = ImportSnapshot({path}, &files, ModelCatalog::Embedded(), &snapshot, &input->diagnostics);
    snapshot.topology.file = path;
    input->scenario = ScenarioFromTopology(std::move(snapshot.topology));
    input->imports = std::move(snapshot.files);
    input->logs = std::move(snapshot.logs);
  } else {
    ok = LoadCheckInput(path, &files, ModelCatalog::Embedded(), &input->scenario, &input->is_scenario,
                        &input->diagnostics);
  }
  input->files = files.paths();  // every file read: no output may overwrite one
  Print(input->diagnostics, err);
  if (!ok || input->diagnostics.has_errors()) return false;
  input->digest = DigestOfRead(path, folder, files, &input->file_digests);
  return true;
}

CheckedInput CheckedInputOf(const LoadedInput& input) {
  return {&input.scenario, input.file_digests, input.digest};
}

bool LoadWaivers(const std::string& path, std::vector<Waiver>* waivers, std::ostream& err) {
  DiskFileReader files;
  Diagnostics diagnostics;
  bool ok = LoadWaiverFile(path, &files, waivers, &diagnostics);
  Print(diagnostics, err);
  return ok && !diagnostics.has_errors();
}

int LoadFailedStatus(std::ostream& err) {
  if (Interrupted(err, "nothing was checked")) return kExitInterrupted;
  return kExitInputError;
}

bool Interrupted(std::ostream& err, const std::string& what) {
  if (!InterruptRequested()) return false;
  err << "kst: interrupted; " << what << "\n";
  return true;
}

bool AnalysisOptionsFor(const CommandOptions& options, const Scenario& scenario, AnalysisOptions* out,
                        std::ostream& err) {
  out->semantics = ChooseSemantics(options.semantics, err);
  if (!out->semantics) return false;
  out->max_states = options.max_states;
  out->max_memory_bytes = options.max_memory;
  out->cert_warn_days = options.cert_warn_days;
  out->clock_tolerance_seconds = options.clock_tolerance;
  auto line = std::make_shared<ProgressLine>();
  out->progress = [line](size_t explored, size_t total, uint64_t states, bool finished) {
    if (finished)
      line->Done();
    else
      line->Tick(explored, total, states);
  };
  if (!options.at.empty()) {
    UnixSeconds at = 0;
    std::string why;
    if (!ParseTimestamp(options.at, &at, &why)) {
      err << "kst: fatal: --at \"" << EscapeText(options.at) << "\" is not a time: " << EscapeText(why) << "\n";
      return false;
    }
    out->at = at;
  } else if (!scenario.at) {
    out->at = NowUtc();
  }
  return true;
}

const Semantics* ChooseSemantics(const std::string& name, std::ostream& err) {
  const ModelCatalog& model = ModelCatalog::Embedded();
  if (name.empty()) return &model.DefaultSemantics();
  const Semantics* semantics = model.FindSemantics(name);
  if (!semantics)
    err << "kst: fatal: unknown --semantics \"" << EscapeText(name) << "\"; known: " << model.SemanticsNames() << "\n";
  return semantics;
}

}  // namespace kst
