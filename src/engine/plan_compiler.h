#pragma once
// Turns a scenario into the inputs of its (server, FQDN) cells and groups
// cells with equal inputs into classes, each explored once.
//
// A plan step costs what it changes. The topology revisions of a plan share
// the chunks a step did not write (base/shared_vector.h), and a ClaimTally
// (model/claim_tally.h) moves what each FQDN's cells read (its versions, its
// UM Routing listing, who needs it) from one revision to the next by the
// items of the changed chunks only: per FQDN, the plan keeps the steps after
// which that state differs. No claim index of a revision is kept; the few
// that readers ask for (ClaimsAfter) are collected when asked. Where the
// counts cannot decide (one FQDN named by two Exchange servers), every
// revision's claims are collected and compared instead, as the tests compare
// the two ways on every scenario.
//
// Per FQDN, only the plan steps that change what a producer claims for it
// are kept (a publish that leaves its versions alone cannot affect its
// cell); per server, only the restarts that include it. A cell's input is
// then fully determined by an FQDN signature and a server signature, so
// classes are found by interning the two signatures and pairing their ids.
// Nothing is kept per cell: a table indexed by (server signature, FQDN
// signature) names each pair's class, so memory grows with the servers, the
// FQDNs and the signature pairs (a handful for a pool of 40,000 computers,
// where the cells are 1.6 * 10^9), and ClassOf is two lookups and an index.
// Tested by plan_compiler_test.cpp.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/cell_model.h"
#include "engine/trace.h"
#include "model/claim_tally.h"
#include "model/claims.h"
#include "model/scenario.h"

namespace kst {

struct CellClass {
  CellInput input;
  uint32_t first_server = 0;  // a representative cell, for narration
  uint32_t first_fqdn = 0;
  uint64_t cells = 0;
};

/// Why a plan was not compiled within its memory budget: where it stopped,
/// what the process held then and what the next pass would have added.
struct PlanMemoryRefusal {
  enum class Phase {
    kClaims,   // following the claims through the topology revisions
    kClasses,  // before or while grouping the cells into classes
  };
  Phase phase = Phase::kClaims;
  uint64_t resident_bytes = 0;  // the process's resident memory then
  uint64_t needed_bytes = 0;    // the estimate of what the next pass adds (0: it was already over)
  size_t servers = 0, fqdns = 0;
  size_t server_signatures = 0, fqdn_signatures = 0;  // 0: not known yet
};

class CompiledPlan {
 public:
  /// Compiles the plan; an interrupt (Ctrl-C) between its passes abandons it
  /// (interrupted(): no server, FQDN or class), so callers stop at once.
  /// With a memory budget (`max_memory_bytes`, 0: none), the process's
  /// resident memory is compared with it after each change step and,
  /// before the per-server, per-FQDN and per-class structures are allocated,
  /// with what they will take: over it, the plan is abandoned the same way and
  /// memory_refusal() says why.
  /// How the claims are followed through the revisions: by what each step
  /// changed (the default), or by collecting every revision's claims (what the
  /// counts fall back to, and what tests compare them with).
  enum class ClaimSource { kChanges, kEveryRevision };
  CompiledPlan(const Scenario& scenario, const ModelCatalog& model, uint64_t max_memory_bytes = 0,
               ClaimSource source = ClaimSource::kChanges);
  /// The way this plan's claims were followed (kEveryRevision where the counts could not decide).
  ClaimSource claim_source() const { return claim_source_; }

  bool interrupted() const { return interrupted_; }
  const std::optional<PlanMemoryRefusal>& memory_refusal() const { return memory_refusal_; }

  const Scenario& scenario() const { return scenario_; }
  const std::vector<KstServer>& servers() const { return servers_; }
  const std::vector<std::string>& fqdns() const { return fqdns_; }
  const std::vector<CellClass>& classes() const { return classes_; }
  /// The class of cell (server, fqdn): its server's and its FQDN's signatures select it.
  uint32_t ClassOf(size_t server, size_t fqdn) const { return ClassOfSignatures(server_sig_[server], fqdn_sig_[fqdn]); }
  /// Builds the input of one cell (used by replay and by tests).
  CellInput InputFor(size_t server, size_t fqdn) const;
  /// Servers with equal signatures (role flags, the plan steps that restart them) give equal cell inputs,
  /// plan step numbers and requirement included, for every FQDN: one InputFor serves them all.
  uint32_t ServerSignature(size_t server) const { return server_sig_[server]; }
  /// FQDNs with equal signatures (their claims and requirements over the plan) give equal cell inputs.
  uint32_t FqdnSignatureOf(size_t fqdn) const { return fqdn_sig_[fqdn]; }
  size_t server_signature_count() const { return server_signature_count_; }
  size_t fqdn_signature_count() const { return fqdn_signature_count_; }
  /// The class of every cell whose server has signature `server_signature` and
  /// whose FQDN has `fqdn_signature`: what a walk over the pairs reads instead of the cells.
  uint32_t ClassOfSignatures(size_t server_signature, size_t fqdn_signature) const {
    return pair_class_[server_signature * fqdn_signature_count_ + fqdn_signature];
  }
  int ServerIndex(const std::string& fqdn) const;
  int FqdnIndex(const std::string& fqdn) const;
  /// Claims on `fqdn` in the base topology and after every plan step, deduplicated.
  std::vector<ClaimRef> ClaimsOn(const std::string& fqdn) const;
  const ClaimIndex& base_claims() const { return base_claims_; }
  /// The claims once plan step `plan_index` is done (a restart or a wait shares
  /// the revision before it), collected when first asked for and kept:
  /// whole-system exports and impact graphs read a few revisions whole.
  const ClaimIndex& ClaimsAfter(size_t plan_index) const;
  const ClaimIndex& final_claims() const { return final_claims_; }
  /// What `fqdn`'s cells read once `done` plan steps are done (0: the base):
  /// its versions, UM Routing listing and requirement, without a claim index.
  FqdnState StateAfter(const std::string& fqdn, size_t done) const;
  /// Servers of the final topology that the base topology does not have.
  const std::vector<KstServer>& joining_servers() const { return joining_servers_; }

