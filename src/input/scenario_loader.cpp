#include "input/scenario_loader.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "base/interrupt.h"
#include "base/platform.h"
#include "input/document_reader.h"
#include "input/topology_loader.h"

namespace kst {
namespace {

/// Applies the plan's operations to a working topology, one at a time.
class PlanReader {
 public:
  PlanReader(const ModelCatalog& model, Topology topology, Diagnostics* diagnostics)
      : model_(model), topology_(std::move(topology)), diagnostics_(diagnostics) {
    Diagnostics base;  // the topology's loader warned about its own dial plans already
    WarnDialPlanServersWithoutUm(topology_, model_, &base, &um_warned_);
  }

  bool ReadStep(const JsonNode& node, PlanStep* step) {
    ObjectReader reader(node, "plan step", diagnostics_);
    if (!reader.ok()) return false;
    if (!reader.String("op", true, &step->op)) return false;
    step->location = node.location;
    const size_t errors_before = ErrorCount();
    bool ok = Dispatch(reader, step);
    const bool changes_topology = step->ChangesTopology();
    if (ok && ErrorCount() == errors_before && changes_topology) {
      Diagnostics references;
      CheckTopologyReferences(topology_, model_, &references);
      for (Diagnostic d : references.all()) {
        d.message = "after plan step \"" + step->op + "\": " + d.message;
        if (!d.location.known()) d.location = node.location;
        d.field = node.pointer;
        diagnostics_->Add(d);
      }
      ok = !references.has_errors();
      if (ok) WarnStepServersWithoutUm(node, step);
    }
    if (!ok || ErrorCount() != errors_before) return false;
    if (!changes_topology) {
      step->after = last_copy_;
      return true;
    }
    // Each change keeps a copy of the whole topology (and the plan compiler a
    // claim index of it): capped in items, so a long plan on a large estate is
    // refused with a message instead of exhausting memory.
    copied_items_ += ItemCount(topology_);
    if (copied_items_ > kMaxCopiedItems) {
      diagnostics_->Error("plan-too-large", node.location, node.pointer,
                          "the plan's changes up to this step keep " + std::to_string(copied_items_) +
                              " topology items in all (" + std::to_string(ItemCount(topology_)) +
                              " per change); kst handles at most " + std::to_string(kMaxCopiedItems) +
                              ": split the plan, or check the changes on a smaller part of the estate");
      return false;
    }
    last_copy_ = std::make_shared<const Topology>(topology_);
    step->after = last_copy_;
    return true;
  }

 private:
  // A step that makes an Exchange server without UM a SipName dial-plan
  // server (adding the plan, its server, or setting its version) says so once.
  void WarnStepServersWithoutUm(const JsonNode& node, const PlanStep* step) {
    Diagnostics warnings;
    WarnDialPlanServersWithoutUm(topology_, model_, &warnings, &um_warned_);
    for (Diagnostic d : warnings.all()) {
      d.message = "after plan step \"" + step->op + "\": " + d.message;
      if (!d.location.known()) d.location = node.location;
      d.field = node.pointer;
      diagnostics_->Add(d);
    }
  }

  size_t ErrorCount() const {
    return std::count_if(diagnostics_->all().begin(), diagnostics_->all().end(),
                         [](const Diagnostic& d) { return d.severity == Severity::kError; });
  }

  bool Dispatch(ObjectReader& reader, PlanStep* step) {
    const std::string& op = step->op;
    if (op == "add_trusted_application_pool") return AddTrustedApplicationPool(reader, step);
    if (op == "remove_trusted_application_pool")
      return RemoveNamed(reader, step, &topology_.trusted_application_pools, "trusted application pool");
    if (op == "add_pool") return AddPool(reader, step);
    if (op == "remove_pool") return RemoveNamed(reader, step, &topology_.pools, "pool");
    if (op == "add_computer" || op == "remove_computer") return ChangeComputer(reader, step, op == "add_computer");
    if (op == "set_pool_version") return SetPoolVersion(reader, step);
    if (op == "add_exchange_server") return AddExchangeServer(reader, step);
    if (op == "remove_exchange_server")
      return RemoveNamed(reader, step, &topology_.exchange_servers, "Exchange server");
    if (op == "add_dial_plan") return AddDialPlan(reader, step);
    if (op == "remove_dial_plan") return RemoveDialPlan(reader, step);
    if (op == "set_dial_plan") return SetDialPlan(reader, step);
    if (op == "restart") return Restart(reader, step);
    if (op == "wait_for_replication") {
      step->kind = PlanStep::Kind::kWaitForReplication;
      step->description = "wait until every server has the newest topology replica";
      return true;
    }
    if (op == "wait_for_um_poll") {
      step->kind = PlanStep::Kind::kWaitForUmPoll;
      step->description = "wait until UM Routing on every server has polled Active Directory and acted on it";
      return true;
    }
    const JsonNode* value = reader.node().Find("op");
    diagnostics_->Error("unknown-op", value->location, value->pointer,
                        "unknown plan op \"" + op + "\"; see README.md, \"Scenario format\"");
    return false;
  }

