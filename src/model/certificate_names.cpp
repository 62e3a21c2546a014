#include "model/certificate_names.h"

#include <cctype>

namespace kst {

bool IsTopologyServer(const Topology& topology, const std::string& fqdn) {
  if (topology.FindExchangeServer(fqdn) || topology.FindPool(fqdn) || topology.FindTrustedApplicationPool(fqdn))
    return true;
  for (const LyncPool& pool : topology.pools)
    for (const NamedAt& computer : pool.computers)
      if (computer.name == fqdn) return true;
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools)
    for (const NamedAt& computer : tap.computers)
      if (computer.name == fqdn) return true;
  return false;
}

TopologyServerNames::TopologyServerNames(const Topology& topology) {
  names_.reserve(topology.exchange_servers.size() + topology.pools.size() + topology.trusted_application_pools.size());
  for (const ExchangeServer& server : topology.exchange_servers) names_.insert(server.fqdn.name);
  for (const LyncPool& pool : topology.pools) {
    names_.insert(pool.fqdn.name);
    for (const NamedAt& computer : pool.computers) names_.insert(computer.name);
  }
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools) {
    names_.insert(tap.fqdn.name);
    for (const NamedAt& computer : tap.computers) names_.insert(computer.name);
  }
}

bool NormalizeCertificateName(std::string_view raw, std::string* name) {
  std::string out(raw);
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out.empty()) return false;
  for (char& c : out) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) return false;
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  *name = std::move(out);
  return true;
}

bool IsWildcardName(const std::string& name) {
  return name.find('*') != std::string::npos;
}

}  // namespace kst
