#include "base/memory_budget.h"

#include <array>
#include <cctype>
#include <cstdlib>

namespace kst {
namespace {

struct Unit {
  std::string_view name;  // as FormatMemorySize writes it; parsed in any case
  uint64_t bytes;
};

// Largest first: FormatMemorySize takes the first that divides exactly, the
// binary units before the decimal ones of the same rank.
constexpr std::array<Unit, 9> kUnits = {{{"TiB", uint64_t{1} << 40},
                                         {"TB", 1'000'000'000'000},
                                         {"GiB", uint64_t{1} << 30},
                                         {"GB", 1'000'000'000},
                                         {"MiB", uint64_t{1} << 20},
                                         {"MB", 1'000'000},
                                         {"KiB", uint64_t{1} << 10},
                                         {"kB", 1'000},
                                         {"B", 1}}};

bool SameLetters(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

bool ParseMemorySize(std::string_view text, uint64_t* bytes, std::string* why) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  const size_t digits = std::min(text.find_first_not_of("0123456789"), text.size());
  if (digits == 0) {
    *why = quoted + " is not a size: digits, then a unit such as MiB or GiB (e.g. 512MiB, 2GiB, 1500MB)";
    return false;
  }
  std::string_view unit = text.substr(digits);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  uint64_t scale = unit.empty() ? 1 : 0;
  for (const Unit& known : kUnits)
    if (!unit.empty() && SameLetters(unit, known.name)) scale = known.bytes;
  if (scale == 0) {
    *why = quoted + " has an unknown unit \"" + std::string(unit) +
           "\": one of B, KiB, MiB, GiB, TiB (1024) or kB, MB, GB, TB (1000)";
    return false;
  }
  uint64_t count = 0;
  for (const char c : text.substr(0, digits)) {
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (count > (UINT64_MAX - digit) / 10) {
      *why = quoted + " is larger than 2^64 - 1 bytes";
      return false;
    }
    count = count * 10 + digit;
  }
  if (count > UINT64_MAX / scale) {
    *why = quoted + " is larger than 2^64 - 1 bytes";
    return false;
  }
  if (count == 0) {
    // No budget at all is not "no limit": kst could not even hold its input.
    *why = quoted + " is no memory at all: the budget must be more than 0";
    return false;
  }
  *bytes = count * scale;
  return true;
}

std::string FormatMemorySize(uint64_t bytes) {
  for (const Unit& unit : kUnits)
    if (unit.bytes > 1 && bytes != 0 && bytes % unit.bytes == 0)
      return std::to_string(bytes / unit.bytes) + " " + std::string(unit.name);
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string MemoryBudgetName(uint64_t max_bytes) {
  return "the memory budget (--max-memory " + FormatMemorySize(max_bytes) + ")";
}

// ResidentBytes: base/platform_posix.cpp (/proc/self/statm), base/platform_windows.cpp (the working set).

}  // namespace kst
