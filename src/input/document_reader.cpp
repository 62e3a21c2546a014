#include "input/document_reader.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "base/fqdn.h"
#include "base/interrupt.h"

namespace kst {

ObjectReader::ObjectReader(const JsonNode& node, std::string what, Diagnostics* diagnostics)
    : node_(node), what_(std::move(what)), diagnostics_(diagnostics) {
  if (!node.is_object()) {
    diagnostics_->Error("wrong-type", node.location, node.pointer,
                        what_ + " must be an object, not " + node.KindName());
    ok_ = false;
  }
}

ObjectReader::~ObjectReader() {
  // After Ctrl-C a load is abandoned half read: what it did not read means nothing.
  if (!ok_ || InterruptRequested()) return;
  for (const JsonNode::Member& member : node_.members) {
    if (std::find(read_.begin(), read_.end(), member.key) != read_.end()) continue;
    diagnostics_->Warning(
        "unknown-field", member.key_location, member.value.pointer,
        "unknown field \"" + member.key + "\" in " + what_ + " is not understood; the verdict cannot rest on it");
  }
}

bool ObjectReader::RejectUnknownFields(const std::string& why) {
  if (!ok_) return false;
  bool clean = true;
  for (const JsonNode::Member& member : node_.members) {
    if (std::find(read_.begin(), read_.end(), member.key) != read_.end()) continue;
    diagnostics_->Error("unknown-field", member.key_location, member.value.pointer,
                        "unknown field \"" + member.key + "\" in " + what_ + ": " + why);
    read_.push_back(member.key);
    clean = false;
  }
  return clean;
}

const JsonNode* ObjectReader::Get(std::string_view key, bool required) {
  if (!ok_) return nullptr;
  read_.emplace_back(key);
  const JsonNode* value = node_.Find(key);
  if (!value && required) {
    diagnostics_->Error("missing-field", node_.location, node_.pointer + "/" + EscapePointerToken(key),
                        what_ + " lacks the required field \"" + std::string(key) + "\"");
  }
  return value;
}

bool ObjectReader::TypeError(const JsonNode& value, const char* expected) {
  diagnostics_->Error("wrong-type", value.location, value.pointer,
                      std::string("expected ") + expected + ", found " + value.KindName());
  return false;
}

bool ObjectReader::String(std::string_view key, bool required, std::string* out, Location* at) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  if (!value->is_string()) return TypeError(*value, "a string");
  *out = value->string_value;
  if (at) *at = value->location;
  return true;
}

bool ObjectReader::Integer(std::string_view key, bool required, int* out, Location* at) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  if (!value->is_integer() || value->int_value < 0 || value->int_value > 1000000)
    return TypeError(*value, "a non-negative integer");
  *out = static_cast<int>(value->int_value);
  if (at) *at = value->location;
  return true;
}

bool ObjectReader::Boolean(std::string_view key, bool required, bool* out, Location* at) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  if (value->kind != JsonNode::Kind::kBool) return TypeError(*value, "true or false");
  *out = value->bool_value;
  if (at) *at = value->location;
  return true;
}

bool ObjectReader::Number(std::string_view key, bool required, double limit, double* out, Location* at) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  double number = 0;
  if (value->is_integer())
    number = static_cast<double>(value->int_value);
  else if (value->kind == JsonNode::Kind::kFloat)
    number = value->float_value;
  else
    return TypeError(*value, "a number");
  if (!(number >= -limit && number <= limit)) {
    diagnostics_->Error(
        "wrong-value", value->location, value->pointer,
        "the value is out of range (at most " + std::to_string(static_cast<int64_t>(limit)) + " either way)");
    return false;
  }
  *out = number;
  if (at) *at = value->location;
  return true;
}

bool ObjectReader::Timestamp(std::string_view key, bool required, UnixSeconds* out, Location* at) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  if (!value->is_string()) return TypeError(*value, "a date or date-time string");
  std::string why;
  if (!ParseTimestamp(value->string_value, out, &why)) {
    diagnostics_->Error("invalid-time", value->location, value->pointer,
                        "\"" + value->string_value + "\" is not a valid time: " + why);
    return false;
  }
  if (at) *at = value->location;
  return true;
}

