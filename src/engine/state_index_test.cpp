// StateIndex against std::unordered_map on random packed states.

#include "engine/state_index.h"

#include <doctest/doctest.h>

#include <random>
#include <unordered_map>
#include <vector>

namespace kst {
namespace {

TEST_CASE("StateIndex finds what std::unordered_map finds, across its doublings") {
  std::mt19937_64 random(21);
  StateIndex index;
  std::vector<uint64_t> keys;  // by index, as the explorer's visit list
  auto key_of = [&](uint32_t i) { return keys[i]; };
  std::unordered_map<uint64_t, uint32_t> expected;
  for (uint32_t i = 0; i < 200'000; ++i) {
    // Packed states: 52 bits, often near each other (a field differs by one).
    const uint64_t key = i % 3 == 0 ? (random() & ((uint64_t{1} << 52) - 1)) : (random() % 5000) << (16 * (i % 3));
    const uint32_t found = index.Find(key, key_of);
    auto it = expected.find(key);
    REQUIRE((found == StateIndex::kAbsent) == (it == expected.end()));
    if (it != expected.end()) {
      REQUIRE(found == it->second);
      continue;
    }
    const uint32_t stored = static_cast<uint32_t>(keys.size());
    keys.push_back(key);
    index.Insert(stored, key_of);
    expected.emplace(key, stored);
  }
  CHECK(index.size() == expected.size());
  for (const auto& [key, value] : expected) CHECK(index.Find(key, key_of) == value);
  CHECK(index.Find(uint64_t{1} << 60, key_of) == StateIndex::kAbsent);
}

}  // namespace
}  // namespace kst
