#pragma once
// Where a value came from in an input file, so every message can point at it.

#include <string>

namespace kst {

/// A position in an input file: 1-based line and column (column counts bytes).
/// `file` is the name as the user gave it; an empty file means "not from a file".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  /// "file:line:column", or just the file name when the position is unknown.
  std::string ToString() const;
};

}  // namespace kst
