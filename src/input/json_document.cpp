// Builds a located JsonNode tree with nlohmann_json's SAX parser.
//
// nlohmann's SAX interface reports values but not where they are. We feed
// the parser through an iterator that records how far the lexer has read;
// at each callback the token just reported starts at the first byte after the
// previous callback's end that is not whitespace, ',' or ':'. (The lexer reads
// one byte past a number, but that byte is always a separator, so the rule
// holds.) Positions are converted to line/column with a line-start table.

#include "input/json_document.h"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "base/interrupt.h"

namespace kst {
namespace {

/// Forward iterator over the text that publishes how many bytes were consumed.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at = nullptr;
  const char* base = nullptr;
  size_t* consumed = nullptr;

  reference operator*() const { return *at; }
  CountingIterator& operator++() {
    ++at;
    *consumed = static_cast<size_t>(at - base);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return at == other.at; }
  bool operator!=(const CountingIterator& other) const { return at != other.at; }
};

/// Maps byte offsets to 1-based line and column.
class LineTable {
 public:
  explicit LineTable(std::string_view text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  Location At(const std::string& file, size_t offset) const {
    // Tokens come in order: start at the last answer's line (a search per
    // node made locating n nodes O(n log n)).
    size_t line_index = hint_ < starts_.size() && starts_[hint_] <= offset ? hint_ : 0;
    for (int step = 0; step < 8 && line_index + 1 < starts_.size() && starts_[line_index + 1] <= offset; ++step)
      ++line_index;
    if (line_index + 1 < starts_.size() && starts_[line_index + 1] <= offset) {
      auto it = std::upper_bound(starts_.begin() + static_cast<std::ptrdiff_t>(line_index), starts_.end(), offset);
      line_index = static_cast<size_t>(it - starts_.begin()) - 1;
    }
    hint_ = line_index;
    return {file, static_cast<int>(line_index + 1), static_cast<int>(offset - starts_[line_index] + 1)};
  }

 private:
  std::vector<size_t> starts_;
  mutable size_t hint_ = 0;
};

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(const std::string& file, std::string_view text, Diagnostics* diagnostics)
      : file_(file), text_(text), lines_(text), diagnostics_(diagnostics) {}

  size_t consumed = 0;
  JsonNode root;
  bool failed = false;

  bool null() override { return Leaf(JsonNode::Kind::kNull); }
  bool boolean(bool value) override {
    JsonNode node = Start(JsonNode::Kind::kBool);
    node.bool_value = value;
    return Attach(std::move(node));
  }
  bool number_integer(number_integer_t value) override {
    JsonNode node = Start(JsonNode::Kind::kInteger);
    node.int_value = value;
    return Attach(std::move(node));
  }
  bool number_unsigned(number_unsigned_t value) override {
    if (value > static_cast<number_unsigned_t>(INT64_MAX)) return number_float(static_cast<double>(value), "");
    return number_integer(static_cast<number_integer_t>(value));
  }
  bool number_float(number_float_t value, const string_t&) override {
    JsonNode node = Start(JsonNode::Kind::kFloat);
    node.float_value = value;
    return Attach(std::move(node));
  }
  bool string(string_t& value) override {
    JsonNode node = Start(JsonNode::Kind::kString);
    node.string_value = value;
    return Attach(std::move(node));
  }
  bool binary(binary_t&) override { return Leaf(JsonNode::Kind::kNull); }
  bool start_object(std::size_t) override {
    if (TooDeep()) return false;
    open_.push_back({Start(JsonNode::Kind::kObject), {}, {}, false, {}});
    return true;
  }
  bool key(string_t& value) override {
    Location at = lines_.At(file_, TokenStart());
    Frame& frame = open_.back();
    size_t first = frame.keys.Find(frame.node.members, value);
    frame.pending_duplicate = first != std::string::npos;
    if (frame.pending_duplicate) {
      diagnostics_->Error("json-duplicate-key", at, frame.node.pointer + "/" + EscapePointerToken(value),
                          "duplicate key \"" + value + "\" (first at line " +
                              std::to_string(frame.node.members[first].key_location.line) + ")");
      failed = true;
    }
    frame.pending_key = value;
    frame.pending_key_location = at;
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override {
    if (TooDeep()) return false;
    open_.push_back({Start(JsonNode::Kind::kArray), {}, {}, false, {}});
    return true;
  }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    size_t offset = position == 0 ? 0 : std::min(position - 1, text_.size());
    diagnostics_->Error("json-syntax", lines_.At(file_, offset), "", CleanMessage(ex.what()));
    failed = true;
    return false;
  }

 private:
  struct Frame {
    JsonNode node;
    std::string pending_key;
    Location pending_key_location;
    bool pending_duplicate = false;  // the pending key repeats an earlier one: its value is dropped
    KeyIndex keys;                   // objects: where each key is in node.members
  };

