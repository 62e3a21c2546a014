#pragma once
// Loads the kst-topology/1 format (README.md, "Topology format") into a
// Topology, checking names, references and versions against the model.

#include <set>
#include <string>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "input/json_document.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// Reads a topology object. `require_format` is false for a topology written
/// inline in a scenario. Returns false when any error was reported.
bool ReadTopology(const JsonNode& root, const ModelCatalog& model, bool require_format, Topology* out,
                  Diagnostics* diagnostics);

/// Reads, parses and loads a topology file.
bool LoadTopologyFile(const std::string& path, FileReader* files, const ModelCatalog& model, Topology* out,
                      Diagnostics* diagnostics);

/// Readers of single items, shared by the topology and the scenario plan.
/// Each reports its own errors and returns false when the item is unusable.
bool ReadLyncPool(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, LyncPool* pool);
bool ReadTrustedApplicationPool(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics,
                                TrustedApplicationPool* tap);
/// An Exchange server; a `version` that is no model exchange_versions name
/// is an error (unknown-exchange-version).
bool ReadExchangeServer(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics,
                        ExchangeServer* server);
bool ReadUmIpGateway(const JsonNode& node, Diagnostics* diagnostics, UmIpGateway* gateway);
bool ReadHostingProvider(const JsonNode& node, Diagnostics* diagnostics, HostingProvider* provider);
bool ReadDialPlan(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, UmDialPlan* plan);

/// Warns (exchange-2019-no-um) about each server of a SipName dial plan whose
/// Exchange version has no Unified Messaging (model exchange_versions): UM
/// Routing adds no KST entry for it (claims.h ExchangeServerHostsUm), the same
/// rule an import applies. `warned`, when given, holds "plan/server" keys
/// already warned about and gets the new ones, so a plan repeats no warning.
void WarnDialPlanServersWithoutUm(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics,
                                  std::set<std::string>* warned = nullptr);

/// Parses any JSON input file into a located tree (shared by every loader).
bool ParseInputFile(const std::string& path, FileReader* files, JsonNode* root, Diagnostics* diagnostics);

/// Cross-reference checks that must hold after every change too: dial plans
/// name listed Exchange servers, TAP registrars are registrar pools, UM IP
/// gateways name pools, hosting providers name Edge pools, names are defined
/// once. Used by the loader and by the scenario plan.
void CheckTopologyReferences(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics);

}  // namespace kst
