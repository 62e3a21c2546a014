#pragma once
// The impact graph: the model's features, channels and conditions
// instantiated for a topology, per peer and per Lync server, in Boost.Graph.
// Findings name the conditions they break; the graph says which features
// break, in which direction and between which servers, by reachability.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/claims.h"
#include "model/feature_impact.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// One channel of the model between one peer and the Lync servers at the
/// other end (the channel's Lync side, the same for every peer).
struct ChannelInstance {
  const ChannelInfo* channel = nullptr;
  std::string peer;
};

/// One feature of the model over one channel instance.
struct FeatureInstance {
  const FeatureInfo* feature = nullptr;
  uint32_t channel = 0;  // index into ImpactGraph::channels()
};

class ImpactGraph {
 public:
  /// Instantiates the model for every topology given (a scenario's base and
  /// final topology: a feature that exists in either can be hurt). `claims`,
  /// when given, holds each topology's claim index (the analysis has built
  /// them once per revision); otherwise they are collected here. Only their
  /// servers are read.
  ImpactGraph(const std::vector<const Topology*>& topologies, const ModelCatalog& model,
              const std::vector<const ClaimIndex*>& claims = {});
  /// The part of that graph that conditions on `subjects` can reach: the
  /// channels of those peers (all of them, so that what still works is told
  /// too), or the whole graph when a subject is a Lync server (a Lync-side
  /// condition reaches the channels of every peer). Evaluate gives the same
  /// Impact as on the whole graph for conditions on `subjects` only; a long
  /// plan so builds, per finding, the graph of one peer instead of the estate.
  ImpactGraph(const std::vector<const Topology*>& topologies, const ModelCatalog& model,
              const std::vector<const ClaimIndex*>& claims, const std::vector<std::string>& subjects);
  ~ImpactGraph();
  ImpactGraph(const ImpactGraph&) = delete;

  /// Everything a graph reads of a topology except its dial plans and trusted
  /// application pools, as one string: the pools with their roles and computers
  /// (the Lync servers and their sides; not their versions, which no channel
  /// reads), the Exchange servers, the certificates, the hosting providers and
  /// the UM IP gateways. Fields are length-prefixed: equal views, equal inputs.
  /// Revisions with equal views and equal requirements of a focused FQDN
  /// (FqdnState::um_host, trusted_application) give equal focused graphs, so a
  /// long plan's window is one or two revisions (ImpactGraphs::InForce).
  static std::string ServersView(const Topology& topology);
  ImpactGraph& operator=(const ImpactGraph&) = delete;

  /// The features `broken` breaks (reachable from the broken conditions),
  /// the features of the same peers that are not reached, and the
  /// observations and symptoms of the model for them.
  Impact Evaluate(const std::vector<BrokenCondition>& broken) const;

  /// True when `broken` breaks `need` of channel instance `channel` for the
  /// Lync server `server` (what `kst impact` shows per need and server).
  bool Breaks(const BrokenCondition& broken, const ChannelInstance& channel, const ChannelNeed& need,
              const std::string& server) const;

  const std::vector<ChannelInstance>& channels() const { return channels_; }
  const std::vector<FeatureInstance>& features() const { return features_; }
  /// The Lync servers at the other end of a channel of the model.
  const std::vector<std::string>& LyncServers(const ChannelInfo& channel) const;
  /// Every peer, sorted, with what makes it one ("Exchange server hosting
  /// SipName dial plan \"Contoso SIP\""); of a focused graph, its peers only.
  const std::map<std::string, std::vector<std::string>>& peers() const { return peers_; }
  const ModelCatalog& model() const { return model_; }
  size_t vertex_count() const;
  size_t edge_count() const;

 private:
  struct Graph;
  struct Failures;  // what one Evaluate found: failing servers and causes per channel
  void Instantiate(const Topology& topology, const ClaimIndex& claims);
  void InstantiateAll(const std::vector<const Topology*>& topologies, const std::vector<const ClaimIndex*>& claims);
  /// True when a peer of this name is instantiated (every peer, or the focus).
  bool InFocus(const std::string& peer) const;
  /// The breadth-first search from the broken conditions, then the servers
  /// each reached channel fails for.
  Failures Search(const std::vector<BrokenCondition>& broken) const;
  void CollectFeatures(const Failures& failures, Impact* impact) const;
  void CollectObservations(const Failures& failures, Impact* impact) const;
  void Build();
  uint32_t ConditionVertex(const std::string& condition, const std::string& subject);

  const ModelCatalog& model_;
  std::map<std::string, std::vector<std::string>> peers_;              // peer -> why
  std::map<std::string, std::vector<std::string>> peers_by_kind_;      // kind -> peers
  std::map<std::string, std::vector<std::string>> lync_side_servers_;  // side id -> servers
  std::vector<ChannelInstance> channels_;
  std::vector<FeatureInstance> features_;
  std::unique_ptr<Graph> graph_;
  std::optional<std::vector<std::string>> focus_;  // the peers kept (a few: scanned); none: every peer
};

/// True when the certificate services of a broken condition and a need
/// overlap (an empty list on either side matches everything).
bool ServicesOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace kst
