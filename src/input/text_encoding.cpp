#include "input/text_encoding.h"

#include <algorithm>
#include <cstdint>

namespace kst {
namespace {

bool DecodeUtf16(std::string_view bytes, bool little_endian, std::string* out, std::string* error, size_t* error_at) {
  if (bytes.size() % 2 != 0) {
    *error = "UTF-16 text with an odd number of bytes (truncated file?)";
    *error_at = bytes.size() - 1;
    return false;
  }
  out->reserve(bytes.size() / 2);
  auto unit_at = [&](size_t i) {
    auto lo = static_cast<uint8_t>(bytes[i]);
    auto hi = static_cast<uint8_t>(bytes[i + 1]);
    return little_endian ? static_cast<uint32_t>(lo | (hi << 8)) : static_cast<uint32_t>(hi | (lo << 8));
  };
  for (size_t i = 0; i < bytes.size(); i += 2) {
    uint32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      uint32_t low = i + 3 < bytes.size() ? unit_at(i + 2) : 0;
      if (low < 0xDC00 || low > 0xDFFF) {
        *error = "unpaired UTF-16 surrogate at byte " + std::to_string(i);
        *error_at = i;
        return false;
      }
      AppendUtf8CodePoint(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
      i += 2;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      *error = "unpaired UTF-16 surrogate at byte " + std::to_string(i);
      *error_at = i;
      return false;
    } else {
      AppendUtf8CodePoint(unit, out);
    }
  }
  return true;
}

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

// Well-formed UTF-8 as Unicode defines it (table 3-7): no overlong forms, no
// surrogates, nothing past U+10FFFF. Anything laxer lets through bytes that
// the JSON writers refuse later, in the middle of a report.
size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<uint8_t>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint8_t low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    const auto second = static_cast<uint8_t>(text[i + 1]);
    if (second < low || second > high) return i;
    for (size_t k = 2; k < length; ++k) {
      if ((static_cast<uint8_t>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string HexByte(char byte) {
  const auto value = static_cast<uint8_t>(byte);
  return std::string("0x") + "0123456789abcdef"[value >> 4] + "0123456789abcdef"[value & 0xF];
}

void AppendUtf8CodePoint(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

bool DecodeText(std::string_view bytes, DecodedText* out, std::string* error) {
  out->utf8.clear();
  if (StartsWith(bytes, "\xFF\xFE")) {
    out->encoding = "utf-16le with BOM";
    const bool ok = DecodeUtf16(bytes.substr(2), true, &out->utf8, error, &out->error_offset);
    out->error_offset += 2;
    return ok;
  }
  if (StartsWith(bytes, "\xFE\xFF")) {
    out->encoding = "utf-16be with BOM";
    const bool ok = DecodeUtf16(bytes.substr(2), false, &out->utf8, error, &out->error_offset);
    out->error_offset += 2;
    return ok;
  }
  // UTF-16 without a BOM shows as every other byte zero in ASCII text.
  if (bytes.size() >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0) {
    out->encoding = "utf-16le without BOM";
    return DecodeUtf16(bytes, true, &out->utf8, error, &out->error_offset);
  }
  std::string_view body = bytes;
  out->encoding = "utf-8";
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    out->encoding = "utf-8 with BOM";
    body = bytes.substr(3);
  }
  size_t bad = FindInvalidUtf8(body);
  if (bad != std::string_view::npos) {
    out->error_offset = bad + (bytes.size() - body.size());
    *error = "not UTF-8 or UTF-16 text: invalid byte " + HexByte(body[bad]) + " at byte " +
             std::to_string(out->error_offset);
    return false;
  }
  out->utf8.assign(body);
  return true;
}

void ByteLocation(std::string_view bytes, size_t offset, int* line, int* column) {
  offset = std::min(offset, bytes.size());
  const bool bom16 = StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF");
  const bool bare16 = bytes.size() >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0;
  *line = 1;
  *column = 1;
  if (bom16 || bare16) {
    const bool big_endian = StartsWith(bytes, "\xFE\xFF");
    for (size_t i = bom16 ? 2 : 0; i < offset && i + 1 < bytes.size(); i += 2) {
      const char low = big_endian ? bytes[i + 1] : bytes[i], high = big_endian ? bytes[i] : bytes[i + 1];
      if (low == '\n' && high == 0) {
        ++*line;
        *column = 1;
      } else {
        ++*column;
      }
    }
    return;
  }
  for (size_t i = StartsWith(bytes, "\xEF\xBB\xBF") ? 3 : 0; i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++*line;
      *column = 1;
    } else {
      ++*column;
    }
  }
}

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

void LineIndex::Locate(size_t offset, int* line, int* column) const {
  size_t index = hint_ < line_starts_.size() && line_starts_[hint_] <= offset ? hint_ : 0;
  for (int step = 0; step < 8 && index + 1 < line_starts_.size() && line_starts_[index + 1] <= offset; ++step) ++index;
  if (index + 1 < line_starts_.size() && line_starts_[index + 1] <= offset) {
    auto next = std::upper_bound(line_starts_.begin() + static_cast<std::ptrdiff_t>(index), line_starts_.end(), offset);
    index = static_cast<size_t>(next - line_starts_.begin()) - 1;
  }
  hint_ = index;
  *line = static_cast<int>(index + 1);
  *column = static_cast<int>(offset - line_starts_[index] + 1);
}

}  // namespace kst
