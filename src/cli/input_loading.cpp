#include "cli/input_loading.h"

#include <memory>

#include "cli/progress_line.h"
#include "import/snapshot_import.h"
#include "input/scenario_loader.h"
#include "input/waiver_loader.h"
#include "report/text_escape.h"

namespace kst {
namespace {

void Print(const Diagnostics& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics.all()) err << EscapeText(d.ToString()) << "\n";
}

}  // namespace

bool LoadInput(const std::string& path, LoadedInput* input, std::ostream& err) {
  DiskFileReader disk;
  ReadOnceFileReader files(&disk);  // choosing the loader and loading read the file once
  if (IsExportInput(path, &files)) {
    ImportedSnapshot snapshot;
    bool ok = ImportSnapshot({path}, &files, ModelCatalog::Embedded(), &snapshot, &input->diagnostics);
    snapshot.topology.file = path;
    input->scenario = ScenarioFromTopology(std::move(snapshot.topology));
    input->imports = std::move(snapshot.files);
    input->files = files.paths();
    Print(input->diagnostics, err);
    return ok && !input->diagnostics.has_errors();
  }
  bool ok = LoadCheckInput(path, &files, ModelCatalog::Embedded(), &input->scenario, &input->is_scenario,
                           &input->diagnostics);
  input->files = files.paths();
  Print(input->diagnostics, err);
  return ok && !input->diagnostics.has_errors();
}

bool LoadWaivers(const std::string& path, std::vector<Waiver>* waivers, std::ostream& err) {
  DiskFileReader files;
  Diagnostics diagnostics;
  bool ok = LoadWaiverFile(path, &files, waivers, &diagnostics);
  Print(diagnostics, err);
  return ok && !diagnostics.has_errors();
}

bool AnalysisOptionsFor(const CommandOptions& options, const Scenario& scenario, AnalysisOptions* out,
                        std::ostream& err) {
  out->semantics = ChooseSemantics(options.semantics, err);
  if (!out->semantics) return false;
  out->max_states = options.max_states;
  out->cert_warn_days = options.cert_warn_days;
  out->clock_tolerance_seconds = options.clock_tolerance;
  auto line = std::make_shared<ProgressLine>();
  out->progress = [line](size_t explored, size_t total, uint64_t states, bool finished) {
    if (finished) line->Done();
    else line->Tick(explored, total, states);
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
