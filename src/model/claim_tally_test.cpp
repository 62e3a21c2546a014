#include "model/claim_tally.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace kst {
namespace {

/// A small random walk over topologies: few names, so items collide on FQDNs
/// (a TAP computer that is also a pool computer, a dial-plan server that is
/// also a TAP, an Exchange server without UM) as often as the rules allow.
class RandomTopologies {
 public:
  explicit RandomTopologies(uint64_t seed) : state_(seed) {}

  uint64_t Below(uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }
  NamedAt Name() { return {"h" + std::to_string(Below(12)) + ".contoso.com", {}}; }

  /// One edit of the kinds plan steps make, written through the topology's
  /// lists as the loader writes them.
  void Edit(Topology* t) {
    switch (Below(9)) {
      case 0: {
        LyncPool pool{Name(), Below(2) ? "FrontEnd" : "Edge", static_cast<int>(3 + Below(4)), {}, {}, ""};
        for (uint64_t i = Below(3); i > 0; --i) pool.computers.push_back(Name());
        t->pools.push_back(pool);
        break;
      }
      case 1: {
        TrustedApplicationPool tap{Name(), static_cast<int>(3 + Below(4)), {}, Name(), {}};
        for (uint64_t i = 1 + Below(2); i > 0; --i) tap.computers.push_back(Name());
        t->trusted_application_pools.insert(
            t->trusted_application_pools.begin() + static_cast<long>(Below(t->trusted_application_pools.size() + 1)),
            tap);
        break;
      }
      case 2:
        if (!t->trusted_application_pools.empty())
          t->trusted_application_pools.erase(t->trusted_application_pools.begin() +
                                             static_cast<long>(Below(t->trusted_application_pools.size())));
        break;
      case 3:
        if (!t->pools.empty()) t->pools[Below(t->pools.size())].version = static_cast<int>(3 + Below(4));
        break;
      case 4: {
        static const char* kVersions[] = {"2010", "2013", "2016", "2019", "SE", ""};
        ExchangeServer server{Name(), kVersions[Below(6)], Below(4) == 0, {}};
        auto same = [&](const ExchangeServer& e) { return e.fqdn.name == server.fqdn.name; };
        // One Exchange server per name, as the loaders keep them.
        auto it = std::find_if(t->exchange_servers.cbegin(), t->exchange_servers.cend(), same);
        if (it == t->exchange_servers.cend())
          t->exchange_servers.push_back(server);
        else
          t->exchange_servers.erase(it);
        break;
      }
      case 5: {
        static const char* kUriTypes[] = {"SipName", "TelExtn", "E164"};
        UmDialPlan plan{{"dp" + std::to_string(Below(100)), {}}, kUriTypes[Below(3)], {}, {}};
        for (uint64_t i = 1 + Below(3); i > 0; --i) plan.servers.push_back(Name());
        t->dial_plans.push_back(plan);
        break;
      }
      case 6:
        if (!t->dial_plans.empty()) {
          UmDialPlan& plan = t->dial_plans[Below(t->dial_plans.size())];
          if (!plan.servers.empty()) plan.servers[Below(plan.servers.size())] = Name();
        }
        break;
      case 7: {
        Certificate certificate;
        certificate.server = Name();
        certificate.services.push_back({Below(2) ? "OWAIM" : "IIS", {}});
        t->certificates.push_back(certificate);
        break;
      }
      default:
        if (!t->pools.empty()) t->pools.erase(t->pools.begin() + static_cast<long>(Below(t->pools.size())));
    }
  }

 private:
  uint64_t state_;
};

std::set<std::string> Names(const ClaimIndex& claims) {
  const std::set<std::string> all = claims.AllFqdns();
  return all;
}

}  // namespace

TEST_CASE("ClaimTally agrees with CollectClaims on every FQDN of random plans, and names what changed") {
  const ModelCatalog& model = ModelCatalog::Embedded();
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    RandomTopologies random(seed);
    Topology current;
    for (int i = 0; i < 40; ++i) random.Edit(&current);
    ClaimTally tally(current, model);
    ClaimIndex claims = CollectClaims(current, model);
    for (int step = 0; step < 80; ++step) {
      CAPTURE(step);
      const Topology before = current;
      for (uint64_t edits = 1 + random.Below(2); edits > 0; --edits) random.Edit(&current);
      std::vector<TouchedFqdn> touched;
      tally.Advance(before, current, &touched);
      const ClaimIndex after = CollectClaims(current, model);
      std::set<std::string> names = Names(claims);
      for (const std::string& name : Names(after)) names.insert(name);
      for (int h = 0; h < 12; ++h) names.insert("h" + std::to_string(h) + ".contoso.com");
      for (const std::string& fqdn : names) {
        CAPTURE(fqdn);
        const FqdnState expected = StateIn(after, fqdn);
        CHECK(tally.StateOf(fqdn) == expected);
        CHECK(expected.named() == (Names(after).count(fqdn) > 0));
        auto named = std::find_if(touched.begin(), touched.end(), [&](const TouchedFqdn& t) { return t.fqdn == fqdn; });
        if (!(StateIn(claims, fqdn) == expected)) CHECK((named != touched.end() && named->items_changed));
      }
      CHECK_FALSE(tally.ambiguous());
      claims = after;
    }
  }
}

TEST_CASE("ClaimTally says when two Exchange servers share an FQDN, whose order only CollectClaims reads") {
  const ModelCatalog& model = ModelCatalog::Embedded();
  Topology topology;
  topology.exchange_servers.push_back({{"ex1.contoso.com", {}}, "2019", false, {}});
  topology.exchange_servers.push_back({{"ex1.contoso.com", {}}, "2013", false, {}});
  ClaimTally tally(topology, model);
  CHECK(tally.ambiguous());
}

}  // namespace kst
