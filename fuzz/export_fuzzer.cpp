// One real export file of any kind, through the snapshot importer: text
// decoding, XML (pugixml), Lync topology XML and .tbxml, Exchange CliXml,
// JSON and CSV, format detection by content. What imports is what `kst
// import` would write: it must load back, unchanged, as kst-topology/1.
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "import/snapshot_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("snapshot/export", data, size);
  kst::ImportedSnapshot snapshot;
  kst::Diagnostics diagnostics;
  const kst::ModelCatalog& model = kst::ModelCatalog::Embedded();
  const bool imported = kst::ImportSnapshot({"snapshot"}, &files, model, &snapshot, &diagnostics);
  kst::fuzz::CheckDiagnostics(imported, diagnostics);
  kst::fuzz::CheckImportReachesAnalysis("snapshot/export", &files, snapshot, diagnostics);
  if (imported) kst::fuzz::CheckWrittenTopologyLoadsBack(snapshot.topology, model);
  return 0;
}
