#include "input/xml_document.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace kst {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// XML 1.0 production [2], Char.
bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

std::string CodePointName(uint32_t c) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
  return name;
}

/// What pugixml accepts although XML 1.0 says it is not well-formed, found in
/// the text pugixml has already parsed (so tags, quotes and comments are known
/// to be closed). One pass; every check is linear in the text: a start tag's
/// attribute names are compared through a hash map once there are many.
class WellFormedness {
 public:
  WellFormedness(std::string_view text, const LineIndex& lines) : text_(text), lines_(lines) {}

  /// True when nothing is wrong; otherwise offset() and message() say what.
  bool Check() { return Characters() && Structure(); }
  size_t offset() const { return offset_; }
  const std::string& message() const { return message_; }

 private:
  bool Fail(size_t at, std::string message) {
    offset_ = at;
    message_ = std::move(message);
    return false;
  }
  bool Starts(size_t at, std::string_view prefix) const { return text_.substr(at, prefix.size()) == prefix; }
  std::string Position(size_t at) const {
    int line = 0, column = 0;
    lines_.Locate(at, &line, &column);
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
  }

  // Literal characters outside XML's Char production: C0 controls other than
  // tab, LF and CR, and U+FFFE / U+FFFF. (The text is valid UTF-8 already.)
  bool Characters() {
    for (size_t i = 0; i < text_.size(); ++i) {
      auto c = static_cast<unsigned char>(text_[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return Fail(i, "character " + CodePointName(c) + " is not allowed in XML");
      if (c == 0xEF && Starts(i, "\xEF\xBF") && i + 2 < text_.size() &&
          (static_cast<unsigned char>(text_[i + 2]) & 0xFE) == 0xBE)
        return Fail(i, "character " + CodePointName(0xFFFE + (text_[i + 2] & 1)) + " is not allowed in XML");
    }
    return true;
  }

  bool Structure() {
    const size_t n = text_.size();
    size_t i = 0;
    int depth = 0;
    bool root_seen = false;
    while (i < n) {
      char c = text_[i];
      if (c == '<') {
        bool ok = true;
        if (Starts(i, "<!--")) {
          ok = Comment(&i);
        } else if (Starts(i, "<![CDATA[")) {
          if (depth == 0)
            return Fail(
                i, std::string(root_seen ? "content after" : "content before") + " the root element: a CDATA section");
          i = Past(text_.find("]]>", i + 9), 3);
        } else if (Starts(i, "<?")) {
          ok = Instruction(&i);
        } else if (Starts(i, "<!")) {  // a DOCTYPE, refused before this check runs
          i = Past(text_.find('>', i), 1);
        } else if (Starts(i, "</")) {
          i = Past(text_.find('>', i), 1);
          --depth;
        } else {
          if (depth == 0 && root_seen)
            return Fail(i, "content after the root element: a second element <" + std::string(TagName(i)) + ">");
          root_seen = true;
          bool open = false;
          ok = StartTag(&i, &open);
          if (open) ++depth;
        }
        if (!ok) return false;
        continue;
      }
      if (depth <= 0) {
        if (!IsXmlSpace(c))
          return Fail(i, root_seen ? "content after the root element: text" : "text before the root element");
        ++i;
        continue;
      }
      if (c == '&') {
        if (!Reference(&i)) return false;
        continue;
      }
      if (c == ']' && Starts(i, "]]>")) return Fail(i, "\"]]>\" in text (it may only end a CDATA section)");
      ++i;
    }
    return true;
  }

  size_t Past(size_t found, size_t length) const {
    return found == std::string_view::npos ? text_.size() : found + length;
  }

  std::string_view TagName(size_t at) const {
    size_t start = at + 1, end = start;
    while (end < text_.size() && !IsXmlSpace(text_[end]) && text_[end] != '/' && text_[end] != '>') ++end;
    return text_.substr(start, end - start);
  }

  bool Comment(size_t* i) {
    size_t start = *i + 4;
    size_t end = text_.find("-->", start);
    *i = Past(end, 3);
    if (end == std::string_view::npos) return true;
    size_t dashes = text_.substr(start, end - start).find("--");
    if (dashes != std::string_view::npos) return Fail(start + dashes, "\"--\" inside a comment");
    if (end > start && text_[end - 1] == '-') return Fail(end - 1, "a comment ends with \"--->\"");
    return true;
  }

  // Processing instructions may stand anywhere, but the one named "xml" is
  // the XML declaration: only the very first thing in the file.
  bool Instruction(size_t* i) {
    size_t at = *i;
    size_t end = at + 2;
    while (end < text_.size() && !IsXmlSpace(text_[end]) && text_[end] != '?') ++end;
    std::string target(text_.substr(at + 2, end - at - 2));
    for (char& c : target) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    *i = Past(text_.find("?>", at + 2), 2);
    if (target == "xml" && at != 0)
      return Fail(at, "an XML declaration (<?xml ...?>) that is not the first thing in the file");
    return true;
  }

  bool StartTag(size_t* i, bool* open) {
    const size_t n = text_.size();
    std::string_view element = TagName(*i);
    size_t j = *i + 1 + element.size();
    seen_.clear();
    std::unordered_map<std::string_view, size_t> many;  // filled once a tag has many attributes
    while (true) {
      while (j < n && IsXmlSpace(text_[j])) ++j;
      if (j >= n) break;
      if (text_[j] == '/' || text_[j] == '>') {
        *open = text_[j] == '>';
        *i = j + (*open ? 1 : 2);
        return true;
      }
      size_t name_at = j;
      while (j < n && text_[j] != '=' && !IsXmlSpace(text_[j])) ++j;
      std::string_view name = text_.substr(name_at, j - name_at);
      size_t first = std::string_view::npos;
      if (many.empty()) {
        for (const auto& [seen, at] : seen_)
          if (seen == name) first = at;
        seen_.emplace_back(name, name_at);
        if (seen_.size() > 16)
          for (const auto& [seen, at] : seen_) many.emplace(seen, at);
      } else if (auto [it, inserted] = many.emplace(name, name_at); !inserted) {
        first = it->second;
      }
      if (first != std::string_view::npos)
        return Fail(name_at, "attribute " + std::string(name) + " appears twice in <" + std::string(element) +
                                 "> (first at " + Position(first) + ")");
      while (j < n && IsXmlSpace(text_[j])) ++j;
      if (j >= n || text_[j] != '=') break;
      ++j;
      while (j < n && IsXmlSpace(text_[j])) ++j;
      if (j >= n || (text_[j] != '"' && text_[j] != '\'')) break;
      char quote = text_[j++];
      while (j < n && text_[j] != quote) {
        if (text_[j] == '<') return Fail(j, "'<' in the value of attribute " + std::string(name) + " (write &lt;)");
        if (text_[j] == '&') {
          if (!Reference(&j)) return false;
          continue;
        }
        ++j;
      }
      ++j;
    }
    *i = n;  // not the shape pugixml accepted: nothing more to say
    return true;
  }

  static bool IsNameByte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
  }

  // '&' must start &name; with one of the five predefined names (there is no
  // DTD to define others) or a character reference to a character XML allows.
  // References to surrogates or past U+10FFFF are RefuseNonCharacters' case.
  bool Reference(size_t* i) {
    const size_t at = *i, n = text_.size();
    size_t j = at + 1;
    if (j < n && text_[j] == '#') {
      bool hex = j + 1 < n && text_[j + 1] == 'x';
      j += hex ? 2 : 1;
      size_t digits = j;
      uint32_t value = 0;
      while (j < n && (hex ? std::isxdigit(static_cast<unsigned char>(text_[j]))
                           : std::isdigit(static_cast<unsigned char>(text_[j])))) {
        char d = text_[j++];
        uint32_t digit = d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10;
        value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + digit;
      }
      if (j == digits || j >= n || text_[j] != ';')
        return Fail(at, "a character reference that is not &#digits; or &#xhex;");
      *i = j + 1;
      bool non_character = (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF;
      if (!non_character && !IsXmlChar(value))
        return Fail(at, "the character reference " + std::string(text_.substr(at, j + 1 - at)) + " names " +
                            CodePointName(value) + ", which XML does not allow");
      return true;
    }
    while (j < n && IsNameByte(text_[j])) ++j;
    if (j == at + 1 || j >= n || text_[j] != ';')
      return Fail(at, "a bare '&' that starts no entity or character reference (write &amp;)");
    std::string_view name = text_.substr(at + 1, j - at - 1);
    if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos")
      return Fail(at, "the entity &" + std::string(name) +
                          "; is not defined (without a DTD, XML has only &amp; "
                          "&lt; &gt; &quot; &apos;)");
    *i = j + 1;
    return true;
  }

  std::string_view text_;
  const LineIndex& lines_;
  std::vector<std::pair<std::string_view, size_t>> seen_;  // the current start tag's attributes
  size_t offset_ = 0;
  std::string message_;
};

}  // namespace

bool XmlDocument::Parse(const std::string& file, std::string utf8_text, Diagnostics* diagnostics) {
  file_ = file;
  text_ = std::move(utf8_text);
  lines_ = LineIndex(text_);
  positions_.clear();
  counted_parents_.clear();
  // parse_doctype keeps a DOCTYPE as a node so it can be refused; pugixml
  // never expands entities other than the five predefined ones.
  // parse_ws_pcdata_single keeps a value made only of spaces (<S> </S>).
  unsigned options = pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata_single;
  pugi::xml_parse_result result = document_.load_buffer(text_.data(), text_.size(), options, pugi::encoding_utf8);
  if (!result) {
    Location at{file, 0, 0};
    lines_.Locate(static_cast<size_t>(result.offset), &at.line, &at.column);
    diagnostics->Error("xml-syntax", at, "", std::string("malformed XML: ") + result.description());
    return false;
  }
  for (pugi::xml_node child : document_.children()) {
    if (child.type() == pugi::node_doctype) {
      diagnostics->Error("xml-doctype", LocationOf(child), "",
                         "a document type declaration (DOCTYPE) is not allowed: kst does not expand entities or "
                         "load external DTDs, and no export it reads has one");
      return false;
    }
  }
  if (!root()) {
    diagnostics->Error("xml-syntax", Location{file, 1, 1}, "", "malformed XML: no root element");
    return false;
  }
  return RefuseMalformed(diagnostics) && RefuseNonCharacters(diagnostics);
}

bool XmlDocument::RefuseMalformed(Diagnostics* diagnostics) {
  WellFormedness check(text_, lines_);
  if (check.Check()) return true;
  Location at{file_, 0, 0};
  lines_.Locate(check.offset(), &at.line, &at.column);
  diagnostics->Error("xml-syntax", at, "", "malformed XML: " + check.message());
  return false;
}

// The text was valid UTF-8, but pugixml turns character references such as
// &#xD800; (a surrogate) or &#x110000; into bytes that are not: every later
// JSON writer would refuse them. Checked once here, so importers see only text.
bool XmlDocument::RefuseNonCharacters(Diagnostics* diagnostics) {
  struct Walker : pugi::xml_tree_walker {
    pugi::xml_node bad;
    bool for_each(pugi::xml_node& node) override {
      bool valid = FindInvalidUtf8(node.name()) == std::string_view::npos &&
                   FindInvalidUtf8(node.value()) == std::string_view::npos;
      for (pugi::xml_attribute attribute : node.attributes()) {
        valid = valid && FindInvalidUtf8(attribute.name()) == std::string_view::npos &&
                FindInvalidUtf8(attribute.value()) == std::string_view::npos;
      }
      if (!valid) bad = node;
      return valid;  // stops the walk at the first one
    }
  } walker;
  document_.traverse(walker);
  if (!walker.bad) return true;
  pugi::xml_node element = walker.bad.type() == pugi::node_element ? walker.bad : walker.bad.parent();
  diagnostics->Error(
      "text-encoding", LocationOf(element), "",
      "a character reference names no Unicode character (a surrogate, or past U+10FFFF) in " + ElementPath(element));
  return false;
}

Location XmlDocument::LocationOf(pugi::xml_node node) const {
  Location at{file_, 0, 0};
  ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return at;
  lines_.Locate(static_cast<size_t>(offset), &at.line, &at.column);
  // offset_debug points at the name; the tag starts one byte earlier.
  if (at.column > 1 && node.type() == pugi::node_element) --at.column;
  return at;
}

std::string_view LocalName(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string NamespaceOf(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  std::string attribute = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node at = node; at && at.type() == pugi::node_element; at = at.parent()) {
    if (pugi::xml_attribute declared = at.attribute(attribute.c_str())) return declared.value();
  }
  return "";
}

std::string XmlDocument::ElementPath(pugi::xml_node node) const {
  std::vector<std::string> parts;
  for (pugi::xml_node at = node; at && at.type() == pugi::node_element; at = at.parent()) {
    pugi::xml_node parent = at.parent();
    if (counted_parents_.insert(parent.internal_object()).second) {
      std::unordered_map<std::string_view, int> counts;
      for (pugi::xml_node sibling : parent.children())
        if (sibling.type() == pugi::node_element)
          positions_[sibling.internal_object()].index = ++counts[LocalName(sibling)];
      for (pugi::xml_node sibling : parent.children())
        if (sibling.type() == pugi::node_element)
          positions_[sibling.internal_object()].same = counts[LocalName(sibling)];
    }
    const SiblingPosition& position = positions_[at.internal_object()];
    std::string part(LocalName(at));
    if (position.same > 1) part += "[" + std::to_string(position.index) + "]";
    parts.push_back(std::move(part));
  }
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += "/" + *it;
  return path;
}

pugi::xml_node ChildNamed(pugi::xml_node parent, std::string_view local_name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) return child;
  }
  return {};
}

bool LoadXmlFile(const std::string& path, FileReader* files, XmlDocument* document, std::string* encoding,
                 Diagnostics* diagnostics) {
  std::string bytes;
  std::string error;
  if (!files->Read(path, &bytes, &error)) {
    diagnostics->Error("unreadable-file", Location{path, 0, 0}, "", error);
    return false;
  }
  DecodedText decoded;
  if (!DecodeText(bytes, &decoded, &error)) {
    Location at{path, 0, 0};
    ByteLocation(bytes, decoded.error_offset, &at.line, &at.column);
    diagnostics->Error("text-encoding", at, "", error);
    return false;
  }
  *encoding = decoded.encoding;
  return document->Parse(path, std::move(decoded.utf8), diagnostics);
}

}  // namespace kst
