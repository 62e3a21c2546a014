#include "topology.h"

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

std::vector<NamedAt> PoolServers(const LyncPool& pool) {
  if (pool.computers.empty()) return {pool.fqdn};
  return pool.computers;
}

}  // namespace kst
