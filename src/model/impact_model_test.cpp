// The impact model as data: what the embedded model says about features and
// directions, and which broken models are refused (a table of mutations of
// the embedded model, each with the exact message).

#include "model/impact_model.h"

#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/model_catalog.h"

namespace kst {
namespace {

std::string DirectionOf(const ImpactModel& impact, const std::string& feature) {
  return impact.FindChannel(impact.FindFeature(feature)->channel)->direction;
}

TEST_CASE("the embedded impact model") {
  const ModelCatalog& model = ModelCatalog::Embedded();
  const ImpactModel& impact = model.impact();

  SUBCASE("the issue's features, each in one direction") {
    for (const char* id : {"voicemail-deposit", "subscriber-access", "auto-attendant", "hosted-voicemail-internal",
                           "hosted-voicemail-external"})
      CHECK_MESSAGE(DirectionOf(impact, id) == "lync-to-exchange", id);
    for (const char* id : {"message-waiting-indicator", "play-on-phone", "auto-attendant-transfer", "owa-im"})
      CHECK_MESSAGE(DirectionOf(impact, id) == "exchange-to-lync", id);
  }
  SUBCASE("every rule that is not about waivers breaks exactly one condition") {
    for (const RuleInfo& rule : model.rules()) {
      const bool waiver = rule.id.rfind("kst/waiver", 0) == 0;
      CHECK_MESSAGE((impact.ConditionBrokenBy(rule.id) != nullptr) == !waiver, rule.id);
    }
    CHECK(impact.ConditionBrokenBy("cert/subject-not-known")->id == "certificate-subject-known");
    CHECK(impact.ConditionBrokenBy("clock/skew")->id == "clock-within-tolerance");
  }
  SUBCASE("the certificate subject matters only when Exchange opens the connection") {
    for (const ChannelInfo& channel : impact.channels())
      for (const ChannelNeed& need : channel.needs)
        if (need.condition == "certificate-subject-known" && need.subject == Side::kPeer)
          CHECK_MESSAGE(channel.direction == "exchange-to-lync", channel.id);
  }
  SUBCASE("symptoms and observations name their source") {
    for (const FeatureInfo& feature : impact.features())
      for (const Symptom& symptom : feature.symptoms) CHECK_FALSE(symptom.from.empty());
    for (const ChannelInfo& channel : impact.channels())
      for (const ChannelNeed& need : channel.needs)
        for (const Observation& o : need.observations) CHECK_MESSAGE(!o.from.empty(), o.text);
  }
  SUBCASE("parameters: the Kerberos tolerance and the warning window") {
    CHECK(model.ParameterValue("clock-tolerance-seconds") == 300);
    CHECK(model.ParameterValue("certificate-warn-days") == 30);
    CHECK_THROWS_AS(model.ParameterValue("no-such-parameter"), std::logic_error);
    CHECK(model.FindCertificateService("UMCallRouter")->sip);
    CHECK_FALSE(model.FindCertificateService("IIS")->sip);
  }
}

TEST_CASE("a broken impact model is refused") {
  const nlohmann::json embedded = nlohmann::json::parse(EmbeddedModelText());
  const struct {
    const char* what;
    std::function<void(nlohmann::json&)> mutate;
    const char* message;
  } cases[] = {
      {"a feature over an unknown channel", [](nlohmann::json& m) { m["impact"]["features"][0]["channel"] = "x"; },
       "model: impact: feature \"voicemail-deposit\" runs over unknown channel \"x\""},
      {"a channel in an unknown direction", [](nlohmann::json& m) { m["impact"]["channels"][0]["direction"] = "up"; },
       "model: impact: channel \"lync-to-um\" names unknown direction \"up\""},
      {"a peer kind the code cannot enumerate", [](nlohmann::json& m) { m["impact"]["peers"][0]["id"] = "fax-server"; },
       "model: impact: peer kind \"fax-server\" is not one kst enumerates"},
      {"an unknown condition", [](nlohmann::json& m) { m["impact"]["channels"][0]["needs"][0]["condition"] = "luck"; },
       "model: impact: channel \"lync-to-um\" needs unknown condition \"luck\""},
      {"an unknown certificate service",
       [](nlohmann::json& m) { m["impact"]["channels"][0]["needs"][1]["services"] = {"Telnet"}; },
       "model: impact: channel \"lync-to-um\" names unknown certificate service \"Telnet\""},
      {"a condition broken by an unknown rule",
       [](nlohmann::json& m) { m["impact"]["conditions"][0]["broken_by"].push_back("kst/nope"); },
       "model: impact: condition \"in-kst\" names unknown rule \"kst/nope\""},
      {"one rule breaking two conditions",
       [](nlohmann::json& m) { m["impact"]["conditions"][1]["broken_by"].push_back("clock/skew"); },
       "model: impact: rule \"clock/skew\" breaks two conditions"},
      {"an unknown assumption", [](nlohmann::json& m) { m["impact"]["channels"][3]["assumptions"] = {"hope"}; },
       "model: impact: channel \"lync-to-hosted-um\" names unknown assumption \"hope\""},
      {"a feature defined twice",
       [](nlohmann::json& m) { m["impact"]["features"].push_back(m["impact"]["features"][0]); },
       "model: impact: feature \"voicemail-deposit\" is defined twice"},
      {"a bad need subject", [](nlohmann::json& m) { m["impact"]["channels"][0]["needs"][0]["subject"] = "both"; },
       "model: impact: need subject must be \"peer\" or \"lync\", not \"both\""},
  };
  CHECK_NOTHROW(ModelCatalog::Parse(embedded.dump()));
  for (const auto& c : cases) {
    nlohmann::json model = embedded;
    c.mutate(model);
    INFO(c.what);
    CHECK_THROWS_WITH_AS(ModelCatalog::Parse(model.dump()), c.message, std::runtime_error);
  }
}

}  // namespace
}  // namespace kst
