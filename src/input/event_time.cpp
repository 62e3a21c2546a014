#include "input/event_time.h"

#include <cctype>
#include <cstdio>

namespace kst {
namespace {

// 100-ns units between 1601-01-01 and 1970-01-01.
constexpr uint64_t kFileTimeEpoch = 116444736000000000ULL;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads 1 to `max` digits; false when there is none.
bool Number(std::string_view text, size_t* pos, size_t max, int* out) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && *pos - start < max && IsDigit(text[*pos])) value = value * 10 + (text[(*pos)++] - '0');
  *out = value;
  return *pos > start;
}

// The fraction after the seconds of an ISO time, as 100-ns ticks (digits past
// the seventh are dropped), removed from the text so ParseTimestamp reads the rest.
std::string SplitFraction(std::string_view text, uint32_t* ticks) {
  *ticks = 0;
  size_t t = text.find_first_of("Tt ");
  size_t dot = t == std::string_view::npos ? std::string_view::npos : text.find_first_of(".,", t);
  if (dot == std::string_view::npos) return std::string(text);
  size_t end = dot + 1;
  uint32_t scale = 1000000;
  while (end < text.size() && IsDigit(text[end])) {
    if (scale > 0) {
      *ticks += static_cast<uint32_t>(text[end] - '0') * scale;
      scale /= 10;
    }
    ++end;
  }
  if (end == dot + 1) return std::string(text);  // ParseTimestamp says what is wrong
  return std::string(text.substr(0, dot)) + std::string(text.substr(end));
}

bool HasZone(std::string_view text) {
  size_t t = text.find_first_of("Tt ");
  if (t == std::string_view::npos) return true;  // a date alone: ParseTimestamp's business
  std::string_view time = text.substr(t + 1);
  return time.find_first_of("Zz+-") != std::string_view::npos;
}

// "M/d/yyyy h:mm:ss AM" (en-US, what Export-Csv writes for a DateTime under
// that culture), 12- or 24-hour.
bool ParseUsTime(std::string_view text, EventTime* out, std::string* why) {
  size_t pos = 0;
  int month = 0, day = 0, year = 0, hour = 0, minute = 0, second = 0;
  auto expect = [&](char c) { return pos < text.size() && text[pos] == c ? (++pos, true) : false; };
  if (!Number(text, &pos, 2, &month) || !expect('/') || !Number(text, &pos, 2, &day) || !expect('/') ||
      !Number(text, &pos, 4, &year) || !expect(' ') || !Number(text, &pos, 2, &hour) || !expect(':') ||
      !Number(text, &pos, 2, &minute) || !expect(':') || !Number(text, &pos, 2, &second)) {
    *why = "expected M/d/yyyy h:mm:ss [AM|PM] or an ISO 8601 time";
    return false;
  }
  std::string rest(text.substr(pos));
  for (char& c : rest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (rest == " AM" || rest == " PM") {
    if (hour < 1 || hour > 12) {
      *why = "no such hour on a 12-hour clock";
      return false;
    }
    hour = hour % 12 + (rest == " PM" ? 12 : 0);
  } else if (!rest.empty()) {
    *why = "unexpected text after the time (expected AM or PM)";
    return false;
  }
  char iso[64];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second);
  if (!ParseTimestamp(iso, &out->seconds, why)) return false;
  out->ticks = 0;
  out->local_time = true;
  return true;
}

}  // namespace

bool ParseEventTime(std::string_view text, EventTime* out, std::string* why) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) {
    *why = "the time is empty";
    return false;
  }
  if (text.find('/') != std::string_view::npos) return ParseUsTime(text, out, why);
  std::string whole = SplitFraction(text, &out->ticks);
  out->local_time = !HasZone(whole);
  if (out->local_time) whole += 'Z';
  return ParseTimestamp(whole, &out->seconds, why);
}

bool EventTimeFromFileTime(uint64_t filetime, EventTime* out) {
  constexpr uint64_t kYear1990 = kFileTimeEpoch + 631152000ULL * 10000000ULL;
  constexpr uint64_t kYear10000 = kFileTimeEpoch + 253402300800ULL * 10000000ULL;
  if (filetime < kYear1990 || filetime >= kYear10000) return false;
  const uint64_t since_epoch = filetime - kFileTimeEpoch;
  out->seconds = static_cast<UnixSeconds>(since_epoch / 10000000ULL);
  out->ticks = static_cast<uint32_t>(since_epoch % 10000000ULL);
  out->local_time = false;
  return true;
}

}  // namespace kst
