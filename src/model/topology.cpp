#include "model/topology.h"

#include <algorithm>

namespace kst {
namespace {

template <typename Container, typename Key>
auto FindByName(Container& items, const Key& key, const std::string& name) -> decltype(&items.front()) {
  auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return (item.*key).name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const LyncPool* Topology::FindPool(const std::string& fqdn) const { return FindByName(pools, &LyncPool::fqdn, fqdn); }
LyncPool* Topology::FindPool(const std::string& fqdn) { return FindByName(pools, &LyncPool::fqdn, fqdn); }

const TrustedApplicationPool* Topology::FindTrustedApplicationPool(const std::string& fqdn) const {
  return FindByName(trusted_application_pools, &TrustedApplicationPool::fqdn, fqdn);
}

const ExchangeServer* Topology::FindExchangeServer(const std::string& fqdn) const {
  return FindByName(exchange_servers, &ExchangeServer::fqdn, fqdn);
}

const UmDialPlan* Topology::FindDialPlan(const std::string& name) const {
  return FindByName(dial_plans, &UmDialPlan::name, name);
}

bool Certificate::HasService(const std::string& service) const {
  return std::any_of(services.begin(), services.end(), [&](const NamedAt& s) { return s.name == service; });
}

size_t ItemCount(const Topology& topology) {
  size_t items = topology.exchange_servers.size() + topology.um_ip_gateways.size() +
                 topology.hosting_providers.size() + topology.certificates.size() + topology.clocks.size();
  for (const LyncPool& pool : topology.pools) items += 1 + pool.computers.size();
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools) items += 1 + tap.computers.size();
  for (const OtherCluster& other : topology.other_clusters) items += 1 + other.computers.size();
  for (const UmDialPlan& plan : topology.dial_plans) items += 1 + plan.servers.size();
  return items;
}

std::vector<NamedAt> PoolServers(const LyncPool& pool) {
  if (pool.computers.empty()) return {pool.fqdn};
  return pool.computers;
}

}  // namespace kst
