#include "base/diagnostic.h"

#include <algorithm>

namespace kst {

std::string Location::ToString() const {
  if (!known()) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::string Diagnostic::ToString() const {
  std::string text = location.ToString();
  if (!text.empty()) text += ": ";
  text += std::string(SeverityName(severity)) + "[" + id + "]: " + message;
  if (!field.empty()) text += " (" + field + ")";
  return text;
}

void Diagnostics::Error(std::string id, const Location& at, std::string field, std::string message) {
  all_.push_back({Severity::kError, std::move(id), at, std::move(field), std::move(message)});
}

void Diagnostics::Warning(std::string id, const Location& at, std::string field, std::string message) {
  all_.push_back({Severity::kWarning, std::move(id), at, std::move(field), std::move(message)});
}

void Diagnostics::Note(std::string id, const Location& at, std::string field, std::string message) {
  all_.push_back({Severity::kNote, std::move(id), at, std::move(field), std::move(message)});
}

void Diagnostics::Append(const Diagnostics& other) {
  all_.insert(all_.end(), other.all_.begin(), other.all_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(all_.begin(), all_.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

bool Diagnostics::has_warnings() const {
  return std::any_of(all_.begin(), all_.end(), [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
}

}  // namespace kst
