#include "certificate_loader.h"

#include <cctype>
#include <map>
#include <set>

#include "document_reader.h"

namespace kst {
namespace {

/// Ten years either way: beyond that an offset is a unit mistake.
constexpr double kMaxOffsetSeconds = 10.0 * 366 * 86400;

bool IsString(const JsonNode& value, Diagnostics* diagnostics) {
  if (value.is_string()) return true;
  diagnostics->Error("wrong-type", value.location, value.pointer,
                     std::string("expected a string, found ") + value.KindName());
  return false;
}

bool ReadName(const JsonNode& value, const std::string& what, Diagnostics* diagnostics, NamedAt* out) {
  if (!NormalizeCertificateName(value.string_value, &out->name)) {
    diagnostics->Error("invalid-certificate-name", value.location, value.pointer,
                       "\"" + value.string_value + "\" is not a usable " + what + " (empty, or blanks inside)");
    return false;
  }
  out->location = value.location;
  return true;
}

bool ReadThumbprint(const JsonNode& value, Diagnostics* diagnostics, std::string* out) {
  std::string hex;
  for (char c : value.string_value) {
    if (c == ' ' || c == ':') continue;
    hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  bool ok = hex.size() == 40 || hex.size() == 64;
  for (char c : hex) ok &= std::isxdigit(static_cast<unsigned char>(c)) != 0;
  if (!ok) {
    diagnostics->Error("invalid-thumbprint", value.location, value.pointer,
                       "\"" + value.string_value + "\" is not a thumbprint (40 or 64 hexadecimal digits)");
    return false;
  }
  *out = hex;
  return true;
}

}  // namespace

bool IsTopologyServer(const Topology& topology, const std::string& fqdn) {
  if (topology.FindExchangeServer(fqdn) || topology.FindPool(fqdn) || topology.FindTrustedApplicationPool(fqdn))
    return true;
  for (const LyncPool& pool : topology.pools)
    for (const NamedAt& computer : pool.computers)
      if (computer.name == fqdn) return true;
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools)
    for (const NamedAt& computer : tap.computers)
      if (computer.name == fqdn) return true;
  return false;
}

TopologyServerNames::TopologyServerNames(const Topology& topology) {
  names_.reserve(topology.exchange_servers.size() + topology.pools.size() + topology.trusted_application_pools.size());
  for (const ExchangeServer& server : topology.exchange_servers) names_.insert(server.fqdn.name);
  for (const LyncPool& pool : topology.pools) {
    names_.insert(pool.fqdn.name);
    for (const NamedAt& computer : pool.computers) names_.insert(computer.name);
  }
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools) {
    names_.insert(tap.fqdn.name);
    for (const NamedAt& computer : tap.computers) names_.insert(computer.name);
  }
}

bool NormalizeCertificateName(std::string_view raw, std::string* name) {
  std::string out(raw);
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out.empty()) return false;
  for (char& c : out) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) return false;
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  *name = std::move(out);
  return true;
}

bool IsWildcardName(const std::string& name) {
  return name.find('*') != std::string::npos;
}

bool ReadCertificate(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, Certificate* out) {
  ObjectReader reader(node, "certificate", diagnostics);
  if (!reader.ok()) return false;
  out->location = node.location;
  out->pointer = node.pointer;
  bool ok = reader.Fqdn("server", true, &out->server);
  if (const JsonNode* cn = reader.Get("subject_cn", true)) {
    ok &= IsString(*cn, diagnostics) && ReadName(*cn, "subject CN", diagnostics, &out->subject_cn);
  } else {
    ok = false;
  }
  if (const JsonNode* sans = reader.Array("san", false)) {
    for (const JsonNode& item : sans->items) {
      NamedAt name;
      bool read = IsString(item, diagnostics) && ReadName(item, "subject alternative name", diagnostics, &name);
      if (read) out->sans.push_back(std::move(name));
      ok &= read;
    }
  }
  ok &= reader.StringArray("services", true, &out->services);
  Location not_before_at, not_after_at;
  ok &= reader.Timestamp("not_before", true, &out->not_before, &not_before_at);
  ok &= reader.Timestamp("not_after", true, &out->not_after, &not_after_at);
  reader.String("issuer", false, &out->issuer);
  if (const JsonNode* thumbprint = reader.Get("thumbprint", false))
    ok &= IsString(*thumbprint, diagnostics) && ReadThumbprint(*thumbprint, diagnostics, &out->thumbprint);
  reader.Accept("friendly_name");
  reader.Accept("description");
  if (ok && out->not_after < out->not_before) {
    diagnostics->Error(
        "wrong-value", not_after_at, node.pointer + "/not_after",
        "not_after " + FormatTimestamp(out->not_after) + " is before not_before " + FormatTimestamp(out->not_before));
    ok = false;
  }
  for (const NamedAt& service : out->services) {
    if (model.FindCertificateService(service.name)) continue;
    diagnostics->Warning("unknown-certificate-service", service.location, node.pointer + "/services",
                         "unknown certificate service \"" + service.name +
                             "\" (known: " + model.CertificateServiceNames() + "); it is not checked");
  }
  return ok;
}

bool ReadClockReading(const JsonNode& node, Diagnostics* diagnostics, ClockReading* out) {
  ObjectReader reader(node, "clock reading", diagnostics);
  if (!reader.ok()) return false;
  out->pointer = node.pointer;
  bool ok = reader.Fqdn("server", true, &out->server);
  ok &= reader.Number("offset_seconds", true, kMaxOffsetSeconds, &out->offset_seconds, &out->offset_location);
  ok &= reader.Timestamp("measured_at", true, &out->measured_at);
  reader.Accept("description");
  return ok;
}

void CheckIdentityReferences(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics) {
  if (topology.certificates.empty() && topology.clocks.empty()) return;
  std::map<std::string, std::map<std::string, const Certificate*>> by_service;  // server -> service -> certificate
  const TopologyServerNames servers(topology);
  for (const Certificate& certificate : topology.certificates) {
    const std::string& server = certificate.server.name;
    if (!servers.Has(server)) {
      diagnostics->Warning("unknown-certificate-server", certificate.server.location, certificate.pointer + "/server",
                           "certificate \"" + certificate.subject_cn.name + "\" belongs to " + server +
                               ", which is no server of the topology; it is not checked");
      continue;
    }
    for (const NamedAt& service : certificate.services) {
      const CertificateServiceInfo* info = model.FindCertificateService(service.name);
      if (!info || !info->sip) continue;
      auto [it, inserted] = by_service[server].emplace(service.name, &certificate);
      if (inserted || it->second == &certificate) continue;
      diagnostics->Warning("ambiguous-certificate", service.location, certificate.pointer + "/services",
                           "two certificates of " + server + " are assigned to " + service.name + " (\"" +
                               it->second->subject_cn.name + "\" at " + it->second->location.ToString() + " and \"" +
                               certificate.subject_cn.name + "\"); kst checks both");
    }
  }
  std::map<std::string, Location> clocks;
  for (const ClockReading& clock : topology.clocks) {
    if (!servers.Has(clock.server.name))
      diagnostics->Warning("unknown-clock-server", clock.server.location, clock.pointer + "/server",
                           "clock reading of " + clock.server.name +
                               ", which is no server of the topology; it is not "
                               "checked");
    auto [it, inserted] = clocks.emplace(clock.server.name, clock.server.location);
    if (!inserted)
      diagnostics->Error(
          "duplicate-definition", clock.server.location, clock.pointer + "/server",
          "a second clock reading of " + clock.server.name + " (first at " + it->second.ToString() + ")");
  }
}

}  // namespace kst
