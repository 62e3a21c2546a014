// The two encodings CliXml uses inside XML text: MS-PSRP's `_xHHHH_`
// escapes for characters XML cannot hold, and base64 for byte arrays.

#include "input/clixml_text.h"

#include <charconv>

#include "input/text_encoding.h"

namespace kst {
namespace {

// The UTF-16 unit of an `_xHHHH_` escape starting at `i`, or -1.
int32_t EscapeAt(std::string_view text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  uint32_t unit = 0;
  auto [end, error] = std::from_chars(text.data() + i + 2, text.data() + i + 6, unit, 16);
  if (error != std::errc() || end != text.data() + i + 6) return -1;
  return static_cast<int32_t>(unit);
}

}  // namespace

std::string DecodeCliXmlString(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    int32_t unit = EscapeAt(text, i);
    if (unit < 0) {
      out.push_back(text[i++]);
      continue;
    }
    i += 7;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      int32_t low = EscapeAt(text, i);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8CodePoint(
            0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00), &out);
        i += 7;
        continue;
      }
      unit = 0xFFFD;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      unit = 0xFFFD;
    }
    AppendUtf8CodePoint(static_cast<uint32_t>(unit), &out);
  }
  return out;
}

bool DecodeBase64(std::string_view text, std::string* bytes) {
  bytes->clear();
  uint32_t buffer = 0;
  int bits = 0;
  int padding = 0;
  size_t symbols = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    ++symbols;
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0) return false;  // data after padding
    int value = c >= 'A' && c <= 'Z'   ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '+'             ? 62
                : c == '/'             ? 63
                                       : -1;
    if (value < 0) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes->push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return symbols % 4 == 0 && padding <= 2;
}

}  // namespace kst
