#include "cli/fqdn_arguments.h"

#include "base/fqdn.h"

namespace kst {

std::string NormalizeFqdnArgument(std::string& value) {
  std::string fqdn, why;
  if (!NormalizeFqdn(value, &fqdn, &why)) return "\"" + value + "\" is not an FQDN: " + why;
  value = fqdn;
  return "";
}

std::string NormalizeFindingArgument(std::string& value) {
  const size_t colon = value.find(':');
  if (colon == std::string::npos) return "";
  std::string fqdn = value.substr(colon + 1);
  std::string error = NormalizeFqdnArgument(fqdn);
  if (!error.empty()) return "the finding's " + error;
  value = value.substr(0, colon + 1) + fqdn;
  return "";
}

}  // namespace kst
