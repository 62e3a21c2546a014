#pragma once
// The explorer's seen set: packed cell states (CellState::Pack, 52 bits) to
// their index in the visit list, in one open-addressing table with linear
// probing. std::unordered_map spent a node (about 40 bytes and an
// allocation) per state; a large class has millions of states and this set
// was the largest part of the exploration's peak. Here a state costs 12 bytes
// per slot at a load of at most one half, and no allocation but the doubling.
// Tested by state_index_test.cpp against std::unordered_map.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kst {

class StateIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  StateIndex() { Resize(1024); }

  /// The index stored for `key`, or kAbsent.
  uint32_t Find(uint64_t key) const {
    for (size_t slot = Home(key);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return values_[slot];
      if (keys_[slot] == kEmpty) return kAbsent;
    }
  }

  /// Stores `index` for `key`, which must not be stored yet (Find says kAbsent).
  void Insert(uint64_t key, uint32_t index) {
    if (2 * (size_ + 1) > keys_.size()) Resize(2 * keys_.size());
    Place(key, index);
    ++size_;
  }

  size_t size() const { return size_; }

 private:
  // No packed state has all 64 bits set (CellState::Pack uses 52).
  static constexpr uint64_t kEmpty = UINT64_MAX;

  size_t Home(uint64_t key) const {
    // The SplitMix64 finalizer: packed states differ in a few low bits of each field.
    key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ULL;
    key = (key ^ (key >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<size_t>(key ^ (key >> 31)) & mask_;
  }

  void Place(uint64_t key, uint32_t index) {
    size_t slot = Home(key);
    while (keys_[slot] != kEmpty) slot = (slot + 1) & mask_;
    keys_[slot] = key;
    values_[slot] = index;
  }

  void Resize(size_t slots) {
    std::vector<uint64_t> keys(slots, kEmpty);
    std::vector<uint32_t> values(slots);
    keys.swap(keys_);
    values.swap(values_);
    mask_ = slots - 1;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) Place(keys[i], values[i]);
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace kst
