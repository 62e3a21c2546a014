// The impact graph.
//
// Vertices come in four layers, each an instance of the model's impact
// section for the topology:
//   0 condition  (condition, subject server), e.g. (certificate-valid, ex1)
//   1 side need  (channel, need) for a need about the Lync side of a channel
//   2 channel    (channel, peer), e.g. (um-to-lync, ex1); its Lync servers
//                are the channel's Lync side, the same for every peer
//   3 feature    (feature, peer), e.g. (message-waiting-indicator, ex1)
// Edges point from what depends to what it needs: feature -> channel,
// channel -> condition of its peer (a peer need), channel -> side need ->
// condition of each Lync server of the side. Every edge goes up one or two
// layers, never down, so the graph is acyclic by construction.
//
// A finding names the conditions it breaks (BrokenCondition). Evaluate
// first finds everything that depends on them by a breadth-first search of
// the reversed graph from their vertices (Boost.Graph), then carries the
// set of Lync servers each dependency fails for through the reached
// channels: a lookup condition fails only for the lookers
// the finding names, a peer condition for every Lync server of the channel,
// a Lync-side condition for that server alone, and a certificate condition
// only for channels that use one of the certificate's services. A feature
// breaks on the servers its channel breaks on. Features of the same peers
// that the search did not reach keep working: with a wrong certificate
// subject on Exchange UM, that is how "MWI fails while voicemail works" comes
// out of the model rather than out of a message written for the case.
//
// Size: channels x peers + features x peers + conditions x servers vertices;
// the graph is built once per report, only when there is something to place.
// Tested by impact_graph_test.cpp.

#include "check/impact_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <set>

#include "model/claims.h"

namespace kst {
namespace {

enum class Layer : uint8_t { kCondition = 0, kSideNeed = 1, kChannel = 2, kFeature = 3 };

struct VertexProps {
  Layer layer = Layer::kCondition;
  uint32_t index = 0;  // into the layer's own table
};

struct EdgeProps {
  int need = -1;  // channel -> condition / side need: the need of the channel
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using Vertex = BoostGraph::vertex_descriptor;

/// Records the vertices a breadth-first search discovers.
class ReachVisitor : public boost::default_bfs_visitor {
 public:
  explicit ReachVisitor(std::vector<Vertex>* reached) : reached_(reached) {}
  template <typename G>
  void discover_vertex(Vertex v, const G&) const {
    reached_->push_back(v);
  }

