#pragma once
// Typed, located access to the members of one JSON object, for loaders.
// Every failure becomes a Diagnostic naming the file, line, column and JSON
// pointer; every member the loader did not ask for becomes an
// "unknown-field" warning, so no input is silently ignored.

#include <string>
#include <string_view>
#include <vector>

#include "base/timestamp.h"
#include "input/json_document.h"
#include "model/topology.h"

namespace kst {

class ObjectReader {
 public:
  /// `what` names the object in messages ("trusted application pool").
  /// Reports an error and reads nothing when `node` is not an object.
  ObjectReader(const JsonNode& node, std::string what, Diagnostics* diagnostics);
  /// Reports members that were never read as unknown fields.
  ~ObjectReader();
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  bool ok() const { return ok_; }
  const JsonNode& node() const { return node_; }

  /// The member, or nullptr (with a missing-field error when `required`).
  const JsonNode* Get(std::string_view key, bool required);
  /// Marks a member as understood without reading it (documentation fields).
  void Accept(std::string_view key) { Get(key, false); }

  bool String(std::string_view key, bool required, std::string* out, Location* at = nullptr);
  bool Integer(std::string_view key, bool required, int* out, Location* at = nullptr);
  bool Boolean(std::string_view key, bool required, bool* out, Location* at = nullptr);
  /// Any JSON number, negative and fractional ones included, within ±`limit`.
  bool Number(std::string_view key, bool required, double limit, double* out, Location* at = nullptr);
  /// An ISO 8601 date or date-time (timestamp.h); "invalid-time" otherwise.
  bool Timestamp(std::string_view key, bool required, UnixSeconds* out, Location* at = nullptr);
  /// An array of non-empty strings, each with its location.
  bool StringArray(std::string_view key, bool required, std::vector<NamedAt>* out);
  bool Fqdn(std::string_view key, bool required, NamedAt* out);
  /// An array of FQDN strings; absent gives an empty list unless required.
  bool FqdnArray(std::string_view key, bool required, std::vector<NamedAt>* out);
  /// Checks the document's required "format" member equals `expected`.
  bool Format(std::string_view expected);
  /// An array member; absent gives nullptr (an error only when required).
  const JsonNode* Array(std::string_view key, bool required);
  /// For objects whose unknown keys must not be a mere warning (a waiver: a
  /// misspelt key would widen it): reports every member not read so far as an
  /// "unknown-field" error, now, saying `why`. Returns false when there was one.
  /// Call it after the last read; the destructor then has nothing to add.
  bool RejectUnknownFields(const std::string& why);

 private:
  bool TypeError(const JsonNode& value, const char* expected);

  const JsonNode& node_;
  std::string what_;
  Diagnostics* diagnostics_;
  std::vector<std::string> read_;
  bool ok_ = true;
};

/// Normalises one FQDN value; an error names the value and why it is invalid.
bool ReadFqdnValue(const JsonNode& value, Diagnostics* diagnostics, NamedAt* out);

/// "origin": {"file": ..., "line": ...} marks an item that `kst import` took
/// from a real export: findings then point at the export, not at this file.
/// Sets every location of `locations` (and of `names`) to it.
void ReadOrigin(ObjectReader& reader, Diagnostics* diagnostics, const std::vector<Location*>& locations,
                std::vector<NamedAt>* names = nullptr);

}  // namespace kst
