// kst-topology/1 as JSON: the located JSON parser and the topology loader;
// what loads must survive the writer and load back unchanged.
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "input/topology_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("fuzz.json", data, size);
  kst::Topology topology;
  kst::Diagnostics diagnostics;
  const kst::ModelCatalog& model = kst::ModelCatalog::Embedded();
  const bool loaded = kst::LoadTopologyFile("fuzz.json", &files, model, &topology, &diagnostics);
  kst::fuzz::CheckDiagnostics(loaded, diagnostics);
  if (loaded) kst::fuzz::CheckWrittenTopologyLoadsBack(topology, model);
  return 0;
}