 private:
  std::vector<Vertex>* reached_;
};

void AddSorted(std::vector<std::string>* items, const std::string& item) {
  if (items->empty() || items->back() < item) {  // names mostly come sorted (ClaimIndex::servers)
    items->push_back(item);
    return;
  }
  auto it = std::lower_bound(items->begin(), items->end(), item);
  if (it == items->end() || *it != item) items->insert(it, item);
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

void AppendField(std::string* view, const std::string& field) {
  *view += std::to_string(field.size());
  *view += ':';
  *view += field;
}

}  // namespace

bool ServicesOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  return std::any_of(a.begin(), a.end(), [&](const std::string& s) { return Contains(b, s); });
}

struct ImpactGraph::Graph {
  BoostGraph graph;
  std::vector<std::pair<std::string, std::string>> conditions;  // (condition, subject)
  // condition -> subject -> vertex: found without building a key (Build asks once per Lync server and need).
  std::map<std::string, std::map<std::string, uint32_t, std::less<>>, std::less<>> condition_vertex;
  std::vector<std::pair<uint32_t, int>> side_needs;  // (channel instance, need)
  std::vector<Vertex> channel_vertex;
  std::vector<Vertex> feature_vertex;
  mutable std::vector<boost::default_color_type> search_colors;  // Search's scratch, one per graph
};

ImpactGraph::ImpactGraph(const std::vector<const Topology*>& topologies, const ModelCatalog& model,
                         const std::vector<const ClaimIndex*>& claims)
    : model_(model), graph_(std::make_unique<Graph>()) {
  InstantiateAll(topologies, claims);
  Build();
}

ImpactGraph::ImpactGraph(const std::vector<const Topology*>& topologies, const ModelCatalog& model,
                         const std::vector<const ClaimIndex*>& claims, const std::vector<std::string>& subjects)
    : model_(model), graph_(std::make_unique<Graph>()), focus_(subjects) {
  InstantiateAll(topologies, claims);
  // A subject on the Lync side of a channel reaches the channels of every
  // peer: then the focus would leave out what Evaluate must see.
  const bool lync_subject = std::any_of(lync_side_servers_.begin(), lync_side_servers_.end(), [&](const auto& side) {
    return std::any_of(subjects.begin(), subjects.end(), [&](const std::string& s) {
      return std::binary_search(side.second.begin(), side.second.end(), s);
    });
  });
  if (lync_subject) {
    focus_.reset();
    peers_.clear();
    peers_by_kind_.clear();
    lync_side_servers_.clear();
    InstantiateAll(topologies, claims);
  }
  Build();
}

void ImpactGraph::InstantiateAll(const std::vector<const Topology*>& topologies,
                                 const std::vector<const ClaimIndex*>& claims) {
  for (size_t i = 0; i < topologies.size(); ++i) {
    if (i < claims.size() && claims[i])
      Instantiate(*topologies[i], *claims[i]);
    else
      Instantiate(*topologies[i], CollectClaims(*topologies[i], model_));
  }
}

bool ImpactGraph::InFocus(const std::string& peer) const {
  // Asked for every dial plan server and pool computer of every revision a
  // focused graph reads: a scan of one or two names beats a tree.
  return !focus_ || std::find(focus_->begin(), focus_->end(), peer) != focus_->end();
}

ImpactGraph::~ImpactGraph() = default;

void ImpactGraph::Instantiate(const Topology& topology, const ClaimIndex& claims) {
  auto add_peer = [&](const std::string& kind, const std::string& peer, const std::string& why) {
    if (!InFocus(peer)) return;
    AddSorted(&peers_by_kind_[kind], peer);
    std::vector<std::string>& reasons = peers_[peer];
    if (!Contains(reasons, why)) reasons.push_back(why);
  };
  // A focused graph asks about its few peers: a linear find each, where an
  // index of every Exchange server per revision would cost more than the graph.
  std::optional<ExchangeServerLookup> lookup;
  if (!focus_) lookup.emplace(topology);
  auto exchange_server = [&](const std::string& fqdn) {
    return lookup ? lookup->Find(fqdn) : topology.FindExchangeServer(fqdn);
  };
  for (const UmDialPlan& plan : topology.dial_plans) {
    const UriTypeInfo* uri_type = model_.FindUriType(plan.uri_type);
    if (!uri_type || !uri_type->um_routing_adds) continue;
    for (const NamedAt& server : plan.servers) {
      if (!InFocus(server.name)) continue;
      if (ExchangeServerHostsUm(exchange_server(server.name), model_))
        add_peer("um-host", server.name,
                 "Exchange UM server (" + plan.uri_type + " dial plan \"" + plan.name.name + "\")");
    }
  }
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools)
    for (const NamedAt& computer : tap.computers)
      if (InFocus(computer.name) && exchange_server(computer.name))
        add_peer("owa-im-server", computer.name, "OWA IM server (trusted application pool " + tap.fqdn.name + ")");
  const auto in_focus = [this](const std::string& server) { return InFocus(server); };
  for (const auto& [server, why] :
       OwaImServers(topology, focus_ ? in_focus : std::function<bool(const std::string&)>{}))
    if (const std::vector<std::string>& owa = peers_by_kind_["owa-im-server"];
        !std::binary_search(owa.begin(), owa.end(), server))  // sorted (AddSorted)
      add_peer("owa-im-server", server, "OWA IM server (" + why + ")");
  for (const HostingProvider& provider : topology.hosting_providers)
    if (const LyncPool* edge = topology.FindPool(provider.edge_pool.name))
      for (const NamedAt& server : PoolServers(*edge))
        add_peer(
            "hosted-um-edge", server.name,
            "Edge server to hosting provider \"" + provider.identity.name + "\" (" + provider.proxy_fqdn.name + ")");

