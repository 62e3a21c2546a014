// Reading CliXml.
//
// Export-Clixml writes each pipeline object as a child of <Objs>. A value
// element's tag is its type (MS-PSRP §2.2.5.1: <S> string, <I32> int, <B>
// bool, <Nil/> null, <BA> base64 bytes, ...) and its N attribute, when it is
// a property, the property name. Complex values are <Obj> elements holding a
// type-name list <TN>, a <ToString>, adapted properties <Props>, extended
// members <MS> and at most one collection (<LST>, <IE>, <STK>, <QUE>, or
// <DCT> of <En> key/value pairs). An enum is an <Obj> with a ToString and its
// underlying number as a bare value element.
//
// The serializer writes each object and each type-name list once: the first
// occurrence carries RefId, later ones are <Ref RefId/> and <TNRef RefId/>.
// The reader resolves both as it goes. An object is entered in the table of
// finished objects only when its end tag is read, so a <Ref> to an enclosing
// object (a cycle) finds it "open" and is refused, and a <Ref> to a RefId not
// yet seen is refused too: PowerShell never writes forward references. A
// resolved <Ref> shares the finished object (std::shared_ptr<const>), so a
// file cannot multiply its size through references.
//
// The walk is recursive over elements, bounded by kCliXmlMaxDepth; pugixml
// itself parses without recursion. Element paths are built top-down as the
// walk descends (never by walking up and counting siblings, which would be
// quadratic on long lists): a property is named by its N attribute
// ("S[@N='Fqdn']"), other elements by their position among same-named
// siblings when there are several.
//
// Tested by clixml_document_test.cpp.

#include "input/clixml_document.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "base/interrupt.h"
#include "input/clixml_text.h"
#include "input/text_encoding.h"

namespace kst {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

struct TagInfo {
  const char* tag;
  CliXmlKind kind;
};

// MS-PSRP §2.2.5.1 primitive types, plus <Obj> and <Ref>.
constexpr TagInfo kValueTags[] = {
    {"Nil", CliXmlKind::kNull},     {"S", CliXmlKind::kString},        {"C", CliXmlKind::kString},
    {"B", CliXmlKind::kBoolean},    {"SB", CliXmlKind::kSigned},       {"I16", CliXmlKind::kSigned},
    {"I32", CliXmlKind::kSigned},   {"I64", CliXmlKind::kSigned},      {"By", CliXmlKind::kUnsigned},
    {"U16", CliXmlKind::kUnsigned}, {"U32", CliXmlKind::kUnsigned},    {"U64", CliXmlKind::kUnsigned},
    {"Sg", CliXmlKind::kFloat},     {"Db", CliXmlKind::kFloat},        {"D", CliXmlKind::kFloat},
    {"DT", CliXmlKind::kDateTime},  {"TS", CliXmlKind::kDuration},     {"G", CliXmlKind::kGuid},
    {"BA", CliXmlKind::kBytes},     {"URI", CliXmlKind::kUri},         {"Version", CliXmlKind::kVersion},
    {"XD", CliXmlKind::kXml},       {"SBK", CliXmlKind::kScriptBlock}, {"SS", CliXmlKind::kSecureString},
    {"Obj", CliXmlKind::kObject},   {"Ref", CliXmlKind::kObject},
};

const TagInfo* FindValueTag(std::string_view tag) {
  for (const TagInfo& info : kValueTags) {
    if (tag == info.tag) return &info;
  }
  return nullptr;
}

// The inclusive range of an integer tag.
void IntegerRange(std::string_view tag, int64_t* low, uint64_t* high) {
  *low = 0;
  if (tag == "SB") *low = int64_t{std::numeric_limits<int8_t>::min()}, *high = std::numeric_limits<int8_t>::max();
  if (tag == "I16") *low = std::numeric_limits<int16_t>::min(), *high = std::numeric_limits<int16_t>::max();
  if (tag == "I32") *low = std::numeric_limits<int32_t>::min(), *high = std::numeric_limits<int32_t>::max();
  if (tag == "I64") *low = std::numeric_limits<int64_t>::min(), *high = std::numeric_limits<int64_t>::max();
  if (tag == "By") *high = std::numeric_limits<uint8_t>::max();
  if (tag == "U16" || tag == "C") *high = std::numeric_limits<uint16_t>::max();
  if (tag == "U32") *high = std::numeric_limits<uint32_t>::max();
  if (tag == "U64") *high = std::numeric_limits<uint64_t>::max();
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && std::strchr(" \t\r\n", text.front())) text.remove_prefix(1);
  while (!text.empty() && std::strchr(" \t\r\n", text.back())) text.remove_suffix(1);
  return text;
}

