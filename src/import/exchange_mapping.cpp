// Mapping Exchange records onto the topology.
//
// Records may come from several files in any order, so the mapping first
// sorts copies of them by key and then by location (file, line, column):
// when two records disagree, the one written first in that order wins and
// the other is reported, and notes come out in the same order whatever order
// the files were read in. Servers are keyed by FQDN, dial plans by name
// without regard to case (AD names are case-insensitive; the spelling of the
// first record is kept). Short server names are resolved through a table of
// every server's Name and first FQDN label; a name two different servers
// answer to is ambiguous and resolves to neither.
//
// Tested by exchange_mapping_test.cpp.

#include "import/exchange_mapping.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "base/interrupt.h"

namespace kst {
namespace {

using NoteSink = std::function<void(const Location&, const std::string&, const std::string&, bool)>;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return std::tolower(static_cast<unsigned char>(c)); });
  return text;
}

auto LocationKey(const Location& at) {
  return std::tie(at.file, at.line, at.column);
}

class Mapper {
 public:
  Mapper(const ExchangeExport& exchange, NoteSink note, Diagnostics* diagnostics)
      : exchange_(exchange), note_(std::move(note)), diagnostics_(diagnostics) {}

  void Run(Topology* topology) {
    IndexServers();
    IndexDialPlans();
    std::vector<DialPlanAssignment> assignments = exchange_.assignments;
    std::stable_sort(assignments.begin(), assignments.end(), [](const auto& a, const auto& b) {
      return std::make_tuple(Lower(a.server.name), LocationKey(a.location)) <
             std::make_tuple(Lower(b.server.name), LocationKey(b.location));
    });
    for (const DialPlanAssignment& assignment : assignments) Assign(assignment);
    WarnUmOn2019();
    Emit(topology);
  }

 private:
  void IndexServers() {
    std::vector<ExchangeServerRecord> servers = exchange_.servers;
    std::stable_sort(servers.begin(), servers.end(), [](const auto& a, const auto& b) {
      return std::make_tuple(a.fqdn.name, LocationKey(a.location)) <
             std::make_tuple(b.fqdn.name, LocationKey(b.location));
    });
    for (const ExchangeServerRecord& server : servers) {
      auto [it, added] = servers_.emplace(server.fqdn.name, server);
      if (!added && it->second.product != server.product) {
        note_(AtOrElse(server.version_location, server.location), server.path,
              "server " + server.fqdn.name + " is exported again with another version (" + Shown(server.product) +
                  "; " + Shown(it->second.product) + " at " + it->second.location.ToString() + " is used)",
              false);
      }
      if (!added) continue;
      std::string first_label = server.fqdn.name.substr(0, server.fqdn.name.find('.'));
      for (const std::string& key : {Lower(server.name.name), first_label}) {
        if (key.empty()) continue;
        auto [entry, fresh] = short_names_.emplace(key, server.fqdn.name);
        if (!fresh && entry->second != server.fqdn.name) entry->second.clear();  // ambiguous
      }
    }
  }

  void IndexDialPlans() {
    std::vector<UmDialPlanRecord> plans = exchange_.dial_plans;
    std::stable_sort(plans.begin(), plans.end(), [](const auto& a, const auto& b) {
      return std::make_tuple(Lower(a.name.name), LocationKey(a.location)) <
             std::make_tuple(Lower(b.name.name), LocationKey(b.location));
    });
    for (const UmDialPlanRecord& record : plans) {
      auto [it, added] = plans_.emplace(Lower(record.name.name), UmDialPlan());
      if (added) {
        it->second.name = record.name;
        it->second.uri_type = record.uri_type;
        it->second.uri_type_location = record.uri_type_location;
      } else if (it->second.uri_type != record.uri_type) {
        note_(AtOrElse(record.uri_type_location, record.location), record.path,
              "dial plan \"" + record.name.name + "\" is exported again with another URIType (" +
                  Shown(record.uri_type) + "; " + Shown(it->second.uri_type) + " at " +
                  it->second.uri_type_location.ToString() + " is used)",
              true);
      }
    }
  }

  static std::string Shown(const std::string& value) { return value.empty() ? "unknown" : value; }

  // A value the export left out has no position of its own: point at its record.
  static const Location& AtOrElse(const Location& value, const Location& record) {
    return value.file.empty() ? record : value;
  }

  // The FQDN an assignment's server stands for, or "" (reported).
  std::string ResolveServer(const DialPlanAssignment& assignment) {
    if (assignment.server_is_fqdn) return assignment.server.name;
    auto found = short_names_.find(Lower(assignment.server.name));
    if (found != short_names_.end() && !found->second.empty()) return found->second;
    note_(assignment.server.location, assignment.path,
          "server \"" + assignment.server.name + "\" (" + AssignmentSourceName(assignment.source) + ") is named " +
              (found == short_names_.end()
                   ? "only by its short name, and no Get-ExchangeServer export gives its FQDN; export "
                     "Get-ExchangeServer too"
                   : "by a short name that several exported servers answer to") +
              ", so its dial plans cannot be placed",
          true);
    return "";
  }

