#include "input/topology_loader.h"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "base/interrupt.h"
#include "input/certificate_loader.h"
#include "input/document_reader.h"
#include "input/text_encoding.h"
#include "input/yaml_document.h"
#include "model/claims.h"

namespace kst {
namespace {

void WarnUnknownVersion(const ModelCatalog& model, int version, const Location& at, const std::string& field,
                        Diagnostics* diagnostics) {
  if (model.FindVersion(version)) return;
  diagnostics->Warning(
      "unknown-version", at, field,
      "version " + std::to_string(version) + " is not a known KST version; it is compared as a plain number");
}

}  // namespace

bool ReadLyncPool(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, LyncPool* pool) {
  ObjectReader reader(node, "pool", diagnostics);
  if (!reader.ok()) return false;
  bool ok = reader.Fqdn("fqdn", true, &pool->fqdn);
  Location role_at;
  ok &= reader.String("role", true, &pool->role, &role_at);
  ok &= reader.Integer("version", true, &pool->version, &pool->version_location);
  ok &= reader.FqdnArray("computers", false, &pool->computers);
  ok &= reader.String("site", false, &pool->site);
  reader.Accept("description");
  ReadOrigin(reader, diagnostics, {&pool->fqdn.location, &pool->version_location}, &pool->computers);
  if (ok && !model.FindRole(pool->role)) {
    diagnostics->Error("unknown-role", role_at, node.pointer + "/role",
                       "unknown role \"" + pool->role + "\"; known roles: " + model.RoleNames());
    ok = false;
  }
  if (ok) WarnUnknownVersion(model, pool->version, pool->version_location, node.pointer + "/version", diagnostics);
  return ok;
}

bool ReadTrustedApplicationPool(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics,
                                TrustedApplicationPool* tap) {
  ObjectReader reader(node, "trusted application pool", diagnostics);
  if (!reader.ok()) return false;
  bool ok = reader.Fqdn("fqdn", true, &tap->fqdn);
  ok &= reader.Integer("version", true, &tap->version, &tap->version_location);
  // The registrar places the pool in the topology but adds no KST entry, and
  // an import may not know it (no Registrar dependency in the export).
  ok &= reader.Fqdn("registrar", false, &tap->registrar);
  ok &= reader.FqdnArray("computers", false, &tap->computers);
  reader.Accept("site");
  reader.Accept("description");
  reader.Accept("applications");
  ReadOrigin(reader, diagnostics, {&tap->fqdn.location, &tap->version_location, &tap->registrar.location},
             &tap->computers);
  if (!ok) return false;
  // New-CsTrustedApplicationPool gives the first computer the pool's FQDN
  // unless -ComputerFqdn says otherwise.
  if (tap->computers.empty()) tap->computers.push_back(tap->fqdn);
  WarnUnknownVersion(model, tap->version, tap->version_location, node.pointer + "/version", diagnostics);
  return true;
}

bool ReadExchangeServer(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics,
                        ExchangeServer* server) {
  ObjectReader reader(node, "Exchange server", diagnostics);
  if (!reader.ok()) return false;
  bool ok = reader.Fqdn("fqdn", true, &server->fqdn);
  Location version_at;
  bool version_read = reader.String("version", false, &server->version, &version_at);
  ok &= version_read;
  ok &= reader.Boolean("owa_im", false, &server->owa_im, &server->owa_im_location);
  reader.Accept("roles");
  reader.Accept("description");
  ReadOrigin(reader, diagnostics, {&server->fqdn.location});
  if (version_read && node.Find("version") && !model.FindExchangeVersion(server->version)) {
    diagnostics->Error("unknown-exchange-version", version_at, node.pointer + "/version",
                       "unknown Exchange version \"" + server->version + "\" of server \"" + server->fqdn.name +
                           "\"; known: " + model.ExchangeVersionNames());
    ok = false;
  }
  return ok;
}

bool ReadUmIpGateway(const JsonNode& node, Diagnostics* diagnostics, UmIpGateway* gateway) {
  ObjectReader reader(node, "UM IP gateway", diagnostics);
  if (!reader.ok()) return false;
  gateway->pointer = node.pointer;
  bool ok = reader.String("name", true, &gateway->name.name, &gateway->name.location);
  ok &= reader.Fqdn("address", true, &gateway->address);
  reader.Accept("description");
  return ok;
}

bool ReadHostingProvider(const JsonNode& node, Diagnostics* diagnostics, HostingProvider* provider) {
  ObjectReader reader(node, "hosting provider", diagnostics);
  if (!reader.ok()) return false;
  provider->pointer = node.pointer;
  bool ok = reader.String("identity", true, &provider->identity.name, &provider->identity.location);
  ok &= reader.Fqdn("proxy_fqdn", true, &provider->proxy_fqdn);
  ok &= reader.Fqdn("edge_pool", true, &provider->edge_pool);
  reader.Accept("description");
  return ok;
}

bool ReadDialPlan(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, UmDialPlan* plan) {
  ObjectReader reader(node, "UM dial plan", diagnostics);
  if (!reader.ok()) return false;
  bool ok = reader.String("name", true, &plan->name.name, &plan->name.location);
  // null: an import met the plan (an assignment names it) but no export said
  // its URI type. Whether UM Routing adds its servers is then unknown.
  if (const JsonNode* uri_type = node.Find("uri_type"); uri_type && uri_type->kind == JsonNode::Kind::kNull) {
    reader.Accept("uri_type");
    plan->uri_type_location = uri_type->location;
    diagnostics->Warning("import-unrecognized", uri_type->location, uri_type->pointer,
                         "the URI type of UM dial plan \"" + plan->name.name +
                             "\" is unknown (null): kst cannot tell whether UM Routing adds its servers, so the "
                             "verdict cannot be pass");
    ok &= reader.FqdnArray("servers", true, &plan->servers);
    reader.Accept("description");
    ReadOrigin(reader, diagnostics, {&plan->name.location}, &plan->servers);
    return ok;
  }
  ok &= reader.String("uri_type", true, &plan->uri_type, &plan->uri_type_location);
  ok &= reader.FqdnArray("servers", true, &plan->servers);
  reader.Accept("description");
  ReadOrigin(reader, diagnostics, {&plan->name.location, &plan->uri_type_location}, &plan->servers);
  if (ok && !model.FindUriType(plan->uri_type)) {
    diagnostics->Error("unknown-uri-type", plan->uri_type_location, node.pointer + "/uri_type",
                       "unknown uri_type \"" + plan->uri_type + "\"; known: " + model.UriTypeNames());
    ok = false;
  }
  return ok;
}

namespace {

class TopologyReader {
 public:
  TopologyReader(const ModelCatalog& model, Topology* out, Diagnostics* diagnostics)
      : model_(model), out_(out), diagnostics_(diagnostics) {}

