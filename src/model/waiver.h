#pragma once
// A waiver (kst-waivers/1): an accepted, owned, dated exception for one
// finding, as read from a waiver file (input/waiver_loader.h) and applied to
// a report (check/waivers.h).

#include <string>
#include <vector>

#include "base/location.h"

namespace kst {

struct Waiver {
  std::string rule;
  std::string fqdn;
  std::vector<std::string> servers;  // empty: every server ("*")
  std::string reason;
  std::string owner;
  std::string expires;  // YYYY-MM-DD
  Location location;
};

}  // namespace kst
