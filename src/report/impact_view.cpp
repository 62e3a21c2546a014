#include "report/impact_view.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/timestamp.h"
#include "report/graphviz.h"
#include "report/text_escape.h"

namespace kst {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

struct NeedView {
  const ChannelNeed* need = nullptr;
  std::string condition;  // its name
  std::string subject;    // "ex1.contoso.com, for UM" / "each Lync server, for Default"
  std::string state;      // "ok", "broken", "not checked"
  std::string detail;     // the findings (rule on servers) or what is missing
};

struct FeatureView {
  const FeatureInfo* feature = nullptr;
  std::vector<std::string> broken_on;
  std::vector<std::string> rules;
};

struct ChannelView {
  const ChannelInstance* instance = nullptr;
  bool after_plan = true;  // false: the plan has this channel only while it runs
  const std::vector<std::string>* lync = nullptr;
  std::vector<FeatureView> features;
  std::vector<NeedView> needs;
};

struct PeerView {
  std::string peer;
  std::vector<std::string> why;
  bool after_plan = true;  // false: a peer only while the plan runs
  std::vector<ChannelView> channels;
};

class ImpactViewBuilder {
 public:
  ImpactViewBuilder(const ImpactGraph& graph, const Topology& topology, const Report& report,
                    const std::set<std::pair<std::string, std::string>>& during_plan_only)
      : graph_(graph), topology_(topology), report_(report), during_plan_only_(during_plan_only) {}

  std::vector<PeerView> Build(const std::string& only) const {
    std::vector<PeerView> peers;
    for (const auto& [peer, why] : graph_.peers()) {
      if (!only.empty() && peer != only) continue;
      PeerView view{peer, why, false, {}};
      for (const DirectionInfo& direction : graph_.model().impact().directions())
        for (const ChannelInstance& instance : graph_.channels())
          if (instance.peer == peer && instance.channel->direction == direction.id)
            view.channels.push_back(Channel(instance));
      view.after_plan = view.channels.empty() || std::any_of(view.channels.begin(), view.channels.end(),
                                                             [](const ChannelView& c) { return c.after_plan; });
      peers.push_back(std::move(view));
    }
    return peers;
  }

 private:
  ChannelView Channel(const ChannelInstance& instance) const {
    const bool after_plan = !during_plan_only_.count({instance.peer, instance.channel->id});
    ChannelView view{&instance, after_plan, &graph_.LyncServers(*instance.channel), {}, {}};
    for (const FeatureInstance& feature : graph_.features()) {
      if (&graph_.channels()[feature.channel] != &instance) continue;
      FeatureView f{feature.feature, {}, {}};
      std::set<std::string> servers, rules;
      for (const Finding& finding : report_.findings)
        for (const FeatureImpact& item : finding.impact.breaks)
          if (item.feature == feature.feature->id && item.peer == instance.peer) {
            servers.insert(item.servers.begin(), item.servers.end());
            rules.insert(finding.rule);
          }
      f.broken_on.assign(servers.begin(), servers.end());
      f.rules.assign(rules.begin(), rules.end());
      view.features.push_back(std::move(f));
    }
    for (const ChannelNeed& need : instance.channel->needs)
      view.needs.push_back(Need(instance, need, *view.lync, after_plan));
    return view;
  }

