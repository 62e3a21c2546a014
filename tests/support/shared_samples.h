#pragma once
// The real exports in ../shared/samples are third-party files (PROVENANCE.md
// there): beside the repository in CI and on the development machine, never
// copied into it. A fresh clone without them must still pass: the tests that
// read them are skipped, and counted and named as skipped; kst's own inputs
// (tests/import_inputs) cover the same readers.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace kst {

inline const std::string kSharedSamples = std::string(KST_SOURCE_DIR) + "/../shared/samples/";

inline bool SharedSamplesPresent() {
  static const bool present = std::filesystem::is_directory(kSharedSamples);
  return present;
}

}  // namespace kst

/// A test case that reads the real samples: `TEST_CASE("..." * KST_NEEDS_SHARED_SAMPLES)`.
#define KST_NEEDS_SHARED_SAMPLES doctest::skip(!::kst::SharedSamplesPresent())

/// In a subcase that reads them: says so and leaves the subcase when they are absent.
#define KST_SKIP_WITHOUT_SHARED_SAMPLES()                                             \
  if (!::kst::SharedSamplesPresent()) {                                               \
    MESSAGE("skipped: " << ::kst::kSharedSamples << " is not beside the repository"); \
    return;                                                                           \
  }
