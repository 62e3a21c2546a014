// Conversions of the three export formats into ExportValue trees.

#include "import/exchange_object.h"

#include <cctype>

namespace kst {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

class CliXmlConverter {
 public:
  explicit CliXmlConverter(size_t budget) : budget_(budget) {}

  bool Convert(const CliXmlValue& in, int depth, ExportValue* out) {
    if (++used_ > budget_) return false;
    out->location = in.location;
    out->path = in.path;
    out->text = in.text;
    switch (in.kind) {
      case CliXmlKind::kNull:
        out->kind = ExportValue::Kind::kNull;
        return true;
      case CliXmlKind::kBoolean:
        out->kind = ExportValue::Kind::kBoolean;
        out->boolean = in.boolean;
        return true;
      case CliXmlKind::kSigned:
      case CliXmlKind::kUnsigned:
      case CliXmlKind::kFloat:
        out->kind = ExportValue::Kind::kNumber;
        return true;
      case CliXmlKind::kBytes:
        out->kind = ExportValue::Kind::kBytes;
        out->bytes = in.bytes;
        return true;
      case CliXmlKind::kObject:
        return ConvertObject(*in.object, depth, out);
      default:
        out->kind = ExportValue::Kind::kText;
        return true;
    }
  }

 private:
  bool ConvertObject(const CliXmlObject& object, int depth, ExportValue* out) {
    out->type_names = object.type_names;
    out->has_text = object.to_string.has_value();
    out->text = object.to_string.value_or("");
    if (object.IsEnum() || depth >= kExportObjectDepth) {
      out->kind = out->has_text ? ExportValue::Kind::kText : ExportValue::Kind::kNull;
      return true;
    }
    if (object.container == CliXmlContainer::kDictionary) {
      out->kind = ExportValue::Kind::kObject;
      for (const CliXmlEntry& entry : object.entries) {
        ExportProperty property{entry.key.text, {}};
        if (!Convert(entry.value, depth + 1, &property.value)) return false;
        out->members.push_back(std::move(property));
      }
      return true;
    }
    if (object.container != CliXmlContainer::kNone) {
      out->kind = ExportValue::Kind::kList;
      for (const CliXmlValue& item : object.items) {
        ExportValue converted;
        if (!Convert(item, depth + 1, &converted)) return false;
        out->items.push_back(std::move(converted));
      }
      return true;
    }
    if (object.primitive && object.properties.empty() && object.members.empty()) {
      std::vector<std::string> type_names = object.type_names;
      if (!Convert(*object.primitive, depth, out)) return false;
      out->type_names = std::move(type_names);
      return true;
    }
    if (object.properties.empty() && object.members.empty()) {
      out->kind = out->has_text ? ExportValue::Kind::kText : ExportValue::Kind::kObject;
      return true;
    }
    out->kind = ExportValue::Kind::kObject;
    for (const auto* list : {&object.properties, &object.members}) {
      for (const CliXmlValue& member : *list) {
        ExportProperty property{member.name, {}};
        if (!Convert(member, depth + 1, &property.value)) return false;
        out->members.push_back(std::move(property));
      }
    }
    return true;
  }

  size_t budget_;
  size_t used_ = 0;
};

ExportValue FromJson(const JsonNode& node) {
  ExportValue out;
  out.location = node.location;
  out.path = node.pointer;
  switch (node.kind) {
    case JsonNode::Kind::kNull:
      out.kind = ExportValue::Kind::kNull;
      break;
    case JsonNode::Kind::kBool:
      out.kind = ExportValue::Kind::kBoolean;
      out.boolean = node.bool_value;
      break;
    case JsonNode::Kind::kInteger:
      out.kind = ExportValue::Kind::kNumber;
      out.text = std::to_string(node.int_value);
      break;
    case JsonNode::Kind::kFloat:
      out.kind = ExportValue::Kind::kNumber;
      out.text = std::to_string(node.float_value);
      break;
    case JsonNode::Kind::kString:
      out.kind = ExportValue::Kind::kText;
      out.text = node.string_value;
      break;
    case JsonNode::Kind::kArray:
      out.kind = ExportValue::Kind::kList;
      for (const JsonNode& item : node.items) out.items.push_back(FromJson(item));
      break;
    case JsonNode::Kind::kObject:
      out.kind = ExportValue::Kind::kObject;
      for (const JsonNode::Member& member : node.members) out.members.push_back({member.key, FromJson(member.value)});
      break;
  }
  return out;
}

}  // namespace

const ExportValue* ExportValue::Find(std::string_view name) const {
  for (const ExportProperty& member : members) {
    if (EqualsIgnoreCase(member.name, name)) return &member.value;
  }
  return nullptr;
}

bool ObjectsFromCliXml(const CliXmlDocument& document, std::vector<ExportValue>* objects, Diagnostics* diagnostics) {
  const size_t budget = kExportExpansionFactor * document.value_count() + kExportExpansionSlack;
  CliXmlConverter converter(budget);
  for (const CliXmlValue& value : document.values()) {
    ExportValue object;
    if (!converter.Convert(value, 0, &object)) {
      diagnostics->Error("clixml-limit", value.location, value.path,
                         "with this object the file expands to more than " + std::to_string(budget) +
                             " values through <Ref> sharing (twice its " + std::to_string(document.value_count()) +
                             " value elements, plus " + std::to_string(kExportExpansionSlack) + "); kst stops here");
      return false;
    }
    objects->push_back(std::move(object));
  }
  return true;
}

std::vector<ExportValue> ObjectsFromJson(const JsonNode& root) {
  std::vector<ExportValue> objects;
  if (root.is_array()) {
    for (const JsonNode& item : root.items) objects.push_back(FromJson(item));
  } else {
    objects.push_back(FromJson(root));
  }
  return objects;
}

std::vector<ExportValue> ObjectsFromCsv(const CsvDocument& document) {
  std::vector<ExportValue> objects;
  for (size_t r = 0; r < document.rows().size(); ++r) {
    const CsvRow& row = document.rows()[r];
    ExportValue object;
    object.kind = ExportValue::Kind::kObject;
    object.location = row.location;
    object.path = "/row[" + std::to_string(r + 1) + "]";
    if (!document.type_name().empty()) object.type_names.push_back(document.type_name());
    for (size_t c = 0; c < row.cells.size() && c < document.header().size(); ++c) {
      ExportValue cell;
      // Export-Csv writes $null and "" alike; an empty cell is read as $null.
      cell.kind = row.cells[c].text.empty() ? ExportValue::Kind::kNull : ExportValue::Kind::kText;
      cell.location = row.cells[c].location;
      cell.text = row.cells[c].text;
      cell.path = object.path + "/" + document.header()[c].text;
      object.members.push_back({document.header()[c].text, std::move(cell)});
    }
    objects.push_back(std::move(object));
  }
  return objects;
}

}  // namespace kst
