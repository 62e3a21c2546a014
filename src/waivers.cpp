#include "waivers.h"

#include <algorithm>
#include <ctime>

#include "analysis.h"
#include "document_reader.h"
#include "topology_loader.h"

namespace kst {
namespace {

bool IsDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool ReadWaiver(const JsonNode& node, Diagnostics* diagnostics, Waiver* waiver) {
  ObjectReader reader(node, "waiver", diagnostics);
  if (!reader.ok()) return false;
  waiver->location = node.location;
  NamedAt fqdn;
  Location rule_at, expires_at;
  bool ok = reader.String("rule", true, &waiver->rule, &rule_at);
  ok &= reader.Fqdn("fqdn", true, &fqdn);
  waiver->fqdn = fqdn.name;
  ok &= reader.String("reason", true, &waiver->reason);
  ok &= reader.String("owner", true, &waiver->owner);
  ok &= reader.String("expires", true, &waiver->expires, &expires_at);
  if (const JsonNode* servers = reader.Get("servers", false)) {
    if (!(servers->is_string() && servers->string_value == "*")) {
      std::vector<NamedAt> names;
      ok &= reader.FqdnArray("servers", false, &names);
      for (const NamedAt& name : names) waiver->servers.push_back(name.name);
    }
  }
  if (ok && !ModelCatalog::Embedded().FindRule(waiver->rule)) {
    diagnostics->Error("wrong-value", rule_at, node.pointer + "/rule", "unknown rule \"" + waiver->rule + "\"");
    ok = false;
  }
  if (ok && !IsDate(waiver->expires)) {
    diagnostics->Error("wrong-value", expires_at, node.pointer + "/expires",
                       "expires must be a date YYYY-MM-DD, not \"" + waiver->expires + "\"");
    ok = false;
  }
  if (ok && waiver->reason.empty()) {
    diagnostics->Error("wrong-value", node.location, node.pointer + "/reason", "a waiver needs a reason");
    ok = false;
  }
  return ok;
}

bool Covers(const Waiver& waiver, const Finding& finding) {
  if (waiver.rule != finding.rule || waiver.fqdn != finding.fqdn) return false;
  if (waiver.servers.empty()) return true;
  return std::all_of(finding.servers.begin(), finding.servers.end(), [&](const std::string& server) {
    return std::find(waiver.servers.begin(), waiver.servers.end(), server) != waiver.servers.end();
  });
}

Finding WaiverFinding(const Waiver& waiver, const std::string& rule, Severity severity, std::string message) {
  Finding finding;
  finding.rule = rule;
  finding.severity = severity;
  finding.fqdn = waiver.fqdn;
  finding.message = std::move(message);
  finding.claims.push_back({"waiver", 0, "waiver for " + waiver.rule + " on " + waiver.fqdn, waiver.location});
  return finding;
}

}  // namespace

bool LoadWaiverFile(const std::string& path, FileReader* files, std::vector<Waiver>* waivers,
                    Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseInputFile(path, files, &root, diagnostics)) return false;
  ObjectReader reader(root, "waiver file", diagnostics);
  if (!reader.ok() || !reader.Format("kst-waivers/1")) return false;
  reader.Accept("description");
  const JsonNode* list = reader.Array("waivers", true);
  if (!list) return false;
  bool ok = true;
  for (const JsonNode& item : list->items) {
    Waiver waiver;
    if (ReadWaiver(item, diagnostics, &waiver)) waivers->push_back(std::move(waiver));
    else ok = false;
  }
  return ok;
}

std::string TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& today, Report* report) {
  std::vector<Finding> added;
  for (const Waiver& waiver : waivers) {
    // ISO dates compare as strings; a waiver is valid through its expiry day.
    if (waiver.expires < today) {
      added.push_back(WaiverFinding(waiver, "kst/waiver-expired", Severity::kError,
                                    "the waiver for " + waiver.rule + " on " + waiver.fqdn + " (owner " + waiver.owner +
                                        ") expired on " + waiver.expires + "; what it covered is reported again"));
      continue;
    }
    bool used = false;
    for (Finding& finding : report->findings) {
      if (!Covers(waiver, finding)) continue;
      finding.waiver = WaiverRef{waiver.reason, waiver.owner, waiver.expires, waiver.location};
      used = true;
    }
    if (!used)
      added.push_back(WaiverFinding(waiver, "kst/waiver-stale", Severity::kWarning,
                                    "the waiver for " + waiver.rule + " on " + waiver.fqdn +
                                        " matches no finding of this run; delete or correct it"));
  }
  report->findings.insert(report->findings.end(), added.begin(), added.end());
  report->verdict = VerdictOf(*report);
}

}  // namespace kst