template <typename T>
bool ParseWhole(std::string_view text, T* out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// Paths of the element children of `parent`, in order (see the essay).
std::vector<std::pair<pugi::xml_node, std::string>> ChildrenWithPaths(pugi::xml_node parent,
                                                                      const std::string& parent_path) {
  std::map<std::string_view, int> count;
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element) ++count[LocalName(child)];
  }
  std::map<std::string_view, int> seen;
  std::vector<std::pair<pugi::xml_node, std::string>> children;
  for (pugi::xml_node child : parent.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = LocalName(child);
    std::string path = parent_path + "/" + std::string(name);
    int index = ++seen[name];
    if (pugi::xml_attribute n = child.attribute("N")) {
      path += "[@N='" + DecodeCliXmlString(n.value()) + "']";
    } else if (count[name] > 1) {
      path += "[" + std::to_string(index) + "]";
    }
    children.emplace_back(child, std::move(path));
  }
  return children;
}

}  // namespace

bool CliXmlObject::IsEnum() const {
  if (!primitive) return false;
  for (const std::string& type : type_names) {
    if (type == "System.Enum" || type == "Deserialized.System.Enum") return true;
  }
  return false;
}

const CliXmlValue* CliXmlObject::Find(std::string_view name) const {
  for (const auto* list : {&properties, &members}) {
    for (const CliXmlValue& value : *list) {
      if (EqualsIgnoreCase(value.name, name)) return &value;
    }
  }
  return nullptr;
}

class CliXmlDocument::Reader {
 public:
  Reader(const XmlDocument& xml, CliXmlDocument* document, Diagnostics* diagnostics)
      : xml_(xml), document_(document), diagnostics_(diagnostics) {}

  bool ReadRoot() {
    pugi::xml_node root = xml_.root();
    if (LocalName(root) != "Objs" || NamespaceOf(root) != kCliXmlNamespace) {
      Fail("clixml-invalid", root, "/" + std::string(LocalName(root)),
           "not PowerShell CliXml: the root is <" + std::string(LocalName(root)) + "> in namespace \"" +
               NamespaceOf(root) + "\"; Export-Clixml writes <Objs xmlns=\"" + kCliXmlNamespace + "\">");
      return false;
    }
    for (auto& [child, path] : ChildrenWithPaths(root, "/Objs")) {
      if (StopForInterrupt(xml_.LocationOf(child), diagnostics_)) return false;  // Ctrl-C, between objects
      CliXmlValue value;
      if (ReadValue(child, path, 1, &value)) document_->values_.push_back(std::move(value));
    }
    return ok_;
  }

 private:
  void Fail(const char* id, pugi::xml_node node, const std::string& path, const std::string& message) {
    diagnostics_->Error(id, xml_.LocationOf(node), path, message);
    ok_ = false;
  }

  void Unknown(pugi::xml_node node, const std::string& path) {
    document_->unknown_.push_back({xml_.LocationOf(node), path, std::string(LocalName(node))});
  }

  // Reads one value element. Returns false when it is no value element (it
  // is then listed as unknown) or could not be read (an error was reported).
  bool ReadValue(pugi::xml_node node, const std::string& path, int depth, CliXmlValue* out) {
    const TagInfo* info = FindValueTag(LocalName(node));
    if (!info) {
      Unknown(node, path);
      return false;
    }
    if (depth > kCliXmlMaxDepth) {
      Fail("clixml-limit", node, path,
           "values nest deeper than " + std::to_string(kCliXmlMaxDepth) + " elements; kst stops here");
      return false;
    }
    ++document_->value_count_;
    out->kind = info->kind;
    out->tag = info->tag;
    out->name = DecodeCliXmlString(node.attribute("N").value());
    out->location = xml_.LocationOf(node);
    out->path = path;
    if (out->tag == "Obj") return ReadObject(node, path, depth, out);
    if (out->tag == "Ref") return ResolveRef(node, path, out);
    return ReadScalar(node, path, out);
  }

  bool ReadScalar(pugi::xml_node node, const std::string& path, CliXmlValue* out) {
    std::string raw = node.text().get();
    out->text = DecodeCliXmlString(raw);
    std::string_view trimmed = Trimmed(raw);
    auto invalid = [&](const std::string& expected) {
      Fail("clixml-invalid", node, path, "<" + out->tag + "> holds \"" + std::string(trimmed) + "\", not " + expected);
      return false;
    };
    switch (out->kind) {
      case CliXmlKind::kBoolean:
        if (trimmed == "true" || trimmed == "1") return out->boolean = true, true;
        if (trimmed == "false" || trimmed == "0") return out->boolean = false, true;
        return invalid("true or false");
      case CliXmlKind::kSigned:
      case CliXmlKind::kUnsigned:
      case CliXmlKind::kString:
        if (out->tag == "S") return true;
        return ReadInteger(trimmed, out) || invalid("an integer in the range of <" + out->tag + ">");
      case CliXmlKind::kFloat:
        if (!ParseWhole(trimmed, &out->float_value)) return invalid("a number");
        out->text = std::string(trimmed);
        return true;
      case CliXmlKind::kBytes:
        if (!DecodeBase64(raw, &out->bytes)) return invalid("base64");
        return true;
      default:
        return true;
    }
  }

