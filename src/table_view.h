#pragma once
// `kst show`: each server's Known Servers Table after a fresh RTCSRV start,
// listed like event 14492, with the producers behind every entry.

#include <ostream>
#include <string>

#include "model_catalog.h"
#include "scenario.h"

namespace kst {

/// Prints the tables of every server (or only `server` when not empty).
/// Returns false when `server` names no KST-holding server.
bool ShowTables(const Scenario& scenario, const ModelCatalog& model, const std::string& server, std::ostream& out);

}  // namespace kst
