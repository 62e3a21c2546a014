#pragma once
// The impact model (model/kst-model.json, section "impact") as data: which
// integration features run over which channel, in which direction, and which
// conditions of either side each channel needs. Loaded and checked with the
// rest of the model; the ImpactGraph instantiates it for a topology.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kst {

/// A log line or trace text a source recorded when a condition failed.
/// `party` is "lync" or "peer": the side of the channel that logs it.
struct Observation {
  std::string party;
  std::string log;   // where it appears, e.g. "MSExchange Unified Messaging (Application log)"
  std::string id;    // event id, SIP response or ms-diagnostics code; "" when none
  std::string text;  // paraphrased
  std::string from;  // the source, e.g. "seed 003"
};

/// What users saw when a feature broke, with its source.
struct Symptom {
  std::string text;
  std::string from;
};

struct DirectionInfo {
  std::string id;    // "lync-to-exchange", "exchange-to-lync"
  std::string name;  // "Lync -> Exchange"
  std::string statement;
};

/// A condition a channel needs of one server. A `lookup` condition is a
/// lookup in the Known Servers Table of the server at the other end, so it
/// holds or fails per pair of servers; the others hold or fail per server.
struct ConditionInfo {
  std::string id;
  std::string name;
  std::string statement;
  bool lookup = false;
  std::vector<std::string> broken_by;  // rule ids
  std::string source;
};

/// The side of a channel a need is about.
enum class Side { kPeer, kLync };
const char* SideName(Side side);

struct ChannelNeed {
  std::string condition;
  Side subject = Side::kPeer;
  std::vector<std::string> services;  // certificate services; empty: any
  std::vector<Observation> observations;
  std::vector<std::string> assumptions;  // model assumptions a break through this need rests on
};

/// A connection one side opens to the other: `peer` names the kind of
/// Exchange or Edge server, `lync_side` which Lync servers are at the other
/// end (both kinds are enumerated by ImpactGraph).
struct ChannelInfo {
  std::string id;
  std::string name;
  std::string direction;
  std::string peer;
  std::string lync_side;
  std::vector<ChannelNeed> needs;
  std::vector<std::string> assumptions;  // model assumptions a break of this channel rests on
  std::string source;
};

struct FeatureInfo {
  std::string id;
  std::string name;
  std::string channel;
  std::string statement;
  std::vector<Symptom> symptoms;
  std::string source;
};

/// The peer kinds and Lync sides the graph knows how to enumerate.
struct KindInfo {
  std::string id;
  std::string statement;
  std::string assumption;  // "" when none
};

class ImpactModel {
 public:
  /// Reads the "impact" section and checks every reference: directions,
  /// peers, Lync sides, conditions, certificate services and rules must
  /// exist, and peers and Lync sides must be ones the code enumerates.
  /// Throws std::runtime_error naming the first problem.
  static ImpactModel Parse(const nlohmann::json& section, const std::vector<std::string>& rule_ids,
                           const std::vector<std::string>& service_names,
                           const std::vector<std::string>& assumption_ids);

  const std::vector<DirectionInfo>& directions() const { return directions_; }
  const std::vector<ConditionInfo>& conditions() const { return conditions_; }
  const std::vector<ChannelInfo>& channels() const { return channels_; }
  const std::vector<FeatureInfo>& features() const { return features_; }
  const std::vector<KindInfo>& peers() const { return peers_; }
  const std::vector<KindInfo>& lync_sides() const { return lync_sides_; }

  const DirectionInfo* FindDirection(std::string_view id) const;
  const ConditionInfo* FindCondition(std::string_view id) const;
  const ChannelInfo* FindChannel(std::string_view id) const;
  const FeatureInfo* FindFeature(std::string_view id) const;
  /// The condition that `rule` breaks, or null (waiver rules break none).
  const ConditionInfo* ConditionBrokenBy(std::string_view rule) const;

 private:
  void Check(const std::vector<std::string>& rule_ids, const std::vector<std::string>& service_names,
             const std::vector<std::string>& assumption_ids) const;

  std::vector<DirectionInfo> directions_;
  std::vector<ConditionInfo> conditions_;
  std::vector<ChannelInfo> channels_;
  std::vector<FeatureInfo> features_;
  std::vector<KindInfo> peers_;
  std::vector<KindInfo> lync_sides_;
};

/// Peer kinds and Lync sides ImpactGraph can enumerate (the model may use no others).
const std::vector<std::string>& SupportedPeerKinds();
const std::vector<std::string>& SupportedLyncSides();

}  // namespace kst