 private:
  struct FqdnChange {
    int plan_index;
    bool ad;  // an AD (Exchange) change rather than a topology publish
    VersionSet versions;
    bool listed;
  };
  struct FqdnSignature {
    std::vector<FqdnChange> changes;
    VersionSet base_versions;
    bool base_listed = false;
    Requirement start, end;
    /// (k, r): from k plan steps done on, the topology in force requires r.
    std::vector<std::pair<int, Requirement>> requirement_changes;
  };

  /// Per FQDN, the plan steps after which its state differs from the step
  /// before, with the state then (only FQDNs some step changes).
  using StateChanges = std::vector<std::pair<uint32_t, FqdnState>>;
  /// Follows the claims through the revisions: state_changes_ and claim_steps_.
  bool FollowChanges(const ModelCatalog& model);
  bool FollowEveryRevision(const ModelCatalog& model);
  /// Records that after plan step `step` the items naming `fqdn` changed (`items_changed`) and its state is `state`.
  void Record(const std::string& fqdn, uint32_t step, FqdnState state, bool items_changed);
  /// The plan steps whose state SignatureOf must read for an FQDN that changes at `changes`:
  /// those, and the next change step of the other kind after each (a publish compares
  /// versions with the last publish, an AD change its listing with the last AD change).
  std::vector<uint32_t> StepsToRead(const StateChanges& changes) const;
  FqdnSignature SignatureOf(const std::string& fqdn) const;
  void Abandon();
  /// False, with memory_refusal_ set, when the resident memory plus `more_bytes` exceeds the budget.
  bool WithinMemoryBudget(uint64_t more_bytes, PlanMemoryRefusal::Phase phase);
  CellInput BuildInput(size_t server_index, const FqdnSignature& signature) const;
  void SignServers();
  void SignFqdns();
  void Classify();

  const Scenario& scenario_;
  const ModelCatalog& model_;
  ClaimSource claim_source_;
  ClaimIndex base_claims_;
  ClaimIndex final_claims_;
  std::unordered_map<std::string, StateChanges> state_changes_;
  /// Per FQDN, the plan steps after which the items naming it changed: the revisions ClaimsOn reads.
  std::unordered_map<std::string, std::vector<uint32_t>> claim_steps_;
  mutable std::map<const Topology*, std::unique_ptr<ClaimIndex>> claims_after_;  // ClaimsAfter's revisions
  bool abandoned_ = false;
  /// Per plan step: the next step at or after it that changes the topology by a publish, and by an AD change (none:
  /// plan size).
  std::vector<uint32_t> next_publish_, next_ad_change_;
  /// Per server index: the plan steps that restart it, in order.
  std::vector<std::vector<uint32_t>> restarts_of_;
  std::vector<uint32_t> waits_;       // the wait_for_replication steps, in order
  std::vector<uint32_t> poll_waits_;  // the wait_for_um_poll steps, in order
  std::vector<KstServer> servers_;
  std::vector<KstServer> joining_servers_;
  std::vector<std::string> fqdns_;
  std::vector<FqdnSignature> signatures_;
  std::vector<CellClass> classes_;
  std::vector<uint32_t> server_sig_;  // per server: its signature id (SignServers)
  std::vector<uint32_t> fqdn_sig_;    // per FQDN: its signature id (SignFqdns)
  size_t server_signature_count_ = 0;
  size_t fqdn_signature_count_ = 0;
  /// [server signature * fqdn_signature_count_ + FQDN signature]: the class of every cell with these signatures.
  std::vector<uint32_t> pair_class_;
  uint64_t max_memory_bytes_ = 0;
  std::optional<PlanMemoryRefusal> memory_refusal_;
  bool interrupted_ = false;
};

}  // namespace kst
