#pragma once
// A sequence whose copies share storage: the lists of a Topology, of which a
// change plan keeps one revision per step.
//
// Elements live in chunks of at most kMaxChunk, each held by a shared
// pointer. Copying a SharedVector copies the chunk pointers (n / 64 of them),
// not the elements; a write detaches (copies) only the chunk it touches, so a
// plan step that adds one trusted application pool to an estate of 5,000
// costs one chunk, and its revision shares every other chunk with the one
// before it. Chunks that two revisions share are never written again, which
// is what ForEachChunkDifference relies on to find what a step changed
// without comparing elements.
//
// Reading is std::vector's: size, indexing, const iteration (random access).
// Writing through operator[], front(), back(), a mutable iterator, insert,
// erase and push_back detaches the chunk written. begin() and end() are const
// even on a non-const vector, so a loop that only reads never copies; to
// write while iterating, index, or use mutable_begin(). Tested by shared_vector_test.cpp.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kst {

template <class T>
class SharedVector {
  using Chunk = std::vector<T>;

 public:
  static constexpr size_t kMaxChunk = 64;
  using value_type = T;
  using size_type = size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;

  /// A random-access iterator: (vector, position). Positions are resolved to
  /// a chunk on each access (a binary search over the chunk starts).
  template <bool kConst>
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<kConst, const T*, T*>;
    using reference = std::conditional_t<kConst, const T&, T&>;
    using Owner = std::conditional_t<kConst, const SharedVector, SharedVector>;

    Iterator() = default;
    Iterator(Owner* owner, size_t index) : owner_(owner), index_(index) {}
    template <bool kOther, class = std::enable_if_t<kConst && !kOther>>
    Iterator(const Iterator<kOther>& other) : owner_(other.owner_), index_(other.index_) {}  // NOLINT: as std::vector's