  bool NotFound(const JsonNode& at, const std::string& what, const std::string& name) {
    diagnostics_->Error("unknown-name", at.location, at.pointer,
                        what + " \"" + name + "\" does not exist at this point of the plan");
    return false;
  }

  bool AlreadyThere(const JsonNode& at, const std::string& what, const std::string& name) {
    diagnostics_->Error("duplicate-definition", at.location, at.pointer,
                        what + " \"" + name + "\" already exists at this point of the plan");
    return false;
  }

  bool AddTrustedApplicationPool(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kPublish;
    const JsonNode* node = reader.Get("pool", true);
    TrustedApplicationPool tap;
    if (!node || !ReadTrustedApplicationPool(*node, model_, diagnostics_, &tap)) return false;
    if (topology_.FindPool(tap.fqdn.name) || topology_.FindTrustedApplicationPool(tap.fqdn.name))
      return AlreadyThere(*node, "pool", tap.fqdn.name);
    step->description = "add trusted application pool " + tap.fqdn.name + " (version " + std::to_string(tap.version) +
                        ", registrar " + tap.registrar.name + ")";
    topology_.trusted_application_pools.push_back(std::move(tap));
    return true;
  }

  bool AddPool(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kPublish;
    const JsonNode* node = reader.Get("pool", true);
    LyncPool pool;
    if (!node || !ReadLyncPool(*node, model_, diagnostics_, &pool)) return false;
    if (topology_.FindPool(pool.fqdn.name) || topology_.FindTrustedApplicationPool(pool.fqdn.name))
      return AlreadyThere(*node, "pool", pool.fqdn.name);
    step->description =
        "add " + pool.role + " pool " + pool.fqdn.name + " (version " + std::to_string(pool.version) + ")";
    topology_.pools.push_back(std::move(pool));
    return true;
  }

  template <typename T>
  bool RemoveNamed(ObjectReader& reader, PlanStep* step, SharedVector<T>* items, const std::string& what) {
    step->kind = what == "Exchange server" ? PlanStep::Kind::kAdChange : PlanStep::Kind::kPublish;
    NamedAt fqdn;
    if (!reader.Fqdn("fqdn", true, &fqdn)) return false;
    auto it = std::find_if(items->begin(), items->end(), [&](const T& item) { return item.fqdn.name == fqdn.name; });
    if (it == items->end()) return NotFound(*reader.node().Find("fqdn"), what, fqdn.name);
    items->erase(it);
    step->description = "remove " + what + " " + fqdn.name;
    return true;
  }

  /// The computers list of a Lync pool or a trusted application pool.
  std::vector<NamedAt>* ComputersOf(const std::string& pool, int** version) {
    if (LyncPool* lync = topology_.FindPool(pool)) {
      // A pool with no computer list is its own single server.
      if (lync->computers.empty()) lync->computers.push_back(lync->fqdn);
      *version = &lync->version;
      return &lync->computers;
    }
    // Found by reading: only the chunk of the pool written is copied (base/shared_vector.h).
    auto& taps = topology_.trusted_application_pools;
    for (size_t i = 0; i < taps.size(); ++i) {
      if (std::as_const(taps)[i].fqdn.name != pool) continue;
      *version = &taps[i].version;
      return &taps[i].computers;
    }
    return nullptr;
  }

