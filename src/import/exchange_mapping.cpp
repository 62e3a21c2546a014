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
#include <unordered_map>
#include <unordered_set>

#include "base/interrupt.h"
#include "input/certificate_loader.h"
#include "model/certificate_names.h"
#include "model/claims.h"

namespace kst {
namespace {

/// The import report of the file a record came from.
using ReportFor = std::function<FileImportReport&(const std::string& file)>;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return std::tolower(static_cast<unsigned char>(c)); });
  return text;
}

auto LocationKey(const Location& at) {
  return std::tie(at.file, at.line, at.column);
}

// The records ordered by (key, location), stably. Each key is computed once
// and pointers are sorted, not records: a comparison that made lower-case
// copies allocated twice per comparison, and moving records copied strings.
template <typename T, typename KeyOf>
std::vector<const T*> SortedBy(const std::vector<T>& records, KeyOf key_of) {
  std::vector<std::pair<std::string, const T*>> keyed;
  keyed.reserve(records.size());
  for (const T& record : records) keyed.emplace_back(key_of(record), &record);
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return LocationKey(a.second->location) < LocationKey(b.second->location);
  });
  std::vector<const T*> sorted;
  sorted.reserve(keyed.size());
  for (const auto& [key, record] : keyed) sorted.push_back(record);
  return sorted;
}

class Mapper {
 public:
  Mapper(const ExchangeExport& exchange, const ModelCatalog& model, ReportFor report_for, Diagnostics* diagnostics)
      : exchange_(exchange), model_(model), report_for_(std::move(report_for)), diagnostics_(diagnostics) {}

  void Run(Topology* topology) {
    IndexServers();
    IndexDialPlans();
    for (const DialPlanAssignment* assignment :
         SortedBy(exchange_.assignments, [](const DialPlanAssignment& a) { return Lower(a.server.name); }))
      Assign(*assignment);
    WarnUmOn2019();
    Emit(topology);
    MapCertificates(topology);
  }

 private:
  void note_(const Location& at, const std::string& path, const std::string& comment, bool affects) {
    report_for_(at.file).Unrecognized(at, path, comment, affects, diagnostics_);
  }

  void NotChecked(const Location& at, const std::string& path, const std::string& comment, const char* id) {
    report_for_(at.file).NotChecked(at, path, comment, id, diagnostics_);
  }

  void Count(const Location& at, const std::string& what) { report_for_(at.file).Count(what); }

  void IndexServers() {
    std::vector<ExchangeServerRecord> servers = exchange_.servers;
    std::stable_sort(servers.begin(), servers.end(), [](const auto& a, const auto& b) {
      return std::make_tuple(a.fqdn.name, LocationKey(a.location)) <
             std::make_tuple(b.fqdn.name, LocationKey(b.location));
    });
    for (const ExchangeServerRecord& server : servers) {
      Count(server.location, "Exchange servers");
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
      Count(record.location, "UM dial plans");
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
    if (server != servers_.end() && !ExchangeVersionHostsUm(model_, server->second.product)) {
      std::string plans;
      for (const NamedAt& plan : assignment.dial_plans) plans += (plans.empty() ? "\"" : ", \"") + plan.name + "\"";
      NotChecked(assignment.dial_plans.front().location, assignment.path,
                 "Exchange " + server->second.product + " server " + fqdn + " has no Unified Messaging, yet " +
                     AssignmentSourceName(assignment.source) + " says it answers for dial plan " + plans +
                     "; it is not added as a dial-plan server",
                 "exchange-2019-no-um");
      return;
    }
    Count(assignment.location, "dial-plan assignments");
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
      if (placed_.insert(plan->first + '\n' + fqdn).second) {
        servers.push_back({fqdn, plan_name.location});
      }
    }
  }

  void WarnUmOn2019() {
    for (const auto& [fqdn, server] : servers_) {
      if (!ExchangeVersionHostsUm(model_, server.product) && server.is_unified_messaging_server.value_or(false)) {
        NotChecked(server.unified_messaging_location, server.path,
                   "Exchange " + server.product + " server " + fqdn +
                       " is exported with IsUnifiedMessagingServer true, but Exchange " + server.product +
                       " has no Unified Messaging; it is not treated as a UM server",
                   "exchange-2019-no-um");
      }
    }
  }

