#include "input/topology_writer.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;

Json Origin(const Location& at) {
  Json origin = {{"file", at.file}, {"line", at.line}};
  if (at.column > 0) origin["column"] = at.column;
  return origin;
}

Json Names(const std::vector<NamedAt>& names) {
  Json out = Json::array();
  for (const NamedAt& name : names) out.push_back(name.name);
  return out;
}

// Items written from another file keep their origin; items of this very
// document (or built in memory) have nothing to point back to.
void AddOrigin(const Location& at, Json* item) {
  if (at.known()) (*item)["origin"] = Origin(at);
}

// What the input left unknown is written as null, which the loader reads
// back as unknown: the certificate stays unchecked after a round trip.
Json CertificateToJson(const Certificate& certificate) {
  Json item = Json::object();
  item["server"] = certificate.server_known ? Json(certificate.server.name) : Json(nullptr);
  item["subject_cn"] = certificate.subject_known ? Json(certificate.subject_cn.name) : Json(nullptr);
  item["san"] = Names(certificate.sans);
  item["services"] = certificate.services_known ? Names(certificate.services) : Json(nullptr);
  item["not_before"] = certificate.validity_known ? Json(FormatTimestamp(certificate.not_before)) : Json(nullptr);
  item["not_after"] = certificate.validity_known ? Json(FormatTimestamp(certificate.not_after)) : Json(nullptr);
  if (!certificate.issuer.empty()) item["issuer"] = certificate.issuer;
  if (!certificate.thumbprint.empty()) item["thumbprint"] = certificate.thumbprint;
  AddOrigin(certificate.location, &item);
  return item;
}

}  // namespace

nlohmann::ordered_json TopologyToJson(const Topology& topology, const std::string& description) {
  Json document = {{"format", "kst-topology/1"}};
  if (!description.empty()) document["description"] = description;
  Json pools = Json::array(), taps = Json::array(), others = Json::array();
  for (const LyncPool& pool : topology.pools) {
    Json item = {{"fqdn", pool.fqdn.name}, {"role", pool.role}, {"version", pool.version}};
    if (!pool.computers.empty()) item["computers"] = Names(pool.computers);
    AddOrigin(pool.fqdn.location, &item);
    pools.push_back(std::move(item));
  }
  for (const TrustedApplicationPool& tap : topology.trusted_application_pools) {
    Json item = {{"fqdn", tap.fqdn.name}, {"version", tap.version}};
    if (!tap.registrar.name.empty()) item["registrar"] = tap.registrar.name;
    item["computers"] = Names(tap.computers);
    AddOrigin(tap.fqdn.location, &item);
    taps.push_back(std::move(item));
  }
  for (const OtherCluster& other : topology.other_clusters) {
    Json item = {{"fqdn", other.fqdn.name}, {"roles", other.roles}};
    if (!other.computers.empty()) item["computers"] = Names(other.computers);
    AddOrigin(other.fqdn.location, &item);
    others.push_back(std::move(item));
  }
  Json lync = {{"pools", pools}, {"trusted_application_pools", taps}};
  if (!others.empty()) lync["other_clusters"] = others;
  document["lync"] = lync;

  Json servers = Json::array(), plans = Json::array();
  for (const ExchangeServer& server : topology.exchange_servers) {
    Json item = {{"fqdn", server.fqdn.name}};
    if (!server.version.empty()) item["version"] = server.version;
    if (server.owa_im) item["owa_im"] = true;
    AddOrigin(server.fqdn.location, &item);
    servers.push_back(std::move(item));
  }
  for (const UmDialPlan& plan : topology.dial_plans) {
    // An empty URI type is one no export stated: null, which the loader
    // reads back as "unknown" (the verdict cannot be pass).
    Json uri_type = plan.uri_type.empty() ? Json(nullptr) : Json(plan.uri_type);
    Json item = {{"name", plan.name.name}, {"uri_type", uri_type}, {"servers", Names(plan.servers)}};
    AddOrigin(plan.name.location, &item);
    plans.push_back(std::move(item));
  }
  document["exchange"] = {{"servers", servers}, {"um_dial_plans", plans}};
  Json certificates = Json::array();
  for (const auto* list : {&topology.certificates, &topology.unchecked_certificates})
    for (const Certificate& certificate : *list) certificates.push_back(CertificateToJson(certificate));
  if (!certificates.empty()) document["certificates"] = certificates;
  return document;
}

}  // namespace kst