bool ObjectReader::StringArray(std::string_view key, bool required, std::vector<NamedAt>* out) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  if (!value->is_array()) return TypeError(*value, "an array of strings");
  bool ok = true;
  for (const JsonNode& item : value->items) {
    if (!item.is_string()) {
      ok = TypeError(item, "a string");
      continue;
    }
    if (item.string_value.empty()) {
      diagnostics_->Error("wrong-value", item.location, item.pointer, "expected a non-empty string");
      ok = false;
      continue;
    }
    out->push_back({item.string_value, item.location});
  }
  return ok;
}

bool ReadFqdnValue(const JsonNode& value, Diagnostics* diagnostics, NamedAt* out) {
  if (!value.is_string()) {
    diagnostics->Error("wrong-type", value.location, value.pointer,
                       std::string("expected an FQDN string, found ") + value.KindName());
    return false;
  }
  std::string why;
  if (!NormalizeFqdn(value.string_value, &out->name, &why)) {
    diagnostics->Error("invalid-fqdn", value.location, value.pointer,
                       "\"" + value.string_value + "\" is not a valid FQDN: " + why);
    return false;
  }
  out->location = value.location;
  return true;
}

bool ObjectReader::Fqdn(std::string_view key, bool required, NamedAt* out) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  return ReadFqdnValue(*value, diagnostics_, out);
}

const JsonNode* ObjectReader::Array(std::string_view key, bool required) {
  const JsonNode* value = Get(key, required);
  if (!value) return nullptr;
  if (!value->is_array()) {
    TypeError(*value, "an array");
    return nullptr;
  }
  return value;
}

bool ObjectReader::FqdnArray(std::string_view key, bool required, std::vector<NamedAt>* out) {
  const JsonNode* value = Get(key, required);
  if (!value) return !required;
  if (!value->is_array()) return TypeError(*value, "an array of FQDNs");
  bool ok = true;
  // Views of the names in *out, which is reserved so that they never move.
  out->reserve(out->size() + value->items.size());
  std::unordered_set<std::string_view> listed;
  listed.reserve(out->capacity());
  for (const NamedAt& fqdn : *out) listed.insert(fqdn.name);
  for (const JsonNode& item : value->items) {
    // The duplicate check below is linear per item: a list of 100,000 FQDNs
    // takes seconds, so Ctrl-C is heard every 256 items.
    if ((out->size() & 0xFF) == 0 && StopForInterrupt(item.location, diagnostics_)) return false;
    NamedAt fqdn;
    if (!ReadFqdnValue(item, diagnostics_, &fqdn)) {
      ok = false;
      continue;
    }
    if (listed.count(fqdn.name)) {
      diagnostics_->Warning("duplicate-entry", item.location, item.pointer, "\"" + fqdn.name + "\" is listed twice");
      continue;
    }
    out->push_back(std::move(fqdn));
    listed.insert(out->back().name);
  }
  return ok;
}

bool ObjectReader::Format(std::string_view expected) {
  std::string format;
  Location at;
  if (!String("format", true, &format, &at)) return false;
  if (format == expected) return true;
  diagnostics_->Error("wrong-format", at, "/format",
                      "format is \"" + format + "\", expected \"" + std::string(expected) + "\"");
  return false;
}

void ReadOrigin(ObjectReader& reader, Diagnostics* diagnostics, const std::vector<Location*>& locations,
                std::vector<NamedAt>* names) {
  const JsonNode* node = reader.Get("origin", false);
  if (!node) return;
  ObjectReader origin(*node, "origin", diagnostics);
  if (!origin.ok()) return;
  Location at;
  bool ok = origin.String("file", true, &at.file);
  ok &= origin.Integer("line", true, &at.line);
  origin.Integer("column", false, &at.column);
  origin.Accept("element");
  if (!ok) return;
  for (Location* location : locations) *location = at;
  if (names)
    for (NamedAt& name : *names) name.location = at;
}

}  // namespace kst
