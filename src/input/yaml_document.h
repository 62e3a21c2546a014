#pragma once
// YAML inputs (topologies, scenarios, waivers) parsed into the same located
// JsonNode tree as JSON, so every loader, error and report location works
// unchanged and carries the YAML line.

#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "input/json_document.h"

namespace kst {

/// Parses YAML `text` (read from `file_name`) into `*root`. Returns false and
/// adds located errors when it is not valid YAML or not representable as JSON
/// (anchors, aliases and merge keys included or refused; see the .cpp).
bool ParseYamlDocument(const std::string& file_name, std::string_view text, JsonNode* root, Diagnostics* diagnostics);

/// True for paths ending in .yaml or .yml (case-insensitive).
bool IsYamlPath(const std::string& path);

}  // namespace kst
