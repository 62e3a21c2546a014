#include "check/static_rules.h"

#include "check/certificate_checks.h"
#include "check/clock_checks.h"

namespace kst {
namespace {

std::vector<Finding> Certificates(const StaticCheckContext& context, std::vector<std::string>* notes) {
  if (!context.at) {
    notes->push_back("No check time (--at, or the scenario's \"at\"): certificate validity was not checked.");
    return {};
  }
  return CheckCertificates(context.topology, context.graph, context.model,
                           CertificateCheckOptions{*context.at, context.cert_warn_days, &context.claims});
}

std::vector<Finding> Clocks(const StaticCheckContext& context, std::vector<std::string>* /*notes*/) {
  return CheckClocks(context.topology, context.model, context.clock_tolerance_seconds, context.at.value_or(0),
                     &context.claims);
}

}  // namespace

const std::vector<StaticRuleCheck>& StaticRuleChecks() {
  static const std::vector<StaticRuleCheck> checks = {
      {"certificate", Certificates},
      {"clock", Clocks},
  };
  return checks;
}

}  // namespace kst