    reference operator*() const { return owner_->At(index_); }
    pointer operator->() const { return &owner_->At(index_); }
    reference operator[](difference_type n) const { return owner_->At(index_ + n); }
    Iterator& operator++() { return ++index_, *this; }
    Iterator operator++(int) { return {owner_, index_++}; }
    Iterator& operator--() { return --index_, *this; }
    Iterator operator--(int) { return {owner_, index_--}; }
    Iterator& operator+=(difference_type n) { return index_ += n, *this; }
    Iterator& operator-=(difference_type n) { return index_ -= n, *this; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b) {
      return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }
    friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.index_ <=> b.index_; }
    size_t index() const { return index_; }

   private:
    template <bool>
    friend class Iterator;
    Owner* owner_ = nullptr;
    size_t index_ = 0;
  };
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;

  SharedVector() = default;
  SharedVector(std::initializer_list<T> items) { Assign(items.begin(), items.end()); }
  SharedVector(const std::vector<T>& items) { Assign(items.begin(), items.end()); }  // NOLINT: a vector is one
  SharedVector& operator=(const std::vector<T>& items) {
    clear();
    Assign(items.begin(), items.end());
    return *this;
  }
  /// A std::vector of the elements (copied), for code that wants one.
  std::vector<T> ToVector() const { return std::vector<T>(begin(), end()); }

  size_t size() const { return starts_.empty() ? 0 : starts_.back(); }
  bool empty() const { return size() == 0; }
  void reserve(size_t /*capacity*/) {}  // chunks grow one at a time

  const T& operator[](size_t i) const { return At(i); }
  T& operator[](size_t i) { return At(i); }
  const T& front() const { return At(0); }
  const T& back() const { return At(size() - 1); }
  T& front() { return At(0); }
  T& back() { return At(size() - 1); }

  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  // Iteration never writes, even on a non-const vector: a range-for over a
  // shared revision must not copy it. Algorithms that write (sort,
  // remove_if) ask for mutable_begin(), whose writes detach the chunks reached.
  iterator mutable_begin() { return {this, 0}; }
  iterator mutable_end() { return {this, size()}; }
  /// For a loop that writes: `for (T& item : items.Writable())` (every chunk it reaches is detached).
  struct WritableRange {
    iterator first, last;
    iterator begin() const { return first; }
    iterator end() const { return last; }
  };
  WritableRange Writable() { return {mutable_begin(), mutable_end()}; }

  void push_back(T item) { emplace_back(std::move(item)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (chunks_.empty() || chunks_.back()->size() >= kMaxChunk) {
      chunks_.push_back(std::make_shared<Chunk>());
      chunks_.back()->reserve(kMaxChunk);
      starts_.empty() ? starts_.assign({0, 0}) : starts_.push_back(starts_.back());
    }
    Chunk& chunk = Detach(chunks_.size() - 1);
    chunk.emplace_back(std::forward<Args>(args)...);
    ++starts_.back();
    return chunk.back();
  }
  void pop_back() { erase(end() - 1); }

  iterator insert(const_iterator position, T item) {
    const size_t index = position.index();
    if (index == size()) {
      emplace_back(std::move(item));
      return {this, index};
    }
    const size_t c = ChunkOf(index);
    Chunk& chunk = Detach(c);
    chunk.insert(chunk.begin() + static_cast<difference_type>(index - starts_[c]), std::move(item));
    if (chunk.size() > 2 * kMaxChunk) Split(c);
    Restart(c);
    return {this, index};
  }

  iterator erase(const_iterator position) { return erase(position, position + 1); }
  iterator erase(const_iterator first, const_iterator last) {
    size_t from = first.index(), count = last.index() - first.index();
    const size_t at = from;
    while (count > 0) {
      const size_t c = ChunkOf(from);
      Chunk& chunk = Detach(c);
      const size_t offset = from - starts_[c];
      const size_t here = std::min(count, chunk.size() - offset);
      chunk.erase(chunk.begin() + static_cast<difference_type>(offset),
                  chunk.begin() + static_cast<difference_type>(offset + here));
      count -= here;
      if (chunk.empty()) chunks_.erase(chunks_.begin() + static_cast<difference_type>(c));
      Restart(c);
    }
    return {this, at};
  }
  /// Erases the elements `pred` holds for; detaches only the chunks that hold one. Returns how many went.
  template <class Pred>
  size_t EraseIf(Pred pred) {
    size_t erased = 0;
    for (size_t c = chunks_.size(); c-- > 0;) {
      const Chunk& chunk = *chunks_[c];
      if (std::none_of(chunk.begin(), chunk.end(), pred)) continue;
      Chunk& own = Detach(c);
      const size_t before = own.size();
      own.erase(std::remove_if(own.begin(), own.end(), pred), own.end());
      erased += before - own.size();
      if (own.empty()) chunks_.erase(chunks_.begin() + static_cast<difference_type>(c));
    }
    if (erased > 0) Restart(0);
    return erased;
  }
  /// Calls `update(element)` on the elements `pred` holds for; detaches only their chunks.
  template <class Pred, class Update>
  void UpdateIf(Pred pred, Update update) {
    for (size_t c = 0; c < chunks_.size(); ++c) {
      const Chunk& chunk = *chunks_[c];
      if (std::none_of(chunk.begin(), chunk.end(), pred)) continue;
      for (T& item : Detach(c))
        if (pred(std::as_const(item))) update(item);
    }
  }

  void clear() {
    chunks_.clear();
    starts_.clear();
  }
  void resize(size_t n) {
    if (n < size()) erase(begin() + static_cast<difference_type>(n), end());
    while (size() < n) emplace_back();
  }

  friend bool operator==(const SharedVector& a, const SharedVector& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

  /// Calls `removed(element)` for each element of a chunk of `before` that
  /// `after` does not share, and `added(element)` for each of a chunk of
  /// `after` that `before` does not share. Between two revisions of one plan,
  /// whose shared chunks are never written, that is a superset of what
  /// changed, in work proportional to the chunks plus the chunks that differ.
  template <class Removed, class Added>
  friend void ForEachChunkDifference(const SharedVector& before, const SharedVector& after, Removed removed,
                                     Added added) {
    std::unordered_set<const Chunk*> in_before, in_after;
    for (const auto& chunk : before.chunks_) in_before.insert(chunk.get());
    for (const auto& chunk : after.chunks_) in_after.insert(chunk.get());
    for (const auto& chunk : before.chunks_)
      if (!in_after.count(chunk.get()))
        for (const T& item : *chunk) removed(item);
    for (const auto& chunk : after.chunks_)
      if (!in_before.count(chunk.get()))
        for (const T& item : *chunk) added(item);
  }

  /// How many chunks this vector holds (for tests and memory estimates).
  size_t chunk_count() const { return chunks_.size(); }

 private:
  template <class It>
  void Assign(It first, It last) {
    for (; first != last; ++first) emplace_back(*first);
  }
  size_t ChunkOf(size_t index) const {
    // starts_[c] is the index of chunk c's first element; starts_.back() the size.
    return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end() - 1, index) - starts_.begin()) - 1;
  }
  const T& At(size_t index) const {
    const size_t c = ChunkOf(index);
    return (*chunks_[c])[index - starts_[c]];
  }
  T& At(size_t index) {
    const size_t c = ChunkOf(index);
    return Detach(c)[index - starts_[c]];
  }
  Chunk& Detach(size_t c) {
    if (chunks_[c].use_count() > 1) chunks_[c] = std::make_shared<Chunk>(*chunks_[c]);
    return *chunks_[c];
  }
  void Split(size_t c) {
    Chunk& chunk = *chunks_[c];
    const auto half = chunk.begin() + static_cast<difference_type>(chunk.size() / 2);
    auto tail = std::make_shared<Chunk>(std::make_move_iterator(half), std::make_move_iterator(chunk.end()));
    chunk.erase(half, chunk.end());
    chunks_.insert(chunks_.begin() + static_cast<difference_type>(c + 1), std::move(tail));
  }
  /// Recomputes the chunk starts from chunk c on (after c grew, shrank, split or went).
  void Restart(size_t c) {
    if (chunks_.empty()) return starts_.clear();
    starts_.resize(chunks_.size() + 1);
    if (c == 0) starts_[0] = 0;
    for (size_t i = (c == 0 ? 0 : c - 1); i < chunks_.size(); ++i) starts_[i + 1] = starts_[i] + chunks_[i]->size();
  }

  std::vector<std::shared_ptr<Chunk>> chunks_;  // never an empty chunk
  std::vector<size_t> starts_;                  // chunks_.size() + 1 entries, or none when empty
};

}  // namespace kst
