// One Exchange export file: read, decode, detect the format from the first
// significant character ('<' XML, '{' or '[' JSON, anything else CSV), parse
// with the format's reader, turn into exported objects, read records.

#include "import/exchange_export.h"

#include <unordered_map>

#include "base/interrupt.h"
#include "import/exchange_object.h"
#include "import/exchange_record_reader.h"
#include "input/clixml_document.h"
#include "input/csv_document.h"
#include "input/json_document.h"
#include "input/text_encoding.h"
#include "input/xml_document.h"
#include "model/model_catalog.h"

namespace kst {
namespace {

template <typename T>
void AppendAll(std::vector<T>* to, const std::vector<T>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

bool Fail(FileImportReport* report) {
  report->failed = true;
  return false;
}

bool ReadCliXml(const std::string& path, std::string text, std::vector<ExportValue>* objects, FileImportReport* report,
                Diagnostics* diagnostics) {
  XmlDocument xml;
  if (!xml.Parse(path, std::move(text), diagnostics)) return false;
  if (LocalName(xml.root()) != "Objs" || NamespaceOf(xml.root()) != kCliXmlNamespace) {
    diagnostics->Error("exchange-unknown-format", xml.LocationOf(xml.root()), "",
                       "an XML file that is not PowerShell CliXml (root <" + std::string(LocalName(xml.root())) +
                           ">); Exchange exports are read from Export-Clixml, ConvertTo-Json or Export-Csv");
    return false;
  }
  CliXmlDocument document;
  if (!document.Read(xml, diagnostics)) return false;
  for (const CliXmlUnknownElement& unknown : document.unknown_elements()) {
    report->Unrecognized(unknown.location, unknown.path,
                         "element <" + unknown.tag + "> is not CliXml that kst knows here; it was skipped", false,
                         diagnostics);
  }
  return ObjectsFromCliXml(document, objects, diagnostics);
}

// JSON keys are compared exactly, PowerShell property names ignoring case:
// ConvertTo-Json never writes "Fqdn" and "FQDN" in one object, and the
// records would read the first and drop the other.
bool RefuseKeysDifferingInCase(const JsonNode& node, Diagnostics* diagnostics) {
  bool ok = true;
  std::vector<const JsonNode*> pending{&node};
  while (!pending.empty()) {
    const JsonNode* at = pending.back();
    pending.pop_back();
    for (const JsonNode& item : at->items) pending.push_back(&item);
    std::unordered_map<std::string, const JsonNode::Member*> seen;
    for (const JsonNode::Member& member : at->members) {
      pending.push_back(&member.value);
      std::string key = member.key;
      for (char& c : key) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      auto [it, inserted] = seen.emplace(std::move(key), &member);
      if (inserted) continue;
      diagnostics->Error("json-duplicate-key", member.key_location, member.value.pointer,
                         "duplicate key \"" + member.key + "\" (first at line " +
                             std::to_string(it->second->key_location.line) + " as \"" + it->second->key +
                             "\"; PowerShell property names ignore case)");
      ok = false;
    }
  }
  return ok;
}

bool ReadJson(const std::string& path, const std::string& text, std::vector<ExportValue>* objects,
              FileImportReport* report, Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseJsonDocument(path, text, &root, diagnostics)) return false;
  if (!RefuseKeysDifferingInCase(root, diagnostics)) return false;
  if (!root.is_array() && !root.is_object()) {
    // ConvertTo-Json of cmdlet output is an object or an array of them; a
    // bare value says nothing kst can read about any server.
    report->Unrecognized(root.location, root.pointer,
                         std::string("the export is a JSON ") + root.KindName() +
                             ", not an object or an array of objects (ConvertTo-Json of a cmdlet's output): kst "
                             "read no record from it",
                         true, diagnostics);
    return true;
  }
  *objects = ObjectsFromJson(root);
  return true;
}

// A whole file that is one JSON scalar (42, "EX1", true, null) starts with
// no '{' or '[', so it would be split as CSV: one header and no rows.
bool IsJsonScalar(const std::string& path, const std::string& text) {
  char first = text[text.find_first_not_of(" \t\r\n")];
  if (std::string_view("\"-0123456789tfn").find(first) == std::string_view::npos) return false;
  JsonNode root;
  Diagnostics ignored;
  return ParseJsonDocument(path, text, &root, &ignored);
}

bool ReadCsv(const std::string& path, const std::string& text, std::vector<ExportValue>* objects,
             Diagnostics* diagnostics) {
  CsvDocument document;
  if (!document.Parse(path, text, diagnostics)) return false;
  *objects = ObjectsFromCsv(document);
  return true;
}

}  // namespace

const char* AssignmentSourceName(AssignmentSource source) {
  switch (source) {
    case AssignmentSource::kUmServer:
      return "Get-UMServer/Get-UMService";
    case AssignmentSource::kUmCallRouterSettings:
      return "Get-UMCallRouterSettings";
    case AssignmentSource::kDialPlanUmServers:
      return "Get-UMDialPlan (UMServers)";
    case AssignmentSource::kUnspecified:
      break;
  }
  return "an export of unknown cmdlet";
}

void ExchangeExport::Append(const ExchangeExport& other) {
  AppendAll(&servers, other.servers);
  AppendAll(&dial_plans, other.dial_plans);
  AppendAll(&assignments, other.assignments);
  AppendAll(&certificates, other.certificates);
}

std::string ExchangeProductYear(int major, int minor) {
  const ExchangeVersionInfo* version = ModelCatalog::Embedded().ExchangeVersionOfBuild(major, minor);
  return version ? version->name : "";
}

bool ReadExchangeExport(const std::string& path, FileReader* files, ExchangeExport* out, FileImportReport* report,
                        Diagnostics* diagnostics) {
  report->file = path;
  report->format = "unknown";
  std::string bytes;
  std::string error;
  if (!files->Read(path, &bytes, &error)) {
    diagnostics->Error("unreadable-file", Location{path, 0, 0}, "", error);
    return Fail(report);
  }
  DecodedText decoded;
  if (!DecodeText(bytes, &decoded, &error)) {
    Location at{path, 0, 0};
    ByteLocation(bytes, decoded.error_offset, &at.line, &at.column);
    diagnostics->Error("text-encoding", at, "", error);
    return Fail(report);
  }
  report->encoding = decoded.encoding;
  size_t first = decoded.utf8.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    diagnostics->Error("exchange-unknown-format", Location{path, 1, 1}, "",
                       "an empty file: expected Export-Clixml, ConvertTo-Json or Export-Csv output");
    return Fail(report);
  }
  std::vector<ExportValue> objects;
  bool parsed = false;
  if (decoded.utf8[first] == '<') {
    report->format = "exchange-clixml";
    parsed = ReadCliXml(path, std::move(decoded.utf8), &objects, report, diagnostics);
  } else if (decoded.utf8[first] == '{' || decoded.utf8[first] == '[' || IsJsonScalar(path, decoded.utf8)) {
    report->format = "exchange-json";
    parsed = ReadJson(path, decoded.utf8, &objects, report, diagnostics);
  } else {
    report->format = "exchange-csv";
    parsed = ReadCsv(path, decoded.utf8, &objects, diagnostics);
  }
  if (!parsed) return Fail(report);
  ExchangeExport read;
  ExchangeRecordReader reader(&read, report, diagnostics);
  for (const ExportValue& object : objects) {
    if (StopForInterrupt(Location{path, 0, 0}, diagnostics)) return Fail(report);  // Ctrl-C, between records
    reader.Read(object);
  }
  if (objects.empty() && report->notes.empty()) {
    // Which cmdlet wrote it, and whether "nothing" is its answer or a failed
    // export, cannot be known: the verdict cannot rest on it.
    report->Unrecognized(Location{path, 1, 1}, "",
                         "the export holds no objects: kst cannot tell which cmdlet wrote it, nor whether it "
                         "answered nothing or the export failed (remove the file if the cmdlet returned nothing)",
                         true, diagnostics);
  }
  out->Append(read);
  return true;
}

}  // namespace kst
