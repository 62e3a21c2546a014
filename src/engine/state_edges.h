#pragma once
// The transitions of an explored state graph, grouped by source state.
//
// The explorer adds them in that order (breadth first, one state's events at
// a time), so a source need not be stored per edge: an edge keeps its target,
// event and conflict flag in 4 bytes, and a state the index of its first edge
// in 4 more. A list of 12-byte StateEdge values was the largest allocation of
// a long plan's largest class (docs/benchmarks.md). Reading yields StateEdge
// values, in the order they were added. Tested by state_edges_test.cpp.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "engine/cell_model.h"

namespace kst {

/// One transition of the explored state graph (for graph analyses and --dot).
struct StateEdge {
  uint32_t from = 0;
  uint32_t to = 0;
  CellEvent event = CellEvent::kAdminStep;
  bool conflict = false;
};

class StateEdges {
 public:
  /// Targets take the bits the event and the conflict flag leave: 2^29 states,
  /// far past what the memory budget lets a class reach.
  static constexpr uint32_t kMaxStates = uint32_t{1} << 29;

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = StateEdge;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = StateEdge;

    /// `at_end`: the end, whose source is never read (finding it would walk every state).
    const_iterator(const StateEdges* edges, size_t index, bool at_end = false) : edges_(edges), index_(index) {
      if (!at_end) FindSource();
    }
    StateEdge operator*() const { return edges_->Unpack(source_, edges_->packed_[index_]); }
    const_iterator& operator++() {
      ++index_;
      FindSource();
      return *this;
    }
    bool operator==(const const_iterator& other) const { return index_ == other.index_; }

   private:
    void FindSource() {
      while (source_ + 1 < edges_->first_.size() && edges_->first_[source_ + 1] <= index_) ++source_;
    }
    const StateEdges* edges_;
    size_t index_;
    uint32_t source_ = 0;
  };

  StateEdges() = default;
  StateEdges(std::initializer_list<StateEdge> edges) {
    for (const StateEdge& edge : edges) push_back(edge);
  }

  /// Appends `edge`, whose source may not precede the last edge's and whose
  /// target is below kMaxStates (std::invalid_argument otherwise).
  void push_back(const StateEdge& edge);
  void pop_back();
  void clear() {
    packed_.clear();
    first_.clear();
  }
  void reserve(size_t edges) { packed_.reserve(edges); }
  size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, packed_.size(), true}; }

 private:
  static StateEdge Unpack(uint32_t source, uint32_t packed) {
    return {source, packed >> 3, static_cast<CellEvent>((packed >> 1) & 3), (packed & 1) != 0};
  }

  std::vector<uint32_t> packed_;  // per edge: target << 3 | event << 1 | conflict
  std::vector<uint32_t> first_;   // per state up to the last source: the index of its first edge
};

}  // namespace kst
