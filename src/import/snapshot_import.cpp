#include "import/snapshot_import.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/interrupt.h"
#include "import/exchange_export.h"
#include "import/exchange_mapping.h"
#include "import/lync_topology_mapping.h"
#include "import/lync_topology_xml.h"
#include "input/event_log_reader.h"
#include "input/text_encoding.h"
#include "input/topology_loader.h"
#include "input/xml_document.h"
#include "input/yaml_document.h"

namespace kst {
namespace {

// The first character that is not white space, after decoding.
char FirstSignificant(const std::string& utf8) {
  for (char c : utf8)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  return '\0';
}

class SnapshotImporter {
 public:
  SnapshotImporter(FileReader* files, const ModelCatalog& model, ImportedSnapshot* out, Diagnostics* diagnostics)
      : files_(files), model_(model), out_(out), diagnostics_(diagnostics) {}

  void ImportPath(const std::string& path) {
    if (!files_->IsDirectory(path)) {
      ImportFile(path);
      return;
    }
    std::vector<std::string> entries;
    std::string error;
    if (!files_->ListDirectory(path, &entries, &error)) {
      diagnostics_->Error("unreadable-file", Location{path, 0, 0}, "", "cannot list folder: " + error);
      return;
    }
    if (entries.empty()) {
      diagnostics_->Error("import-empty-snapshot", Location{path, 0, 0}, "", "the snapshot folder holds no files");
      return;
    }
    // Only the files directly inside are read. Whatever else is there is
    // named: a subfolder (two export folders copied into one) could hold
    // exports kst does not see, so it makes the verdict inconclusive.
    size_t read = 0;
    for (const std::string& entry : entries) {
      if (StopForInterrupt(Location{entry, 0, 0}, diagnostics_)) return;  // Ctrl-C, between files
      if (files_->IsDirectory(entry)) {
        Skip(entry, "folder, not read",
             "a folder inside a snapshot folder is not read (kst reads the files directly in it): exports in it are "
             "not seen; move them up, or give the folder to kst on its own",
             true);
      } else if (IsHidden(entry)) {
        Skip(entry, "hidden file, not read",
             "a hidden file (its name starts with '.') in a snapshot folder is not read", false);
      } else if (IsDocumentation(entry)) {
        Skip(entry, "documentation (Markdown), not read", "a Markdown file in a snapshot folder is not read", false);
      } else if (IsLogExport(entry)) {
        Skip(entry, "event-log export, read as --state",
             "an event-log or replication-status export in a snapshot folder is not a topology export: kst check "
             "reads it as the servers' current state (--state)",
             false);
        out_->logs.push_back(entry);
      } else {
        ImportFile(entry);
        ++read;
      }
    }
    if (read == 0)
      diagnostics_->Error("import-empty-snapshot", Location{path, 0, 0}, "",
                          "the snapshot folder holds no export: " +
                              (entries.size() == 1 ? std::string("its one entry")
                                                   : "each of its " + std::to_string(entries.size()) + " entries") +
                              " was skipped (listed above)");
  }

 private:
  // A README beside the exports describes them; no export is Markdown.
  static bool IsDocumentation(const std::string& path) {
    return path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0;
  }

  bool IsLogExport(const std::string& path) {
    std::string bytes, error;
    return files_->Read(path, &bytes, &error) && LooksLikeLogExport(bytes);
  }

  // ".DS_Store", ".gitkeep", an editor's swap file: never an export.
  static bool IsHidden(const std::string& path) {
    size_t slash = path.find_last_of('/');
    return path.compare(slash == std::string::npos ? 0 : slash + 1, 1, ".") == 0;
  }

  void Skip(const std::string& path, const char* format, const std::string& why, bool affects_verdict) {
    FileImportReport report;
    report.file = path;
    report.format = format;
    Location at{path, 0, 0};
    if (affects_verdict) {
      diagnostics_->Warning(kImportSkippedId, at, "",
                            why + " (could change a KST verdict: the verdict cannot be pass)");
      report.notes.push_back({at, "", why, true});
    } else {
      diagnostics_->Note(kImportSkippedId, at, "", why);
    }
    out_->files.push_back(std::move(report));
  }

  void ImportFile(const std::string& path) {
    FileImportReport report;
    report.file = path;
    std::string bytes, error;
    DecodedText text;
    if (!files_->Read(path, &bytes, &error)) {
      diagnostics_->Error("unreadable-file", Location{path, 0, 0}, "", "cannot read file: " + error);
      report.failed = true;
    } else if (!DecodeText(bytes, &text, &error)) {
      Location at{path, 0, 0};
      ByteLocation(bytes, text.error_offset, &at.line, &at.column);
      diagnostics_->Error("text-encoding", at, "", error);
      report.failed = true;
    } else {
      report.encoding = text.encoding;
      size_t before = diagnostics_->all().size();
      ImportText(path, text.utf8, &report);
      // An error anywhere in the file (an invalid FQDN, a syntax error) means
      // its content did not make it into the topology as written.
      for (size_t i = before; i < diagnostics_->all().size(); ++i)
        if (diagnostics_->all()[i].severity == Severity::kError) report.failed = true;
    }
    out_->files.push_back(std::move(report));
  }

