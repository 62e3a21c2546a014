#pragma once
// Test-only: the Exchange fixtures (tests/import_inputs/exchange/) served
// under their names relative to that folder, so messages read
// "json/servers.json:7:5" whatever the checkout's path.

#include <string>
#include <vector>

#include "base/file_reader.h"

namespace kst {

inline const std::string kExchangeSamples = std::string(KST_SOURCE_DIR) + "/../shared/samples/exchange/";
inline const std::string kExchangeInputs = std::string(KST_SOURCE_DIR) + "/tests/import_inputs/exchange/";

class ExchangeFixtureReader : public FileReader {
 public:
  bool Read(const std::string& path, std::string* contents, std::string* error) override {
    return disk_.Read(kExchangeInputs + path, contents, error);
  }
  bool IsDirectory(const std::string& path) override { return disk_.IsDirectory(kExchangeInputs + path); }
  bool ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) override {
    return disk_.ListDirectory(kExchangeInputs + path, files, error);
  }

 private:
  DiskFileReader disk_;
};

}  // namespace kst