  void Read(const JsonNode& root, bool require_format) {
    ObjectReader top(root, "topology", diagnostics_);
    if (!top.ok()) return;
    if (require_format || top.node().Find("format")) top.Format("kst-topology/1");
    top.Accept("description");
    if (const JsonNode* lync = top.Get("lync", false)) ReadLync(*lync);
    if (const JsonNode* exchange = top.Get("exchange", false)) ReadExchange(*exchange);
    if (const JsonNode* certificates = top.Array("certificates", false))
      for (const JsonNode& item : certificates->items) {
        if (Stop(item)) break;
        const bool read = ReadCertificate(item, model_, diagnostics_, &certificate_);
        if (read && !certificate_.Checkable()) WarnCertificateNotChecked(certificate_, diagnostics_);
        Keep(read, certificate_, certificate_.Checkable() ? &out_->certificates : &out_->unchecked_certificates);
      }
    if (const JsonNode* clocks = top.Array("clocks", false))
      for (const JsonNode& item : clocks->items) {
        if (Stop(item)) break;
        Keep(ReadClockReading(item, diagnostics_, &clock_), clock_, &out_->clocks);
      }
  }

 private:
  void ReadLync(const JsonNode& node) {
    ObjectReader lync(node, "lync section", diagnostics_);
    if (const JsonNode* pools = lync.Array("pools", false))
      for (const JsonNode& item : pools->items) {
        if (Stop(item)) break;
        Keep(ReadLyncPool(item, model_, diagnostics_, &pool_), pool_, &out_->pools);
      }
    if (const JsonNode* taps = lync.Array("trusted_application_pools", false))
      for (const JsonNode& item : taps->items) {
        if (Stop(item)) break;
        Keep(ReadTrustedApplicationPool(item, model_, diagnostics_, &tap_), tap_, &out_->trusted_application_pools);
      }
    if (const JsonNode* others = lync.Array("other_clusters", false))
      for (const JsonNode& item : others->items) {
        if (Stop(item)) break;
        Keep(ReadOtherCluster(item), other_, &out_->other_clusters);
      }
    if (const JsonNode* providers = lync.Array("hosting_providers", false))
      for (const JsonNode& item : providers->items) {
        if (Stop(item)) break;
        Keep(ReadHostingProvider(item, diagnostics_, &provider_), provider_, &out_->hosting_providers);
      }
  }

