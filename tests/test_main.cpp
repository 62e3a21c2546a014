#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>

#include "shared_samples.h"

// doctest's own main, plus one line when the real samples are absent: the
// tests that read them are skipped, and the run says so before it starts.
int main(int argc, char** argv) {
  if (!kst::SharedSamplesPresent())
    std::cout << "note: " << kst::kSharedSamples
              << " is not beside the repository: the tests that read the real samples are skipped\n";
  doctest::Context context(argc, argv);
  return context.run();
}
