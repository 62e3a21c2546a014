#pragma once
// Digests that tie a trace file (report/trace_file.h) to what it was recorded
// on: the bytes of every file an input's load read, and the embedded model.
// SHA-256 through OpenSSL, written "sha256:" and 64 lowercase hex digits.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kst {

/// One file an input's load read: its name relative to the input (see
/// InputDigest) and its bytes.
struct DigestedFile {
  std::string name;
  const std::string* bytes = nullptr;
};

/// "sha256:" and the hex SHA-256 of `bytes`.
std::string Sha256Digest(std::string_view bytes);

/// The digest of an input's files, in name order whatever the order given:
/// for each, its name, a NUL, its size in decimal, a NUL and its bytes. A
/// renamed, added, removed or changed file changes it.
std::string InputDigest(std::vector<DigestedFile> files);

/// The digest of the model kst embeds (model/kst-model.json): a trace
/// replays only under the model it was recorded with.
std::string EmbeddedModelDigest();

}  // namespace kst
