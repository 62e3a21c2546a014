#include "report/topology_graph.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/timestamp.h"
#include "report/graphviz.h"

namespace kst {
namespace {

constexpr const char* kRed = "#c0392b";
constexpr const char* kGreen = "#1e8449";

std::string Join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

class TopologyDot {
 public:
  TopologyDot(const Topology& topology, const Report& report, const ModelCatalog& model, std::ostream& out)
      : topology_(topology), report_(report), model_(model), out_(out) {
    for (const Finding& finding : report.findings) {
      rules_[finding.fqdn].insert(finding.rule);
      for (const std::string& server : finding.servers) rules_[server].insert(finding.rule);
    }
  }

  void Write() {
    std::string title = "kst: " + report_.input + "\nverdict: " + VerdictName(report_.verdict);
    if (report_.checked_at) title += ", checked at " + FormatTimestamp(*report_.checked_at);
    out_ << "digraph kst {\n"
         << "  graph [rankdir=LR, compound=true, newrank=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, "
            "forcelabels=true, label="
         << DotQuote(title) << "];\n"
         << "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded\"];\n"
         << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    WriteLync();
    WriteExchange();
    WriteHostingProviders();
    WriteFindingEdges();
    out_ << "}\n";
  }

 private:
  /// A server node: its name, what it presents and its clock; red when a finding names it.
  void Node(const std::string& fqdn, const std::string& kind, const std::string& shape, const std::string& indent) {
    if (!drawn_.insert(fqdn).second) return;
    std::string label = fqdn + (kind.empty() ? "" : "\n" + kind);
    for (const Certificate& certificate : topology_.certificates) {
      if (certificate.server.name != fqdn) continue;
      std::vector<std::string> services;
      for (const NamedAt& service : certificate.services) {
        const CertificateServiceInfo* info = model_.FindCertificateService(service.name);
        if (info && info->sip) services.push_back(service.name);
      }
      if (!services.empty()) label += "\n" + Join(services) + ": CN=" + certificate.subject_cn.name;
    }
    for (const ClockReading& clock : topology_.clocks)
      if (clock.server.name == fqdn && (clock.offset_seconds >= 1 || clock.offset_seconds <= -1))
        label += std::string("\nclock ") + (clock.offset_seconds < 0 ? "-" : "+") +
                 FormatDuration(static_cast<int64_t>(clock.offset_seconds));
    out_ << indent << DotQuote(fqdn) << " [label=" << DotQuote(label);
    if (shape != "box") out_ << ", shape=" << shape << ", style=\"\"";
    auto rules = rules_.find(fqdn);
    if (rules != rules_.end())
      out_ << ", color=\"" << kRed << "\", fontcolor=\"" << kRed
           << "\", penwidth=2, tooltip=" << DotQuote(Join({rules->second.begin(), rules->second.end()}));
    out_ << "];\n";
  }

  static std::string ClusterId(const std::string& kind, const std::string& name) {
    return DotQuote("cluster_" + kind + "_" + name);
  }

  void WritePool(const LyncPool& pool, const std::string& indent) {
    out_ << indent << "subgraph " << ClusterId("pool", pool.fqdn.name) << " {\n"
         << indent
         << "  label=" << DotQuote(pool.role + " pool " + pool.fqdn.name + " (v" + std::to_string(pool.version) + ")")
         << "; style=rounded;\n";
    for (const NamedAt& server : PoolServers(pool)) Node(server.name, "", "box", indent + "  ");
    out_ << indent << "}\n";
    anchor_[pool.fqdn.name] = PoolServers(pool).front().name;
  }

  void WriteLync() {
    std::map<std::string, std::vector<const LyncPool*>> by_site;
    for (const LyncPool& pool : topology_.pools) by_site[pool.site].push_back(&pool);
    for (const auto& [site, pools] : by_site) {
      std::string indent = "  ";
      if (!site.empty()) {
        out_ << "  subgraph " << ClusterId("site", site) << " {\n    label=" << DotQuote("site " + site)
             << "; style=dashed;\n";
        indent = "    ";
      }
      for (const LyncPool* pool : pools) WritePool(*pool, indent);
      if (!site.empty()) out_ << "  }\n";
    }
    const ExchangeServerLookup exchange_servers(topology_);
    for (const TrustedApplicationPool& tap : topology_.trusted_application_pools) {
      const std::string id = "tap:" + tap.fqdn.name;
      out_ << "  " << DotQuote(id) << " [shape=component, style=\"\", label="
           << DotQuote("trusted application pool\n" + tap.fqdn.name + " (v" + std::to_string(tap.version) + ")")
           << "];\n";
      Edge(id, tap.registrar.name, "registrar", "style=dashed");
      for (const NamedAt& computer : tap.computers) {
        if (!exchange_servers.Find(computer.name)) Node(computer.name, "trusted application computer", "box", "  ");
        out_ << "  " << DotQuote(id) << " -> " << DotQuote(computer.name) << " [arrowhead=none, style=dotted];\n";
      }
    }
  }

