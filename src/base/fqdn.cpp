#include "base/fqdn.h"

#include <cctype>

namespace kst {
namespace {

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
}

bool CheckLabel(std::string_view label, std::string* why) {
  if (label.empty()) {
    *why = "empty label";
    return false;
  }
  if (label.size() > 63) {
    *why = "label \"" + std::string(label) + "\" is longer than 63 characters";
    return false;
  }
  for (char c : label) {
    if (!IsHostChar(c)) {
      *why = "character '" + std::string(1, c) + "' is not allowed in a host name";
      return false;
    }
  }
  if (label.front() == '-' || label.back() == '-') {
    *why = "label \"" + std::string(label) + "\" starts or ends with '-'";
    return false;
  }
  return true;
}

}  // namespace

bool NormalizeFqdn(std::string_view raw, std::string* fqdn, std::string* why) {
  std::string name(raw);
  if (!name.empty() && name.back() == '.') name.pop_back();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.empty()) {
    *why = "empty name";
    return false;
  }
  if (name.find('*') != std::string::npos) {
    *why = "a wildcard is not a server name";
    return false;
  }
  if (name.size() > 253) {
    *why = "name is longer than 253 characters";
    return false;
  }
  if (name.find('.') == std::string::npos) {
    *why = "single-label (NetBIOS-style) name; Lync needs the fully qualified name";
    return false;
  }
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string_view label =
        std::string_view(name).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!CheckLabel(label, why)) return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  *fqdn = std::move(name);
  return true;
}

}  // namespace kst
