#pragma once
// Expected failures travel as values: a Diagnostic carries a stable id, a
// severity, a location and the field it is about. Exceptions are for bugs.

#include <string>
#include <vector>

#include "base/location.h"

namespace kst {

enum class Severity { kNote, kWarning, kError };

const char* SeverityName(Severity severity);

/// One message about the input. `id` is stable and listed in docs/errors.md;
/// `field` is the JSON pointer of the value concerned (may be empty).
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string id;
  Location location;
  std::string field;
  std::string message;

  /// "file:line:col: error[id]: message (field)"
  std::string ToString() const;
};

/// Collects diagnostics while loading; loaders keep going after an error where
/// they safely can, so the user sees every problem in one run.
class Diagnostics {
 public:
  void Error(std::string id, const Location& at, std::string field, std::string message);
  void Warning(std::string id, const Location& at, std::string field, std::string message);
  void Note(std::string id, const Location& at, std::string field, std::string message);
  void Add(Diagnostic diagnostic) { all_.push_back(std::move(diagnostic)); }
  void Append(const Diagnostics& other);

  bool has_errors() const;
  bool has_warnings() const;
  const std::vector<Diagnostic>& all() const { return all_; }

 private:
  std::vector<Diagnostic> all_;
};

}  // namespace kst
