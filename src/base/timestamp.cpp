#include "base/timestamp.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace kst {

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

/// The civil date of a day count (civil_from_days).
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

/// Reads exactly `width` digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, size_t width, int* out) {
  if (*pos + width > text.size()) return false;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += width;
  *out = value;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

/// Reads "Z" or "+HH:MM" / "-HH:MM" at text[*pos] into seconds east of UTC.
bool Zone(std::string_view text, size_t* pos, int* offset) {
  if (*pos >= text.size()) return false;
  char sign = text[*pos];
  if (sign == 'Z' || sign == 'z') {
    ++*pos;
    *offset = 0;
    return true;
  }
  if (sign != '+' && sign != '-') return false;
  ++*pos;
  int hours = 0, minutes = 0;
  if (!Digits(text, pos, 2, &hours) || !Expect(text, pos, ':') || !Digits(text, pos, 2, &minutes)) return false;
  if (hours > 14 || minutes > 59) return false;
  *offset = (sign == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

bool ParseTimestamp(std::string_view text, UnixSeconds* out, std::string* why) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!Digits(text, &pos, 4, &year) || !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &month) ||
      !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &day)) {
    *why = "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SSZ";
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > DaysInMonth(year, month)) {
    *why = "no such day";
    return false;
  }
  int64_t seconds = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
  if (pos == text.size()) {
    *out = seconds;
    return true;
  }
  int hour = 0, minute = 0, second = 0, offset = 0;
  if (!(Expect(text, &pos, 'T') || Expect(text, &pos, 't') || Expect(text, &pos, ' ')) ||
      !Digits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &minute)) {
    *why = "expected a time HH:MM after the date";
    return false;
  }
  if (Expect(text, &pos, ':') && !Digits(text, &pos, 2, &second)) {
    *why = "expected seconds SS after HH:MM:";
    return false;
  }
  if (Expect(text, &pos, '.') || Expect(text, &pos, ',')) {
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) {
      *why = "expected digits after the decimal point";
      return false;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) {
    *why = "no such time of day";
    return false;
  }
  if (pos == text.size()) {
    *why = "a date-time needs a zone: Z (UTC) or an offset such as -06:00";
    return false;
  }
  if (!Zone(text, &pos, &offset) || pos != text.size()) {
    *why = "expected Z or an offset +HH:MM / -HH:MM at the end";
    return false;
  }
  *out = seconds + hour * 3600 + minute * 60 + std::min(second, 59) - offset;
  return true;
}

bool ParseCivilDate(std::string_view text, int64_t* days, std::string* why) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!Digits(text, &pos, 4, &year) || !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &month) ||
      !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &day) || pos != text.size()) {
    *why = "expected a date YYYY-MM-DD";
    return false;
  }
  if (year < 1) {
    *why = "no year 0000: years run from 0001 to 9999";
    return false;
  }
  if (month < 1 || month > 12) {
    *why = "no month " + std::to_string(month);
    return false;
  }
  if (day < 1 || static_cast<unsigned>(day) > DaysInMonth(year, month)) {
    *why = "no such day: month " + std::to_string(month) + " of " + std::to_string(year) + " has " +
           std::to_string(DaysInMonth(year, month)) + " days";
    return false;
  }
  *days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return true;
}

std::string FormatTimestamp(UnixSeconds seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  int64_t rest = seconds - days * 86400;
  int64_t year = 0;
  unsigned month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(year), month, day,
                static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                static_cast<long long>(rest % 60));
  return text;
}

UnixSeconds NowUtc() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string FormatDuration(int64_t seconds) {
  if (seconds < 0) seconds = -seconds;
  const int64_t days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, rest = seconds % 60;
  if (days > 0) return std::to_string(days) + " d " + std::to_string(hours) + " h";
  if (hours > 0) return std::to_string(hours) + " h " + std::to_string(minutes) + " min";
  if (minutes > 0) return std::to_string(minutes) + " min " + std::to_string(rest) + " s";
  return std::to_string(rest) + " s";
}

}  // namespace kst