  // Clusters an import listed but that add no KST entry: read so a round
  // trip through `kst import` keeps them, never used by the analysis.
  bool ReadOtherCluster(const JsonNode& node) {
    ObjectReader reader(node, "other cluster", diagnostics_);
    if (!reader.ok()) return false;
    bool ok = reader.Fqdn("fqdn", true, &other_.fqdn);
    ok &= reader.FqdnArray("computers", false, &other_.computers);
    if (const JsonNode* roles = reader.Array("roles", false)) {
      for (const JsonNode& role : roles->items) {
        if (role.is_string()) {
          other_.roles.push_back(role.string_value);
        } else {
          diagnostics_->Error("wrong-type", role.location, role.pointer, "expected a RoleName string");
          ok = false;
        }
      }
    }
    ReadOrigin(reader, diagnostics_, {&other_.fqdn.location}, &other_.computers);
    return ok;
  }

  void ReadExchange(const JsonNode& node) {
    ObjectReader exchange(node, "exchange section", diagnostics_);
    if (const JsonNode* servers = exchange.Array("servers", false))
      for (const JsonNode& item : servers->items) {
        if (Stop(item)) break;
        Keep(ReadExchangeServer(item, model_, diagnostics_, &server_), server_, &out_->exchange_servers);
      }
    if (const JsonNode* plans = exchange.Array("um_dial_plans", false))
      for (const JsonNode& item : plans->items) {
        if (Stop(item)) break;
        Keep(ReadDialPlan(item, model_, diagnostics_, &plan_), plan_, &out_->dial_plans);
      }
    if (const JsonNode* gateways = exchange.Array("um_ip_gateways", false))
      for (const JsonNode& item : gateways->items) {
        if (Stop(item)) break;
        Keep(ReadUmIpGateway(item, diagnostics_, &gateway_), gateway_, &out_->um_ip_gateways);
      }
  }

  /// Ctrl-C, heard between items: the load stops with an "interrupted" error.
  bool Stop(const JsonNode& item) { return StopForInterrupt(item.location, diagnostics_); }

  template <typename T>
  static void Keep(bool ok, T& item, SharedVector<T>* into) {
    if (ok) into->push_back(std::move(item));
    item = T{};
  }

  const ModelCatalog& model_;
  Topology* out_;
  Diagnostics* diagnostics_;
  LyncPool pool_;
  TrustedApplicationPool tap_;
  ExchangeServer server_;
  UmDialPlan plan_;
  OtherCluster other_;
  UmIpGateway gateway_;
  HostingProvider provider_;
  Certificate certificate_;
  ClockReading clock_;
};

void CheckUnique(const std::string& what, const NamedAt& name, std::unordered_map<std::string, Location>* seen,
                 Diagnostics* diagnostics) {
  auto [it, inserted] = seen->emplace(name.name, name.location);
  if (inserted) return;
  diagnostics->Error("duplicate-definition", name.location, "",
                     what + " \"" + name.name + "\" is defined twice (first at " + it->second.ToString() + ")");
}

}  // namespace

void CheckTopologyReferences(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics) {
  std::unordered_map<std::string, Location> pool_names, exchange_names, plan_names;  // hashed: n names, O(n)
  pool_names.reserve(topology.pools.size() + topology.trusted_application_pools.size());
  exchange_names.reserve(topology.exchange_servers.size());
  plan_names.reserve(topology.dial_plans.size());
  for (const LyncPool& pool : topology.pools) CheckUnique("pool", pool.fqdn, &pool_names, diagnostics);
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools)
    CheckUnique("pool", tap.fqdn, &pool_names, diagnostics);
  for (const ExchangeServer& server : topology.exchange_servers)
    CheckUnique("Exchange server", server.fqdn, &exchange_names, diagnostics);
  for (const UmDialPlan& plan : topology.dial_plans) CheckUnique("UM dial plan", plan.name, &plan_names, diagnostics);