  bool ChangeComputer(ObjectReader& reader, PlanStep* step, bool add) {
    step->kind = PlanStep::Kind::kPublish;
    NamedAt pool, computer;
    if (!reader.Fqdn("pool", true, &pool) || !reader.Fqdn("fqdn", true, &computer)) return false;
    int* version = nullptr;
    std::vector<NamedAt>* computers = ComputersOf(pool.name, &version);
    if (!computers) return NotFound(*reader.node().Find("pool"), "pool", pool.name);
    auto it = std::find(computers->begin(), computers->end(), computer);
    if (add && it != computers->end()) return AlreadyThere(*reader.node().Find("fqdn"), "computer", computer.name);
    if (!add && it == computers->end()) return NotFound(*reader.node().Find("fqdn"), "computer", computer.name);
    if (add)
      computers->push_back(computer);
    else
      computers->erase(it);
    step->description = std::string(add ? "add computer " : "remove computer ") + computer.name +
                        (add ? " to pool " : " from pool ") + pool.name;
    return true;
  }

  bool SetPoolVersion(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kPublish;
    NamedAt pool;
    int new_version = 0;
    if (!reader.Fqdn("pool", true, &pool) || !reader.Integer("version", true, &new_version)) return false;
    int* version = nullptr;
    if (!ComputersOf(pool.name, &version)) return NotFound(*reader.node().Find("pool"), "pool", pool.name);
    step->description = "set the version of pool " + pool.name + " from " + std::to_string(*version) + " to " +
                        std::to_string(new_version);
    *version = new_version;
    return true;
  }

  bool AddExchangeServer(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kAdChange;
    const JsonNode* node = reader.Get("server", true);
    ExchangeServer server;
    if (!node || !ReadExchangeServer(*node, model_, diagnostics_, &server)) return false;
    if (topology_.FindExchangeServer(server.fqdn.name)) return AlreadyThere(*node, "Exchange server", server.fqdn.name);
    step->description = "add Exchange server " + server.fqdn.name;
    topology_.exchange_servers.push_back(std::move(server));
    return true;
  }

  bool AddDialPlan(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kAdChange;
    const JsonNode* node = reader.Get("dial_plan", true);
    UmDialPlan plan;
    if (!node || !ReadDialPlan(*node, model_, diagnostics_, &plan)) return false;
    if (topology_.FindDialPlan(plan.name.name)) return AlreadyThere(*node, "UM dial plan", plan.name.name);
    step->description = "add " + plan.uri_type + " UM dial plan \"" + plan.name.name + "\"";
    topology_.dial_plans.push_back(std::move(plan));
    return true;
  }

  UmDialPlan* FindDialPlan(ObjectReader& reader, std::string* name) {
    if (!reader.String("name", true, name)) return nullptr;
    auto& plans = topology_.dial_plans;
    for (size_t i = 0; i < plans.size(); ++i)
      if (std::as_const(plans)[i].name.name == *name) return &plans[i];
    NotFound(*reader.node().Find("name"), "UM dial plan", *name);
    return nullptr;
  }

  bool RemoveDialPlan(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kAdChange;
    std::string name;
    if (!FindDialPlan(reader, &name)) return false;
    const auto& plans = topology_.dial_plans;
    topology_.dial_plans.erase(
        std::find_if(plans.begin(), plans.end(), [&](const UmDialPlan& p) { return p.name.name == name; }));
    step->description = "remove UM dial plan \"" + name + "\"";
    return true;
  }

  bool SetDialPlan(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kAdChange;
    std::string name;
    UmDialPlan* plan = FindDialPlan(reader, &name);
    if (!plan) return false;
    step->description = "change UM dial plan \"" + name + "\":";
    if (const JsonNode* uri_type = reader.Get("uri_type", false)) {
      std::string value;
      if (!reader.String("uri_type", false, &value)) return false;
      if (!model_.FindUriType(value)) {
        diagnostics_->Error("unknown-uri-type", uri_type->location, uri_type->pointer,
                            "unknown uri_type \"" + value + "\"; known: " + model_.UriTypeNames());
        return false;
      }
      plan->uri_type = value;
      step->description += " uri_type " + value;
    }
    if (reader.node().Find("servers")) {
      std::vector<NamedAt> servers;
      if (!reader.FqdnArray("servers", false, &servers)) return false;
      plan->servers = std::move(servers);
      step->description += " servers";
      for (const NamedAt& server : plan->servers) step->description += " " + server.name;
    }
    if (!reader.node().Find("uri_type") && !reader.node().Find("servers")) {
      diagnostics_->Error("missing-field", reader.node().location, reader.node().pointer,
                          "set_dial_plan needs \"uri_type\" or \"servers\"");
      return false;
    }
    return true;
  }

