#pragma once
// What exploring a cell class found, kept across analyses so a re-check of a
// plan that differs from an earlier one (a step moved, inserted or removed,
// as plan synthesis tries them) explores only the classes whose projection
// changed.
//
// A class's result is a function of its projected input (CellInput::Key,
// which leaves plan step numbers out), the reading (its start-up conflict
// policy and its name), and how much of the graph the analysis keeps: the
// key is those three. Only complete explorations are kept, and one is used
// only where the state budget left would have let it complete, so a report
// made with the cache is the report made without it, statistics included
// (class_cache_test.cpp compares the two).
//
// One cache serves one ModelCatalog (the caller's: the readings it names are
// that catalog's); it lives in memory only. Not thread-safe.

#include <cstdint>
#include <string>
#include <unordered_map>

#include "check/cell_rules.h"
#include "engine/cell_model.h"
#include "model/model_catalog.h"

namespace kst {

class ClassCache {
 public:
  /// How much of an exploration a result keeps: the absences told per step
  /// (the reading the report is made under) or only the verdict (the others).
  enum class Depth : char { kWithAbsences = 'g', kVerdictOnly = 'v' };

  static std::string KeyOf(const CellInput& input, const Semantics& reading, Depth depth);

  /// The result kept under `key` if it was explored to the end in at most
  /// `max_states` states; null otherwise (counted as a miss).
  const ClassResult* Find(const std::string& key, uint64_t max_states);
  /// Keeps `result` under `key` when its exploration was complete.
  void Store(std::string key, const ClassResult& result);

  size_t size() const { return results_.size(); }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  std::unordered_map<std::string, ClassResult> results_;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace kst
