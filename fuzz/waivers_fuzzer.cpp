// kst-waivers/1 (JSON): rules, FQDNs, dates.
#include "check/waivers.h"
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "input/waiver_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kst::VirtualFileReader files = kst::OneFile("fuzz.json", data, size);
  std::vector<kst::Waiver> waivers;
  kst::Diagnostics diagnostics;
  kst::fuzz::CheckDiagnostics(kst::LoadWaiverFile("fuzz.json", &files, &waivers, &diagnostics), diagnostics);
  return 0;
}
