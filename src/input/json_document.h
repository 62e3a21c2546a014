#pragma once
// A JSON document tree in which every value remembers its file, line, column
// and JSON pointer. Loaders read this tree, never raw text, so a second
// parser (YAML) only has to build the same tree to feed every loader.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"

namespace kst {

/// One value of a located document. Objects keep their members in file order.
class JsonNode {
 public:
  enum class Kind { kNull, kBool, kInteger, kFloat, kString, kArray, kObject };
  struct Member;

  Kind kind = Kind::kNull;
  Location location;    // where the value starts
  std::string pointer;  // RFC 6901 JSON pointer, "" for the root
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
  std::string string_value;
  std::vector<JsonNode> items;  // kArray
  std::vector<Member> members;  // kObject

  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_integer() const { return kind == Kind::kInteger; }
  /// The member's value, or nullptr when absent (or when this is no object).
  const JsonNode* Find(std::string_view key) const;
  /// "object", "array", "string", "integer", "number", "boolean" or "null".
  const char* KindName() const;
};

struct JsonNode::Member {
  std::string key;
  Location key_location;
  JsonNode value;
};

/// The keys of an object being built, for the duplicate-key check shared by
/// the JSON and YAML tree builders: a scan while the object is small (most
/// are: no allocation), a hash of the keys once it has many (a scan per key
/// made an object of n keys cost O(n²); 100,000 keys took 36 s).
class KeyIndex {
 public:
  /// The index in `members` of the member named `key`, or npos.
  size_t Find(const std::vector<JsonNode::Member>& members, const std::string& key) const;
  /// Records the member just appended to `members`.
  void Added(const std::vector<JsonNode::Member>& members);

 private:
  static constexpr size_t kHashFrom = 16;
  std::unordered_map<std::string, size_t> hashed_;  // filled from kHashFrom members on
};

/// Parses `text` (read from `file_name`) into `*root`. Returns false and adds
/// errors (syntax, duplicate keys) with their positions when it is not valid
/// JSON; a duplicate key is an error even though the rest parses.
bool ParseJsonDocument(const std::string& file_name, std::string_view text, JsonNode* root, Diagnostics* diagnostics);

/// The JSON pointer of the next child of `parent` (an array's next index, or
/// an object's member `key`). Shared by the JSON and YAML tree builders.
std::string NextChildPointer(const JsonNode& parent, std::string_view key);

/// Escapes a key for use in a JSON pointer (RFC 6901: ~ -> ~0, / -> ~1).
std::string EscapePointerToken(std::string_view key);

}  // namespace kst
