// kst-topology/1 as YAML: the yaml-cpp event parser, alias and depth caps.
#include "fuzz_input.h"
#include "topology_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("fuzz.yaml", data, size);
  kst::Topology topology;
  kst::Diagnostics diagnostics;
  kst::LoadTopologyFile("fuzz.yaml", &files, kst::ModelCatalog::Embedded(), &topology, &diagnostics);
  return 0;
}
