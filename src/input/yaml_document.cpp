// Builds the located JsonNode tree from YAML with yaml-cpp's event parser.
//
// Why events and not YAML::Load: the events carry the mark (0-based line and
// column, in bytes) of every key and value, keep mapping keys in document
// order with their duplicates (a YAML::Node keeps neither reliably), and let
// us stop the parser at once by throwing from the handler (depth, a second
// document) before it builds anything large. The tree is then the one JSON
// builds: same pointers, same duplicate-key diagnostic, same depth limit.
//
// Plain scalars resolve as in the YAML 1.2 core schema: null, ~ and empty are
// null; true/false (any of three casings) are booleans; decimal, 0o and 0x
// integers; floats with . or exponent, .inf, .nan. yes/no/on/off stay strings
// (YAML 1.1 only). Quoted and block scalars, and !!str, are always strings.
//
// Anchors and aliases are expanded: an alias becomes a copy of its anchored
// node, re-pointed to where the alias stands; the copy's root is located at
// the alias, everything inside it at its definition. A billion-laughs guard
// refuses more than 10,000 nodes created through aliases. Merge keys (<<),
// complex keys, other tags and a second document are refused as yaml-syntax
// errors; duplicate keys use JSON's id, json-duplicate-key, so docs/errors.md
// keeps one list. Tested by yaml_document_test.cpp.

#include "input/yaml_document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <istream>
#include <limits>
#include <map>
#include <streambuf>

#include "base/interrupt.h"
#include "input/text_encoding.h"

namespace kst {
namespace {

constexpr size_t kMaxDepth = 256;
constexpr size_t kMaxAliasNodes = 10000;
const std::string kCoreTag = "tag:yaml.org,2002:";
constexpr size_t kNpos = std::string_view::npos;

/// Thrown by the handler after it reported an error that ends parsing.
struct Abort {};

/// yaml-cpp decodes the escapes \N and \_ of a double-quoted scalar to the
/// single bytes 0x85 and 0xA0 (Latin-1), not to U+0085 and U+00A0 in UTF-8.
/// The input was checked to be UTF-8, so those lone bytes can only come from
/// there: re-encode them, or the JSON writers would refuse the value.
std::string AsUtf8(const std::string& scalar) {
  std::string out;
  std::string_view rest = scalar;
  for (size_t bad = FindInvalidUtf8(rest); bad != std::string_view::npos; bad = FindInvalidUtf8(rest)) {
    out.append(rest.substr(0, bad));
    AppendUtf8CodePoint(static_cast<unsigned char>(rest[bad]), &out);
    rest.remove_prefix(bad + 1);
  }
  out.append(rest);
  return out;
}

/// Lets yaml-cpp read the text in place instead of from a copied stringstream.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read-only: no overflow or put area
    setg(begin, begin, begin + text.size());
  }
};

bool AllIn(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

bool IsCoreFloat(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') ++i, mantissa += digits();
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

void SetFloat(std::string_view text, JsonNode* node) {
  node->kind = JsonNode::Kind::kFloat;
  bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (text.size() == 4 && text[0] == '.' && (text[1] == 'i' || text[1] == 'I')) {
    node->float_value = std::numeric_limits<double>::infinity();
  } else if (text.size() == 4 && text[0] == '.') {
    node->float_value = std::numeric_limits<double>::quiet_NaN();
  } else {
    auto result = std::from_chars(text.data(), text.data() + text.size(), node->float_value);
    if (result.ec == std::errc::result_out_of_range)  // from_chars leaves the value alone; strtod gives inf or 0
      node->float_value = std::strtod(std::string(text).c_str(), nullptr);
  }
  if (negative) node->float_value = -node->float_value;
}

/// Sets an integer written in `base` (0o and 0x prefixes included); one beyond
/// int64 becomes a float, as a huge JSON number does.
void SetInteger(std::string_view text, int base, JsonNode* node) {
  bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (base != 10) text.remove_prefix(2);
  uint64_t magnitude = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  uint64_t limit = static_cast<uint64_t>(INT64_MAX) + (negative ? 1 : 0);
  if (result.ec == std::errc() && magnitude <= limit) {
    node->kind = JsonNode::Kind::kInteger;
    node->int_value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
    return;
  }
  node->kind = JsonNode::Kind::kFloat;
  node->float_value = 0;
  for (char c : text) node->float_value = node->float_value * base + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  if (negative) node->float_value = -node->float_value;
}

/// Resolves a plain scalar by the YAML 1.2 core schema (yaml-cpp has already
/// turned the null spellings into OnNull, but the table is complete here).
void ResolvePlain(const std::string& text, JsonNode* node) {
  std::string_view s = text;
  std::string_view digits = s.substr(!s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0);
  std::string_view prefix = s.substr(0, 2);
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    node->kind = JsonNode::Kind::kNull;
  } else if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    node->kind = JsonNode::Kind::kBool;
    node->bool_value = s[0] == 't' || s[0] == 'T';
  } else if (AllIn(digits, "0123456789")) {
    SetInteger(s, 10, node);
  } else if (prefix == "0o" && AllIn(s.substr(2), "01234567")) {
    SetInteger(s, 8, node);
  } else if (prefix == "0x" && AllIn(s.substr(2), "0123456789abcdefABCDEF")) {
    SetInteger(s, 16, node);
  } else if (IsCoreFloat(s) || s == ".nan" || s == ".NaN" || s == ".NAN") {
    SetFloat(s, node);
  } else {
    node->kind = JsonNode::Kind::kString;
    node->string_value = text;
  }
}