  std::set<std::string> gateway_pools;
  for (const UmIpGateway& gateway : topology.um_ip_gateways) gateway_pools.insert(gateway.address.name);
  for (const KstServer& server : claims.servers) {
    if (server.runs_um_routing) AddSorted(&lync_side_servers_["um-routing"], server.fqdn);
    if (server.hosts_registrar) AddSorted(&lync_side_servers_["registrars"], server.fqdn);
    const bool gateway = gateway_pools.empty() ? server.runs_um_routing : gateway_pools.count(server.pool) > 0;
    if (gateway) AddSorted(&lync_side_servers_["um-ip-gateways"], server.fqdn);
  }
}

// Change it with Instantiate: it lists what Instantiate reads.
std::string ImpactGraph::ServersView(const Topology& topology) {
  std::string view;
  for (const LyncPool& pool : topology.pools) {
    AppendField(&view, pool.fqdn.name);
    AppendField(&view, pool.role);
    for (const NamedAt& computer : pool.computers) AppendField(&view, computer.name);
    view += ';';
  }
  view += '|';
  for (const ExchangeServer& server : topology.exchange_servers) {
    AppendField(&view, server.fqdn.name);
    AppendField(&view, server.version);
    view += server.owa_im ? '+' : '-';
  }
  view += '|';
  for (const Certificate& certificate : topology.certificates) {
    AppendField(&view, certificate.server.name);
    for (const NamedAt& service : certificate.services) AppendField(&view, service.name);
    view += ';';
  }
  view += '|';
  for (const HostingProvider& provider : topology.hosting_providers) {
    AppendField(&view, provider.identity.name);
    AppendField(&view, provider.proxy_fqdn.name);
    AppendField(&view, provider.edge_pool.name);
  }
  view += '|';
  for (const UmIpGateway& gateway : topology.um_ip_gateways) AppendField(&view, gateway.address.name);
  return view;
}

const std::vector<std::string>& ImpactGraph::LyncServers(const ChannelInfo& channel) const {
  static const std::vector<std::string> kNone;
  auto it = lync_side_servers_.find(channel.lync_side);
  return it == lync_side_servers_.end() ? kNone : it->second;
}

uint32_t ImpactGraph::ConditionVertex(const std::string& condition, const std::string& subject) {
  auto by_condition = graph_->condition_vertex.find(condition);
  if (by_condition == graph_->condition_vertex.end())
    by_condition = graph_->condition_vertex.emplace(condition, std::map<std::string, uint32_t, std::less<>>{}).first;
  if (auto found = by_condition->second.find(subject); found != by_condition->second.end()) return found->second;
  const auto v = static_cast<uint32_t>(boost::add_vertex(
      VertexProps{Layer::kCondition, static_cast<uint32_t>(graph_->conditions.size())}, graph_->graph));
  graph_->conditions.push_back({condition, subject});
  by_condition->second.emplace(subject, v);
  return v;
}

void ImpactGraph::Build() {
  Graph& g = *graph_;
  for (const ChannelInfo& channel : model_.impact().channels()) {
    auto peers = peers_by_kind_.find(channel.peer);
    if (peers == peers_by_kind_.end()) continue;
    for (const std::string& peer : peers->second) channels_.push_back({&channel, peer});
  }
  for (uint32_t c = 0; c < channels_.size(); ++c) {
    const ChannelInstance& instance = channels_[c];
    const Vertex v = boost::add_vertex(VertexProps{Layer::kChannel, c}, g.graph);
    g.channel_vertex.push_back(v);
    const std::vector<ChannelNeed>& needs = instance.channel->needs;
    for (int n = 0; n < static_cast<int>(needs.size()); ++n) {
      if (needs[n].subject == Side::kPeer) {
        boost::add_edge(v, ConditionVertex(needs[n].condition, instance.peer), EdgeProps{n}, g.graph);
        continue;
      }
      const Vertex side =
          boost::add_vertex(VertexProps{Layer::kSideNeed, static_cast<uint32_t>(g.side_needs.size())}, g.graph);
      g.side_needs.push_back({c, n});
      boost::add_edge(v, side, EdgeProps{n}, g.graph);
      for (const std::string& server : LyncServers(*instance.channel))
        boost::add_edge(side, ConditionVertex(needs[n].condition, server), EdgeProps{n}, g.graph);
    }
  }
  for (const FeatureInfo& feature : model_.impact().features()) {
    for (uint32_t c = 0; c < channels_.size(); ++c) {
      if (channels_[c].channel->id != feature.channel) continue;
      const uint32_t index = static_cast<uint32_t>(features_.size());
      features_.push_back({&feature, c});
      const Vertex v = boost::add_vertex(VertexProps{Layer::kFeature, index}, g.graph);
      g.feature_vertex.push_back(v);
      boost::add_edge(v, g.channel_vertex[c], g.graph);
    }
  }
}

size_t ImpactGraph::vertex_count() const {
  return boost::num_vertices(graph_->graph);
}
size_t ImpactGraph::edge_count() const {
  return boost::num_edges(graph_->graph);
}

bool ImpactGraph::Breaks(const BrokenCondition& broken, const ChannelInstance& channel, const ChannelNeed& need,
                         const std::string& server) const {
  if (broken.condition != need.condition || !ServicesOverlap(broken.services, need.services)) return false;
  const ConditionInfo* condition = model_.impact().FindCondition(need.condition);
  const bool lookup = condition && condition->lookup;
  if (need.subject == Side::kPeer)
    return broken.subject == channel.peer && (!lookup || broken.lookers.empty() || Contains(broken.lookers, server));
  return broken.subject == server && (!lookup || broken.lookers.empty() || Contains(broken.lookers, channel.peer));
}

struct ImpactGraph::Failures {
  // channel -> Lync servers it fails for, sorted and distinct once Search returns (pointers into
  // lync_side_servers_: a finding of an estate fails hundreds of servers on each of its channels)
  std::map<uint32_t, std::vector<const std::string*>> servers;
  std::map<uint32_t, std::set<int>> causes;  // channel -> needs that failed
  std::set<uint32_t> reached_features;
};

ImpactGraph::Failures ImpactGraph::Search(const std::vector<BrokenCondition>& broken) const {
  const Graph& g = *graph_;
  Failures failures;
  std::map<Vertex, std::vector<const BrokenCondition*>> at_vertex;
  for (const BrokenCondition& b : broken) {
    auto by_condition = g.condition_vertex.find(b.condition);
    if (by_condition == g.condition_vertex.end()) continue;
    auto it = by_condition->second.find(b.subject);
    if (it != by_condition->second.end()) at_vertex[it->second].push_back(&b);
  }
  if (at_vertex.empty()) return failures;
  std::vector<Vertex> sources, reached;
  for (const auto& [v, list] : at_vertex) sources.push_back(v);
  auto reversed = boost::make_reverse_graph(g.graph);
  // One colour map per graph, reused: a search per finding allocated (and the
  // allocator then consolidated) a map of every vertex, most of a long plan's time.
  std::vector<boost::default_color_type>& colors = g.search_colors;
  colors.assign(boost::num_vertices(g.graph), boost::white_color);
  boost::queue<Vertex> queue;
  boost::breadth_first_search(
      reversed, sources.begin(), sources.end(), queue, ReachVisitor(&reached),
      boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, reversed)));

  for (Vertex v : reached) {
    if (g.graph[v].layer == Layer::kFeature) failures.reached_features.insert(g.graph[v].index);
    if (g.graph[v].layer != Layer::kChannel) continue;
    const uint32_t c = g.graph[v].index;
    const ChannelInstance& instance = channels_[c];
    for (auto [e, end] = boost::out_edges(v, g.graph); e != end; ++e) {
      const int n = g.graph[*e].need;
      // A peer need points at its condition; a Lync-side need at one condition per server.
      std::vector<Vertex> conditions;
      const Vertex target = boost::target(*e, g.graph);
      if (g.graph[target].layer == Layer::kCondition) conditions.push_back(target);
      for (auto [s, send] = boost::out_edges(target, g.graph); s != send; ++s)
        conditions.push_back(boost::target(*s, g.graph));
      for (Vertex condition : conditions) {
        auto found = at_vertex.find(condition);
        if (found == at_vertex.end()) continue;
        for (const BrokenCondition* b : found->second)
          for (const std::string& server : LyncServers(*instance.channel))
            if (Breaks(*b, instance, instance.channel->needs[static_cast<size_t>(n)], server)) {
              failures.servers[c].push_back(&server);
              failures.causes[c].insert(n);
            }
      }
    }
  }
  // Each list was filled in LyncServers' order (sorted) once per broken
  // condition and need: sorted already unless two of them broke the channel.
  auto by_name = [](const std::string* a, const std::string* b) { return *a < *b; };
  for (auto& [c, servers] : failures.servers) {
    if (std::is_sorted(servers.begin(), servers.end(), by_name) &&
        std::adjacent_find(servers.begin(), servers.end()) == servers.end())
      continue;
    std::sort(servers.begin(), servers.end(), by_name);
    servers.erase(std::unique(servers.begin(), servers.end(), [](auto a, auto b) { return *a == *b; }), servers.end());
  }
  return failures;
}

