// kst-topology/1 as JSON: the located JSON parser and the topology loader.
#include "fuzz_input.h"
#include "topology_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("fuzz.json", data, size);
  kst::Topology topology;
  kst::Diagnostics diagnostics;
  kst::LoadTopologyFile("fuzz.json", &files, kst::ModelCatalog::Embedded(), &topology, &diagnostics);
  return 0;
}
