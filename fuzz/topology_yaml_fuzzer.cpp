// kst-topology/1 as YAML: the yaml-cpp event parser, alias and depth caps;
// what loads must survive the writer (JSON) and load back unchanged.
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "input/topology_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("fuzz.yaml", data, size);
  kst::Topology topology;
  kst::Diagnostics diagnostics;
  const kst::ModelCatalog& model = kst::ModelCatalog::Embedded();
  const bool loaded = kst::LoadTopologyFile("fuzz.yaml", &files, model, &topology, &diagnostics);
  kst::fuzz::CheckDiagnostics(loaded, diagnostics);
  if (loaded) kst::fuzz::CheckWrittenTopologyLoadsBack(topology, model);
  return 0;
}
