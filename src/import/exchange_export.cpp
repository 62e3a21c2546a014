// One Exchange export file: read, decode, detect the format from the first
// significant character ('<' XML, '{' or '[' JSON, anything else CSV), parse
// with the format's reader, turn into exported objects, read records.

#include "import/exchange_export.h"

#include "base/interrupt.h"
#include "input/clixml_document.h"
#include "input/csv_document.h"
#include "import/exchange_object.h"
#include "import/exchange_record_reader.h"
#include "input/text_encoding.h"
#include "input/xml_document.h"
#include "input/json_document.h"

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

bool ReadJson(const std::string& path, const std::string& text, std::vector<ExportValue>* objects,
              Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseJsonDocument(path, text, &root, diagnostics)) return false;
  *objects = ObjectsFromJson(root);
  return true;
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
  if (major == 14) return "2010";
  if (major != 15) return "";
  switch (minor) {
    case 0:
      return "2013";
    case 1:
      return "2016";
    case 2:
      return "2019";
    default:
      return "";
  }
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
    diagnostics->Error("text-encoding", Location{path, 0, 0}, "", error);
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
  } else if (decoded.utf8[first] == '{' || decoded.utf8[first] == '[') {
    report->format = "exchange-json";
    parsed = ReadJson(path, decoded.utf8, &objects, diagnostics);
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
  if (objects.empty()) {
    report->Unrecognized(Location{path, 1, 1}, "", "the export holds no objects", false, diagnostics);
  }
  out->Append(read);
  return true;
}

}  // namespace kst