void ImpactGraph::CollectFeatures(const Failures& failures, Impact* impact) const {
  std::set<std::string> hurt_peers;
  for (const auto& [c, servers] : failures.servers) hurt_peers.insert(channels_[c].peer);
  for (const DirectionInfo& direction : model_.impact().directions()) {
    for (uint32_t f = 0; f < features_.size(); ++f) {
      const FeatureInstance& instance = features_[f];
      const ChannelInstance& channel = channels_[instance.channel];
      if (channel.channel->direction != direction.id || !hurt_peers.count(channel.peer)) continue;
      auto it = failures.servers.find(instance.channel);
      FeatureImpact item{instance.feature->id, instance.feature->name, direction.id, channel.peer, {}};
      if (!failures.reached_features.count(f) || it == failures.servers.end()) {
        item.servers = LyncServers(*channel.channel);
        impact->still_works.push_back(std::move(item));
        continue;
      }
      item.servers.reserve(it->second.size());
      for (const std::string* server : it->second) item.servers.push_back(*server);
      impact->breaks.push_back(std::move(item));
      for (const Symptom& symptom : instance.feature->symptoms)
        if (std::none_of(impact->symptoms.begin(), impact->symptoms.end(),
                         [&](const Symptom& s) { return s.text == symptom.text; }))
          impact->symptoms.push_back(symptom);
    }
  }
  auto by_peer = [](const FeatureImpact& a, const FeatureImpact& b) { return a.peer < b.peer; };
  std::stable_sort(impact->breaks.begin(), impact->breaks.end(), by_peer);
  std::stable_sort(impact->still_works.begin(), impact->still_works.end(), by_peer);
}

