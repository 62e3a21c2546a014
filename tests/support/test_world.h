#pragma once
// Test-only helpers: build a tiny topology or scenario from JSON text in one
// line, failing the test with the diagnostics when it does not load.

#include <doctest/doctest.h>

#include <string>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "input/json_document.h"
#include "input/scenario_loader.h"
#include "input/topology_loader.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

inline std::string DiagnosticsText(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics.all()) text += d.ToString() + "\n";
  return text;
}

/// Given JSON text of a topology, returns it loaded; the test fails on errors.
inline Topology AssertTopology(const std::string& text) {
  VirtualFileReader files;
  files.Add("t.json", text);
  Topology topology;
  Diagnostics diagnostics;
  bool ok = LoadTopologyFile("t.json", &files, ModelCatalog::Embedded(), &topology, &diagnostics);
  INFO(DiagnosticsText(diagnostics));
  REQUIRE(ok);
  return topology;
}

/// Given a scenario's JSON text (its topology inline), returns it loaded.
inline Scenario AssertScenario(const std::string& text) {
  VirtualFileReader files;
  files.Add("s.json", text);
  Scenario scenario;
  Diagnostics diagnostics;
  bool ok = LoadScenarioFile("s.json", &files, ModelCatalog::Embedded(), &scenario, &diagnostics);
  INFO(DiagnosticsText(diagnostics));
  REQUIRE(ok);
  return scenario;
}

/// The Contoso base of the design brief: pool01 (fe01, fe02, Lync 2013), an
/// Edge, ex1 hosting a SipName dial plan. `extra_lync` is spliced into "lync".
inline std::string ContosoTopology(const std::string& extra_lync = "") {
  return R"({"format": "kst-topology/1", "lync": {"pools": [
      {"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
       "computers": ["fe01.contoso.com", "fe02.contoso.com"]},
      {"fqdn": "edge.contoso.com", "role": "Edge", "version": 6, "computers": ["edge01.contoso.com"]}])" +
         extra_lync + R"(},
    "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
                 "um_dial_plans": [{"name": "Contoso SIP", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]}})";
}

}  // namespace kst
