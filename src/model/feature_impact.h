#pragma once
// What a finding does to the integration features: the conditions its rule
// breaks (set by the check that makes the finding) and, computed from those
// by ImpactGraph, the features that break, the features of the same peers
// that keep working, and what the sources saw when that happened.

#include <string>
#include <vector>

#include "model/impact_model.h"

namespace kst {

/// A condition a finding breaks: `condition` (model impact.conditions) of
/// server `subject`. For a lookup condition, `lookers` are the servers whose
/// table lookup fails (empty: every server that looks it up). `services`
/// limits a certificate condition to the channels that use one of them
/// (empty: every channel).
struct BrokenCondition {
  std::string condition;
  std::string subject;
  std::vector<std::string> lookers;
  std::vector<std::string> services;
};

/// One feature between one peer (an Exchange or Edge server) and the Lync
/// servers at the other end of its channel.
struct FeatureImpact {
  std::string feature;    // model feature id
  std::string name;       // "message waiting indicator"
  std::string direction;  // model direction id
  std::string peer;
  std::vector<std::string> servers;  // Lync servers, sorted
};

/// An observation of the model, with the servers of the side that logs it.
struct PredictedObservation {
  Observation observation;
  std::vector<std::string> servers;
};

struct Impact {
  std::vector<FeatureImpact> breaks;       // by direction, peer, then model order
  std::vector<FeatureImpact> still_works;  // features of the same peers that do not depend on the broken conditions
  std::vector<PredictedObservation> observations;
  std::vector<Symptom> symptoms;
  std::vector<std::string> assumptions;  // of the broken channels, their Lync sides and the needs that broke
  bool empty() const { return breaks.empty(); }
};

}  // namespace kst
