// The embedded model: it parses, and holds what the code relies on.

#include "model/model_catalog.h"

#include <doctest/doctest.h>

#include <stdexcept>

namespace kst {
namespace {

TEST_CASE("the embedded model") {
  const ModelCatalog& model = ModelCatalog::Embedded();

  SUBCASE("documented versions, and inferred ones marked so") {
    REQUIRE(model.FindVersion(0));
    CHECK(model.FindVersion(5)->product == "Lync Server 2010");
    CHECK(model.FindVersion(6)->evidence == "documented");
    CHECK(model.FindVersion(7)->evidence == "inferred");
    CHECK_FALSE(model.FindVersion(9));
  }
  SUBCASE("Exchange versions: which host UM, and how an export's AdminDisplayVersion reads") {
    CHECK(model.FindExchangeVersion("2013")->hosts_um);
    CHECK_FALSE(model.FindExchangeVersion("2019")->hosts_um);
    CHECK(model.FindExchangeVersion("SE")->evidence == "inferred");
    CHECK_FALSE(model.FindExchangeVersion("banana"));
    CHECK(model.ExchangeVersionOfBuild(14, 3)->name == "2010");
    CHECK(model.ExchangeVersionOfBuild(15, 1)->name == "2016");
    CHECK(model.ExchangeVersionOfBuild(15, 2)->name == "2019");
    CHECK_FALSE(model.ExchangeVersionOfBuild(15, 3));
    CHECK_FALSE(model.ExchangeVersionOfBuild(-1, -1));
    CHECK(model.ExchangeVersionNames() == "2010, 2013, 2016, 2019, SE");
  }
  SUBCASE("events with their sources; no text is claimed to be the server's") {
    CHECK(model.Event("14563").source == "LS Protocol Stack");
    CHECK(model.Event("44030").source == "LS Exchange Unified Messaging Routing");
    for (const char* key : {"14492", "14493", "14495", "44024", "um-runtime-add", "um-runtime-remove"})
      CHECK_FALSE(model.Event(key).public_text);
    CHECK_THROWS_AS(model.Event("99999"), std::logic_error);
  }
  SUBCASE("roles: who keeps a KST and who runs UM Routing") {
    CHECK(model.FindRole("FrontEnd")->runs_um_routing);
    CHECK_FALSE(model.FindRole("Edge")->runs_um_routing);
    CHECK(model.FindRole("Edge")->holds_kst);
    CHECK(model.FindRole("Director")->hosts_registrar);
    CHECK_FALSE(model.FindRole("PstnGateway")->holds_kst);
  }
  SUBCASE("readings: the brief's default and two alternatives") {
    CHECK(model.DefaultSemantics().name == "withdraw-remember");
    CHECK(model.FindSemantics("retry-list")->startup_conflict == StartupConflictPolicy::kWithdrawRetry);
    CHECK(model.FindSemantics("forget")->startup_conflict == StartupConflictPolicy::kWithdrawForget);
  }
  SUBCASE("every assumption the analysis names exists") {
    for (const char* id : {"both-removed", "steady-start", "needed-by", "same-end-table", "replication-applies-live",
                           "um-startup-withdraw", "startup-line-order", "um-runtime-events", "um-remembers-withdrawn",
                           "conflict-repeats", "withdraw-restores-at-once", "version-change-replaces"})
      CHECK_MESSAGE(model.FindAssumption(id), id);
  }
}

TEST_CASE("a malformed model is refused") {
  CHECK_THROWS(ModelCatalog::Parse("{}"));
  CHECK_THROWS(ModelCatalog::Parse(R"({"format": "kst-model/2"})"));
  CHECK_THROWS(ModelCatalog::Parse(R"({"format": "kst-model/1", "versions": [], "roles": [], "uri_types": [],
      "events": [], "rules": [], "assumptions": [], "semantics": [{"name": "x", "um_startup_conflict": "withdraw-remember",
      "statement": "", "assumptions": ["no-such-assumption"]}]})"));
}

}  // namespace
}  // namespace kst
