// One real export file of any kind, through the snapshot importer: text
// decoding, XML (pugixml), Lync topology XML and .tbxml, Exchange CliXml,
// JSON and CSV, format detection by content.
#include "fuzz_input.h"
#include "import/snapshot_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("snapshot/export", data, size);
  kst::ImportedSnapshot snapshot;
  kst::Diagnostics diagnostics;
  kst::ImportSnapshot({"snapshot"}, &files, kst::ModelCatalog::Embedded(), &snapshot, &diagnostics);
  return 0;
}