  bool ReadInteger(std::string_view trimmed, CliXmlValue* out) {
    int64_t low = 0;
    uint64_t high = 0;
    IntegerRange(out->tag, &low, &high);
    out->text = std::string(trimmed);
    if (low < 0) {
      if (!ParseWhole(trimmed, &out->signed_value)) return false;
      return out->signed_value >= low && out->signed_value <= static_cast<int64_t>(high);
    }
    if (!ParseWhole(trimmed, &out->unsigned_value) || out->unsigned_value > high) return false;
    out->signed_value = static_cast<int64_t>(out->unsigned_value);
    if (out->tag == "C") {  // a character: keep it as text
      out->text.clear();
      AppendUtf8CodePoint(static_cast<uint32_t>(out->unsigned_value), &out->text);
    }
    return true;
  }

  bool ResolveRef(pugi::xml_node node, const std::string& path, CliXmlValue* out) {
    std::string id = node.attribute("RefId").value();
    if (open_.count(id)) {
      Fail("clixml-reference", node, path,
           "<Ref RefId=\"" + id + "\"> refers to an object that encloses it (a cycle); kst refuses cyclic CliXml");
      return false;
    }
    auto found = objects_.find(id);
    if (found == objects_.end()) {
      Fail("clixml-reference", node, path,
           "<Ref RefId=\"" + id + "\"> refers to no object defined before it in the file");
      return false;
    }
    out->object = found->second;
    return true;
  }

  bool ReadObject(pugi::xml_node node, const std::string& path, int depth, CliXmlValue* out) {
    auto object = std::make_shared<CliXmlObject>();
    object->location = out->location;
    object->path = path;
    object->ref_id = node.attribute("RefId").value();
    const bool has_id = !node.attribute("RefId").empty();
    if (has_id && (open_.count(object->ref_id) || objects_.count(object->ref_id))) {
      Fail("clixml-invalid", node, path, "RefId \"" + object->ref_id + "\" is defined twice");
      return false;
    }
    if (has_id) open_.insert(object->ref_id);
    int type_lists = 0, to_strings = 0;
    for (auto& [child, child_path] : ChildrenWithPaths(node, path)) {
      // One of each, or which one counts would be a guess (the last won).
      std::string_view tag = LocalName(child);
      if ((tag == "TN" || tag == "TNRef") && type_lists++ > 0) {
        Fail("clixml-invalid", child, child_path,
             "an object has one type-name list (<TN> or <TNRef>); this is a second");
        continue;
      }
      if (tag == "ToString" && to_strings++ > 0) {
        Fail("clixml-invalid", child, child_path, "an object has one <ToString>; this is a second");
        continue;
      }
      ReadObjectPart(child, child_path, depth, object.get());
    }
    RefuseRepeatedProperties(*object);
    if (has_id) {
      open_.erase(object->ref_id);
      objects_[object->ref_id] = object;
    }
    out->object = std::move(object);
    return true;
  }

  // A property named twice (in <Props> and <MS> together; PowerShell names
  // ignore case) would be read as its first value and the other dropped.
  void RefuseRepeatedProperties(const CliXmlObject& object) {
    std::unordered_map<std::string, const CliXmlValue*> seen;
    for (const auto* list : {&object.properties, &object.members}) {
      for (const CliXmlValue& value : *list) {
        std::string key = value.name;
        for (char& c : key) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
        auto [it, inserted] = seen.emplace(std::move(key), &value);
        if (inserted) continue;
        diagnostics_->Error("clixml-invalid", value.location, value.path,
                            "property \"" + value.name + "\" is defined twice in one object (first at line " +
                                std::to_string(it->second->location.line) + "; PowerShell property names ignore case)");
        ok_ = false;
      }
    }
  }

