#include "yaml_document.h"

// Placeholder until the YAML reader lands: refuses YAML with a clear error.
namespace kst {

bool IsYamlPath(const std::string& path) {
  auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

bool ParseYamlDocument(const std::string& file_name, std::string_view, JsonNode*, Diagnostics* diagnostics) {
  diagnostics->Error("yaml-syntax", Location{file_name, 1, 1}, "", "YAML input is not supported yet");
  return false;
}

}  // namespace kst