  // Hash indexes of what the topology already holds, so that adding n
  // servers or plan members costs O(n), not a search of the list per item.
  void Emit(Topology* topology) {
    std::unordered_set<std::string> servers;
    for (const ExchangeServer& server : topology->exchange_servers) servers.insert(server.fqdn.name);
    size_t emitted = 0;
    for (const auto& [fqdn, server] : servers_) {
      if ((emitted++ & 0xFF) == 0 && StopForInterrupt(server.fqdn.location, diagnostics_)) return;  // Ctrl-C
      if (servers.insert(fqdn).second) topology->exchange_servers.push_back({server.fqdn, server.product});
    }
    for (const auto& [fqdn, at] : unlisted_) {
      if (servers.insert(fqdn).second) topology->exchange_servers.push_back({{fqdn, at}, ""});
    }
    std::unordered_map<std::string, size_t> plans;  // lower-case name -> index in topology->dial_plans
    for (size_t i = 0; i < topology->dial_plans.size(); ++i) plans.emplace(Lower(topology->dial_plans[i].name.name), i);
    std::unordered_map<size_t, std::unordered_set<std::string>> members;  // of plans that were there, when extended
    for (auto& [key, plan] : plans_) {
      auto [existing, added] = plans.emplace(key, topology->dial_plans.size());
      if (added) {
        topology->dial_plans.push_back(plan);
        continue;
      }
      UmDialPlan& there = topology->dial_plans[existing->second];
      auto [names, fresh] = members.try_emplace(existing->second);
      if (fresh)
        for (const NamedAt& server : there.servers) names->second.insert(server.name);
      for (const NamedAt& server : plan.servers) {
        if (names->second.insert(server.name).second) there.servers.push_back(server);
      }
    }
    auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(topology->exchange_servers.mutable_begin(), topology->exchange_servers.mutable_end(),
              [](const ExchangeServer& a, const ExchangeServer& b) { return a.fqdn.name < b.fqdn.name; });
    std::sort(topology->dial_plans.mutable_begin(), topology->dial_plans.mutable_end(),
              [&](const UmDialPlan& a, const UmDialPlan& b) { return by_name(a.name, b.name); });
    for (UmDialPlan& plan : topology->dial_plans.Writable())
      std::sort(plan.servers.begin(), plan.servers.end(), by_name);
  }

  // Certificates: each becomes a Certificate as the kst-topology/1 loader
  // makes one (certificate_loader.h); one whose owner, subject, services or
  // validity the export does not give is kept unchecked and reported.
  void MapCertificates(Topology* topology) {
    std::vector<ExchangeCertificateRecord> records = exchange_.certificates;
    std::stable_sort(records.begin(), records.end(),
                     [](const auto& a, const auto& b) { return LocationKey(a.location) < LocationKey(b.location); });
    std::set<std::pair<std::string, std::string>> seen;  // (server, thumbprint)
    for (const ExchangeCertificateRecord& record : records) {
      Certificate certificate = MakeCertificate(record);
      if (certificate.server_known && !certificate.thumbprint.empty() &&
          !seen.emplace(certificate.server.name, certificate.thumbprint).second) {
        note_(record.location, record.path,
              "certificate " + certificate.thumbprint + " of " + certificate.server.name +
                  " is exported again; the first one is used",
              false);
        continue;
      }
      const std::string what = Describe(certificate);
      if (!certificate.Checkable()) {
        NotChecked(record.location, record.path,
                   "certificate " + what + " is not checked: " + certificate.UnknownParts() + Advice(certificate),
                   "certificate-not-checked");
        Count(record.location, "certificates, not checked");
        topology->unchecked_certificates.push_back(std::move(certificate));
        continue;
      }
      if (!IsTopologyServer(*topology, certificate.server.name)) {
        NotChecked(record.location, record.path,
                   "certificate " + Describe(certificate, false) + " belongs to " + certificate.server.name +
                       ", which is no server of the topology (export Get-ExchangeServer too); it is not checked",
                   "certificate-not-checked");
        Count(record.location, "certificates, not checked");
      } else {
        Count(record.location, "certificates");
      }
      WarnUnknownCertificateServices(certificate, model_, record.path, diagnostics_);
      topology->certificates.push_back(std::move(certificate));
    }
  }

