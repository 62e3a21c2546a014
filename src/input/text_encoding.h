#pragma once
// Real exports come in the encodings Windows tools write: UTF-8 with or
// without a byte-order mark, and UTF-16LE with a BOM (Windows PowerShell 5.1's
// `>` and Out-File). Importers work on UTF-8 only; this converts once, keeping
// line breaks where they were so line numbers still match the file.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kst {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // "utf-8", "utf-8 with BOM", "utf-16le with BOM", "utf-16be with BOM"
  /// When DecodeText fails: the offset in the bytes where the text stops being
  /// valid (ByteLocation gives its line and column).
  size_t error_offset = 0;
};

/// Decodes `bytes` to UTF-8. Returns false with a reason (e.g. an unpaired
/// surrogate, an odd byte count, invalid UTF-8 and its byte offset) when the
/// bytes are not text in a supported encoding.
bool DecodeText(std::string_view bytes, DecodedText* out, std::string* error);

/// The 1-based line and column of byte `offset` of `bytes`, counted in the
/// encoding DecodeText found (UTF-16 code units, or bytes), so that an
/// encoding error names a line and a column like every other input error.
void ByteLocation(std::string_view bytes, size_t offset, int* line, int* column);

/// The offset of the first byte of `text` that is not valid UTF-8, or npos.
size_t FindInvalidUtf8(std::string_view text);

/// A byte as messages show it: "0xe9".
std::string HexByte(char byte);

/// Appends one Unicode code point as UTF-8 (shared with the CliXml escapes).
void AppendUtf8CodePoint(uint32_t code_point, std::string* out);

/// Maps byte offsets of a text to 1-based line and column numbers.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// Line and column (bytes) of `offset`; offsets past the end map to the last position.
  /// Readers ask in document order, so the search starts at the last answer:
  /// locating n nodes front to back costs O(n), not O(n log n).
  void Locate(size_t offset, int* line, int* column) const;

 private:
  std::vector<size_t> line_starts_;
  mutable size_t hint_ = 0;  // the index of the line of the last answer
};

}  // namespace kst
