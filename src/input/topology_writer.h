#pragma once
// Writes a Topology back as a kst-topology/1 document: what `kst import`
// produces from real exports. Each item carries an "origin" naming the export
// file and line it came from, so a check of the written file still points at
// the export (the loader reads "origin" back, topology_loader.cpp).

#include <nlohmann/json.hpp>

#include "model/topology.h"

namespace kst {

/// The document, keys in a fixed order, lists in the topology's order.
/// `description` becomes the document's "description" when not empty.
nlohmann::ordered_json TopologyToJson(const Topology& topology, const std::string& description);

}  // namespace kst