  NeedView Need(const ChannelInstance& instance, const ChannelNeed& need, const std::vector<std::string>& lync,
                bool after_plan) const {
    const ConditionInfo* condition = graph_.model().impact().FindCondition(need.condition);
    NeedView view{&need, condition ? condition->name : need.condition, "", "ok", ""};
    view.subject = need.subject == Side::kPeer ? instance.peer : "each Lync server";
    if (!need.services.empty()) view.subject += ", for " + Join(need.services);
    std::vector<std::string> broken;
    for (const Finding& finding : report_.findings) {
      std::vector<std::string> servers;
      for (const BrokenCondition& b : finding.broken)
        for (const std::string& server : lync)
          if (graph_.Breaks(b, instance, need, server) &&
              std::find(servers.begin(), servers.end(), server) == servers.end())
            servers.push_back(server);
      if (!servers.empty()) broken.push_back(finding.rule + " (" + finding.fqdn + ") for " + Join(servers));
    }
    if (!broken.empty()) {
      view.state = "broken";
      view.detail = Join(broken);
      return view;
    }
    if (!after_plan) {
      view.state = "not after the plan";
      view.detail = "the plan has this channel only while it runs";
      return view;
    }
    std::vector<std::string> missing;
    auto covered = [&](const std::string& server) {
      if (need.condition == "clock-within-tolerance")
        return std::any_of(topology_.clocks.begin(), topology_.clocks.end(),
                           [&](const ClockReading& c) { return c.server.name == server; });
      if (need.condition.rfind("certificate-", 0) != 0) return true;
      for (const Certificate& certificate : topology_.certificates) {
        if (certificate.server.name != server) continue;
        for (const std::string& service : need.services)
          if (certificate.HasService(service)) return true;
        if (need.services.empty()) return true;
      }
      return false;
    };
    if (need.subject == Side::kPeer) {
      if (!covered(instance.peer)) missing.push_back(instance.peer);
    } else {
      for (const std::string& server : lync)
        if (!covered(server)) missing.push_back(server);
    }
    if (!missing.empty()) {
      view.state = "not checked";
      view.detail =
          std::string(need.condition == "clock-within-tolerance" ? "no clock reading of " : "no certificate of ") +
          Join(missing) + " in the input";
    }
    return view;
  }

  const ImpactGraph& graph_;
  const Topology& topology_;
  const Report& report_;
  const std::set<std::pair<std::string, std::string>>& during_plan_only_;
};

std::string DirectionName(const ImpactGraph& graph, const std::string& id) {
  const DirectionInfo* direction = graph.model().impact().FindDirection(id);
  return direction ? direction->name : id;
}

void WriteText(const ImpactGraph& graph, const Report& report, const std::vector<PeerView>& peers, std::ostream& out) {
  out << "kst impact: " << EscapeText(report.input) << "\n";
  if (report.checked_at) out << "checked at: " << FormatTimestamp(*report.checked_at) << "\n";
  if (peers.empty()) out << "no peer: the topology has no Exchange UM server, OWA IM server or hosted UM Edge\n";
  for (const PeerView& peer : peers) {
    out << "\n"
        << EscapeText(peer.peer + " -- " + Join(peer.why) +
                      (peer.after_plan ? "" : " (only while the plan runs: not a peer after it)"))
        << "\n";
    for (const ChannelView& channel : peer.channels) {
      out << "  "
          << EscapeText(DirectionName(graph, channel.instance->channel->direction) + ": " +
                        channel.instance->channel->name + ", with " + Join(*channel.lync) +
                        (channel.after_plan ? "" : " (only while the plan runs)"))
          << "\n";
      for (const FeatureView& feature : channel.features) {
        out << "    " << EscapeText(feature.feature->name) << ": ";
        if (feature.broken_on.empty())
          out << "works\n";
        else
          out << EscapeText("BROKEN on " + Join(feature.broken_on) + " (" + Join(feature.rules) + ")") << "\n";
      }
      out << "    needs:\n";
      for (const NeedView& need : channel.needs) {
        std::string line = need.condition + " (" + need.subject + "): " + need.state;
        if (!need.detail.empty()) line += " -- " + need.detail;
        out << "      " << EscapeText(line) << "\n";
      }
    }
  }
}

void WriteJson(const Report& report, const std::vector<PeerView>& peers, std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const PeerView& peer : peers) {
    nlohmann::json channels = nlohmann::json::array();
    for (const ChannelView& channel : peer.channels) {
      nlohmann::json features = nlohmann::json::array(), needs = nlohmann::json::array();
      for (const FeatureView& f : channel.features)
        features.push_back({{"feature", f.feature->id},
                            {"name", f.feature->name},
                            {"works", f.broken_on.empty()},
                            {"broken_on", f.broken_on},
                            {"rules", f.rules}});
      for (const NeedView& n : channel.needs)
        needs.push_back({{"condition", n.need->condition},
                         {"subject", SideName(n.need->subject)},
                         {"services", n.need->services},
                         {"state", n.state},
                         {"detail", n.detail}});
      channels.push_back({{"channel", channel.instance->channel->id},
                          {"after_plan", channel.after_plan},
                          {"direction", channel.instance->channel->direction},
                          {"lync_servers", *channel.lync},
                          {"features", features},
                          {"needs", needs}});
    }
    list.push_back({{"peer", peer.peer}, {"why", peer.why}, {"after_plan", peer.after_plan}, {"channels", channels}});
  }
  nlohmann::json doc = {{"format_version", "1"}, {"input", report.input}, {"peers", list}};
  if (report.checked_at) doc["checked_at"] = FormatTimestamp(*report.checked_at);
  out << doc.dump(2) << "\n";
}