/// Counts the nodes of a subtree and its depth in containers.
void Measure(const JsonNode& node, size_t* count, size_t* depth) {
  ++*count;
  size_t deepest = 0;
  auto visit = [&](const JsonNode& child) {
    size_t child_depth = 0;
    Measure(child, count, &child_depth);
    deepest = std::max(deepest, child_depth);
  };
  for (const JsonNode& item : node.items) visit(item);
  for (const JsonNode::Member& member : node.members) visit(member.value);
  *depth = (node.is_array() || node.is_object()) ? deepest + 1 : 0;
}

void Repoint(JsonNode* node, size_t old_length, const std::string& new_base) {
  node->pointer = new_base + node->pointer.substr(old_length);
  for (JsonNode& item : node->items) Repoint(&item, old_length, new_base);
  for (JsonNode::Member& member : node->members) Repoint(&member.value, old_length, new_base);
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, std::string_view text, Diagnostics* diagnostics)
      : file_(file), text_(text), diagnostics_(diagnostics), bom_(text.starts_with("\xEF\xBB\xBF") ? 3 : 0) {}

  JsonNode root;
  bool failed = false;
  bool empty = true;  // no document, or one whose root is an empty value

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ > 0) Fail(mark, "unsupported YAML: a second document; kst reads one document per file");
  }
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_names_.push_back(name); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Poll(mark);
    if (ExpectingKey()) Fail(mark, "unsupported YAML: a mapping key must be a string, number or boolean");
    JsonNode node = Start(JsonNode::Kind::kNull, mark);
    if (!IsExplicitNull(mark))
      node.location = EmptyValueLocation(mark);
    else if (open_.empty())
      empty = false;
    Remember(anchor, node);
    Attach(std::move(node));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& raw_value) override {
    Poll(mark);
    if (tag != "?" && tag != "!" && tag != kCoreTag + "str") Fail(mark, UnsupportedTag(tag));
    const std::string value = AsUtf8(raw_value);
    JsonNode node = Start(JsonNode::Kind::kString, mark);
    if (ExpectingKey()) {
      node.string_value = value;  // an anchored key can be aliased as a value
      Remember(anchor, node);
      return Key(mark, tag, value);
    }
    if (tag == "?")
      ResolvePlain(value, &node);
    else
      node.string_value = value;
    Remember(anchor, node);
    Attach(std::move(node));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Poll(mark);
    if (ExpectingKey()) Fail(mark, "unsupported YAML: an alias cannot be a mapping key");
    auto found = anchors_.find(anchor);
    std::string name = anchor - 1 < anchor_names_.size() ? anchor_names_[anchor - 1] : "";
    if (found == anchors_.end()) Fail(mark, "unsupported YAML: alias *" + name + " refers to a node that contains it");
    size_t count = 0, depth = 0;
    Measure(found->second, &count, &depth);
    if (open_.size() + depth > kMaxDepth) Fail(mark, DeepMessage());
    alias_nodes_ += count;
    if (alias_nodes_ > kMaxAliasNodes)
      Fail(mark, "unsupported YAML: aliases expand to more than " + std::to_string(kMaxAliasNodes) + " nodes");
    JsonNode copy = found->second;
    Repoint(&copy, copy.pointer.size(), ChildPointer());
    copy.location = At(mark);
    Attach(std::move(copy));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(JsonNode::Kind::kArray, mark, tag, kCoreTag + "seq", anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(JsonNode::Kind::kObject, mark, tag, kCoreTag + "map", anchor);
  }
  void OnMapEnd() override { Close(); }

  /// Ctrl-C is heard every 4,096 events: the load stops with an "interrupted" error.
  void Poll(const YAML::Mark& mark) {
    if ((++events_ & 0xFFF) != 0 || !StopForInterrupt(At(mark), diagnostics_)) return;
    failed = true;
    throw Abort{};
  }
  /// Reports an error and stops the parser.
  [[noreturn]] void Fail(const YAML::Mark& mark, const std::string& message) {
    diagnostics_->Error("yaml-syntax", At(mark), "", message);
    failed = true;
    throw Abort{};
  }
  Location At(const YAML::Mark& mark) const {
    if (!mark.is_null()) return {file_, mark.line + 1, mark.column + 1};
    size_t last_newline = text_.rfind('\n');  // yaml-cpp gave no position: the end of the text
    int lines = static_cast<int>(std::count(text_.begin(), text_.end(), '\n'));
    size_t column = last_newline == std::string_view::npos ? text_.size() : text_.size() - last_newline - 1;
    return {file_, lines + 1, static_cast<int>(column) + 1};
  }

 private:
  struct Frame {
    JsonNode node;
    YAML::anchor_t anchor = 0;
    bool has_key = false;    // mappings: a key was read, its value comes next
    bool duplicate = false;  // ... and it repeats an earlier key, so its value is dropped
    std::string key;
    Location key_location;
    KeyIndex keys;  // mappings: where each key is in node.members
  };

  bool ExpectingKey() const { return !open_.empty() && open_.back().node.is_object() && !open_.back().has_key; }
  void Key(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    if (tag == "?" && value == "<<")
      Fail(mark, "unsupported YAML: merge keys (<<) are not supported; write the fields out");
    Frame& frame = open_.back();
    frame.has_key = true;
    frame.duplicate = false;
    frame.key = value;
    frame.key_location = At(mark);
    size_t first = frame.keys.Find(frame.node.members, value);
    if (first == std::string::npos) return;
    diagnostics_->Error("json-duplicate-key", frame.key_location, frame.node.pointer + "/" + EscapePointerToken(value),
                        "duplicate key \"" + value + "\" (first at line " +
                            std::to_string(frame.node.members[first].key_location.line) + ")");
    failed = true;
    frame.duplicate = true;
  }
  void Open(JsonNode::Kind kind, const YAML::Mark& mark, const std::string& tag, const std::string& core_tag,
            YAML::anchor_t anchor) {
    Poll(mark);
    if (ExpectingKey()) Fail(mark, "unsupported YAML: a mapping key must be a string, number or boolean");
    if (tag != "?" && tag != core_tag) Fail(mark, UnsupportedTag(tag));
    if (open_.size() >= kMaxDepth) Fail(mark, DeepMessage());
    open_.push_back({Start(kind, mark), anchor, false, false, {}, {}, {}});
  }
  void Close() {
    Frame frame = std::move(open_.back());
    open_.pop_back();
    Remember(frame.anchor, frame.node);
    Attach(std::move(frame.node));
  }
  JsonNode Start(JsonNode::Kind kind, const YAML::Mark& mark) const {
    JsonNode node;
    node.kind = kind;
    node.location = At(mark);
    node.pointer = ChildPointer();
    return node;
  }
  std::string ChildPointer() const {
    return open_.empty() ? "" : NextChildPointer(open_.back().node, open_.back().key);
  }
  void Remember(YAML::anchor_t anchor, const JsonNode& node) {
    if (anchor != 0) anchors_[anchor] = node;
  }
  void Attach(JsonNode node) {
    if (open_.empty()) {
      empty = empty && node.kind == JsonNode::Kind::kNull;
      root = std::move(node);
      return;
    }
    Frame& parent = open_.back();
    if (parent.node.is_array()) {
      parent.node.items.push_back(std::move(node));
      return;
    }
    parent.has_key = false;
    if (parent.duplicate) return;
    parent.node.members.push_back({parent.key, parent.key_location, std::move(node)});
    parent.keys.Added(parent.node.members);
  }
  /// yaml-cpp reports an empty value as a null at the next token; a written
  /// null is one of the core spellings at the mark.
  bool IsExplicitNull(const YAML::Mark& mark) const {
    size_t at = bom_ + static_cast<size_t>(mark.pos);
    if (mark.is_null() || mark.pos < 0 || at >= text_.size()) return false;
    std::string_view rest = text_.substr(at);
    for (std::string_view word : {"~", "null", "Null", "NULL"}) {
      if (!rest.starts_with(word)) continue;
      if (rest.size() == word.size() || std::string_view(" \t\r\n,]}#").find(rest[word.size()]) != kNpos) return true;
    }
    return false;
  }
  /// An empty value is located at its key, or at the "-" of its sequence item
  /// (found by stepping back over blanks; yaml-cpp's mark is the next token).
  Location EmptyValueLocation(const YAML::Mark& mark) const {
    if (!open_.empty() && open_.back().node.is_object()) return open_.back().key_location;
    size_t at = bom_ + static_cast<size_t>(std::max(0, mark.pos));
    int newlines = 0;
    while (at > 0 && at <= text_.size() && std::string_view(" \t\r\n").find(text_[at - 1]) != kNpos)
      newlines += text_[--at] == '\n';
    if (at == 0 || at > text_.size() || text_[at - 1] != '-') return At(mark);
    size_t line_start = text_.rfind('\n', at - 1);
    size_t column = line_start == std::string_view::npos ? at : at - 1 - line_start;
    return {file_, mark.line + 1 - newlines, static_cast<int>(column)};
  }
  static std::string UnsupportedTag(std::string tag) {
    if (tag.rfind(kCoreTag, 0) == 0) tag = "!!" + tag.substr(kCoreTag.size());
    return "unsupported YAML: tag " + tag + " (kst reads plain and quoted scalars, and !!str)";
  }
  static std::string DeepMessage() {
    return "malformed YAML: nested deeper than " + std::to_string(kMaxDepth) + " levels";
  }

  const std::string& file_;
  std::string_view text_;
  Diagnostics* diagnostics_;
  size_t bom_;  // yaml-cpp's mark.pos skips a UTF-8 byte order mark; its columns do too
  std::vector<Frame> open_;
  std::map<YAML::anchor_t, JsonNode> anchors_;  // completed anchored nodes; a redefined name gets a new id
  std::vector<std::string> anchor_names_;       // by anchor id - 1, for messages
  size_t alias_nodes_ = 0;
  int documents_ = 0;
  size_t events_ = 0;
};

}  // namespace

