#include "input/waiver_loader.h"

#include <cctype>

#include "input/document_reader.h"
#include "input/topology_loader.h"
#include "model/model_catalog.h"

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

}  // namespace kst