  void Assign(const DialPlanAssignment& assignment) {
    std::string fqdn = ResolveServer(assignment);
    if (fqdn.empty() || assignment.dial_plans.empty()) return;
    auto server = servers_.find(fqdn);
    if (server != servers_.end() && server->second.product == "2019") {
      std::string plans;
      for (const NamedAt& plan : assignment.dial_plans) plans += (plans.empty() ? "\"" : ", \"") + plan.name + "\"";
      diagnostics_->Warning("exchange-2019-no-um", assignment.dial_plans.front().location, assignment.path,
                            "Exchange 2019 server " + fqdn + " has no Unified Messaging, yet " +
                                AssignmentSourceName(assignment.source) + " says it answers for dial plan " + plans +
                                "; it is not added as a dial-plan server");
      return;
    }
    if (server == servers_.end() && unlisted_.emplace(fqdn, assignment.server.location).second) {
      note_(assignment.server.location, assignment.path,
            "server " + fqdn +
                " answers for dial plans but no Get-ExchangeServer export lists it; its version is "
                "unknown",
            false);
    }
    for (const NamedAt& plan_name : assignment.dial_plans) {
      auto [plan, added] = plans_.emplace(Lower(plan_name.name), UmDialPlan());
      if (added) {
        plan->second.name = plan_name;
        plan->second.uri_type_location = plan_name.location;
        note_(plan_name.location, assignment.path,
              "dial plan \"" + plan_name.name + "\" is named by " + AssignmentSourceName(assignment.source) +
                  " but no Get-UMDialPlan export defines it, so its URIType (and whether " + fqdn +
                  " enters a KST for it) is unknown",
              true);
      }
      std::vector<NamedAt>& servers = plan->second.servers;
      if (std::none_of(servers.begin(), servers.end(), [&](const NamedAt& s) { return s.name == fqdn; })) {
        servers.push_back({fqdn, plan_name.location});
      }
    }
  }

  void WarnUmOn2019() {
    for (const auto& [fqdn, server] : servers_) {
      if (server.product == "2019" && server.is_unified_messaging_server.value_or(false)) {
        diagnostics_->Warning("exchange-2019-no-um", server.unified_messaging_location, server.path,
                              "Exchange 2019 server " + fqdn +
                                  " is exported with IsUnifiedMessagingServer true, but Exchange 2019 has no Unified "
                                  "Messaging; it is not treated as a UM server");
      }
    }
  }

  void Emit(Topology* topology) {
    size_t emitted = 0;
    for (const auto& [fqdn, server] : servers_) {
      // FindExchangeServer is linear: a large export takes long here, so Ctrl-C is heard.
      if ((emitted++ & 0xFF) == 0 && StopForInterrupt(server.fqdn.location, diagnostics_)) return;
      if (!topology->FindExchangeServer(fqdn)) topology->exchange_servers.push_back({server.fqdn, server.product});
    }
    for (const auto& [fqdn, at] : unlisted_) {
      if (!topology->FindExchangeServer(fqdn)) topology->exchange_servers.push_back({{fqdn, at}, ""});
    }
    for (auto& [key, plan] : plans_) {
      const std::string& plan_key = key;  // clang 14 cannot capture a structured binding
      auto existing = std::find_if(topology->dial_plans.begin(), topology->dial_plans.end(),
                                   [&](const UmDialPlan& p) { return Lower(p.name.name) == plan_key; });
      if (existing == topology->dial_plans.end()) {
        topology->dial_plans.push_back(plan);
        continue;
      }
      for (const NamedAt& server : plan.servers) {
        if (std::find(existing->servers.begin(), existing->servers.end(), server) == existing->servers.end()) {
          existing->servers.push_back(server);
        }
      }
    }
    auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(topology->exchange_servers.begin(), topology->exchange_servers.end(),
              [](const ExchangeServer& a, const ExchangeServer& b) { return a.fqdn.name < b.fqdn.name; });
    std::sort(topology->dial_plans.begin(), topology->dial_plans.end(),
              [&](const UmDialPlan& a, const UmDialPlan& b) { return by_name(a.name, b.name); });
    for (UmDialPlan& plan : topology->dial_plans) std::sort(plan.servers.begin(), plan.servers.end(), by_name);
  }

  const ExchangeExport& exchange_;
  NoteSink note_;
  Diagnostics* diagnostics_;
  std::map<std::string, ExchangeServerRecord> servers_;  // by FQDN
  std::map<std::string, std::string> short_names_;       // lower-case short name -> FQDN, "" when ambiguous
  std::map<std::string, UmDialPlan> plans_;              // by lower-case name
  std::map<std::string, Location> unlisted_;             // assignment servers with no server record
};

}  // namespace

void AddExchangeToTopology(const ExchangeExport& exchange, Topology* topology, FileImportReport* report,
                           Diagnostics* diagnostics) {
  Mapper mapper(
      exchange,
      [&](const Location& at, const std::string& path, const std::string& comment, bool affects) {
        report->Unrecognized(at, path, comment, affects, diagnostics);
      },
      diagnostics);
  mapper.Run(topology);
}

void AddExchangeToTopology(const ExchangeExport& exchange, Topology* topology, std::vector<FileImportReport>* reports,
                           Diagnostics* diagnostics) {
  Mapper mapper(
      exchange,
      [&](const Location& at, const std::string& path, const std::string& comment, bool affects) {
        auto owner = std::find_if(reports->begin(), reports->end(),
                                  [&](const FileImportReport& r) { return r.file == at.file; });
        FileImportReport& report = owner == reports->end() ? reports->front() : *owner;
        report.Unrecognized(at, path, comment, affects, diagnostics);
      },
      diagnostics);
  mapper.Run(topology);
}

}  // namespace kst
