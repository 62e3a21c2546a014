#pragma once
// An XML export held in memory with pugixml, plus what pugixml lacks for
// kst's diagnostics: line numbers for nodes (from pugixml's parse offsets),
// element paths and namespace lookup. Document type declarations are refused
// outright: kst never expands entities, so a DTD could only be an attack
// (billion laughs, external entities) or something kst cannot honour.

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "input/text_encoding.h"

namespace kst {

class XmlDocument {
 public:
  /// Parses UTF-8 text read from `file`. Reports `xml-syntax` (with the
  /// parser's position), `xml-doctype`, or `text-encoding` for a character
  /// reference to no character, and returns false. What pugixml lets through
  /// but XML 1.0 calls not well-formed is `xml-syntax` too, at the byte:
  /// a duplicated attribute, content before or after the root element, an
  /// undefined entity or a bare '&', '<' in an attribute value, a character
  /// XML does not allow (literal or referenced), "--" in a comment, "]]>" in
  /// text, and an XML declaration that is not the first thing in the file.
  bool Parse(const std::string& file, std::string utf8_text, Diagnostics* diagnostics);

  pugi::xml_node root() const { return document_.document_element(); }
  const std::string& file() const { return file_; }
  /// The position of an element's start tag (attributes share their element's).
  Location LocationOf(pugi::xml_node node) const;
  /// "/Topology/Clusters/Cluster[2]/Machine[1]": local names with 1-based
  /// positions among same-named siblings where there are several. The
  /// positions of a parent's children are counted once, on the first path
  /// through it, so reporting every one of n siblings costs O(n), not O(n²).
  std::string ElementPath(pugi::xml_node node) const;

 private:
  bool RefuseNonCharacters(Diagnostics* diagnostics);
  bool RefuseMalformed(Diagnostics* diagnostics);

  struct SiblingPosition {
    int index = 0;  // 1-based among the parent's element children of the same local name
    int same = 0;   // how many of them there are
  };

  std::string file_;
  std::string text_;
  LineIndex lines_{""};
  pugi::xml_document document_;
  mutable std::unordered_map<const pugi::xml_node_struct*, SiblingPosition> positions_;
  mutable std::unordered_set<const pugi::xml_node_struct*> counted_parents_;
};

/// The element name without its namespace prefix.
std::string_view LocalName(pugi::xml_node node);
/// The namespace URI of an element, from the xmlns declarations in scope.
std::string NamespaceOf(pugi::xml_node node);
/// The first child element with this local name (any namespace).
pugi::xml_node ChildNamed(pugi::xml_node parent, std::string_view local_name);

/// Reads, decodes (UTF-8 with or without BOM, UTF-16 with BOM) and parses an
/// XML file. `*encoding` receives the detected encoding.
bool LoadXmlFile(const std::string& path, FileReader* files, XmlDocument* document, std::string* encoding,
                 Diagnostics* diagnostics);

}  // namespace kst