void ImpactGraph::CollectObservations(const Failures& failures, Impact* impact) const {
  auto assume = [&](const std::string& id) {
    if (!id.empty() && !Contains(impact->assumptions, id)) impact->assumptions.push_back(id);
  };
  for (const auto& [c, causes] : failures.causes) {
    const ChannelInstance& instance = channels_[c];
    for (const std::string& id : instance.channel->assumptions) assume(id);
    for (const KindInfo& side : model_.impact().lync_sides())
      if (side.id == instance.channel->lync_side) assume(side.assumption);
    for (int n : causes) {
      const ChannelNeed& need = instance.channel->needs[static_cast<size_t>(n)];
      for (const std::string& id : need.assumptions) assume(id);
      for (const Observation& observation : need.observations) {
        auto same = std::find_if(impact->observations.begin(), impact->observations.end(), [&](const auto& p) {
          return p.observation.party == observation.party && p.observation.id == observation.id &&
                 p.observation.text == observation.text;
        });
        if (same == impact->observations.end()) same = impact->observations.insert(same, {observation, {}});
        if (observation.party == "peer")
          AddSorted(&same->servers, instance.peer);
        else
          for (const std::string* server : failures.servers.at(c)) AddSorted(&same->servers, *server);
      }
    }
  }
}

Impact ImpactGraph::Evaluate(const std::vector<BrokenCondition>& broken) const {
  Impact impact;
  const Failures failures = Search(broken);
  CollectFeatures(failures, &impact);
  CollectObservations(failures, &impact);
  return impact;
}

}  // namespace kst