bool IsYamlPath(const std::string& path) {
  auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), path.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
  };
  return ends_with(".yaml") || ends_with(".yml");
}

bool ParseYamlDocument(const std::string& file_name, std::string_view text, JsonNode* root, Diagnostics* diagnostics) {
  // yaml-cpp passes any bytes through; JSON (and so every report) wants UTF-8.
  if (size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    Location at{file_name, 0, 0};
    LineIndex(text).Locate(bad, &at.line, &at.column);
    diagnostics->Error("text-encoding", at, "", "not UTF-8 text: invalid byte " + HexByte(text[bad]));
    return false;
  }
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  TreeBuilder builder(file_name, text, diagnostics);
  try {
    if (parser.HandleNextDocument(builder)) parser.HandleNextDocument(builder);  // a second one stops at its start
  } catch (const Abort&) {
    return false;
  } catch (const YAML::Exception& ex) {
    diagnostics->Error("yaml-syntax", builder.At(ex.mark), "", "malformed YAML: " + ex.msg);
    return false;
  }
  if (builder.failed) return false;
  if (builder.empty) {
    diagnostics->Error("yaml-syntax", Location{file_name, 1, 1}, "", "malformed YAML: empty document");
    return false;
  }
  *root = std::move(builder.root);
  return true;
}

}  // namespace kst
