#include "input/replica_status_reader.h"

#include <cctype>

#include "input/clixml_document.h"
#include "input/event_time.h"
#include "input/json_document.h"
#include "input/text_encoding.h"
#include "input/xml_document.h"

namespace kst {
namespace {

std::string NormalizeFqdn(std::string_view name) {
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  while (!name.empty() && (std::isspace(static_cast<unsigned char>(name.back())) || name.back() == '.'))
    name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// "/Date(1414106340000)/" (Windows PowerShell 5.1's ConvertTo-Json, milliseconds since 1970, perhaps with an
/// offset "+0100" after them that does not change the instant) or ISO 8601 (PowerShell 7).
bool ParseJsonTime(const std::string& text, ReplicaState* replica, std::string* why) {
  const std::string_view prefix = "/Date(";
  if (text.rfind(prefix, 0) == 0) {
    size_t i = prefix.size();
    const bool negative = i < text.size() && text[i] == '-';
    if (negative) ++i;
    int64_t ms = 0;
    size_t digits = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && digits < 15; ++i, ++digits)
      ms = ms * 10 + (text[i] - '0');
    if (digits == 0 || text.size() < 2 || text.compare(text.size() - 2, 2, ")/") != 0) {
      *why = "not /Date(milliseconds)/";
      return false;
    }
    replica->last_status_report = (negative ? -ms : ms) / 1000;
    return true;
  }
  EventTime time;
  if (!ParseEventTime(text, &time, why)) return false;
  replica->last_status_report = time.seconds;
  replica->local_time = time.local_time;
  return true;
}

bool ReadJson(const std::string& path, std::string_view text, std::vector<ReplicaState>* replicas,
              Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseJsonDocument(path, text, &root, diagnostics)) return false;
  std::vector<const JsonNode*> items;
  if (root.is_array())
    for (const JsonNode& item : root.items) items.push_back(&item);
  else
    items.push_back(&root);
  bool ok = true;
  for (const JsonNode* item : items) {
    if (!item->is_object()) {
      diagnostics->Error("replica-invalid-value", item->location, item->pointer,
                         std::string("a JSON ") + item->KindName() +
                             " where Get-CsManagementStoreReplicationStatus writes a replica object");
      ok = false;
      continue;
    }
    ReplicaState replica;
    replica.location = item->location;
    const JsonNode* fqdn = item->Find("ReplicaFqdn");
    const JsonNode* up = item->Find("UpToDate");
    if (!fqdn || !fqdn->is_string() || NormalizeFqdn(fqdn->string_value).empty()) {
      diagnostics->Error("replica-missing-field", fqdn ? fqdn->location : item->location,
                         item->pointer + "/ReplicaFqdn", "this replica has no ReplicaFqdn (a string)");
      ok = false;
      continue;
    }
    if (!up || up->kind != JsonNode::Kind::kBool) {
      diagnostics->Error(up ? "replica-invalid-value" : "replica-missing-field", up ? up->location : item->location,
                         item->pointer + "/UpToDate", "UpToDate must be true or false");
      ok = false;
      continue;
    }
    replica.fqdn = NormalizeFqdn(fqdn->string_value);
    replica.up_to_date = up->bool_value;
    const JsonNode* last = item->Find("LastStatusReport");
    // Windows PowerShell 5.1 writes a DateTime that carries its DisplayHint as {"value": "/Date(...)/", ...}.
    if (last && last->is_object() && last->Find("value")) last = last->Find("value");
    if (last && last->kind != JsonNode::Kind::kNull) {
      std::string why = "not a string";
      if (!last->is_string() || !ParseJsonTime(last->string_value, &replica, &why)) {
        diagnostics->Error("replica-invalid-value", last->location, last->pointer,
                           "LastStatusReport is not a time: " + why);
        ok = false;
        continue;
      }
    }
    replicas->push_back(std::move(replica));
  }
  return ok;
}

bool ReadCliXml(const std::string& path, std::string text, std::vector<ReplicaState>* replicas,
                Diagnostics* diagnostics) {
  XmlDocument xml;
  if (!xml.Parse(path, std::move(text), diagnostics)) return false;
  CliXmlDocument document;
  if (!document.Read(xml, diagnostics)) return false;
  bool ok = true;
  for (const CliXmlValue& value : document.values()) {
    if (value.kind != CliXmlKind::kObject || !value.object) {
      diagnostics->Error("replica-invalid-value", value.location, value.path,
                         "a <" + value.tag + "> where Export-Clixml writes a replica object <Obj>");
      ok = false;
      continue;
    }
    const CliXmlObject& object = *value.object;
    ReplicaState replica;
    replica.location = object.location;
    const CliXmlValue* fqdn = object.Find("ReplicaFqdn");
    const CliXmlValue* up = object.Find("UpToDate");
    if (!fqdn || fqdn->kind != CliXmlKind::kString || NormalizeFqdn(fqdn->text).empty()) {
      diagnostics->Error("replica-missing-field", fqdn ? fqdn->location : object.location, object.path,
                         "this replica object has no ReplicaFqdn");
      ok = false;
      continue;
    }
    if (!up || up->kind != CliXmlKind::kBoolean) {
      diagnostics->Error(up ? "replica-invalid-value" : "replica-missing-field", up ? up->location : object.location,
                         up ? up->path : object.path, "UpToDate must be a <B> true or false");
      ok = false;
      continue;
    }
    replica.fqdn = NormalizeFqdn(fqdn->text);
    replica.up_to_date = up->boolean;
    if (const CliXmlValue* last = object.Find("LastStatusReport"); last && last->kind != CliXmlKind::kNull) {
      EventTime time;
      std::string why = "not a <DT>";
      if (last->kind != CliXmlKind::kDateTime || !ParseEventTime(last->text, &time, &why)) {
        diagnostics->Error("replica-invalid-value", last->location, last->path,
                           "LastStatusReport is not a time: " + why);
        ok = false;
        continue;
      }
      replica.last_status_report = time.seconds;
      replica.local_time = time.local_time;
    }
    replicas->push_back(std::move(replica));
  }
  if (document.values().empty()) {
    diagnostics->Error("replica-missing-field", Location{path, 1, 1}, "", "the export holds no replica object");
    return false;
  }
  return ok;
}

}  // namespace

bool ReadReplicaStatusBytes(const std::string& path, std::string_view bytes, std::vector<ReplicaState>* replicas,
                            bool* is_replica_status, Diagnostics* diagnostics) {
  *is_replica_status = false;
  if (bytes.substr(0, 8) == std::string_view("ElfFile\0", 8)) return true;
  DecodedText decoded;
  std::string error;
  if (!DecodeText(bytes, &decoded, &error)) return true;  // the event readers report the encoding
  const std::string& text = decoded.utf8;
  size_t first = 0;
  while (first < text.size() && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
  if (first == text.size()) return true;
  if (text[first] == '[' || text[first] == '{') {
    *is_replica_status = true;
    return ReadJson(path, text, replicas, diagnostics);
  }
  // A CliXml export whose objects carry ReplicaFqdn: Get-CsManagementStoreReplicationStatus, not Get-WinEvent.
  if (text[first] == '<' && text.find("<Objs") != std::string::npos &&
      text.find("N=\"ReplicaFqdn\"") != std::string::npos && text.find("N=\"ProviderName\"") == std::string::npos) {
    *is_replica_status = true;
    return ReadCliXml(path, std::move(decoded.utf8), replicas, diagnostics);
  }
  return true;
}

}  // namespace kst
