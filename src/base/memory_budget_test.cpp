// The --max-memory size: the accepted spellings, the exact reason for each
// rejected one, the way a size is said back, and the resident-memory probe.

#include "base/memory_budget.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace kst {
namespace {

/// The bytes `text` means; fails the test when it is rejected.
uint64_t Accepted(std::string_view text) {
  uint64_t bytes = 0;
  std::string why;
  INFO("text: \"", std::string(text), "\", why: ", why);
  CHECK(ParseMemorySize(text, &bytes, &why));
  return bytes;
}

/// Why `text` is rejected; fails the test when it is accepted. A rejected
/// size leaves the output untouched.
std::string Rejected(std::string_view text) {
  uint64_t bytes = 7;
  std::string why;
  INFO("text: \"", std::string(text), "\"");
  CHECK_FALSE(ParseMemorySize(text, &bytes, &why));
  CHECK(bytes == 7);
  return why;
}

TEST_CASE("issue 16 - ParseMemorySize reads the sizes --max-memory documents") {
  SUBCASE("binary units are powers of 1024") {
    CHECK(Accepted("2GiB") == uint64_t{2} << 30);
    CHECK(Accepted("512MiB") == uint64_t{512} << 20);
    CHECK(Accepted("64KiB") == 64 * 1024);
    CHECK(Accepted("1TiB") == uint64_t{1} << 40);
  }
  SUBCASE("decimal units are powers of 1000") {
    CHECK(Accepted("1500MB") == 1'500'000'000);
    CHECK(Accepted("3GB") == 3'000'000'000);
    CHECK(Accepted("10kB") == 10'000);
  }
  SUBCASE("digits alone, or B, are bytes") {
    CHECK(Accepted("1048576") == 1'048'576);
    CHECK(Accepted("4096B") == 4096);
  }
  SUBCASE("any letter case, and one space before the unit") {
    CHECK(Accepted("2gib") == uint64_t{2} << 30);
    CHECK(Accepted("2 GiB") == uint64_t{2} << 30);
    CHECK(Accepted("1500mb") == 1'500'000'000);
  }
  SUBCASE("the largest size") {
    CHECK(Accepted("18446744073709551615") == UINT64_MAX);
  }
}

TEST_CASE("issue 16 - ParseMemorySize refuses what is not a positive size") {
  CHECK(Rejected("0") == "\"0\" is no memory at all: the budget must be more than 0");
  CHECK(Rejected("0GiB") == "\"0GiB\" is no memory at all: the budget must be more than 0");
  CHECK(Rejected("-1GiB") ==
        "\"-1GiB\" is not a size: digits, then a unit such as MiB or GiB (e.g. 512MiB, 2GiB, 1500MB)");
  CHECK(Rejected("") == "\"\" is not a size: digits, then a unit such as MiB or GiB (e.g. 512MiB, 2GiB, 1500MB)");
  CHECK(Rejected("GiB").find("is not a size") != std::string::npos);
  CHECK(Rejected("1.5GiB") ==
        "\"1.5GiB\" has an unknown unit \".5GiB\": one of B, KiB, MiB, GiB, TiB (1024) or kB, MB, GB, TB (1000)");
  CHECK(Rejected("2G").find("has an unknown unit \"G\"") != std::string::npos);
  CHECK(Rejected("2  GiB").find("has an unknown unit") != std::string::npos);
  CHECK(Rejected("18446744073709551616") == "\"18446744073709551616\" is larger than 2^64 - 1 bytes");
  CHECK(Rejected("17179869184GiB") == "\"17179869184GiB\" is larger than 2^64 - 1 bytes");
}

TEST_CASE("issue 16 - FormatMemorySize says a size exactly, and ParseMemorySize reads it back") {
  CHECK(FormatMemorySize(kDefaultMaxMemoryBytes) == "2 GiB");
  CHECK(FormatMemorySize(uint64_t{64} << 20) == "64 MiB");
  CHECK(FormatMemorySize(1'500'000'000) == "1500 MB");
  CHECK(FormatMemorySize(1000) == "1 kB");
  CHECK(FormatMemorySize(1001) == "1001 bytes");
  CHECK(FormatMemorySize(1) == "1 byte");
  for (const uint64_t bytes : {uint64_t{1}, uint64_t{1001}, uint64_t{3} << 30, uint64_t{1'500'000'000}, UINT64_MAX}) {
    std::string text = FormatMemorySize(bytes);
    if (text.size() > 6 && text.substr(text.size() - 6) == " bytes") text.resize(text.size() - 6);
    if (text.size() > 5 && text.substr(text.size() - 5) == " byte") text.resize(text.size() - 5);
    CHECK(Accepted(text) == bytes);
  }
  CHECK(MemoryBudgetName(kDefaultMaxMemoryBytes) == "the memory budget (--max-memory 2 GiB)");
}

TEST_CASE("issue 16 - ResidentBytes sees memory the process touches") {
  // Given 64 MiB written page by page, the resident memory should grow by
  // most of it (Linux: /proc/self/statm).
  const uint64_t before = ResidentBytes();
  REQUIRE(before > 0);
  const size_t size = size_t{64} << 20;
  auto block = std::make_unique<char[]>(size);
  for (size_t i = 0; i < size; i += 4096) block[i] = static_cast<char>(i);
  CHECK(ResidentBytes() >= before + size / 2);
  CHECK(block[4096] == static_cast<char>(4096));
}

}  // namespace
}  // namespace kst