  void ImportText(const std::string& path, const std::string& utf8, FileImportReport* report) {
    if (FirstSignificant(utf8) == '<') {
      XmlDocument document;
      Diagnostics parse;
      bool parsed = document.Parse(path, utf8, &parse);
      diagnostics_->Append(parse);
      if (!parsed) {
        report->format = "xml";
        report->failed = true;
        return;
      }
      if (DetectLyncXmlFormat(document) != LyncXmlFormat::kNotLyncTopology) {
        LyncXmlTopology xml;
        if (ReadLyncTopologyXml(document, &xml, report, diagnostics_))
          MapLyncTopology(xml, model_, &out_->topology, report, diagnostics_);
        return;
      }
    }
    // Everything else is an Exchange export (CliXml, JSON or CSV) or an
    // error that says which formats kst reads.
    ExchangeExport exchange;
    if (ReadExchangeExport(path, files_, &exchange, report, diagnostics_)) exchange_.Append(exchange);
  }

 public:
  /// Exchange records of all files are mapped together, after the last file:
  /// a dial plan from one export and its servers from another meet here.
  void MapExchange() {
    if (!out_->files.empty()) AddExchangeToTopology(exchange_, model_, &out_->topology, &out_->files, diagnostics_);
  }

 private:
  ExchangeExport exchange_;
  FileReader* files_;
  const ModelCatalog& model_;
  ImportedSnapshot* out_;
  Diagnostics* diagnostics_;
};

// An error found when the files' items were merged (a pool defined in two
// files, an FQDN the mapping refused) is located in a file: that file's items
// did not make it into the topology as written, so it is FAILED too.
void MarkFilesWithMergeErrors(const Diagnostics& diagnostics, size_t from, std::vector<FileImportReport>* files) {
  for (size_t i = from; i < diagnostics.all().size(); ++i) {
    const Diagnostic& d = diagnostics.all()[i];
    if (d.severity != Severity::kError) continue;
    for (FileImportReport& file : *files)
      if (file.file == d.location.file) file.failed = true;
  }
}

}  // namespace

bool ImportedSnapshot::AffectsVerdict() const {
  return std::any_of(files.begin(), files.end(), [](const FileImportReport& file) {
    return std::any_of(file.notes.begin(), file.notes.end(),
                       [](const ImportNote& note) { return note.affects_verdict; });
  });
}

bool ImportSnapshot(const std::vector<std::string>& paths, FileReader* files, const ModelCatalog& model,
                    ImportedSnapshot* out, Diagnostics* diagnostics) {
  Diagnostics local;
  SnapshotImporter importer(files, model, out, &local);
  for (const std::string& path : paths) {
    if (StopForInterrupt(Location{path, 0, 0}, &local)) break;
    importer.ImportPath(path);
  }
  const size_t merged_from = local.all().size();
  if (!InterruptRequested()) importer.MapExchange();
  if (!local.has_errors()) CheckTopologyReferences(out->topology, model, &local);
  MarkFilesWithMergeErrors(local, merged_from, &out->files);
  diagnostics->Append(local);
  return !local.has_errors();
}

namespace {

/// Whether a JSON object names itself as one of kst's documents: a top-level
/// "format" starting "kst-", or a top-level "lync" or "exchange" section.
/// Nothing when the text is not JSON.
std::optional<bool> NamesKstFormat(const std::string& utf8) {
  using nlohmann::json;
  bool kst = false;
  std::string key;
  auto top_level = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 1 && event == json::parse_event_t::key) {
      key = parsed.get<std::string>();
      kst |= key == "lync" || key == "exchange";
    } else if (depth == 1 && event == json::parse_event_t::value && key == "format" && parsed.is_string()) {
      kst |= parsed.get_ref<const std::string&>().rfind("kst-", 0) == 0;
    }
    return depth <= 1;  // nothing below the top level is kept
  };
  const json parsed = json::parse(utf8, top_level, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return std::nullopt;
  return kst;
}

}  // namespace

bool IsExportInput(const std::string& path, FileReader* files) {
  if (files->IsDirectory(path)) return true;
  if (IsYamlPath(path)) return false;  // Exchange and Lync never export YAML
  std::string bytes, error;
  DecodedText text;
  if (!files->Read(path, &bytes, &error)) return false;  // the JSON loader says why
  if (!DecodeText(bytes, &text, &error)) return true;    // the importer names the encoding problem
  const std::string& utf8 = text.utf8;
  switch (FirstSignificant(utf8)) {
    case '<':
      return true;
    case '\0':
      return false;
    case '[':
      return true;  // kst's own documents are objects; ConvertTo-Json writes arrays of cmdlet objects
    case '{':
      // kst's own documents name their format or their sections at the top
      // level; a cmdlet object from ConvertTo-Json names neither, whatever
      // its values say. Text that is not JSON goes where it says it belongs,
      // so that its loader can say what is wrong with it.
      if (std::optional<bool> kst = NamesKstFormat(utf8)) return !*kst;
      return utf8.find("\"kst-") == std::string::npos && utf8.find("\"lync\"") == std::string::npos &&
             utf8.find("\"exchange\"") == std::string::npos;
    default:
      return true;  // Export-Csv output, or something to report as unknown
  }
}

}  // namespace kst
