#include "model/claim_tally.h"

#include <algorithm>
#include <climits>
#include <functional>

namespace kst {

FqdnState StateIn(const ClaimIndex& claims, const std::string& fqdn) {
  FqdnState state;
  state.versions = claims.TopologyVersions(fqdn);
  state.listed = claims.UmRoutingClaims(fqdn);
  auto it = claims.required.find(fqdn);
  if (it != claims.required.end()) {
    state.um_host = it->second.um_host;
    state.trusted_application = it->second.trusted_application;
  }
  return state;
}

namespace {

uint64_t Mix(uint64_t h, uint64_t v) {
  // SplitMix64's finaliser over the running hash and the next value.
  uint64_t z = h ^ (v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

uint64_t Hash(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

/// What one item adds to one FQDN's counts (times the item's sign).
enum PartKind {
  kVersion,
  kSipNameListing,
  kExchangeServer,
  kExchangeWithoutUm,
  kExchangeOwaIm,
  kOwaImCertificate,
  kTrustedApplicationComputer,
};

// The parts each item adds, read as CollectClaims reads the same items
// (claims.cpp): emit(fqdn, kind, version, item digest).

template <class Emit>
void PartsOfPool(const LyncPool& pool, Emit emit) {
  const uint64_t digest = Mix(Mix(Hash("pool"), Hash(pool.fqdn.name)), Mix(Hash(pool.role), pool.version));
  emit(pool.fqdn.name, kVersion, pool.version, digest);
  for (const NamedAt& computer : pool.computers)
    if (computer.name != pool.fqdn.name) emit(computer.name, kVersion, pool.version, digest);
}

template <class Emit>
void PartsOfTrustedApplicationPool(const TrustedApplicationPool& tap, Emit emit) {
  const uint64_t digest = Mix(Mix(Hash("trusted application pool"), Hash(tap.fqdn.name)), tap.version);
  emit(tap.fqdn.name, kVersion, tap.version, digest);
  for (const NamedAt& computer : tap.computers) {
    if (computer.name != tap.fqdn.name) emit(computer.name, kVersion, tap.version, digest);
    emit(computer.name, kTrustedApplicationComputer, 0, digest);
  }
}

template <class Emit>
void PartsOfExchangeServer(const ExchangeServer& server, const ModelCatalog& model, Emit emit) {
  const uint64_t digest = Mix(Mix(Hash("Exchange server"), Hash(server.version)), server.owa_im);
  emit(server.fqdn.name, kExchangeServer, 0, digest);
  if (!ExchangeVersionHostsUm(model, server.version)) emit(server.fqdn.name, kExchangeWithoutUm, 0, digest);
  if (server.owa_im) emit(server.fqdn.name, kExchangeOwaIm, 0, digest);
}

template <class Emit>
void PartsOfDialPlan(const UmDialPlan& plan, const ModelCatalog& model, Emit emit) {
  const UriTypeInfo* uri_type = model.FindUriType(plan.uri_type);
  if (!uri_type || !uri_type->um_routing_adds) return;
  const uint64_t digest = Mix(Hash("dial plan"), Hash(plan.name.name));
  for (const NamedAt& server : plan.servers) emit(server.name, kSipNameListing, 0, digest);
}

template <class Emit>
void PartsOfCertificate(const Certificate& certificate, Emit emit) {
  if (certificate.HasService("OWAIM")) emit(certificate.server.name, kOwaImCertificate, 0, Hash("OWAIM certificate"));
}

}  // namespace

ClaimTally::ClaimTally(const Topology& topology, const ModelCatalog& model) : model_(model) {
  const Topology none;
  std::vector<TouchedFqdn> touched;
  Advance(none, topology, &touched);
}

void ClaimTally::Add(const std::string& fqdn, int kind, int version, uint64_t digest, int sign) {
  Counts& counts = counts_[fqdn];
  if (digests_before_) digests_before_->emplace(fqdn, counts.items_digest);
  const uint64_t part = static_cast<uint64_t>(kind) * 1000003ULL + static_cast<uint32_t>(version);
  counts.items_digest += static_cast<uint64_t>(static_cast<int64_t>(sign)) * Mix(digest, part);
  switch (static_cast<PartKind>(kind)) {
    case kVersion: {
      auto it = std::lower_bound(counts.versions.begin(), counts.versions.end(), std::make_pair(version, INT_MIN));
      if (it == counts.versions.end() || it->first != version) it = counts.versions.insert(it, {version, 0});
      it->second += sign;
      if (it->second == 0) counts.versions.erase(it);
      break;
    }
    case kSipNameListing:
      counts.sipname_listings += sign;
      break;
    case kExchangeServer:
      counts.exchange_servers += sign;
      if (counts.exchange_servers > 1) ambiguous_ = true;
      break;
    case kExchangeWithoutUm:
      counts.exchange_servers_without_um += sign;
      break;
    case kExchangeOwaIm:
      counts.exchange_owa_im += sign;
      break;
    case kOwaImCertificate:
      counts.owaim_certificates += sign;
      break;
    case kTrustedApplicationComputer:
      counts.trusted_application_computers += sign;
      break;
  }
}

void ClaimTally::Advance(const Topology& before, const Topology& after, std::vector<TouchedFqdn>* touched) {
  // Each FQDN a changed chunk names, with its digest before the step: touched when it differs after.
  std::unordered_map<std::string, uint64_t> digests_before;
  digests_before_ = &digests_before;
  const ModelCatalog& model = model_;
  auto emit = [this](int sign) {
    return [this, sign](const std::string& fqdn, int kind, int version, uint64_t digest) {
      Add(fqdn, kind, version, digest, sign);
    };
  };
  ForEachChunkDifference(
      before.pools, after.pools, [&](const LyncPool& item) { PartsOfPool(item, emit(-1)); },
      [&](const LyncPool& item) { PartsOfPool(item, emit(+1)); });
  ForEachChunkDifference(
      before.trusted_application_pools, after.trusted_application_pools,
      [&](const TrustedApplicationPool& item) { PartsOfTrustedApplicationPool(item, emit(-1)); },
      [&](const TrustedApplicationPool& item) { PartsOfTrustedApplicationPool(item, emit(+1)); });
  ForEachChunkDifference(
      before.exchange_servers, after.exchange_servers,
      [&](const ExchangeServer& item) { PartsOfExchangeServer(item, model, emit(-1)); },
      [&](const ExchangeServer& item) { PartsOfExchangeServer(item, model, emit(+1)); });
  ForEachChunkDifference(
      before.dial_plans, after.dial_plans, [&](const UmDialPlan& item) { PartsOfDialPlan(item, model, emit(-1)); },
      [&](const UmDialPlan& item) { PartsOfDialPlan(item, model, emit(+1)); });
  ForEachChunkDifference(
      before.certificates, after.certificates, [&](const Certificate& item) { PartsOfCertificate(item, emit(-1)); },
      [&](const Certificate& item) { PartsOfCertificate(item, emit(+1)); });
  digests_before_ = nullptr;
  for (const auto& [fqdn, digest] : digests_before) {
    auto it = counts_.find(fqdn);
    touched->push_back({fqdn, it->second.items_digest != digest});
    const Counts& left = it->second;
    if (left.versions.empty() && left.sipname_listings == 0 && left.exchange_servers == 0 &&
        left.exchange_servers_without_um == 0 && left.exchange_owa_im == 0 && left.owaim_certificates == 0 &&
        left.trusted_application_computers == 0)
      counts_.erase(it);
  }
}

FqdnState ClaimTally::StateOf(const std::string& fqdn) const {
  FqdnState state;
  auto it = counts_.find(fqdn);
  if (it == counts_.end()) return state;
  const Counts& counts = it->second;
  for (const auto& [version, claims] : counts.versions) state.versions.push_back(version);
  const bool hosts_um = counts.exchange_servers == 0 || counts.exchange_servers_without_um == 0;
  state.listed = state.um_host = counts.sipname_listings > 0 && hosts_um;
  state.trusted_application =
      counts.trusted_application_computers > 0 ||
      (counts.exchange_servers > 0 && (counts.exchange_owa_im > 0 || counts.owaim_certificates > 0));
  return state;
}

}  // namespace kst
