#pragma once
// The explorer's seen set: which packed cell state (CellState::Pack) has
// which index in the visit list. An open-addressing table with linear
// probing that keeps only the indices; a slot's key is read back from the
// visit list (`key_of`), so a state costs 4 bytes per slot at a load of at
// most one half. std::unordered_map spent a node (about 40 bytes and an
// allocation) per state, and a large class has millions of them: this set
// was the largest part of the exploration's peak. Tested by
// state_index_test.cpp against std::unordered_map.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kst {

class StateIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  StateIndex() : slots_(1024, kAbsent), mask_(1023) {}

  /// The index stored for `key`, or kAbsent; `key_of(index)` is the key of a stored index.
  template <class KeyOf>
  uint32_t Find(uint64_t key, const KeyOf& key_of) const {
    for (size_t slot = Home(key);; slot = (slot + 1) & mask_) {
      const uint32_t index = slots_[slot];
      if (index == kAbsent || key_of(index) == key) return index;
    }
  }

  /// Stores `index`, whose key `key_of(index)` is not stored yet (Find says kAbsent).
  template <class KeyOf>
  void Insert(uint32_t index, const KeyOf& key_of) {
    if (2 * (size_ + 1) > slots_.size()) {
      std::vector<uint32_t> old(slots_.size() * 2, kAbsent);
      old.swap(slots_);
      mask_ = slots_.size() - 1;
      for (const uint32_t stored : old)
        if (stored != kAbsent) Place(stored, key_of(stored));
    }
    Place(index, key_of(index));
    ++size_;
  }

  size_t size() const { return size_; }

 private:
  size_t Home(uint64_t key) const {
    // The SplitMix64 finalizer: packed states differ in a few low bits of each field.
    key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ULL;
    key = (key ^ (key >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<size_t>(key ^ (key >> 31)) & mask_;
  }

  void Place(uint32_t index, uint64_t key) {
    size_t slot = Home(key);
    while (slots_[slot] != kAbsent) slot = (slot + 1) & mask_;
    slots_[slot] = index;
  }

  std::vector<uint32_t> slots_;  // visit indices; kAbsent: free
  size_t mask_;
  size_t size_ = 0;
};

}  // namespace kst
