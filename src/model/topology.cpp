#include "model/topology.h"

#include <algorithm>

namespace kst {
namespace {

template <typename Container, typename Key>
auto FindByName(const Container& items, const Key& key, const std::string& name) -> decltype(&items.front()) {
  auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return (item.*key).name == name; });
  return it == items.end() ? nullptr : &*it;
}

/// The same, for writing: found by reading, so only the chunk of the item found is detached.
template <typename Container, typename Key>
auto FindByNameToWrite(Container& items, const Key& key, const std::string& name) -> decltype(&items.front()) {
  auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return (item.*key).name == name; });
  return it == items.end() ? nullptr : &items[it - items.begin()];
}

}  // namespace

const LyncPool* Topology::FindPool(const std::string& fqdn) const {
  return FindByName(pools, &LyncPool::fqdn, fqdn);
}
LyncPool* Topology::FindPool(const std::string& fqdn) {
  return FindByNameToWrite(pools, &LyncPool::fqdn, fqdn);
}

const TrustedApplicationPool* Topology::FindTrustedApplicationPool(const std::string& fqdn) const {
  return FindByName(trusted_application_pools, &TrustedApplicationPool::fqdn, fqdn);
}

const ExchangeServer* Topology::FindExchangeServer(const std::string& fqdn) const {
  return FindByName(exchange_servers, &ExchangeServer::fqdn, fqdn);
}

ExchangeServerLookup::ExchangeServerLookup(const Topology& topology) {
  by_fqdn_.reserve(topology.exchange_servers.size());
  // The first of a duplicated name wins, as in FindExchangeServer.
  for (const ExchangeServer& server : topology.exchange_servers) by_fqdn_.emplace(server.fqdn.name, &server);
}

ExchangeServerLookup::ExchangeServerLookup(const Topology& topology, std::string_view only) {
  for (const ExchangeServer& server : topology.exchange_servers)
    if (server.fqdn.name == only) {
      by_fqdn_.emplace(server.fqdn.name, &server);
      return;  // the first of a duplicated name wins, as above
    }
}

const ExchangeServer* ExchangeServerLookup::Find(std::string_view fqdn) const {
  auto it = by_fqdn_.find(fqdn);
  return it == by_fqdn_.end() ? nullptr : it->second;
}

const UmDialPlan* Topology::FindDialPlan(const std::string& name) const {
  return FindByName(dial_plans, &UmDialPlan::name, name);
}

bool Certificate::HasService(const std::string& service) const {
  return std::any_of(services.begin(), services.end(), [&](const NamedAt& s) { return s.name == service; });
}

std::string Certificate::UnknownParts() const {
  std::vector<std::string> parts;
  if (!server_known) parts.push_back("its owning server");
  if (!subject_known) parts.push_back("its subject CN");
  if (!services_known) parts.push_back("the services it is assigned to");
  if (!validity_known) parts.push_back("its validity");
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return text + (parts.size() == 1 ? " is unknown" : " are unknown");
}

size_t ItemCount(const Topology& topology) {
  size_t items = topology.exchange_servers.size() + topology.um_ip_gateways.size() + topology.hosting_providers.size() +
                 topology.certificates.size() + topology.unchecked_certificates.size() + topology.clocks.size();
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
