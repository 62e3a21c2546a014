#pragma once
// Reads waiver files (kst-waivers/1, JSON or YAML) into model/waiver.h.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_reader.h"
#include "model/waiver.h"

namespace kst {

/// Loads a waiver file (JSON or YAML). Returns false on input errors.
bool LoadWaiverFile(const std::string& path, FileReader* files, std::vector<Waiver>* waivers, Diagnostics* diagnostics);

}  // namespace kst
