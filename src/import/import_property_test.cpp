// The import-to-check property: everything an importer reads either reaches
// the analysis (the imported topology) or is reported as not checked or not
// understood, and a file whose content was dropped is never PASSED.
//
// Over every shipped import input (tests/import_inputs/**, without the
// malformed corpora; scenarios/snapshots/**) and over generated variations of
// Exchange exports (certificates with and without an owner, Services,
// subject and dates; servers of every version, with and without UM), the
// records the readers recognise (Exchange servers, dial plans, dial-plan
// assignments, certificates; Lync clusters) are read with the readers
// themselves, then the whole snapshot is imported and each record is looked
// for in the topology or in a diagnostic at one of its locations.

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "import/exchange_export.h"
#include "import/lync_topology_xml.h"
#include "import/snapshot_import.h"
#include "input/text_encoding.h"
#include "input/xml_document.h"

namespace kst {
namespace {

namespace fs = std::filesystem;

// The ids that say "read, but not checked" or "not understood".
bool Reports(const Diagnostic& d) {
  return d.id == kImportUnrecognizedId || d.id == "certificate-not-checked" || d.id == "exchange-2019-no-um" ||
         d.id == "invalid-fqdn";
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return std::tolower(static_cast<unsigned char>(c)); });
  return text;
}

bool SameLocation(const Location& a, const Location& b) {
  return a.known() && a.file == b.file && a.line == b.line && a.column == b.column;
}

class PropertyCheck {
 public:
  PropertyCheck(FileReader* files, std::vector<std::string> paths) : files_(files), paths_(std::move(paths)) {}

  void Run() {
    ImportSnapshot(paths_, files_, ModelCatalog::Embedded(), &snapshot_, &diagnostics_);
    for (const FileImportReport& report : snapshot_.files) {
      if (report.failed || report.format.find("documentation") != std::string::npos) continue;
      if (files_->IsDirectory(report.file)) continue;  // a subfolder the snapshot named and skipped
      ReadRecords(report.file);
    }
    CheckReportsNeverPassDroppedContent();
  }

 private:
  bool Mentioned(const std::vector<Location>& locations) const {
    return std::any_of(diagnostics_.all().begin(), diagnostics_.all().end(), [&](const Diagnostic& d) {
      return Reports(d) && std::any_of(locations.begin(), locations.end(),
                                       [&](const Location& at) { return SameLocation(d.location, at); });
    });
  }

  void Require(bool reached, const std::vector<Location>& locations, const std::string& what) {
    INFO(what << " at " << (locations.empty() ? std::string("?") : locations.front().ToString()));
    CHECK((reached || Mentioned(locations)));
  }

  void ReadRecords(const std::string& path) {
    std::string bytes, error;
    DecodedText text;
    REQUIRE(files_->Read(path, &bytes, &error));
    REQUIRE(DecodeText(bytes, &text, &error));
    Diagnostics scratch;
    FileImportReport report;
    if (text.utf8.find_first_not_of(" \t\r\n") != std::string::npos &&
        text.utf8[text.utf8.find_first_not_of(" \t\r\n")] == '<') {
      XmlDocument document;
      if (document.Parse(path, text.utf8, &scratch) &&
          DetectLyncXmlFormat(document) != LyncXmlFormat::kNotLyncTopology) {
        LyncXmlTopology xml;
        REQUIRE(ReadLyncTopologyXml(document, &xml, &report, &scratch));
        CheckLync(xml);
        return;
      }
    }
    ExchangeExport exchange;
    REQUIRE(ReadExchangeExport(path, files_, &exchange, &report, &scratch));
    CheckExchange(exchange);
  }

  void CheckLync(const LyncXmlTopology& xml) {
    const Topology& topology = snapshot_.topology;
    for (const XmlCluster& cluster : xml.clusters) {
      const std::string fqdn = Lower(cluster.fqdn);
      bool reached = topology.FindPool(fqdn) || topology.FindTrustedApplicationPool(fqdn) ||
                     std::any_of(topology.other_clusters.begin(), topology.other_clusters.end(),
                                 [&](const OtherCluster& other) { return other.fqdn.name == fqdn; });
      std::vector<Location> at = {cluster.location};
      for (const XmlService& service : xml.services)
        if (service.installed_on == cluster.key) at.push_back(service.location);
      Require(reached, at, "Lync cluster " + cluster.fqdn);
    }
  }

  void CheckExchange(const ExchangeExport& exchange) {
    const Topology& topology = snapshot_.topology;
    for (const ExchangeServerRecord& server : exchange.servers)
      Require(topology.FindExchangeServer(server.fqdn.name) != nullptr, {server.location, server.fqdn.location},
              "Exchange server " + server.fqdn.name);
    for (const UmDialPlanRecord& plan : exchange.dial_plans)
      Require(FindPlan(plan.name.name) != nullptr, {plan.location, plan.name.location}, "dial plan " + plan.name.name);
    for (const DialPlanAssignment& assignment : exchange.assignments) {
      std::vector<Location> at = {assignment.location, assignment.server.location};
      for (const NamedAt& plan : assignment.dial_plans) at.push_back(plan.location);
      Require(Placed(assignment), at, "assignment of " + assignment.server.name);
    }
    for (const ExchangeCertificateRecord& record : exchange.certificates) {
      auto here = [&](const Certificate& c) { return SameLocation(c.location, record.location); };
      const bool checked = std::any_of(topology.certificates.begin(), topology.certificates.end(), here);
      const bool unchecked =
          std::any_of(topology.unchecked_certificates.begin(), topology.unchecked_certificates.end(), here);
      // An unchecked certificate reaches the analysis too (it may make the
      // verdict inconclusive), but it must also have been reported.
      Require(checked || (unchecked && Mentioned({record.location})), {record.location},
              "certificate " + record.thumbprint);
      if (checked) {
        const Certificate& c = *std::find_if(topology.certificates.begin(), topology.certificates.end(), here);
        CHECK(c.Checkable());
      }
    }
  }

