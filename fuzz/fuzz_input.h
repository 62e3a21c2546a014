#pragma once
// Shared by the libFuzzer targets: every loader reads through a FileReader,
// so each target hands it the fuzzer's bytes as one in-memory file. A target
// only has to call the loader; crashes, hangs, leaks and sanitizer reports
// are what libFuzzer looks for.

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/file_reader.h"

namespace kst {

inline VirtualFileReader OneFile(const std::string& path, const uint8_t* data, size_t size) {
  VirtualFileReader files;
  files.Add(path, std::string(reinterpret_cast<const char*>(data), size));
  return files;
}

}  // namespace kst
