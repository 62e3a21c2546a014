#pragma once
// From Exchange export records to the topology kst reasons about: Exchange
// servers with their product year, UM dial plans with the servers that
// answer for them (the Exchange UM Routing producer of KST entries), and the
// certificates the servers present.

#include <vector>

#include "base/diagnostic.h"
#include "import/exchange_export.h"
#include "model/import_report.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// Adds the servers and dial plans of `exchange` (one file's records, or
/// several files' joined with ExchangeExport::Append) to `topology`:
/// - every server record becomes an ExchangeServer (version = product year,
///   "" when unknown); a server named by FQDN in an assignment but listed by
///   no Get-ExchangeServer export is added with an unknown version;
/// - every dial plan becomes a UmDialPlan, its servers those of the
///   assignments naming it. A short server name is resolved through the
///   server records (Name, or the first label of Fqdn); an unresolvable or
///   ambiguous one is reported (could change a verdict). A plan named by an
///   assignment but defined by no dial-plan export is kept with an empty
///   uri_type and reported (could change a verdict: its URIType is unknown);
/// - Exchange 2019 has no Unified Messaging (model exchange_versions,
///   claims.h ExchangeVersionHostsUm): a 2019 server that an export says
///   answers for a dial plan, or calls a UM server, gets an
///   `exchange-2019-no-um` warning and is not added as a dial-plan server.
/// - every certificate becomes a Certificate, filled as the kst-topology/1
///   loader fills one (certificate_loader.h), owned by the server its export
///   names (Server, Identity's server part, else PSComputerName; a short name
///   resolved like an assignment's). One whose owner, subject CN, Services or
///   validity the export does not give goes to unchecked_certificates, with a
///   `certificate-not-checked` warning in its file's report; so does, still
///   among certificates, one whose owner is no server of the topology.
/// Each file's report counts what it contributed (FileImportReport::Count).
/// Duplicates (the same server or plan in several files) are merged; one
/// that disagrees is reported. The result is sorted (servers by FQDN, plans
/// by name, plan servers by FQDN) and does not depend on the order of the
/// records, so files may be read in any order.
void AddExchangeToTopology(const ExchangeExport& exchange, const ModelCatalog& model, Topology* topology,
                           FileImportReport* report, Diagnostics* diagnostics);

/// The same, filing each note in the report whose `file` is the file the
/// note is about (the first report when none is; `reports` must not be
/// empty).
void AddExchangeToTopology(const ExchangeExport& exchange, const ModelCatalog& model, Topology* topology,
                           std::vector<FileImportReport>* reports, Diagnostics* diagnostics);

}  // namespace kst
