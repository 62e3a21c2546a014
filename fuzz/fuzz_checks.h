#pragma once
// Properties the fuzz targets check beyond "no crash": a crash-only harness
// misses the failures a user would see, a loader that refuses input without
// saying why, or `kst import` writing a topology that `kst check` then
// rejects. A violated property prints what failed and aborts, which libFuzzer
// reports like a crash and the replay test (fuzz/replay_main.cpp) as a failure.

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "check/finding.h"
#include "model/model_catalog.h"
#include "report/report_writer.h"
#include "model/topology.h"
#include "input/topology_loader.h"
#include "input/topology_writer.h"

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
inline std::string Written(const Topology& topology) { return TopologyToJson(topology, "").dump(1); }

/// What kst writes, kst reads back unchanged: writing a loaded topology,
/// loading that text and writing again gives the same text. The writer covers
/// what imports produce; certificates, clocks, gateways and hosting providers
/// come only from kst's own files, so topologies holding them are skipped.
inline void CheckWrittenTopologyLoadsBack(const Topology& topology, const ModelCatalog& model) {
  if (!topology.certificates.empty() || !topology.clocks.empty() || !topology.um_ip_gateways.empty() ||
      !topology.hosting_providers.empty())
    return;
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
