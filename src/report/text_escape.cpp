#include "report/text_escape.h"

#include <cctype>
#include <cstdio>

namespace kst {
namespace {

/// Length of the valid UTF-8 sequence at text[i] (its code point in *cp), or
/// 0: strict, so overlong forms, surrogates and values past U+10FFFF are not.
size_t Utf8Sequence(std::string_view text, size_t i, char32_t* cp) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || i + length > text.size()) return 0;
  char32_t value = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *cp = value;
  return length;
}

/// C1 controls, line and paragraph separators, bidirectional controls.
bool IsInvisibleControl(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/// Blanks a log reader trims before it looks for "::" (.NET's TrimStart: the
/// Unicode white space that EscapeText leaves as it is).
bool IsBlank(char32_t cp) {
  return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

void AppendHex(const char* format, unsigned value, std::string* out) {
  char hex[8];
  std::snprintf(hex, sizeof hex, format, value);
  *out += hex;
}

/// True when the '[' at text[i] closes "##" or "##vso" (any case): a log command.
bool OpensLogCommand(std::string_view text, size_t i) {
  if (i >= 2 && text.substr(i - 2, 2) == "##") return true;
  if (i < 5 || text.substr(i - 5, 2) != "##") return false;
  const std::string_view vso = text.substr(i - 3, 3);
  return std::tolower(static_cast<unsigned char>(vso[0])) == 'v' &&
         std::tolower(static_cast<unsigned char>(vso[1])) == 's' &&
         std::tolower(static_cast<unsigned char>(vso[2])) == 'o';
}

std::string EscapeWorkflow(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool leading = true;  // only blanks so far: a "::" here would start a workflow command
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const size_t length = Utf8Sequence(text, i, &cp);
      if (length == 0) {
        AppendHex("\\x%02x", c, &out);
        leading = false;
        ++i;
        continue;
      }
      if (IsInvisibleControl(cp))
        AppendHex("\\u%04x", static_cast<unsigned>(cp), &out);
      else
        out.append(text.substr(i, length));
      leading = leading && IsBlank(cp);
      i += length;
      continue;
    }
    if (leading && c == ':' && i + 1 < text.size() && text[i + 1] == ':') {
      out += "\\x3a";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      AppendHex("\\x%02x", c, &out);
    } else if (c == '[' && OpensLogCommand(text, i)) {
      out += "\\x5b";
    } else {
      out += static_cast<char>(c);
    }
    leading = leading && c == ' ';
    ++i;
  }
  return out;
}

std::string EscapeWorkflowData(std::string_view text) {
  return EscapeWorkflow(text, false);
}

std::string EscapeWorkflowProperty(std::string_view text) {
  return EscapeWorkflow(EscapeText(text), true);
}

}  // namespace kst
