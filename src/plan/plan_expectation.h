#pragma once
// The expect block of a plan kst writes (`kst plan -o`): what `kst check`
// must then find on the plan, so that the file carries its own proof.

#include <nlohmann/json.hpp>

#include "check/finding.h"

namespace kst {

/// The report's verdict and, per (rule, FQDN, severity), the finding with its
/// affected servers and, for kst/unknown-server, its outage windows: the
/// shape docs/formats.md gives a kst-scenario/1 "expect" block.
nlohmann::ordered_json ExpectBlock(const Report& report);

}  // namespace kst
