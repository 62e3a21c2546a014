#pragma once
// `kst show`: each server's Known Servers Table after a fresh RTCSRV start,
// listed like event 14492, with the producers behind every entry.

#include <map>
#include <ostream>
#include <string>

#include "engine/cell_model.h"
#include "model/model_catalog.h"
#include "model/scenario.h"

namespace kst {

/// server FQDN -> (FQDN -> entry) after a fresh RTCSRV start with `topology`.
/// Only FQDNs some producer claims for that server appear (absent ones too).
using ServerTables = std::map<std::string, std::map<std::string, CellEntry>>;
/// Stops between servers after Ctrl-C (base/interrupt.h): the tables are then partial.
ServerTables StartTables(const Topology& topology, const ModelCatalog& model);

/// Prints the tables of every server (or only `server` when not empty).
/// Returns false when `server` names no KST-holding server. Stops between
/// servers after Ctrl-C (base/interrupt.h), having printed those before.
bool ShowTables(const Scenario& scenario, const ModelCatalog& model, const std::string& server, std::ostream& out);

}  // namespace kst
