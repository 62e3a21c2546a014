#include "scenario_generator.h"

#include <nlohmann/json.hpp>
#include <random>
#include <vector>

namespace kst::spin {
namespace {

std::string Name(const std::string& host) {
  return host + ".gen.test";
}

struct Exchange {
  bool listed = false;  // hosts a SipName dial plan
  int tap_version = 0;  // 0: no TAP
};

class Generator {
 public:
  Generator(uint64_t seed, int index) : random_(seed * 1000003u + static_cast<uint64_t>(index)) {}

  std::string Make(std::string* summary) {
    front_ends_ = 1 + Pick(2);
    const bool edge = Pick(2) == 1;
    tap_pools_ = Pick(2) == 1;
    const int kVersions[] = {0, 5, 6};
    for (Exchange& ex : exchange_) ex = {Pick(2) == 1, kVersions[Pick(3)]};
    const bool any = Pick(2) == 1;
    *summary = std::to_string(front_ends_) + " FE" + (edge ? " + Edge" : "") + ", restarts " +
               (any ? "any" : "planned") + (tap_pools_ ? ", TAPs owaN" : ", TAPs named exN") + "; base:";
    nlohmann::json pools = {{{"fqdn", Name("pool01")}, {"role", "FrontEnd"}, {"version", 6}, {"computers", {}}}};
    for (int i = 1; i <= front_ends_; ++i) pools[0]["computers"].push_back(Name("fe0" + std::to_string(i)));
    if (edge)
      pools.push_back({{"fqdn", Name("edgepool")}, {"role", "Edge"}, {"version", 6}, {"computers", {Name("edge01")}}});
    nlohmann::json taps = nlohmann::json::array(), servers = nlohmann::json::array(), plans = nlohmann::json::array();
    for (int i = 0; i < 2; ++i) {
      servers.push_back({{"fqdn", Name(Ex(i))}, {"version", "2013"}});
      if (exchange_[i].listed) plans.push_back(DialPlan(i));
      if (exchange_[i].tap_version) taps.push_back(Tap(i, exchange_[i].tap_version));
      *summary += " " + Ex(i) + (exchange_[i].listed ? " SipName" : "") +
                  (exchange_[i].tap_version ? " TAP v" + std::to_string(exchange_[i].tap_version) : "");
    }
    *summary += "; plan:";
    nlohmann::json steps = nlohmann::json::array();
    const int length = 1 + Pick(3);
    while (static_cast<int>(steps.size()) < length) {
      nlohmann::json step;
      std::string what;
      if (NextStep(&step, &what)) {
        steps.push_back(step);
        *summary += (steps.size() == 1 ? " " : ", ") + what;
      }
    }
    nlohmann::json doc = {{"format", "kst-scenario/1"},
                          {"description", *summary},
                          {"topology",
                           {{"format", "kst-topology/1"},
                            {"lync", {{"pools", pools}, {"trusted_application_pools", taps}}},
                            {"exchange", {{"servers", servers}, {"um_dial_plans", plans}}}}},
                          {"plan", steps},
                          {"environment", {{"restarts", any ? "any" : "planned"}}}};
    return doc.dump(2) + "\n";
  }

 private:
  int Pick(int n) { return static_cast<int>(random_() % static_cast<uint64_t>(n)); }
  static std::string Ex(int i) { return "ex" + std::to_string(i + 1); }
  std::string TapName(int i) const { return tap_pools_ ? "owa" + std::to_string(i + 1) : Ex(i); }
  nlohmann::json Tap(int i, int version) const {
    return {
        {"fqdn", Name(TapName(i))}, {"version", version}, {"registrar", Name("pool01")}, {"computers", {Name(Ex(i))}}};
  }
  static nlohmann::json DialPlan(int i) {
    return {{"name", "SIP " + Ex(i)}, {"uri_type", "SipName"}, {"servers", {Name(Ex(i))}}};
  }

  /// Draws one step: three times in four a change (of a TAP or a dial plan,
  /// one that is valid where it stands), else a restart or a wait. False
  /// when nothing was drawn.
  bool NextStep(nlohmann::json* step, std::string* what) {
    const int i = Pick(2);
    Exchange& ex = exchange_[i];
    const int draw = Pick(8);
    if (draw < 3) {  // the TAP of exN
      if (!ex.tap_version) {
        ex.tap_version = Pick(2) ? 6 : 5;
        *step = {{"op", "add_trusted_application_pool"}, {"pool", Tap(i, ex.tap_version)}};
        *what = "add TAP " + TapName(i) + " v" + std::to_string(ex.tap_version);
      } else if (Pick(2)) {
        ex.tap_version = 0;
        *step = {{"op", "remove_trusted_application_pool"}, {"fqdn", Name(TapName(i))}};
        *what = "remove TAP " + TapName(i);
      } else {
        ex.tap_version = ex.tap_version == 6 ? 5 : 6;
        *step = {{"op", "set_pool_version"}, {"pool", Name(TapName(i))}, {"version", ex.tap_version}};
        *what = "set TAP " + TapName(i) + " to v" + std::to_string(ex.tap_version);
      }
      return true;
    }
    if (draw < 6) {  // the SipName dial plan of exN
      ex.listed = !ex.listed;
      *step = ex.listed ? nlohmann::json{{"op", "add_dial_plan"}, {"dial_plan", DialPlan(i)}}
                        : nlohmann::json{{"op", "remove_dial_plan"}, {"name", "SIP " + Ex(i)}};
      *what = (ex.listed ? "add SipName dial plan on " : "remove dial plan of ") + Ex(i);
      return true;
    }
    switch (Pick(3)) {
      case 0:
        *step = {{"op", "restart"}, {"servers", {Name("fe01")}}};
        *what = "restart fe01";
        return true;
      case 1:
        *step = {{"op", "restart"}, {"servers", "all"}};
        *what = "restart all";
        return true;
      default:
        *step = {{"op", "wait_for_replication"}};
        *what = "wait";
        return true;
    }
  }

  std::mt19937_64 random_;
  int front_ends_ = 1;
  bool tap_pools_ = false;
  Exchange exchange_[2];
};

}  // namespace

std::string GenerateScenario(uint64_t seed, int index, std::string* summary) {
  return Generator(seed, index).Make(summary);
}

}  // namespace kst::spin