  /// Inputs nest a few levels; a deeper document is hostile (its pointers
  /// grow quadratically and its tree is freed recursively), so refuse it.
  bool TooDeep() {
    if (open_.size() < kMaxDepth) return false;
    diagnostics_->Error("json-syntax", lines_.At(file_, TokenStart()), "",
                        "malformed JSON: nested deeper than " + std::to_string(kMaxDepth) + " levels");
    failed = true;
    return true;
  }
  static constexpr size_t kMaxDepth = 256;

  size_t TokenStart() {
    size_t at = scan_from_;
    while (at < text_.size() &&
           (std::isspace(static_cast<unsigned char>(text_[at])) || text_[at] == ',' || text_[at] == ':'))
      ++at;
    scan_from_ = consumed;
    return at;
  }
  JsonNode Start(JsonNode::Kind kind) {
    JsonNode node;
    node.kind = kind;
    node.location = lines_.At(file_, TokenStart());
    node.pointer = ChildPointer();
    return node;
  }
  std::string ChildPointer() const {
    return open_.empty() ? "" : NextChildPointer(open_.back().node, open_.back().pending_key);
  }
  bool Leaf(JsonNode::Kind kind) { return Attach(Start(kind)); }
  bool Attach(JsonNode node) {
    // A large file takes seconds to parse: Ctrl-C is heard every 4,096 values.
    if ((++values_ & 0xFFF) == 0 && StopForInterrupt(node.location, diagnostics_)) {
      failed = true;
      return false;
    }
    if (open_.empty()) {
      root = std::move(node);
      return true;
    }
    Frame& parent = open_.back();
    if (parent.node.is_array()) {
      parent.node.items.push_back(std::move(node));
    } else if (!parent.pending_duplicate) {
      parent.node.members.push_back({parent.pending_key, parent.pending_key_location, std::move(node)});
      parent.keys.Added(parent.node.members);
    }
    return true;
  }
  bool Close() {
    scan_from_ = consumed;
    JsonNode node = std::move(open_.back().node);
    open_.pop_back();
    return Attach(std::move(node));
  }
  /// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 2: ";
  /// we print our own position, so keep only the explanation.
  static std::string CleanMessage(std::string message) {
    size_t bracket = message.find("] ");
    if (message.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) message = message.substr(bracket + 2);
    size_t colon = message.find(": ");
    if (message.rfind("parse error", 0) == 0 && colon != std::string::npos) message = message.substr(colon + 2);
    return "malformed JSON: " + message;
  }

  const std::string& file_;
  std::string_view text_;
  LineTable lines_;
  Diagnostics* diagnostics_;
  std::vector<Frame> open_;
  size_t scan_from_ = 0;
  size_t values_ = 0;
};

}  // namespace

const JsonNode* JsonNode::Find(std::string_view key) const {
  for (const Member& member : members)
    if (member.key == key) return &member.value;
  return nullptr;
}

const char* JsonNode::KindName() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "boolean";
    case Kind::kInteger:
      return "integer";
    case Kind::kFloat:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kArray:
      return "array";
    case Kind::kObject:
      return "object";
  }
  return "value";
}

size_t KeyIndex::Find(const std::vector<JsonNode::Member>& members, const std::string& key) const {
  if (!hashed_.empty()) {
    auto found = hashed_.find(key);
    return found == hashed_.end() ? std::string::npos : found->second;
  }
  for (size_t i = 0; i < members.size(); ++i)
    if (members[i].key == key) return i;
  return std::string::npos;
}

void KeyIndex::Added(const std::vector<JsonNode::Member>& members) {
  if (members.size() < kHashFrom) return;
  if (hashed_.empty()) {
    for (size_t i = 0; i < members.size(); ++i) hashed_.emplace(members[i].key, i);
  } else {
    hashed_.emplace(members.back().key, members.size() - 1);
  }
}

std::string NextChildPointer(const JsonNode& parent, std::string_view key) {
  if (parent.is_array()) return parent.pointer + "/" + std::to_string(parent.items.size());
  return parent.pointer + "/" + EscapePointerToken(key);
}

std::string EscapePointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

bool ParseJsonDocument(const std::string& file_name, std::string_view text, JsonNode* root, Diagnostics* diagnostics) {
  TreeBuilder builder(file_name, text, diagnostics);
  CountingIterator first{text.data(), text.data(), &builder.consumed};
  CountingIterator last{text.data() + text.size(), text.data(), &builder.consumed};
  nlohmann::json::sax_parse(first, last, &builder);
  if (builder.failed) return false;
  *root = std::move(builder.root);
  return true;
}

}  // namespace kst
