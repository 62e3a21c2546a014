#pragma once
// What a change plan's revisions say about each FQDN, kept as counts that a
// plan step adjusts by what it changed instead of collecting every claim of
// every revision again.
//
// An FQDN's cells read four things from a revision's claims: the distinct
// versions the Topology producer claims for it, whether UM Routing lists it,
// and whether Exchange UM or a trusted application (OWA IM) needs it. Each is
// a function of counts that every topology item adds to or takes from on its
// own (a pool's version on its FQDN and computers, a SipName dial plan's
// listing of a server, a trusted application computer, an Exchange server's
// UM and OWA IM, an OWAIM certificate), so the counts of a revision are those
// of the revision before, minus the items of the chunks it no longer shares,
// plus those of its new chunks (base/shared_vector.h). CollectClaims stays
// the definition: claim_tally_test.cpp compares the two on random topologies
// and edits, and CompiledPlan falls back to it where the counts cannot decide
// (one FQDN named by two Exchange servers: the first one listed decides).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/claims.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// What an FQDN's cells read from one revision's claims.
struct FqdnState {
  std::vector<int> versions;  // distinct Topology versions, sorted
  bool listed = false;        // UM Routing claims it (version 0)
  bool um_host = false;       // Exchange UM needs it (Requirement::um_host)
  bool trusted_application = false;

  bool named() const { return !versions.empty() || listed || um_host || trusted_application; }
  bool operator==(const FqdnState& other) const = default;
};

/// The state of `fqdn` as CollectClaims's index says it.
FqdnState StateIn(const ClaimIndex& claims, const std::string& fqdn);

/// An FQDN a plan step's changed chunks name, and whether the items naming it changed.
struct TouchedFqdn {
  std::string fqdn;
  bool items_changed = false;
};

class ClaimTally {
 public:
  /// The counts of `topology`'s items.
  ClaimTally(const Topology& topology, const ModelCatalog& model);

  /// Moves the counts from revision `before` to `after`, two revisions of one
  /// plan (chunks they share were not written in between), and appends to
  /// `touched` each FQDN the changed chunks name, once: every FQDN whose state
  /// changed is among them; items_changed says whether the items naming it
  /// changed (their claims may differ where the state does not).
  void Advance(const Topology& before, const Topology& after, std::vector<TouchedFqdn>* touched);

  FqdnState StateOf(const std::string& fqdn) const;
  /// True once some revision named one FQDN by two Exchange servers: only
  /// their order decides whether it hosts UM, and the counts do not keep it.
  bool ambiguous() const { return ambiguous_; }

 private:
  struct Counts {
    std::vector<std::pair<int, int>> versions;  // (version, claims), sorted by version
    int sipname_listings = 0;
    int exchange_servers = 0;
    int exchange_servers_without_um = 0;
    int exchange_owa_im = 0;
    int owaim_certificates = 0;
    int trusted_application_computers = 0;
    /// Items naming the FQDN, by a hash of what they claim: a step that leaves it unchanged did not touch it.
    uint64_t items_digest = 0;
  };
  /// Adds `sign` times one part (claim_tally.cpp PartKind) of an item with digest `digest` to `fqdn`'s counts.
  void Add(const std::string& fqdn, int kind, int version, uint64_t digest, int sign);

  const ModelCatalog& model_;
  std::unordered_map<std::string, Counts> counts_;
  bool ambiguous_ = false;
  std::unordered_map<std::string, uint64_t>* digests_before_ = nullptr;  // in Advance: each FQDN's digest before
};

}  // namespace kst
