#pragma once
// A waiver (kst-waivers/1): an accepted, owned, dated exception for one
// finding, as read from a waiver file (input/waiver_loader.h) and applied to
// a report (check/waivers.h).

#include <cstdint>
#include <string>
#include <vector>

#include "base/location.h"

namespace kst {

struct Waiver {
  std::string rule;
  std::string fqdn;
  bool every_server = false;         // "servers": "*", or no "servers" key
  std::vector<std::string> servers;  // otherwise: the servers it covers (never empty once loaded)
  std::string reason;
  std::string owner;
  std::string expires;      // YYYY-MM-DD, as written
  int64_t expires_day = 0;  // the same day, as days since 1970-01-01 (base/timestamp.h ParseCivilDate)
  Location location;
};

}  // namespace kst
