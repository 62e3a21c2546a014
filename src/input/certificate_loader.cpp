#include "input/certificate_loader.h"

#include <cctype>
#include <map>
#include <set>

#include "input/document_reader.h"

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

bool IsNull(const JsonNode& node, std::string_view key) {
  const JsonNode* value = node.Find(key);
  return value && value->kind == JsonNode::Kind::kNull;
}

}  // namespace

bool NormalizeThumbprint(std::string_view text, std::string* out) {
  std::string hex;
  for (char c : text) {
    if (c == ' ' || c == ':') continue;
    hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  bool ok = hex.size() == 40 || hex.size() == 64;
  for (char c : hex) ok &= std::isxdigit(static_cast<unsigned char>(c)) != 0;
  if (ok) *out = hex;
  return ok;
}

void WarnUnknownCertificateServices(const Certificate& certificate, const ModelCatalog& model,
                                    const std::string& pointer, Diagnostics* diagnostics) {
  for (const NamedAt& service : certificate.services) {
    if (model.FindCertificateService(service.name)) continue;
    diagnostics->Warning("unknown-certificate-service", service.location, pointer,
                         "unknown certificate service \"" + service.name +
                             "\" (known: " + model.CertificateServiceNames() + "); it is not checked");
  }
}

void WarnCertificateNotChecked(const Certificate& certificate, Diagnostics* diagnostics) {
  diagnostics->Warning("certificate-not-checked", certificate.location, certificate.pointer,
                       "certificate " + (certificate.subject_known ? "CN=" + certificate.subject_cn.name : "") +
                           (certificate.thumbprint.empty() ? "" : " (thumbprint " + certificate.thumbprint + ")") +
                           (certificate.server_known ? " of " + certificate.server.name : "") +
                           " is not checked: " + certificate.UnknownParts());
}

bool ReadCertificate(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, Certificate* out) {
  ObjectReader reader(node, "certificate", diagnostics);
  if (!reader.ok()) return false;
  out->location = node.location;
  out->pointer = node.pointer;
  // null: an import could not tell (docs/formats.md); the certificate is kept, not checked.
  auto unknown = [&](const char* key, bool* known) {
    if (!IsNull(node, key)) return false;
    reader.Accept(key);
    *known = false;
    return true;
  };
  bool ok = true;
  if (!unknown("server", &out->server_known)) ok &= reader.Fqdn("server", true, &out->server);
  if (unknown("subject_cn", &out->subject_known)) {
  } else if (const JsonNode* cn = reader.Get("subject_cn", true)) {
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
  if (!unknown("services", &out->services_known)) ok &= reader.StringArray("services", true, &out->services);
  Location not_before_at, not_after_at;
  bool before_unknown = unknown("not_before", &out->validity_known);
  bool after_unknown = unknown("not_after", &out->validity_known);
  if (!before_unknown) ok &= reader.Timestamp("not_before", true, &out->not_before, &not_before_at);
  if (!after_unknown) ok &= reader.Timestamp("not_after", true, &out->not_after, &not_after_at);
  reader.String("issuer", false, &out->issuer);
  if (const JsonNode* thumbprint = reader.Get("thumbprint", false)) {
    ok &= IsString(*thumbprint, diagnostics);
    if (ok && !NormalizeThumbprint(thumbprint->string_value, &out->thumbprint)) {
      diagnostics->Error("invalid-thumbprint", thumbprint->location, thumbprint->pointer,
                         "\"" + thumbprint->string_value + "\" is not a thumbprint (40 or 64 hexadecimal digits)");
      ok = false;
    }
  }
  reader.Accept("friendly_name");
  reader.Accept("description");
  ReadOrigin(reader, diagnostics, {&out->location, &out->server.location, &out->subject_cn.location}, &out->services);
  if (ok && out->validity_known && out->not_after < out->not_before) {
    diagnostics->Error(
        "wrong-value", not_after_at, node.pointer + "/not_after",
        "not_after " + FormatTimestamp(out->not_after) + " is before not_before " + FormatTimestamp(out->not_before));
    ok = false;
  }
  WarnUnknownCertificateServices(*out, model, node.pointer + "/services", diagnostics);
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
