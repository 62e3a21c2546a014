#include "check/class_cache.h"

namespace kst {

std::string ClassCache::KeyOf(const CellInput& input, const Semantics& reading, Depth depth) {
  std::string key;
  key += static_cast<char>(depth);
  key += static_cast<char>('0' + static_cast<int>(reading.startup_conflict));
  key += std::to_string(reading.name.size()) + ':' + reading.name + ':';
  key += input.Key();
  return key;
}

const ClassResult* ClassCache::Find(const std::string& key, uint64_t max_states) {
  auto it = results_.find(key);
  // A larger exploration than the budget allows would have stopped short:
  // explore again, so the report says what the budget says.
  if (it == results_.end() || it->second.verdict.states > max_states) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  return &it->second;
}

void ClassCache::Store(std::string key, const ClassResult& result) {
  if (!result.verdict.complete || result.verdict.memory_exhausted) return;
  results_.insert_or_assign(std::move(key), result);
}

}  // namespace kst
