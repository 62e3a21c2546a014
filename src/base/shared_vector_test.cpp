#include "base/shared_vector.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace kst {
namespace {

std::vector<int> Elements(const SharedVector<int>& v) {
  return std::vector<int>(v.begin(), v.end());
}

/// Elements a chunk difference reports as removed and added, sorted.
std::pair<std::vector<int>, std::vector<int>> Difference(const SharedVector<int>& before,
                                                         const SharedVector<int>& after) {
  std::vector<int> removed, added;
  ForEachChunkDifference(
      before, after, [&](int x) { removed.push_back(x); }, [&](int x) { added.push_back(x); });
  std::sort(removed.begin(), removed.end());
  std::sort(added.begin(), added.end());
  return {removed, added};
}

/// Multiset difference: what `after` has more of than `before`.
std::vector<int> Minus(std::vector<int> after, std::vector<int> before) {
  std::sort(after.begin(), after.end());
  std::sort(before.begin(), before.end());
  std::vector<int> out;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(out));
  return out;
}

}  // namespace

TEST_CASE("SharedVector reads and writes as a vector") {
  SharedVector<int> v;
  CHECK(v.empty());
  for (int i = 0; i < 300; ++i) v.push_back(i);
  CHECK(v.size() == 300);
  CHECK(v[0] == 0);
  CHECK(v[299] == 299);
  CHECK(v.front() == 0);
  CHECK(v.back() == 299);
  CHECK(std::accumulate(v.begin(), v.end(), 0) == 299 * 300 / 2);
  CHECK(v.chunk_count() == (300 + SharedVector<int>::kMaxChunk - 1) / SharedVector<int>::kMaxChunk);

  SUBCASE("erase one, a range, and up to the end") {
    v.erase(v.begin() + 10);
    CHECK(v.size() == 299);
    CHECK(v[10] == 11);
    v.erase(v.begin() + 50, v.begin() + 200);  // crosses chunks
    CHECK(v.size() == 149);
    CHECK(v[49] == 50);
    CHECK(v[50] == 201);
    v.erase(v.begin() + 100, v.end());
    CHECK(v.size() == 100);
    CHECK(v.back() == 250);
    v.erase(v.begin(), v.end());
    CHECK(v.empty());
    CHECK(v.chunk_count() == 0);
    v.push_back(7);
    CHECK(Elements(v) == std::vector<int>{7});
  }
  SUBCASE("insert in the middle splits a chunk that grows too large") {
    for (int i = 0; i < 200; ++i) v.insert(v.begin() + 5, -i);
    CHECK(v.size() == 500);
    CHECK(v[4] == 4);
    CHECK(v[5] == -199);
    CHECK(v[204] == 0);
    CHECK(v[205] == 5);
    CHECK(v.back() == 299);
    v.insert(v.end(), 1000);
    CHECK(v.back() == 1000);
  }
  SUBCASE("the standard algorithms, through random-access iterators") {
    std::reverse(v.mutable_begin(), v.mutable_end());
    CHECK(v[0] == 299);
    std::sort(v.mutable_begin(), v.mutable_end());
    CHECK(Elements(v) == [] {
      std::vector<int> e(300);
      std::iota(e.begin(), e.end(), 0);
      return e;
    }());
    v.erase(std::remove_if(v.mutable_begin(), v.mutable_end(), [](int x) { return x % 2 == 1; }), v.end());
    CHECK(v.size() == 150);
    CHECK(v[149] == 298);
    auto it = std::find(v.cbegin(), v.cend(), 100);
    CHECK(it - v.cbegin() == 50);
    CHECK(std::lower_bound(v.begin(), v.end(), 101) - v.begin() == 51);
    // Reading through begin() on a copy's vector copies nothing.
    const SharedVector<int> copy = v;
    int sum = 0;
    for (const int& x : v) sum += x;
    CHECK(sum > 0);
    v.erase(v.begin());
    CHECK(copy.size() == v.size() + 1);
  }
  SUBCASE("resize and clear") {
    v.resize(3);
    CHECK(Elements(v) == std::vector<int>{0, 1, 2});
    v.resize(5);
    CHECK(Elements(v) == std::vector<int>{0, 1, 2, 0, 0});
    v.clear();
    CHECK(v.empty());
  }
}

TEST_CASE("A copy shares its chunks until one side writes, and the other never sees the write") {
  SharedVector<std::string> a;
  for (int i = 0; i < 200; ++i) a.push_back("item" + std::to_string(i));
  const SharedVector<std::string> before = a;
  a[130] = "changed";
  a.push_back("new");
  a.erase(a.begin() + 3);
  CHECK(before.size() == 200);
  CHECK(before[130] == "item130");
  CHECK(before[3] == "item3");
  CHECK(a[129] == "changed");
  CHECK(a.back() == "new");
  // Iterating a const reference writes nothing: the copy still shares.
  size_t length = 0;
  for (const std::string& s : std::as_const(a)) length += s.size();
  CHECK(length > 0);
  CHECK(before == SharedVector<std::string>(before.ToVector()));
}

TEST_CASE("ForEachChunkDifference reports every change between revisions, and little else") {
  // A random walk of edits; each revision is a copy of the one before. The
  // difference must cover the multiset difference exactly once removed and
  // added elements are cancelled, and read at most the changed chunks.
  uint64_t state = 12345;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  SharedVector<int> current;
  for (int i = 0; i < 1000; ++i) current.push_back(i);
  int fresh = 1000;
  for (int step = 0; step < 300; ++step) {
    SharedVector<int> before = current;
    switch (next(4)) {
      case 0:
        current.push_back(fresh++);
        break;
      case 1:
        if (!current.empty()) current.erase(current.begin() + static_cast<long>(next(current.size())));
        break;
      case 2:
        current.insert(current.begin() + static_cast<long>(next(current.size() + 1)), fresh++);
        break;
      default:
        if (!current.empty()) current[next(current.size())] = fresh++;
    }
    auto [removed, added] = Difference(before, current);
    const std::vector<int> old_elements = Elements(before), new_elements = Elements(current);
    // What the difference says, cancelled, is the true multiset difference.
    CHECK(Minus(added, removed) == Minus(new_elements, old_elements));
    CHECK(Minus(removed, added) == Minus(old_elements, new_elements));
    // One edit touches at most two chunks on each side (a split makes two).
    CHECK(removed.size() <= 2 * 2 * SharedVector<int>::kMaxChunk + 1);
    CHECK(added.size() <= 2 * 2 * SharedVector<int>::kMaxChunk + 1);
  }
  auto [removed, added] = Difference(current, current);
  CHECK(removed.empty());
  CHECK(added.empty());
}

}  // namespace kst
