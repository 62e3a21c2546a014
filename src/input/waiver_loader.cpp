#include "input/waiver_loader.h"

#include "base/timestamp.h"
#include "input/document_reader.h"
#include "input/topology_loader.h"
#include "model/model_catalog.h"

namespace kst {
namespace {

// A key kst does not read must never widen a waiver (a misspelt "servers"
// would otherwise leave it covering every server): it is an error.
constexpr char kUnknownKeyWhy[] = "a waiver file is read strictly, so that a misspelt key cannot widen a waiver";

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
  const JsonNode* servers = reader.Get("servers", false);
  if (!servers || (servers->is_string() && servers->string_value == "*")) {
    waiver->every_server = true;
  } else if (servers->is_array() && servers->items.empty()) {
    diagnostics->Error("wrong-value", servers->location, servers->pointer,
                       "a waiver for no server: list the servers it covers, or \"*\" for every server");
    ok = false;
  } else {
    std::vector<NamedAt> names;
    ok &= reader.FqdnArray("servers", false, &names);
    for (const NamedAt& name : names) waiver->servers.push_back(name.name);
  }
  ok &= reader.RejectUnknownFields(kUnknownKeyWhy);
  if (ok && !ModelCatalog::Embedded().FindRule(waiver->rule)) {
    diagnostics->Error("wrong-value", rule_at, node.pointer + "/rule", "unknown rule \"" + waiver->rule + "\"");
    ok = false;
  }
  std::string why;
  if (ok && !ParseCivilDate(waiver->expires, &waiver->expires_day, &why)) {
    diagnostics->Error("wrong-value", expires_at, node.pointer + "/expires",
                       "expires must be a date YYYY-MM-DD, not \"" + waiver->expires + "\": " + why);
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
  bool ok = reader.RejectUnknownFields(kUnknownKeyWhy);
  if (!list) return false;
  for (const JsonNode& item : list->items) {
    Waiver waiver;
    if (ReadWaiver(item, diagnostics, &waiver))
      waivers->push_back(std::move(waiver));
    else
      ok = false;
  }
  return ok;
}

}  // namespace kst
