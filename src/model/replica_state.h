#pragma once
// One line of Get-CsManagementStoreReplicationStatus (exported with
// Export-Clixml or ConvertTo-Json): a computer's replica of the Central
// Management Store, and whether it holds the latest configuration. A replica
// that is not up to date has not got the latest topology revision: the
// table kst predicts from the topology file may not be in force there yet.

#include <optional>
#include <string>

#include "base/location.h"
#include "base/timestamp.h"

namespace kst {

struct ReplicaState {
  std::string fqdn;  // ReplicaFqdn, lower case without a trailing dot
  bool up_to_date = false;
  std::optional<UnixSeconds> last_status_report;  // LastStatusReport; none when null
  bool local_time = false;                        // the export wrote it without its offset
  Location location;
};

}  // namespace kst