void WriteDot(const ImpactGraph& graph, const Report& report, const std::vector<PeerView>& peers, std::ostream& out) {
  auto fill = [](const std::string& state) {
    return state == "broken" ? "#f5b7b1" : state == "ok" ? "#d5f5e3" : "#eeeeee";
  };
  out << "digraph impact {\n"
      << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label="
      << DotQuote("kst impact: " + report.input) << "];\n"
      << "  node [fontname=\"Helvetica\", fontsize=10, style=filled];\n";
  int id = 0;
  for (const PeerView& peer : peers) {
    out << "  subgraph " << DotQuote("cluster_" + peer.peer) << " {\n    label="
        << DotQuote(peer.peer + "\n" + Join(peer.why) + (peer.after_plan ? "" : "\n(only while the plan runs)"))
        << ";\n";
    for (const ChannelView& channel : peer.channels) {
      const std::string c = "c" + std::to_string(id++);
      const std::string label = channel.instance->channel->name + "\n" +
                                DirectionName(graph, channel.instance->channel->direction) + "\nwith " +
                                Join(*channel.lync);
      out << "    " << c << " [shape=box, fillcolor=\"#ffffff\", label=" << DotQuote(label) << "];\n";
      for (const FeatureView& f : channel.features) {
        const std::string n = "f" + std::to_string(id++);
        const std::string state = f.broken_on.empty() ? "ok" : "broken";
        out << "    " << n << " [shape=ellipse, fillcolor=\"" << fill(state)
            << "\", label=" << DotQuote(f.feature->name + (f.broken_on.empty() ? "" : "\nbroken: " + Join(f.rules)))
            << "];\n"
            << "    " << n << " -> " << c << ";\n";
      }
      for (const NeedView& need : channel.needs) {
        const std::string n = "n" + std::to_string(id++);
        out << "    " << n << " [shape=note, fillcolor=\"" << fill(need.state)
            << "\", label=" << DotQuote(need.condition + "\n" + need.subject + "\n" + need.state)
            << ", tooltip=" << DotQuote(need.detail) << "];\n"
            << "    " << c << " -> " << n << ";\n";
      }
    }
    out << "  }\n";
  }
  out << "}\n";
}

}  // namespace

bool WriteImpactView(const ImpactGraph& graph, const Topology& topology, const Report& report, const std::string& fqdn,
                     const std::string& format, std::ostream& out,
                     const std::set<std::pair<std::string, std::string>>& during_plan_only) {
  if (!fqdn.empty() && !graph.peers().count(fqdn)) return false;
  std::vector<PeerView> peers = ImpactViewBuilder(graph, topology, report, during_plan_only).Build(fqdn);
  if (format == "json")
    WriteJson(report, peers, out);
  else if (format == "dot")
    WriteDot(graph, report, peers, out);
  else
    WriteText(graph, report, peers, out);
  return true;
}

}  // namespace kst
