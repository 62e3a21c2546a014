#pragma once
// kst check --state: the section that tells, per server, broken now from
// working (check/current_state.h).

#include <ostream>

#include "check/current_state.h"

namespace kst {

void WriteCurrentStateText(const CurrentState& state, std::ostream& out);

}  // namespace kst
