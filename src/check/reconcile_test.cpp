// kst reconcile on the golden cases of the design brief, logged: O3 (a start
// that hits the conflict and repairs it) agrees under every reading; O1 (the
// replica arriving at a running server) is explained by a publish the starts'
// lines reveal; a later 14563 without a restart rules out the readings in
// which UM Routing never re-adds; a 14495 nothing causes is unexplained.

#include "check/reconcile.h"

#include <doctest/doctest.h>

#include "test_world.h"

namespace kst {
namespace {

const std::string kTap =
    R"(, "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}])";

struct Log {
  std::vector<EventRecord> records;
  void Add(const char* provider, uint32_t id, int minute, std::vector<std::string> strings,
           const std::string& computer = "fe01.contoso.com") {
    EventRecord r;
    r.provider = provider;
    r.event_id = id;
    r.time = 1796119200 + minute * 60;  // 2026-12-01T10:00:00Z
    r.computer = computer;
    r.strings = std::move(strings);
    r.location = Location{"fe01.xml", static_cast<int>(records.size()) + 1, 1};
    records.push_back(std::move(r));
  }
  void Start(int minute, const std::string& listed, bool um_lists_ex1 = true) {
    Add("LS Protocol Stack", 14492, minute, {"pool01.contoso.com (6); fe01.contoso.com (6); " + listed});
    Add("LS Exchange Unified Messaging Routing", 44024, minute, {um_lists_ex1 ? "ex1.contoso.com" : ""});
  }
  ReconcileResult Reconcile(const Topology& topology) {
    events_ = ReadKstEvents(records, LogEventModel::Embedded(), {"ex1.contoso.com", "fe01.contoso.com"},
                            EventStringsReading::kPositional);
    return kst::Reconcile(topology, ModelCatalog::Embedded(), events_);
  }

 private:
  std::vector<LoggedKstEvent> events_;
};

const ReconciledEntry* Row(const ServerReconcile& server, const std::string& fqdn) {
  for (const ReconciledEntry& entry : server.table)
    if (entry.fqdn == fqdn) return &entry;
  return nullptr;
}

TEST_CASE("reconcile: logs against the model") {
  Log log;
  SUBCASE("O3 logged: 14563, 44030, 14493 at the start agree under every reading") {
    log.Start(0, "ex1.contoso.com (6)");
    log.Add("LS Protocol Stack", 14563, 0, {"ex1.contoso.com", "0", "6"});
    log.Add("LS Exchange Unified Messaging Routing", 44030, 0, {"ex1.contoso.com"});
    log.Add("LS Protocol Stack", 14493, 0, {"ex1.contoso.com", "6"});
    ReconcileResult result = log.Reconcile(AssertTopology(ContosoTopology(kTap)));
    REQUIRE(result.servers.size() == 1);
    CHECK(result.consistent == std::vector<bool>{true, true, true});
    CHECK(result.unexplained == 0);
    const ReconciledEntry* ex1 = Row(result.servers[0], "ex1.contoso.com");
    REQUIRE(ex1);
    CHECK(ex1->logged == CellEntry{true, 6});
    CHECK(ex1->predicted[0] == CellEntry{true, 6});
    CHECK(result.servers_without_logs == std::vector<std::string>{"edge01.contoso.com", "fe02.contoso.com"});
  }
  SUBCASE("a later 14563 with no restart: only forget re-adds version 0") {
    log.Start(0, "ex1.contoso.com (6)");
    log.Add("LS Protocol Stack", 14563, 0, {"ex1.contoso.com", "0", "6"});
    log.Add("LS Exchange Unified Messaging Routing", 44030, 0, {"ex1.contoso.com"});
    log.Add("LS Protocol Stack", 14493, 0, {"ex1.contoso.com", "6"});
    log.Add("LS Protocol Stack", 14563, 30, {"ex1.contoso.com", "0", "6"});
    ReconcileResult result = log.Reconcile(AssertTopology(ContosoTopology(kTap)));
    REQUIRE(result.readings == std::vector<std::string>{"withdraw-remember", "retry-list", "forget"});
    CHECK(result.consistent == std::vector<bool>{false, false, true});
    CHECK(result.unexplained == 0);
    const ReconciledLine& last = result.servers[0].lines.back();
    CHECK(last.key == "14563");
    CHECK_FALSE(last.ExplainedBy(0));
    CHECK(last.explanations[2].find("a UM Routing poll on fe01.contoso.com") == 0);
    CHECK(Row(result.servers[0], "ex1.contoso.com")->logged == CellEntry{false, 0});
  }
  SUBCASE("O1 logged: the replica of a publish after the start explains the 14563") {
    log.Start(0, "fe02.contoso.com (6)");
    log.Add("LS Protocol Stack", 14493, 0, {"ex1.contoso.com", "0"});
    log.Add("LS Protocol Stack", 14563, 32, {"ex1.contoso.com", "0", "6"});
    ReconcileResult result = log.Reconcile(AssertTopology(ContosoTopology(kTap)));
    CHECK(result.consistent == std::vector<bool>{true, true, true});
    const ReconciledLine& conflict = result.servers[0].lines.back();
    CHECK(conflict.explanations[0].find("after a topology publish") == 0);
    CHECK(conflict.explanations[0].find("the topology replica reaching fe01.contoso.com") != std::string::npos);
    CHECK(Row(result.servers[0], "ex1.contoso.com")->predicted[0] == CellEntry{false, 0});
  }
  SUBCASE("a 14495 nothing in the model causes is unexplained") {
    log.Start(0, "fe02.contoso.com (6)");
    log.Add("LS Protocol Stack", 14493, 0, {"ex1.contoso.com", "0"});
    log.Add("LS Protocol Stack", 14495, 40, {"fe02.contoso.com"});
    ReconcileResult result = log.Reconcile(AssertTopology(ContosoTopology()));
    CHECK(result.unexplained == 1);
    CHECK(result.consistent == std::vector<bool>{false, false, false});
    CHECK(Row(result.servers[0], "fe02.contoso.com")->logged == CellEntry{false, 0});
    CHECK(Row(result.servers[0], "fe02.contoso.com")->predicted[0] == CellEntry{true, 6});
  }
  SUBCASE("a record kst cannot read makes it inconclusive; another computer is named") {
    log.Start(0, "fe02.contoso.com (6)");
    log.Add("LS Protocol Stack", 14493, 0, {"no fqdn here"});
    log.Add("LS Protocol Stack", 14493, 0, {"ex1.contoso.com", "0"}, "ex9.contoso.com");
    ReconcileResult result = log.Reconcile(AssertTopology(ContosoTopology()));
    CHECK(result.inconclusive);
    CHECK(result.servers[0].unread.size() == 1);
    CHECK(result.other_computers == std::vector<std::string>{"ex9.contoso.com"});
  }
}

}  // namespace
}  // namespace kst
