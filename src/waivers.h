#pragma once
// Waivers (kst-waivers/1): an accepted, owned, dated exception for one
// finding. A waived finding is still reported, marked waived, and does not
// fail the gate; an expired waiver is itself an error (kst/waiver-expired)
// and a waiver that matches nothing is a warning (kst/waiver-stale).

#include <string>
#include <vector>

#include "diagnostic.h"
#include "file_reader.h"
#include "finding.h"

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

/// Loads a waiver file (JSON or YAML). Returns false on input errors.
bool LoadWaiverFile(const std::string& path, FileReader* files, std::vector<Waiver>* waivers,
                    Diagnostics* diagnostics);

/// Marks the findings the waivers cover, adds kst/waiver-expired and
/// kst/waiver-stale findings, and recomputes the verdict. `today` is
/// YYYY-MM-DD (from the clock, or --today in tests).
void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& today, Report* report);

/// Today's date in UTC as YYYY-MM-DD.
std::string TodayUtc();

}  // namespace kst