  // Hash indexes: Topology::Find* search their lists, once per reference.
  std::unordered_map<std::string, const LyncPool*> pools;
  pools.reserve(topology.pools.size());
  for (const LyncPool& pool : topology.pools) pools.emplace(pool.fqdn.name, &pool);
  auto find_pool = [&](const std::string& fqdn) -> const LyncPool* {
    auto found = pools.find(fqdn);
    return found == pools.end() ? nullptr : found->second;
  };
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools) {
    if (tap.registrar.name.empty()) continue;  // not known (imports); it adds no KST entry
    const LyncPool* registrar = find_pool(tap.registrar.name);
    if (!registrar) {
      diagnostics->Error("unknown-registrar", tap.registrar.location, "",
                         "registrar \"" + tap.registrar.name + "\" of trusted application pool \"" + tap.fqdn.name +
                             "\" is not a pool of the topology");
    } else if (const RoleInfo* role = model.FindRole(registrar->role); role && !role->hosts_registrar) {
      diagnostics->Error("unknown-registrar", tap.registrar.location, "",
                         "registrar \"" + tap.registrar.name + "\" of trusted application pool \"" + tap.fqdn.name +
                             "\" is a pool of role " + registrar->role + ", which hosts no registrar");
    }
  }
  std::unordered_map<std::string, Location> gateway_names;
  for (const UmIpGateway& gateway : topology.um_ip_gateways) {
    CheckUnique("UM IP gateway", gateway.name, &gateway_names, diagnostics);
    if (!find_pool(gateway.address.name))
      diagnostics->Error("unknown-gateway-pool", gateway.address.location, gateway.pointer + "/address",
                         "UM IP gateway \"" + gateway.name.name + "\" sends to \"" + gateway.address.name +
                             "\", which is not a Lync pool of the topology");
  }
  for (const HostingProvider& provider : topology.hosting_providers) {
    const LyncPool* edge = find_pool(provider.edge_pool.name);
    if (!edge || edge->role != "Edge")
      diagnostics->Error("unknown-edge-pool", provider.edge_pool.location, provider.pointer + "/edge_pool",
                         "hosting provider \"" + provider.identity.name + "\" is reached through \"" +
                             provider.edge_pool.name + "\", which is not an Edge pool of the topology");
  }
  std::unordered_set<std::string> exchange_servers;
  exchange_servers.reserve(topology.exchange_servers.size());
  for (const ExchangeServer& server : topology.exchange_servers) exchange_servers.insert(server.fqdn.name);
  for (const UmDialPlan& plan : topology.dial_plans) {
    for (const NamedAt& server : plan.servers) {
      if (exchange_servers.count(server.name)) continue;
      diagnostics->Error("unknown-exchange-server", server.location, "",
                         "UM dial plan \"" + plan.name.name + "\" names Exchange server \"" + server.name +
                             "\", which is not listed under exchange.servers");
    }
  }
}

void WarnDialPlanServersWithoutUm(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics,
                                  std::set<std::string>* warned) {
  const ExchangeServerLookup servers(topology);
  for (const UmDialPlan& plan : topology.dial_plans) {
    const UriTypeInfo* uri_type = model.FindUriType(plan.uri_type);
    if (!uri_type || !uri_type->um_routing_adds) continue;
    for (const NamedAt& server : plan.servers) {
      if (ExchangeServerHostsUm(servers, model, server.name)) continue;
      if (warned && !warned->insert(plan.name.name + "/" + server.name).second) continue;
      diagnostics->Warning("exchange-2019-no-um", server.location, "",
                           "Exchange " + servers.Find(server.name)->version + " server " + server.name +
                               " has no Unified Messaging, yet it is listed as a server of " + plan.uri_type +
                               " dial plan \"" + plan.name.name +
                               "\"; UM Routing adds no Known Servers Table entry for it");
    }
  }
}

bool ReadTopology(const JsonNode& root, const ModelCatalog& model, bool require_format, Topology* out,
                  Diagnostics* diagnostics) {
  Diagnostics local;
  TopologyReader(model, out, &local).Read(root, require_format);
  if (!local.has_errors()) CheckTopologyReferences(*out, model, &local);
  if (!local.has_errors()) CheckIdentityReferences(*out, model, &local);
  if (!local.has_errors()) WarnDialPlanServersWithoutUm(*out, model, &local);
  diagnostics->Append(local);
  return !local.has_errors();
}

bool ParseInputFile(const std::string& path, FileReader* files, JsonNode* root, Diagnostics* diagnostics) {
  std::string text, error;
  if (!files->Read(path, &text, &error)) {
    diagnostics->Error("unreadable-file", Location{path, 0, 0}, "", "cannot read file: " + error);
    return false;
  }
  // Windows PowerShell 5.1 writes UTF-16LE with a byte-order mark (`>`, Out-File, Set-Content -Encoding
  // Unicode): such a file is decoded once, line breaks kept, so lines still match (columns count UTF-8 bytes).
  const bool utf16 =
      text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'));
  if (utf16) {
    DecodedText decoded;
    if (!DecodeText(text, &decoded, &error)) {
      Location at{path, 1, 1};
      ByteLocation(text, decoded.error_offset, &at.line, &at.column);
      diagnostics->Error("text-encoding", at, "", "not UTF-16 text: " + error);
      return false;
    }
    text = std::move(decoded.utf8);
  }
  if (IsYamlPath(path)) return ParseYamlDocument(path, text, root, diagnostics);
  return ParseJsonDocument(path, text, root, diagnostics);
}

bool LoadTopologyFile(const std::string& path, FileReader* files, const ModelCatalog& model, Topology* out,
                      Diagnostics* diagnostics) {
  JsonNode root;
  if (!ParseInputFile(path, files, &root, diagnostics)) return false;
  out->file = path;
  return ReadTopology(root, model, true, out, diagnostics);
}

}  // namespace kst