  static std::string Describe(const Certificate& certificate, bool with_server = true) {
    std::string text = certificate.subject_known ? "CN=" + certificate.subject_cn.name : "without a subject CN";
    if (!certificate.thumbprint.empty()) text += " (thumbprint " + certificate.thumbprint + ")";
    if (with_server && certificate.server_known) text += " of " + certificate.server.name;
    return text;
  }

  static std::string Advice(const Certificate& certificate) {
    if (!certificate.server_known || !certificate.services_known)
      return " (export the certificates with their server and Services as text: docs/import.md)";
    if (!certificate.validity_known)
      return " (NotBefore/NotAfter are not UTC times kst can read: export RawData, or use Export-Clixml or "
             "ConvertTo-Json)";
    return "";
  }

  Certificate MakeCertificate(const ExchangeCertificateRecord& record) {
    Certificate certificate;
    certificate.location = record.location;
    certificate.pointer = record.path;
    certificate.server_known = !record.server.name.empty();
    if (certificate.server_known) {
      std::string fqdn = record.server.name;
      if (!record.server_is_fqdn) {
        auto found = short_names_.find(Lower(record.server.name));
        fqdn = found == short_names_.end() ? "" : found->second;
      }
      certificate.server_known = !fqdn.empty();
      certificate.server = {fqdn, record.server.location};
    }
    certificate.subject_known = NormalizeCertificateName(record.subject_cn, &certificate.subject_cn.name);
    certificate.subject_cn.location = record.location;
    for (const std::string& name : record.dns_names) {
      NamedAt san{"", record.location};
      if (NormalizeCertificateName(name, &san.name)) certificate.sans.push_back(std::move(san));
    }
    certificate.services_known = record.services_known;
    for (const std::string& service : record.services)
      if (service != "None") certificate.services.push_back({service, record.services_location});
    std::string why;
    certificate.validity_known = ParseTimestamp(record.not_before, &certificate.not_before, &why) &&
                                 ParseTimestamp(record.not_after, &certificate.not_after, &why) &&
                                 certificate.not_before <= certificate.not_after;
    certificate.issuer = record.issuer;
    if (!NormalizeThumbprint(record.thumbprint, &certificate.thumbprint)) certificate.thumbprint.clear();
    return certificate;
  }

  const ExchangeExport& exchange_;
  const ModelCatalog& model_;
  ReportFor report_for_;
  Diagnostics* diagnostics_;
  std::map<std::string, ExchangeServerRecord> servers_;  // by FQDN
  std::map<std::string, std::string> short_names_;       // lower-case short name -> FQDN, "" when ambiguous
  std::map<std::string, UmDialPlan> plans_;              // by lower-case name
  std::map<std::string, Location> unlisted_;             // assignment servers with no server record
  std::unordered_set<std::string> placed_;               // "plan key\nFQDN": a server already in that plan
};

}  // namespace

void AddExchangeToTopology(const ExchangeExport& exchange, const ModelCatalog& model, Topology* topology,
                           FileImportReport* report, Diagnostics* diagnostics) {
  Mapper mapper(
      exchange, model, [&](const std::string&) -> FileImportReport& { return *report; }, diagnostics);
  mapper.Run(topology);
}

void AddExchangeToTopology(const ExchangeExport& exchange, const ModelCatalog& model, Topology* topology,
                           std::vector<FileImportReport>* reports, Diagnostics* diagnostics) {
  Mapper mapper(
      exchange, model,
      [&, owners = std::unordered_map<std::string, size_t>()](const std::string& file) mutable -> FileImportReport& {
        if (owners.empty())
          for (size_t i = reports->size(); i-- > 0;) owners[(*reports)[i].file] = i;  // the first report of a file
        auto owner = owners.find(file);
        return owner == owners.end() ? reports->front() : (*reports)[owner->second];
      },
      diagnostics);
  mapper.Run(topology);
}

}  // namespace kst