  bool Restart(ObjectReader& reader, PlanStep* step) {
    step->kind = PlanStep::Kind::kRestart;
    const JsonNode* servers = reader.Get("servers", false);
    const JsonNode* pool = reader.Get("pool", false);
    if ((servers == nullptr) == (pool == nullptr)) {
      diagnostics_->Error("missing-field", reader.node().location, reader.node().pointer,
                          "restart needs exactly one of \"servers\" (a list or \"all\") and \"pool\"");
      return false;
    }
    std::vector<std::string> known;
    for (const LyncPool& lync : topology_.pools)
      for (const NamedAt& computer : PoolServers(lync)) known.push_back(computer.name);
    if (pool) {
      NamedAt name;
      if (!ReadFqdnValue(*pool, diagnostics_, &name)) return false;
      const LyncPool* lync = topology_.FindPool(name.name);
      if (!lync) return NotFound(*pool, "pool", name.name);
      for (const NamedAt& computer : PoolServers(*lync)) step->servers.push_back(computer.name);
      step->description = "restart RTCSRV on every server of pool " + name.name;
      return true;
    }
    if (servers->is_string() && servers->string_value == "all") {
      step->servers = known;
      step->description = "restart RTCSRV on every server";
      return true;
    }
    std::vector<NamedAt> names;
    if (!reader.FqdnArray("servers", true, &names)) return false;
    for (size_t i = 0; i < names.size(); ++i) {
      if (std::find(known.begin(), known.end(), names[i].name) == known.end())
        return NotFound(servers->items[i], "Lync server", names[i].name);
      step->servers.push_back(names[i].name);
    }
    step->description = "restart RTCSRV on";
    for (const std::string& name : step->servers) step->description += " " + name;
    return true;
  }

  static constexpr size_t kMaxCopiedItems = 5'000'000;  // about 3 GiB with the claim indexes (README, "Limits")

