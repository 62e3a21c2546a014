// model/kst-model.json "diagnose": the embedded section loads, names only
// rules and conditions the model has, and a malformed section is refused.

#include "model/diagnosis_rules.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "model/model_catalog.h"

namespace kst {
namespace {

std::string ModelWith(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(EmbeddedModelText());
  edit(doc["diagnose"]);
  return doc.dump();
}

const std::vector<std::string> kRules = {
    "kst/version-conflict",  "kst/unknown-server",     "kst/order-dependent", "kst/flapping",
    "cert/wildcard-subject", "cert/subject-not-known", "cert/validity",       "clock/skew"};
const std::vector<std::string> kConditions = {"in-kst", "certificate-subject-known", "certificate-valid",
                                              "clock-within-tolerance"};

}  // namespace

TEST_CASE("diagnosis rules: the embedded model's section") {
  const DiagnosisRules& rules = DiagnosisRules::Embedded();
  REQUIRE(rules.FindCause("clock-skew") != nullptr);
  CHECK(rules.CauseOfRule("clock/skew")->id == "clock-skew");
  CHECK(rules.CauseOfRule("cert/wildcard-subject")->id == "certificate-subject");
  CHECK(rules.CauseOfRule("kst/waiver-stale") == nullptr);
  const WeightInfo* skew = rules.FindWeight("clock-skew", EvidenceKind::kSymptom, "referrer-date-skewed");
  REQUIRE(skew != nullptr);
  CHECK(skew->weight > 0);
  CHECK(rules.FindWeight("coincident-change", EvidenceKind::kChangeAfterOnset)->weight < 0);
  CHECK(rules.CauseOrder("kst-conflict") < rules.CauseOrder("coincident-change"));
  // Every weight has its source.
  for (const WeightInfo& w : rules.weights()) CHECK_FALSE(w.source.empty());
  for (const SymptomInfo& s : rules.symptoms()) CHECK_FALSE(s.source.empty());
}

TEST_CASE("diagnosis rules: a section that names what does not exist is refused") {
  CHECK_THROWS_WITH_AS(
      DiagnosisRules::Parse(ModelWith([](nlohmann::json& d) { d["causes"][0]["rules"] = {"kst/nope"}; }), kRules,
                            kConditions),
      doctest::Contains("unknown rule kst/nope"), std::runtime_error);
  CHECK_THROWS_WITH_AS(
      DiagnosisRules::Parse(ModelWith([](nlohmann::json& d) { d["weights"][0]["symptom"] = "no-such"; }), kRules,
                            kConditions),
      doctest::Contains("unknown symptom"), std::runtime_error);
  CHECK_THROWS_WITH_AS(
      DiagnosisRules::Parse(ModelWith([](nlohmann::json& d) { d["weights"][0]["evidence"] = "hunch"; }), kRules,
                            kConditions),
      doctest::Contains("unknown evidence"), std::runtime_error);
  CHECK_THROWS_WITH_AS(
      DiagnosisRules::Parse(ModelWith([](nlohmann::json& d) { d["weights"].push_back(d["weights"][0]); }), kRules,
                            kConditions),
      doctest::Contains("two weights"), std::runtime_error);
  CHECK_THROWS_WITH_AS(DiagnosisRules::Parse(ModelWith([](nlohmann::json& d) {
                                               d["symptoms"][0]["event_id"] = nullptr;
                                               d["symptoms"][0]["ms_diagnostics"] = nullptr;
                                             }),
                                             kRules, kConditions),
                       doctest::Contains("matches every record"), std::runtime_error);
}

}  // namespace kst
