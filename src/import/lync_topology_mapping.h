#pragma once
// From clusters and services (either XML format) to what kst reasons about:
// registrar pools (Front End, Standard Edition, Director), Edge, Mediation
// and PSTN gateway pools, trusted application pools (ExternalServer), and the
// other clusters, which are listed but add no KST entry. Which RoleName means
// what is data in model/kst-model.json ("topology_xml_roles"), each mapping
// resting on a named assumption; a RoleName not listed there, a ServiceVersion
// that is no number or a service installed on no known cluster makes the
// import's verdict inconclusive.

#include "base/diagnostic.h"
#include "import/lync_topology_xml.h"
#include "model/import_report.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// Adds the pools of `xml` to `*out`. FQDNs are normalised (an invalid one is
/// an `invalid-fqdn` error at its element); versions are checked against the
/// model like the JSON loader does.
void MapLyncTopology(const LyncXmlTopology& xml, const ModelCatalog& model, Topology* out, FileImportReport* report,
                     Diagnostics* diagnostics);

}  // namespace kst