  void ReadObjectPart(pugi::xml_node child, const std::string& path, int depth, CliXmlObject* object) {
    std::string_view tag = LocalName(child);
    if (tag == "TN") {
      ReadTypeNames(child, path, object);
    } else if (tag == "TNRef") {
      auto found = type_names_.find(child.attribute("RefId").value());
      if (found == type_names_.end()) {
        Fail("clixml-reference", child, path,
             std::string("<TNRef RefId=\"") + child.attribute("RefId").value() +
                 "\"> refers to no type-name list <TN> defined before it");
      } else {
        object->type_names = found->second;
      }
    } else if (tag == "ToString") {
      object->to_string = DecodeCliXmlString(child.text().get());
    } else if (tag == "Props" || tag == "MS") {
      auto* list = tag == "Props" ? &object->properties : &object->members;
      ReadValues(child, path, depth + 1, list);
    } else if (CliXmlContainer container = ContainerOf(tag); container != CliXmlContainer::kNone) {
      ReadContainer(child, path, depth, container, object);
    } else if (FindValueTag(tag) && tag != "Obj" && tag != "Ref" && !object->primitive) {
      CliXmlValue value;
      if (ReadValue(child, path, depth + 1, &value)) object->primitive = std::move(value);
    } else {
      Unknown(child, path);
    }
  }

  static CliXmlContainer ContainerOf(std::string_view tag) {
    if (tag == "LST") return CliXmlContainer::kList;
    if (tag == "IE") return CliXmlContainer::kEnumerable;
    if (tag == "STK") return CliXmlContainer::kStack;
    if (tag == "QUE") return CliXmlContainer::kQueue;
    if (tag == "DCT") return CliXmlContainer::kDictionary;
    return CliXmlContainer::kNone;
  }

  void ReadTypeNames(pugi::xml_node tn, const std::string& path, CliXmlObject* object) {
    std::vector<std::string> names;
    for (auto& [t, t_path] : ChildrenWithPaths(tn, path)) {
      if (LocalName(t) == "T") {
        names.push_back(DecodeCliXmlString(t.text().get()));
      } else {
        Unknown(t, t_path);
      }
    }
    std::string id = tn.attribute("RefId").value();
    if (!tn.attribute("RefId").empty()) {
      if (type_names_.count(id)) {
        Fail("clixml-invalid", tn, path, "type-name list RefId \"" + id + "\" is defined twice");
      } else {
        type_names_[id] = names;
      }
    }
    object->type_names = std::move(names);
  }

  void ReadContainer(pugi::xml_node node, const std::string& path, int depth, CliXmlContainer container,
                     CliXmlObject* object) {
    if (object->container != CliXmlContainer::kNone) {
      Fail("clixml-invalid", node, path, "an object holds at most one collection; this is its second");
      return;
    }
    object->container = container;
    if (container != CliXmlContainer::kDictionary) {
      ReadValues(node, path, depth + 1, &object->items);
      return;
    }
    for (auto& [entry, entry_path] : ChildrenWithPaths(node, path)) {
      if (LocalName(entry) != "En") {
        Unknown(entry, entry_path);
        continue;
      }
      ReadEntry(entry, entry_path, depth + 1, object);
    }
  }

  void ReadEntry(pugi::xml_node entry, const std::string& path, int depth, CliXmlObject* object) {
    CliXmlEntry read;
    bool has_key = false;
    bool has_value = false;
    for (auto& [part, part_path] : ChildrenWithPaths(entry, path)) {
      std::string_view n = part.attribute("N").value();
      CliXmlValue* target = n == "Key" ? &read.key : n == "Value" ? &read.value : nullptr;
      if (!target) {
        Unknown(part, part_path);
        continue;
      }
      if (ReadValue(part, part_path, depth + 1, target)) (n == "Key" ? has_key : has_value) = true;
    }
    if (!has_key || !has_value) {
      Fail("clixml-invalid", entry, path, "a dictionary entry <En> needs one N=\"Key\" and one N=\"Value\" element");
      return;
    }
    object->entries.push_back(std::move(read));
  }

  void ReadValues(pugi::xml_node parent, const std::string& path, int depth, std::vector<CliXmlValue>* out) {
    for (auto& [child, child_path] : ChildrenWithPaths(parent, path)) {
      CliXmlValue value;
      if (ReadValue(child, child_path, depth, &value)) out->push_back(std::move(value));
    }
  }

  const XmlDocument& xml_;
  CliXmlDocument* document_;
  Diagnostics* diagnostics_;
  std::map<std::string, std::shared_ptr<const CliXmlObject>> objects_;  // finished objects by RefId
  std::set<std::string> open_;                                          // RefIds of objects being read
  std::map<std::string, std::vector<std::string>> type_names_;
  bool ok_ = true;
};

bool CliXmlDocument::Read(const XmlDocument& xml, Diagnostics* diagnostics) {
  values_.clear();
  unknown_.clear();
  value_count_ = 0;
  Reader reader(xml, this, diagnostics);
  return reader.ReadRoot();
}

}  // namespace kst
