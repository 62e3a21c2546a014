#pragma once
// Properties the fuzz targets check beyond "no crash": a crash-only harness
// misses the failures a user would see, a loader that refuses input without
// saying why, or `kst import` writing a topology that `kst check` then
// rejects. A violated property prints what failed and aborts, which libFuzzer
// reports like a crash and the replay test (fuzz/replay_main.cpp) as a failure.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "check/finding.h"
#include "import/exchange_export.h"
#include "import/snapshot_import.h"
#include "input/topology_loader.h"
#include "input/topology_writer.h"
#include "model/model_catalog.h"
#include "model/topology.h"
#include "report/report_writer.h"

namespace kst::fuzz {

[[noreturn]] inline void Violated(const std::string& property, const std::string& detail) {
  std::fprintf(stderr, "fuzz property violated: %s\n%s\n", property.c_str(), detail.c_str());
  std::abort();
}

inline std::string Listed(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics.all()) text += diagnostic.ToString() + "\n";
  return text;
}

/// A loader's answer explains itself: it failed exactly when it reported an
/// error, and every message has an id (docs/errors.md), a text and the file
/// it is about.
inline void CheckDiagnostics(bool loaded, const Diagnostics& diagnostics) {
  if (loaded == diagnostics.has_errors())
    Violated(loaded ? "a loader that reports an error fails" : "a loader that fails reports an error",
             Listed(diagnostics));
  for (const Diagnostic& diagnostic : diagnostics.all()) {
    if (diagnostic.id.empty() || diagnostic.message.empty() || diagnostic.location.file.empty())
      Violated("every diagnostic has an id, a message and a file", Listed(diagnostics));
  }
}

/// The kst-topology/1 text `kst import` would write for `topology`.
inline std::string Written(const Topology& topology) {
  return TopologyToJson(topology, "").dump(1);
}

/// What kst writes, kst reads back unchanged: writing a loaded topology,
/// loading that text and writing again gives the same text. The writer covers
/// what imports produce (certificates included, unchecked ones as null);
/// clocks, gateways and hosting providers come only from kst's own files, so
/// topologies holding them are skipped.
inline void CheckWrittenTopologyLoadsBack(const Topology& topology, const ModelCatalog& model) {
  if (!topology.clocks.empty() || !topology.um_ip_gateways.empty() || !topology.hosting_providers.empty()) return;
  const std::string first = Written(topology);
  VirtualFileReader files;
  files.Add("written.json", first);
  Topology reread;
  Diagnostics diagnostics;
  if (!LoadTopologyFile("written.json", &files, model, &reread, &diagnostics))
    Violated("a written topology loads back", first + "\n" + Listed(diagnostics));
  const std::string second = Written(reread);
  if (second != first) Violated("a written topology loads back unchanged", "first:\n" + first + "\nsecond:\n" + second);
}

/// The import-to-check property (src/import/import_property_test.cpp), for
/// one Exchange export: every record the reader recognises reaches the
/// imported topology or a diagnostic that says it was not checked or not
/// understood, and a file with such a diagnostic is not PASSED.
inline void CheckImportReachesAnalysis(const std::string& path, FileReader* files, const ImportedSnapshot& snapshot,
                                       const Diagnostics& diagnostics) {
  auto reported_at = [&](const Location& at) {
    for (const Diagnostic& d : diagnostics.all())
      if ((d.id == kImportUnrecognizedId || d.id == "certificate-not-checked" || d.id == "exchange-2019-no-um") &&
          d.location.file == at.file && d.location.line == at.line && d.location.column == at.column)
        return true;
    return false;
  };
  for (const FileImportReport& report : snapshot.files) {
    if (report.file != path || report.failed) continue;
    for (const Diagnostic& d : diagnostics.all())
      if (d.location.file == path && d.severity != Severity::kError &&
          (d.id == "certificate-not-checked" || d.id == "exchange-2019-no-um") &&
          report.status() == ImportStatus::kPassed)
        Violated("a file with content that was not checked is not PASSED", Listed(diagnostics));
    if (report.format.rfind("exchange-", 0) != 0) continue;
    ExchangeExport exchange;
    FileImportReport again;
    Diagnostics scratch;
    if (!ReadExchangeExport(path, files, &exchange, &again, &scratch)) continue;
    const Topology& topology = snapshot.topology;
    for (const ExchangeServerRecord& server : exchange.servers)
      if (!topology.FindExchangeServer(server.fqdn.name) && !reported_at(server.location))
        Violated("an exported Exchange server reaches the topology or is reported", server.location.ToString());
    for (const ExchangeCertificateRecord& record : exchange.certificates) {
      auto here = [&](const Certificate& c) {
        return c.location.file == record.location.file && c.location.line == record.location.line &&
               c.location.column == record.location.column;
      };
      const bool checked = std::any_of(topology.certificates.begin(), topology.certificates.end(), here);
      const bool unchecked =
          std::any_of(topology.unchecked_certificates.begin(), topology.unchecked_certificates.end(), here);
      if (!checked && !(unchecked && reported_at(record.location)) && !reported_at(record.location))
        Violated("an exported certificate reaches the topology or is reported", record.location.ToString());
    }
  }
}

/// The JSON report without its volatile fields (time and memory,
/// docs/formats.md, "JSON output"): what must be identical from one run to the next.
inline std::string StableJson(const Report& report) {
  std::ostringstream out;
  MakeReportWriter("json")->Write(report, out);
  nlohmann::json document = nlohmann::json::parse(out.str());
  document["statistics"].erase("seconds");
  document["statistics"].erase("peak_rss_kib");
  return document.dump(1);
}

/// Two analyses of the same input agree byte for byte (hash order, pointer
/// order and uninitialised state would show up here).
inline void CheckSameReport(const Report& first, const Report& second) {
  const std::string first_json = StableJson(first), second_json = StableJson(second);
  if (first_json != second_json)
    Violated("the same input gives the same report", "first:\n" + first_json + "\nsecond:\n" + second_json);
}

}  // namespace kst::fuzz