  void WriteExchange() {
    if (topology_.exchange_servers.empty()) return;
    out_ << "  subgraph " << ClusterId("exchange", "organization") << " {\n    label=\"Exchange\"; style=rounded;\n";
    for (const ExchangeServer& server : topology_.exchange_servers)
      Node(server.fqdn.name, "Exchange" + (server.version.empty() ? "" : " " + server.version), "box3d", "    ");
    for (const UmDialPlan& plan : topology_.dial_plans) {
      const std::string id = "dialplan:" + plan.name.name;
      out_ << "    " << DotQuote(id)
           << " [shape=note, style=\"\", label=" << DotQuote(plan.uri_type + " UM dial plan\n" + plan.name.name)
           << "];\n";
      for (const NamedAt& server : plan.servers)
        out_ << "    " << DotQuote(id) << " -> " << DotQuote(server.name) << " [arrowhead=none, style=dotted];\n";
    }
    out_ << "  }\n";
    for (const UmIpGateway& gateway : topology_.um_ip_gateways) {
      const std::string id = "gateway:" + gateway.name.name;
      out_ << "  " << DotQuote(id)
           << " [shape=cds, style=\"\", label=" << DotQuote("UM IP gateway\n" + gateway.name.name) << "];\n";
      Edge(id, gateway.address.name, "Exchange UM sends SIP here", "style=dashed");
    }
  }

  void WriteHostingProviders() {
    for (const HostingProvider& provider : topology_.hosting_providers) {
      const std::string id = "provider:" + provider.identity.name;
      out_ << "  " << DotQuote(id) << " [shape=ellipse, style=\"\", label="
           << DotQuote("hosting provider " + provider.identity.name + "\n" + provider.proxy_fqdn.name) << "];\n";
      auto anchor = anchor_.find(provider.edge_pool.name);
      if (anchor == anchor_.end()) continue;
      out_ << "  " << DotQuote(anchor->second) << " -> " << DotQuote(id)
           << " [ltail=" << ClusterId("pool", provider.edge_pool.name) << ", label=\"hosted UM\"];\n";
    }
  }

  /// An edge from `from` to a pool (drawn to its cluster) or a node.
  void Edge(const std::string& from, const std::string& to, const std::string& label, const std::string& style) {
    auto anchor = anchor_.find(to);
    out_ << "  " << DotQuote(from) << " -> " << DotQuote(anchor == anchor_.end() ? to : anchor->second) << " [";
    if (anchor != anchor_.end()) out_ << "lhead=" << ClusterId("pool", to) << ", ";
    out_ << "label=" << DotQuote(label) << ", " << style << "];\n";
  }

  /// One red edge per peer and Lync server in each broken direction, for all
  /// findings together; the first edge of a peer and direction carries the
  /// rules and features, the others repeat them only in their tooltip.
  void WriteFindingEdges() {
    struct Broken {
      std::string from, to, direction, peer;
      std::vector<std::string> rules, features;
    };
    std::vector<Broken> edges;
    auto add = [](std::vector<std::string>* items, const std::string& item) {
      if (std::find(items->begin(), items->end(), item) == items->end()) items->push_back(item);
    };
    for (const Finding& finding : report_.findings) {
      for (const FeatureImpact& item : finding.impact.breaks) {
        for (const std::string& server : item.servers) {
          const bool to_lync = item.direction == "exchange-to-lync";
          const std::string from = to_lync ? item.peer : server, to = to_lync ? server : item.peer;
          auto it =
              std::find_if(edges.begin(), edges.end(), [&](const Broken& e) { return e.from == from && e.to == to; });
          if (it == edges.end()) it = edges.insert(edges.end(), Broken{from, to, item.direction, item.peer, {}, {}});
          add(&it->rules, finding.rule);
          add(&it->features, item.name);
        }
      }
    }
    std::set<std::pair<std::string, std::string>> labelled;  // (peer, direction)
    for (const Broken& edge : edges) {
      if (!drawn_.count(edge.from) || !drawn_.count(edge.to)) continue;
      const std::string text = Join(edge.rules) + ":\n" + Join(edge.features, "\n");
      const bool first = labelled.insert({edge.peer, edge.direction}).second;
      out_ << "  " << DotQuote(edge.from) << " -> " << DotQuote(edge.to) << " [color=\"" << kRed << "\", fontcolor=\""
           << kRed << "\", penwidth=2, constraint=false, tooltip=" << DotQuote(text);
      if (first) out_ << ", xlabel=" << DotQuote(text);
      out_ << "];\n";
    }
    if (report_.findings.empty() && !topology_.certificates.empty())
      out_ << "  \"legend:clean\" [shape=plaintext, style=\"\", fontcolor=\"" << kGreen
           << "\", label=\"no finding: every check passed\"];\n";
  }

  const Topology& topology_;
  const Report& report_;
  const ModelCatalog& model_;
  std::ostream& out_;
  std::map<std::string, std::set<std::string>> rules_;  // server -> rules of findings naming it
  std::map<std::string, std::string> anchor_;           // pool -> a server drawn inside its cluster
  std::set<std::string> drawn_;
};

}  // namespace

void WriteTopologyDot(const Topology& topology, const Report& report, const ModelCatalog& model, std::ostream& out) {
  TopologyDot(topology, report, model, out).Write();
}

}  // namespace kst
