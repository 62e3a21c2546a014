#pragma once
// Small random what-if scenarios as kst-scenario/1 JSON files, for the SPIN
// cross-check: the tiny scope of the naive oracle's generator (one or two
// Front Ends, maybe an Edge, ex1 and ex2 each maybe hosting a SipName dial
// plan and maybe given an OWA IM trusted application pool named after it or
// not, planned or "any" restarts) with plans of one to three steps drawn from
// TAP and dial plan changes (mostly), restarts and waits. Every plan step is
// valid where it stands, so the loader accepts each file. Seeded: a seed always
// gives the same scenario.

#include <cstdint>
#include <string>

namespace kst::spin {

/// The JSON text of scenario number `index` of the stream `seed`; `*summary`
/// says what it contains, for failure messages.
std::string GenerateScenario(uint64_t seed, int index, std::string* summary);

}  // namespace kst::spin