  const ModelCatalog& model_;
  Topology topology_;
  std::shared_ptr<const Topology> last_copy_ = std::make_shared<const Topology>(topology_);
  std::set<std::string> um_warned_;  // "plan/server" pairs warned about
  size_t copied_items_ = 0;
  Diagnostics* diagnostics_;
};

/// An optional list of model ids (impact features or directions) in an expected finding.
bool ReadIdList(ObjectReader& reader, std::string_view key, const std::string& what, Diagnostics* diagnostics,
                std::optional<std::vector<std::string>>* out) {
  if (!reader.node().Find(key)) return true;
  std::vector<NamedAt> ids;
  if (!reader.StringArray(key, false, &ids)) return false;
  const ImpactModel& impact = ModelCatalog::Embedded().impact();
  out->emplace();
  for (const NamedAt& id : ids) {
    bool known = what == "feature" ? impact.FindFeature(id.name) != nullptr : impact.FindDirection(id.name) != nullptr;
    if (!known) {
      diagnostics->Error("wrong-value", id.location, reader.node().pointer + "/" + std::string(key),
                         "unknown " + what + " \"" + id.name + "\" (see `kst model`)");
      return false;
    }
    (*out)->push_back(id.name);
  }
  return true;
}

bool ReadExpectation(const JsonNode& node, Diagnostics* diagnostics, Expectation* out) {
  ObjectReader reader(node, "expect block", diagnostics);
  if (!reader.ok()) return false;
  out->location = node.location;
  std::string verdict;
  Location verdict_at;
  if (reader.node().Find("verdict")) {
    if (!reader.String("verdict", false, &verdict, &verdict_at)) return false;
    if (verdict != "pass" && verdict != "fail" && verdict != "inconclusive") {
      diagnostics->Error("wrong-value", verdict_at, node.pointer + "/verdict",
                         "expected verdict \"" + verdict + "\" is not pass, fail or inconclusive");
      return false;
    }
    out->verdict = verdict;
  }
  if (const JsonNode* findings = reader.Array("findings", false)) {
    out->findings.emplace();
    for (const JsonNode& item : findings->items) {
      ObjectReader finding(item, "expected finding", diagnostics);
      ExpectedFinding expected;
      expected.location = item.location;
      NamedAt fqdn;
      if (!finding.String("rule", true, &expected.rule) || !finding.Fqdn("fqdn", true, &fqdn)) return false;
      expected.fqdn = fqdn.name;
      if (!ReadIdList(finding, "breaks", "feature", diagnostics, &expected.breaks) ||
          !ReadIdList(finding, "directions", "direction", diagnostics, &expected.directions))
        return false;
      if (finding.node().Find("severity")) {
        std::string severity;
        Location severity_at;
        if (!finding.String("severity", false, &severity, &severity_at)) return false;
        if (severity != "error" && severity != "warning") {
          diagnostics->Error("wrong-value", severity_at, item.pointer + "/severity",
                             "expected severity \"" + severity + "\" is not error or warning");
          return false;
        }
        expected.severity = severity;
      }
      if (finding.node().Find("servers")) {
        std::vector<NamedAt> servers;
        if (!finding.FqdnArray("servers", false, &servers)) return false;
        expected.servers.emplace();
        for (const NamedAt& server : servers) expected.servers->push_back(server.name);
      }
      if (const JsonNode* outages = finding.Array("outages", false)) {
        expected.outages.emplace();
        for (const JsonNode& outage_node : outages->items) {
          ObjectReader outage(outage_node, "expected outage", diagnostics);
          NamedAt server;
          ExpectedFinding::Outage window;
          if (!outage.ok() || !outage.Fqdn("server", true, &server) ||
              !outage.Integer("from_step", true, &window.from_step) ||
              !outage.Integer("to_step", true, &window.to_step))
            return false;
          window.server = server.name;
          expected.outages->push_back(std::move(window));
        }
      }
      if (const JsonNode* fixes = finding.Array("fixes", false)) {
        expected.fixes.emplace();
        for (const JsonNode& fix_node : fixes->items) {
          ObjectReader fix(fix_node, "expected fix", diagnostics);
          ExpectedFinding::Fix wanted;
          if (!fix.ok() || !fix.String("starts_with", true, &wanted.starts_with)) return false;
          if (fix_node.Find("edited_plan_verdict")) {
            std::string verdict;
            Location verdict_at;
            if (!fix.String("edited_plan_verdict", false, &verdict, &verdict_at)) return false;
            if (verdict != "pass" && verdict != "fail" && verdict != "inconclusive") {
              diagnostics->Error("wrong-value", verdict_at, fix_node.pointer + "/edited_plan_verdict",
                                 "expected verdict \"" + verdict + "\" is not pass, fail or inconclusive");
              return false;
            }
            wanted.edited_plan_verdict = verdict;
          }
          expected.fixes->push_back(std::move(wanted));
        }
      }
      out->findings->push_back(std::move(expected));
    }
  }
  if (!out->verdict && !out->findings) {
    // An expect block that asserts nothing would pass whatever happens.
    diagnostics->Error("wrong-value", node.location, node.pointer,
                       "the expect block expects nothing: give a \"verdict\", \"findings\" or both");
    return false;
  }
  return true;
}

bool ReadBaseTopology(ObjectReader& reader, const std::string& path, FileReader* files, const ModelCatalog& model,
                      Topology* out, Diagnostics* diagnostics) {
  const JsonNode* topology = reader.Get("topology", true);
  if (!topology) return false;
  if (topology->is_object()) {
    out->file = path;
    return ReadTopology(*topology, model, false, out, diagnostics);
  }
  if (!topology->is_string()) {
    diagnostics->Error("wrong-type", topology->location, topology->pointer,
                       std::string("expected a topology file path or object, found ") + topology->KindName());
    return false;
  }
  // UTF-8 in and out (PathFromUtf8, NormalPath): a non-ASCII name and a Windows UNC path survive the join.
  std::filesystem::path relative = PathFromUtf8(path).parent_path() / PathFromUtf8(topology->string_value);
  std::string topology_path = NormalPath(relative);
  // A scenario's files belong beside it; one reached through a symbolic link
  // or ".." elsewhere is read, but never silently.
  std::string parent = Utf8FromPath(PathFromUtf8(path).parent_path());
  std::filesystem::path folder = files->CanonicalPath(parent.empty() ? "." : parent);
  std::filesystem::path target = files->CanonicalPath(topology_path);
  auto [end, rest] = std::mismatch(folder.begin(), folder.end(), target.begin(), target.end());
  if (end != folder.end())
    diagnostics->Note("path-outside-scenario", topology->location, topology->pointer,
                      "topology \"" + topology->string_value + "\" resolves to " + target.string() +
                          ", outside the scenario's folder " + folder.string());
  Diagnostics loading;
  bool ok = LoadTopologyFile(topology_path, files, model, out, &loading);
  for (Diagnostic d : loading.all()) {
    if (d.id == "unreadable-file") {
      d.location = topology->location;
      d.field = topology->pointer;
      d.message = "topology \"" + topology_path + "\": " + d.message;
    }
    diagnostics->Add(d);
  }
  return ok;
}

bool ReadScenario(const JsonNode& root, const std::string& path, FileReader* files, const ModelCatalog& model,
                  Scenario* out, Diagnostics* diagnostics) {
  ObjectReader reader(root, "scenario", diagnostics);
  if (!reader.ok() || !reader.Format("kst-scenario/1")) return false;
  out->file = path;
  reader.String("description", false, &out->description);
  if (reader.node().Find("at")) {
    UnixSeconds at = 0;
    if (!reader.Timestamp("at", false, &at)) return false;
    out->at = at;
  }
  if (!ReadBaseTopology(reader, path, files, model, &out->base, diagnostics)) return false;
  bool ok = true;
  if (const JsonNode* environment = reader.Get("environment", false)) {
    ObjectReader env(*environment, "environment", diagnostics);
    std::string restarts = "planned";
    Location at;
    ok &= env.String("restarts", false, &restarts, &at);
    if (restarts == "any")
      out->unplanned_restarts = true;
    else if (restarts != "planned") {
      diagnostics->Error("wrong-value", at, environment->pointer + "/restarts",
                         "restarts must be \"planned\" or \"any\", not \"" + restarts + "\"");
      ok = false;
    }
  }
  PlanReader plan(model, out->base, diagnostics);
  if (const JsonNode* steps = reader.Array("plan", true)) {
    // Cell states count plan steps and revisions in 16 bits; a real change
    // plan is a few dozen steps, so refuse rather than wrap around.
    constexpr size_t kMaxPlanSteps = 10000;
    if (steps->items.size() > kMaxPlanSteps) {
      diagnostics->Error("plan-too-long", steps->location, steps->pointer,
                         "the plan has " + std::to_string(steps->items.size()) + " steps; kst handles at most " +
                             std::to_string(kMaxPlanSteps));
      return false;
    }
    for (const JsonNode& item : steps->items) {
      // Each change copies the topology: a long plan takes seconds, so Ctrl-C is heard between steps.
      if (StopForInterrupt(item.location, diagnostics)) return false;
      PlanStep step;
      if (!plan.ReadStep(item, &step)) return false;  // later steps would build on a wrong topology
      out->plan.push_back(std::move(step));
    }
  } else {
    ok = false;
  }
  if (const JsonNode* expect = reader.Get("expect", false)) {
    Expectation expectation;
    if (ReadExpectation(*expect, diagnostics, &expectation))
      out->expect = std::move(expectation);
    else
      ok = false;
  }
  return ok && !diagnostics->has_errors();
}

}  // namespace

bool LoadScenarioFile(const std::string& path, FileReader* files, const ModelCatalog& model, Scenario* out,
                      Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseInputFile(path, files, &root, diagnostics)) return false;
  return ReadScenario(root, path, files, model, out, diagnostics);
}

bool LoadCheckInput(const std::string& path, FileReader* files, const ModelCatalog& model, Scenario* out,
                    bool* is_scenario, Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseInputFile(path, files, &root, diagnostics)) return false;
  const JsonNode* format = root.Find("format");
  *is_scenario = format && format->is_string() && format->string_value == "kst-scenario/1";
  if (*is_scenario) return ReadScenario(root, path, files, model, out, diagnostics);
  Topology topology;
  topology.file = path;
  if (!ReadTopology(root, model, true, &topology, diagnostics)) return false;
  *out = ScenarioFromTopology(std::move(topology));
  return true;
}

}  // namespace kst
