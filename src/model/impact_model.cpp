#include "model/impact_model.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace kst {
namespace {

[[noreturn]] void Refuse(const std::string& what) {
  throw std::runtime_error("model: impact: " + what);
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  for (const T& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

template <typename T>
void CheckUniqueIds(const std::vector<T>& items, const char* what) {
  std::set<std::string> seen;
  for (const T& item : items)
    if (!seen.insert(item.id).second) Refuse(std::string(what) + " \"" + item.id + "\" is defined twice");
}

std::vector<Observation> ReadObservations(const nlohmann::json& need) {
  std::vector<Observation> out;
  for (const auto& o : need.value("observations", nlohmann::json::array())) {
    Observation observation{o.at("party"), o.at("log"), o.at("id"), o.at("text"), o.at("from")};
    if (observation.party != "lync" && observation.party != "peer")
      Refuse("observation party must be \"lync\" or \"peer\", not \"" + observation.party + "\"");
    out.push_back(std::move(observation));
  }
  return out;
}

ChannelNeed ReadNeed(const nlohmann::json& n) {
  ChannelNeed need;
  need.condition = n.at("condition");
  const std::string subject = n.at("subject");
  if (subject == "peer")
    need.subject = Side::kPeer;
  else if (subject == "lync")
    need.subject = Side::kLync;
  else
    Refuse("need subject must be \"peer\" or \"lync\", not \"" + subject + "\"");
  need.services = n.value("services", std::vector<std::string>{});
  need.observations = ReadObservations(n);
  need.assumptions = n.value("assumptions", std::vector<std::string>{});
  return need;
}

std::vector<KindInfo> ReadKinds(const nlohmann::json& items) {
  std::vector<KindInfo> out;
  for (const auto& k : items) out.push_back({k.at("id"), k.at("statement"), k.value("assumption", "")});
  return out;
}

}  // namespace

const char* SideName(Side side) {
  return side == Side::kPeer ? "peer" : "lync";
}

const std::vector<std::string>& SupportedPeerKinds() {
  static const std::vector<std::string> kinds = {"um-host", "owa-im-server", "hosted-um-edge"};
  return kinds;
}

const std::vector<std::string>& SupportedLyncSides() {
  static const std::vector<std::string> sides = {"um-routing", "um-ip-gateways", "registrars"};
  return sides;
}

ImpactModel ImpactModel::Parse(const nlohmann::json& section, const std::vector<std::string>& rule_ids,
                               const std::vector<std::string>& service_names,
                               const std::vector<std::string>& assumption_ids) {
  ImpactModel model;
  for (const auto& d : section.at("directions"))
    model.directions_.push_back({d.at("id"), d.at("name"), d.at("statement")});
  model.peers_ = ReadKinds(section.at("peers"));
  model.lync_sides_ = ReadKinds(section.at("lync_sides"));
  for (const auto& c : section.at("conditions"))
    model.conditions_.push_back(
        {c.at("id"), c.at("name"), c.at("statement"), c.at("lookup"), c.at("broken_by"), c.at("source")});
  for (const auto& c : section.at("channels")) {
    ChannelInfo channel{c.at("id"),        c.at("name"), c.at("direction"),   c.at("peer"),
                        c.at("lync_side"), {},           c.at("assumptions"), c.at("source")};
    for (const auto& n : c.at("needs")) channel.needs.push_back(ReadNeed(n));
    model.channels_.push_back(std::move(channel));
  }
  for (const auto& f : section.at("features")) {
    FeatureInfo feature{f.at("id"), f.at("name"), f.at("channel"), f.at("statement"), {}, f.at("source")};
    for (const auto& s : f.at("symptoms")) feature.symptoms.push_back({s.at("text"), s.at("from")});
    model.features_.push_back(std::move(feature));
  }
  model.Check(rule_ids, service_names, assumption_ids);
  return model;
}

void ImpactModel::Check(const std::vector<std::string>& rule_ids, const std::vector<std::string>& service_names,
                        const std::vector<std::string>& assumption_ids) const {
  CheckUniqueIds(directions_, "direction");
  CheckUniqueIds(conditions_, "condition");
  CheckUniqueIds(channels_, "channel");
  CheckUniqueIds(features_, "feature");
  for (const KindInfo& peer : peers_)
    if (!Contains(SupportedPeerKinds(), peer.id)) Refuse("peer kind \"" + peer.id + "\" is not one kst enumerates");
  for (const KindInfo& side : lync_sides_) {
    if (!Contains(SupportedLyncSides(), side.id)) Refuse("Lync side \"" + side.id + "\" is not one kst enumerates");
    if (!side.assumption.empty() && !Contains(assumption_ids, side.assumption))
      Refuse("Lync side \"" + side.id + "\" names unknown assumption \"" + side.assumption + "\"");
  }
  std::set<std::string> broken_rules;
  for (const ConditionInfo& condition : conditions_)
    for (const std::string& rule : condition.broken_by) {
      if (!Contains(rule_ids, rule)) Refuse("condition \"" + condition.id + "\" names unknown rule \"" + rule + "\"");
      if (!broken_rules.insert(rule).second) Refuse("rule \"" + rule + "\" breaks two conditions");
    }
  for (const ChannelInfo& channel : channels_) {
    const std::string at = "channel \"" + channel.id + "\"";
    if (!FindDirection(channel.direction)) Refuse(at + " names unknown direction \"" + channel.direction + "\"");
    if (!FindById(peers_, channel.peer)) Refuse(at + " names unknown peer kind \"" + channel.peer + "\"");
    if (!FindById(lync_sides_, channel.lync_side))
      Refuse(at + " names unknown Lync side \"" + channel.lync_side + "\"");
    if (channel.needs.empty()) Refuse(at + " needs nothing");
    for (const std::string& id : channel.assumptions)
      if (!Contains(assumption_ids, id)) Refuse(at + " names unknown assumption \"" + id + "\"");
    for (const ChannelNeed& need : channel.needs) {
      if (!FindCondition(need.condition)) Refuse(at + " needs unknown condition \"" + need.condition + "\"");
      for (const std::string& id : need.assumptions)
        if (!Contains(assumption_ids, id)) Refuse(at + " names unknown assumption \"" + id + "\"");
      for (const std::string& service : need.services)
        if (!Contains(service_names, service)) Refuse(at + " names unknown certificate service \"" + service + "\"");
    }
  }
  for (const FeatureInfo& feature : features_)
    if (!FindChannel(feature.channel))
      Refuse("feature \"" + feature.id + "\" runs over unknown channel \"" + feature.channel + "\"");
}

const DirectionInfo* ImpactModel::FindDirection(std::string_view id) const {
  return FindById(directions_, id);
}
const ConditionInfo* ImpactModel::FindCondition(std::string_view id) const {
  return FindById(conditions_, id);
}
const ChannelInfo* ImpactModel::FindChannel(std::string_view id) const {
  return FindById(channels_, id);
}
const FeatureInfo* ImpactModel::FindFeature(std::string_view id) const {
  return FindById(features_, id);
}

const ConditionInfo* ImpactModel::ConditionBrokenBy(std::string_view rule) const {
  for (const ConditionInfo& condition : conditions_)
    if (std::find(condition.broken_by.begin(), condition.broken_by.end(), rule) != condition.broken_by.end())
      return &condition;
  return nullptr;
}

}  // namespace kst
