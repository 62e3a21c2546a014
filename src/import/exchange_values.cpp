#include "import/exchange_values.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

#include "base/timestamp.h"

namespace kst {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool LowerEquals(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
  }
  return true;
}

bool ParseInt(std::string_view text, int* out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// What Export-Csv writes for a collection property: its .NET type name.
bool LooksLikeTypeName(std::string_view text) {
  return text.find("MultiValuedProperty") != std::string_view::npos ||
         text.find("System.Object[]") != std::string_view::npos || text.find("`1[") != std::string_view::npos ||
         text.rfind("System.Collections.", 0) == 0 || text.rfind("Deserialized.", 0) == 0;
}

// The last segment of a canonical AD name, trimmed.
std::string LastSegment(std::string_view text) {
  size_t slash = text.rfind('/');
  if (slash != std::string_view::npos) text.remove_prefix(slash + 1);
  return std::string(Trim(text));
}

void SplitJoined(const ExportValue& value, ListSeparators separators, std::vector<NamedAt>* out) {
  auto is_separator = [&](char c) {
    return c == ';' || c == ',' ||
           (separators == ListSeparators::kTokens && std::isspace(static_cast<unsigned char>(c)));
  };
  std::string_view text = value.text;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !is_separator(text[i])) continue;
    std::string name = LastSegment(text.substr(start, i - start));
    if (!name.empty()) out->push_back({name, value.location});
    start = i + 1;
  }
}

// Reads `digits` decimal digits at `*text`, advancing it.
bool Digits(std::string_view* text, size_t digits, int* out) {
  if (text->size() < digits) return false;
  for (size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>((*text)[i]))) return false;
  }
  ParseInt(text->substr(0, digits), out);
  text->remove_prefix(digits);
  return true;
}

bool Expect(std::string_view* text, char c) {
  if (text->empty() || text->front() != c) return false;
  text->remove_prefix(1);
  return true;
}

bool MicrosoftJsonDate(std::string_view text, std::string* utc) {
  if (text.rfind("/Date(", 0) != 0 || text.size() < 9 || text.substr(text.size() - 2) != ")/") return false;
  text = text.substr(6, text.size() - 8);
  size_t zone = text.find_first_of("+-", 1);  // an offset only says how the time was displayed
  int64_t milliseconds = 0;
  std::string_view number = text.substr(0, zone);
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), milliseconds);
  if (error != std::errc() || end != number.data() + number.size()) return false;
  int64_t seconds = milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000);
  *utc = FormatTimestamp(seconds);
  return true;
}

}  // namespace

bool ExportText(const ExportValue& value, std::string* out) {
  switch (value.kind) {
    case ExportValue::Kind::kText:
    case ExportValue::Kind::kNumber:
      *out = value.text;
      return true;
    case ExportValue::Kind::kBoolean:
      *out = value.boolean ? "True" : "False";
      return true;
    case ExportValue::Kind::kObject:
      if (!value.has_text) return false;
      *out = value.text;
      return true;
    default:
      return false;
  }
}

bool ExportBool(const ExportValue& value, bool* out) {
  if (value.kind == ExportValue::Kind::kBoolean) {
    *out = value.boolean;
    return true;
  }
  if (value.kind != ExportValue::Kind::kText) return false;
  std::string_view text = Trim(value.text);
  if (LowerEquals(text, "true")) return *out = true, true;
  if (LowerEquals(text, "false")) return *out = false, true;
  return false;
}

bool ExportInteger(const ExportValue& value, int* out) {
  if (value.kind != ExportValue::Kind::kNumber && value.kind != ExportValue::Kind::kText) return false;
  return ParseInt(Trim(value.text), out);
}

bool IsNumericText(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool ParseExchangeVersion(std::string_view text, int* major, int* minor) {
  text = Trim(text);
  if (text.rfind("Version ", 0) == 0) {
    text.remove_prefix(8);
    size_t space = text.find(' ');
    text = text.substr(0, space);
  }
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view rest = text.substr(dot + 1);
  size_t next = rest.find('.');
  std::string_view minor_text = rest.substr(0, next);
  if (next != std::string_view::npos) {
    for (char c : rest.substr(next + 1)) {
      if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
    }
  }
  return ParseInt(text.substr(0, dot), major) && ParseInt(minor_text, minor);
}

bool ExportNameList(const ExportValue& value, ListSeparators separators, std::vector<NamedAt>* out, std::string* why) {
  out->clear();
  switch (value.kind) {
    case ExportValue::Kind::kNull:
      return true;
    case ExportValue::Kind::kText:
      if (LooksLikeTypeName(value.text)) {
        *why = "it holds the .NET type name \"" + value.text +
               "\", which is what Export-Csv writes for a multi-valued property; export the names joined, e.g. "
               "@{n='DialPlans';e={$_.DialPlans -join ';'}}";
        return false;
      }
      SplitJoined(value, separators, out);
      return true;
    case ExportValue::Kind::kList:
      for (size_t i = 0; i < value.items.size(); ++i) {
        const ExportValue& item = value.items[i];
        const ExportValue* name = item.kind == ExportValue::Kind::kObject ? item.Find("Name") : nullptr;
        std::string text;
        if (!ExportText(name ? *name : item, &text)) {
          *why = "item " + std::to_string(i + 1) + " is neither text nor an object with a Name";
          return false;
        }
        if (std::string segment = LastSegment(text); !segment.empty()) out->push_back({segment, item.location});
      }
      return true;
    case ExportValue::Kind::kObject: {
      ExportValue list;
      list.kind = ExportValue::Kind::kList;
      list.items.push_back(value);
      return ExportNameList(list, separators, out, why);
    }
    default:
      *why = "it is neither a list nor text";
      return false;
  }
}

bool NormalizeTimestamp(std::string_view text, std::string* utc) {
  text = Trim(text);
  if (MicrosoftJsonDate(text, utc)) return true;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(&text, 4, &year) || !Expect(&text, '-') || !Digits(&text, 2, &month) || !Expect(&text, '-') ||
      !Digits(&text, 2, &day) || !Expect(&text, 'T') || !Digits(&text, 2, &hour) || !Expect(&text, ':') ||
      !Digits(&text, 2, &minute) || !Expect(&text, ':') || !Digits(&text, 2, &second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
  if (Expect(&text, '.')) {
    while (!text.empty() && std::isdigit(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  }
  int offset_minutes = 0;
  if (!Expect(&text, 'Z')) {
    int sign = Expect(&text, '+') ? 1 : Expect(&text, '-') ? -1 : 0;
    int zone_hours = 0, zone_minutes = 0;
    if (sign == 0 || !Digits(&text, 2, &zone_hours) || !Expect(&text, ':') || !Digits(&text, 2, &zone_minutes)) {
      return false;
    }
    offset_minutes = sign * (zone_hours * 60 + zone_minutes);
  }
  if (!text.empty()) return false;
  int64_t seconds = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                    hour * 3600 + minute * 60 + second - offset_minutes * 60;
  *utc = FormatTimestamp(seconds);
  return true;
}

}  // namespace kst
