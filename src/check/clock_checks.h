#pragma once
// The clock rule, clock/skew: a server whose measured offset from the
// reference clock exceeds the tolerance (model parameter
// clock-tolerance-seconds, 300 s: the Kerberos default; --clock-tolerance).

#include <vector>

#include "check/finding.h"
#include "model/claims.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// One finding per clock reading of a topology server beyond `tolerance_seconds`.
/// `at` is the check time, used to say how old a measurement is.
/// `claims` are the topology's claims when the caller has them (null: collected here).
std::vector<Finding> CheckClocks(const Topology& topology, const ModelCatalog& model, int64_t tolerance_seconds,
                                 UnixSeconds at, const ClaimIndex* claims = nullptr);

}  // namespace kst
