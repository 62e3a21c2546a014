#pragma once
// Get-CsManagementStoreReplicationStatus | Export-Clixml, or | ConvertTo-Json
// (one object or an array): ReplicaFqdn, UpToDate and LastStatusReport of
// each replica. Told apart from event-log exports by content: JSON (no event
// export is JSON), or a CliXml file whose objects carry a ReplicaFqdn
// property. Errors are located (file, line, column): `replica-missing-field`
// for a replica without ReplicaFqdn or UpToDate, `replica-invalid-value` for
// an UpToDate that is no boolean, a LastStatusReport that is no time, or an
// item that is no object.

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/replica_state.h"

namespace kst {

/// Reads `bytes` (UTF-8 or UTF-16 with a BOM) when it is a replication-status
/// export: `*is_replica_status` says whether it is one; when it is not,
/// nothing is reported and the file is left to the event-log readers.
/// Returns false when it is one and has errors.
bool ReadReplicaStatusBytes(const std::string& path, std::string_view bytes, std::vector<ReplicaState>* replicas,
                            bool* is_replica_status, Diagnostics* diagnostics);

}  // namespace kst