  const UmDialPlan* FindPlan(const std::string& name) const {
    for (const UmDialPlan& plan : snapshot_.topology.dial_plans)
      if (Lower(plan.name.name) == Lower(name)) return &plan;
    return nullptr;
  }

  // Every plan the assignment names lists its server.
  bool Placed(const DialPlanAssignment& assignment) const {
    for (const NamedAt& plan_name : assignment.dial_plans) {
      const UmDialPlan* plan = FindPlan(plan_name.name);
      if (!plan) return false;
      const std::string server = Lower(assignment.server.name);
      bool listed = std::any_of(plan->servers.begin(), plan->servers.end(), [&](const NamedAt& s) {
        return s.name == server || s.name.substr(0, s.name.find('.')) == server;
      });
      if (!listed) return false;
    }
    return true;
  }

  // A file with a not-checked or not-understood diagnostic is not PASSED.
  void CheckReportsNeverPassDroppedContent() {
    for (const Diagnostic& d : diagnostics_.all()) {
      if (!Reports(d)) continue;
      for (const FileImportReport& report : snapshot_.files) {
        if (report.file != d.location.file) continue;
        INFO(d.ToString());
        CHECK(report.status() != ImportStatus::kPassed);
      }
    }
  }

  FileReader* files_;
  std::vector<std::string> paths_;
  ImportedSnapshot snapshot_;
  Diagnostics diagnostics_;
};

// Every snapshot folder and export file shipped for import.
std::vector<std::vector<std::string>> ShippedInputs() {
  const fs::path root(KST_SOURCE_DIR);
  std::vector<std::vector<std::string>> inputs;
  for (const char* base : {"tests/import_inputs", "scenarios/snapshots"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / base)) {
      const std::string path = entry.path().string();
      if (path.find("malformed") != std::string::npos) continue;
      if (entry.is_directory()) {
        bool has_files = false;
        for (const auto& inner : fs::directory_iterator(entry.path())) has_files |= inner.is_regular_file();
        if (has_files) inputs.push_back({path});
      } else if (entry.path().extension() == ".xml" || entry.path().extension() == ".tbxml") {
        inputs.push_back({path});
      }
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

TEST_CASE("import-to-check property: the shipped import inputs") {
  DiskFileReader disk;
  const std::vector<std::vector<std::string>> inputs = ShippedInputs();
  CHECK(inputs.size() >= 10);
  for (const std::vector<std::string>& paths : inputs) {
    CAPTURE(paths.front());
    PropertyCheck(&disk, paths).Run();
  }
}

// Generated variations: one Exchange organisation as ConvertTo-Json would
// write it, each certificate and server property present or left out.
std::string Server(const std::string& fqdn, const std::string& version, bool um) {
  return "{\"Name\": \"" + fqdn.substr(0, fqdn.find('.')) + "\", \"Fqdn\": \"" + fqdn +
         "\", \"AdminDisplayVersion\": \"Version " + version +
         " (Build 1.1)\", \"IsUnifiedMessagingServer\": " + (um ? "true" : "false") + "}";
}

std::string CertificateJson(int variant) {
  std::string object = "{";
  auto add = [&](const std::string& member) { object += (object.size() > 1 ? ", " : "") + member; };
  add(R"("Thumbprint": "6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4)" + std::to_string(variant % 10) + "\"");
  if (variant & 1) add(R"("Subject": "CN=*.contoso.com, O=Contoso")");
  if (variant & 2) add(R"("Services": "IIS, SMTP, UM")");
  if (variant & 4) add(R"("NotBefore": "2025-01-01T00:00:00Z", "NotAfter": "2035-01-01T00:00:00Z")");
  switch ((variant >> 3) & 3) {
    case 1:
      add(R"("Server": "ex1.contoso.com")");
      break;
    case 2:
      add(R"("Identity": "EX2\\6D1C4793A5A03C71C03181DBA7A5BDDB201BCD4A")");
      break;
    case 3:
      add(R"("PSComputerName": "ex9.contoso.com")");
      break;  // no server of the topology
    default:
      break;
  }
  return object + "}";
}

TEST_CASE("import-to-check property: generated Exchange exports") {
  const std::vector<std::string> versions = {"14.3", "15.0", "15.1", "15.2", "15.9"};
  for (int variant = 0; variant < 32; ++variant) {
    CAPTURE(variant);
    VirtualFileReader files;
    const std::string& version = versions[variant % versions.size()];
    files.Add("snapshot/certificates.json", "[" + CertificateJson(variant) + ", " + CertificateJson(variant + 1) + "]");
    files.Add("snapshot/servers.json", "[" + Server("ex1.contoso.com", version, variant % 2 == 0) + ", " +
                                           Server("ex2.contoso.com", "15.1", true) + "]");
    files.Add("snapshot/dialplans.json", R"([{"Name": "SIP", "URIType": "SipName"},
                                              {"Name": "Ext", "URIType": "TelExtn"}])");
    files.Add("snapshot/umservices.json", R"([{"Name": "EX1", "DialPlans": ["SIP"], "Status": "Enabled"},
                                              {"Name": "EX7", "DialPlans": ["Other"], "Status": "Enabled"}])");
    PropertyCheck(&files, {"snapshot"}).Run();
  }
}

}  // namespace
}  // namespace kst
