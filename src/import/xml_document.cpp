#include "import/xml_document.h"

#include <vector>

namespace kst {

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
  return RefuseNonCharacters(diagnostics);
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
  diagnostics->Error("text-encoding", LocationOf(element), "",
                     "a character reference names no Unicode character (a surrogate, or past U+10FFFF) in " +
                         ElementPath(element));
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
  std::string attribute =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
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
    diagnostics->Error("text-encoding", Location{path, 0, 0}, "", error);
    return false;
  }
  *encoding = decoded.encoding;
  return document->Parse(path, std::move(decoded.utf8), diagnostics);
}

}  // namespace kst
