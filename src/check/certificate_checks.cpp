// Certificate rules.
//
//   cert/wildcard-subject  a certificate assigned to a service whose subject
//                          may not be a wildcard (model: UM, UMCallRouter,
//                          OWAIM, every Lync certificate type) has one: an
//                          error, whoever looks it up.
//   cert/subject-not-known a peer's certificate subject is not an FQDN in the
//                          table of some server that identifies the peer by
//                          it (the channels' certificate-subject-known needs):
//                          an error, with each lookup and the SANs the table
//                          does hold.
//   cert/validity          outside its validity at the check time (error), or
//                          expiring within the warning window (warning).
// A table here is the FQDNs the final topology's producers claim for the
// looking server (the topology's for every server, UM Routing's for those
// that run it); whether a claimed FQDN is lost to a version conflict is the
// KST rules' business, reported there.

#include "check/certificate_checks.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/fqdn.h"
#include "model/certificate_names.h"
#include "model/claims.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

std::string Join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

/// "its subject alternative name X is" / "its subject alternative names X, Y are".
std::string SansPhrase(const std::set<std::string>& names) {
  const std::string list = Join({names.begin(), names.end()});
  return names.size() == 1 ? "its subject alternative name " + list + " is"
                           : "its subject alternative names " + list + " are";
}

std::vector<std::string> ServiceNames(const Certificate& certificate) {
  std::vector<std::string> names;
  for (const NamedAt& service : certificate.services) names.push_back(service.name);
  return names;
}

/// The services of `certificate` the model marks with `flag`.
std::vector<std::string> ServicesWith(const Certificate& certificate, const ModelCatalog& model,
                                      bool CertificateServiceInfo::*flag) {
  std::vector<std::string> names;
  for (const NamedAt& service : certificate.services) {
    const CertificateServiceInfo* info = model.FindCertificateService(service.name);
    if (info && info->*flag) names.push_back(service.name);
  }
  return names;
}

class CertificateChecker {
 public:
  CertificateChecker(const Topology& topology, const ImpactGraph& graph, const ModelCatalog& model,
                     const CertificateCheckOptions& options)
      : graph_(graph),
        model_(model),
        options_(options),
        claims_(options.claims ? *options.claims : CollectClaims(topology, model)) {
    for (const KstServer& server : claims_.servers) kst_servers_[server.fqdn] = &server;
  }

  void Check(const Certificate& certificate, std::vector<Finding>* findings) const {
    const std::vector<std::string> sip = ServicesWith(certificate, model_, &CertificateServiceInfo::sip);
    const std::vector<std::string> no_wildcard =
        ServicesWith(certificate, model_, &CertificateServiceInfo::wildcard_subject_unsupported);
    if (IsWildcardName(certificate.subject_cn.name) && !no_wildcard.empty())
      findings->push_back(Wildcard(certificate, no_wildcard));
    else if (!sip.empty())
      SubjectNotKnown(certificate, sip, findings);
    if (!sip.empty()) Validity(certificate, sip, findings);
  }

 private:
  /// The servers that look up (lookup conditions) or depend on (others) the
  /// certificate `condition` of `subject` for one of `services`.
  std::vector<std::string> Dependents(const std::string& condition, const std::string& subject,
                                      const std::vector<std::string>& services) const {
    std::set<std::string> out;
    for (const ChannelInstance& channel : graph_.channels()) {
      const std::vector<std::string>& lync = graph_.LyncServers(*channel.channel);
      for (const ChannelNeed& need : channel.channel->needs) {
        if (need.condition != condition || !ServicesOverlap(need.services, services)) continue;
        if (need.subject == Side::kPeer && channel.peer == subject) out.insert(lync.begin(), lync.end());
        if (need.subject == Side::kLync && std::find(lync.begin(), lync.end(), subject) != lync.end())
          out.insert(condition == "certificate-subject-known" ? channel.peer : subject);
      }
    }
    return {out.begin(), out.end()};
  }

  bool InTable(const std::string& looker, const std::string& name) const {
    if (claims_.topology.count(name)) return true;
    auto server = kst_servers_.find(looker);
    return server != kst_servers_.end() && server->second->runs_um_routing && claims_.UmRoutingClaims(name);
  }

  TableLookup Lookup(const std::string& looker, const Certificate& certificate) const {
    TableLookup lookup{looker, certificate.subject_cn.name, InTable(looker, certificate.subject_cn.name), {}};
    for (const NamedAt& san : certificate.sans)
      if (InTable(looker, san.name)) lookup.table_matches.push_back(san.name);
    return lookup;
  }

  Finding Base(const std::string& rule, const Certificate& certificate, std::vector<std::string> servers) const {
    Finding finding;
    finding.rule = rule;
    finding.fqdn = certificate.server.name;
    finding.subject = certificate.subject_cn.name;
    finding.servers = std::move(servers);
    finding.servers_summary = SummarizeServers(finding.servers, claims_.servers);
    finding.evidence.push_back({"certificate " + DescribeCertificate(certificate), certificate.location});
    finding.broken.push_back({"", certificate.server.name, {}, ServiceNames(certificate)});
    return finding;
  }

  Finding Wildcard(const Certificate& certificate, const std::vector<std::string>& services) const {
    const std::string& server = certificate.server.name;
    Finding finding =
        Base(kst::rule::kCertWildcardSubject, certificate, Dependents("certificate-subject-known", server, services));
    finding.severity = Severity::kError;
    finding.broken.back().condition = "certificate-subject-known";
    for (const std::string& looker : finding.servers) finding.lookups.push_back(Lookup(looker, certificate));
    finding.message = "the certificate " + server + " presents for " + Join(services) + " has the wildcard subject " +
                      certificate.subject_cn.name +
                      ": no Lync role supports a wildcard subject, and no Known Servers "
                      "Table holds one, so a server that identifies " +
                      server + " by it refuses the connection";
    std::set<std::string> matches;
    for (const TableLookup& lookup : finding.lookups)
      matches.insert(lookup.table_matches.begin(), lookup.table_matches.end());
    if (!matches.empty())
      finding.message += " (" + SansPhrase(matches) + " in the table, but Lync looks up the subject)";
    finding.assumptions = {"wildcard-subject-unsupported", "certificate-subject-lookup", "outbound-checks-san"};
    finding.fixes.push_back("Assign " + Join(services) + " on " + server + " a certificate whose subject is " + server +
                            " (a wildcard may stay among the subject alternative names), then restart the service; "
                            "on Exchange, Enable-ExchangeCertificate -Services moves the service off the wildcard "
                            "certificate.");
    return finding;
  }

  void SubjectNotKnown(const Certificate& certificate, const std::vector<std::string>& services,
                       std::vector<Finding>* findings) const {
    const std::string& server = certificate.server.name;
    // A subject that is the server's own name is right: if no table holds the
    // server at all, that is the KST rules' finding (kst/unknown-server), not the
    // certificate's (an OWA IM server whose dial plan moved away, seed 004).
    std::string subject, not_a_name;
    if (NormalizeFqdn(certificate.subject_cn.name, &subject, &not_a_name) && subject == server) return;
    std::vector<TableLookup> lookups;
    std::vector<std::string> failing;
    for (const std::string& looker : Dependents("certificate-subject-known", server, services)) {
      lookups.push_back(Lookup(looker, certificate));
      if (!lookups.back().found) failing.push_back(looker);
    }
    if (failing.empty()) return;
    Finding finding = Base(kst::rule::kCertSubjectNotKnown, certificate, failing);
    finding.severity = Severity::kError;
    finding.broken.back().condition = "certificate-subject-known";
    finding.broken.back().lookers = failing;
    finding.lookups = std::move(lookups);
    std::string fqdn, why;
    if (!NormalizeFqdn(certificate.subject_cn.name, &fqdn, &why))
      why = " (not a fully qualified name: " + why + ")";
    else
      why.clear();
    finding.message = "the certificate " + server + " presents for " + Join(services) + " has the subject " +
                      certificate.subject_cn.name + why + ", which is not in the Known Servers Table of " +
                      Join(failing) + ": they identify " + server + " by that name and refuse it";
    std::set<std::string> matches;
    for (const TableLookup& lookup : finding.lookups)
      if (!lookup.found) matches.insert(lookup.table_matches.begin(), lookup.table_matches.end());
    if (!matches.empty()) finding.message += ", although " + SansPhrase(matches) + " there";
    finding.assumptions = {"certificate-subject-lookup", "outbound-checks-san"};
    finding.fixes.push_back("Give " + server + " a certificate for " + Join(services) + " whose subject is " + server +
                            " (the name its peers' tables hold); keep other names, such as an array name, among the "
                            "subject alternative names. One certificate per server: each has its own subject.");
    findings->push_back(std::move(finding));
  }

  void Validity(const Certificate& certificate, const std::vector<std::string>& services,
                std::vector<Finding>* findings) const {
    const std::string& server = certificate.server.name;
    const UnixSeconds at = options_.at;
    std::string state;
    Severity severity = Severity::kError;
    if (at < certificate.not_before) {
      state = "is not valid before " + FormatTimestamp(certificate.not_before) + " (" +
              FormatDuration(certificate.not_before - at) + " after the check time)";
    } else if (at > certificate.not_after) {
      state = "expired on " + FormatTimestamp(certificate.not_after) + " (" +
              FormatDuration(at - certificate.not_after) + " before the check time)";
    } else if (certificate.not_after - at <= options_.warn_days * 86400) {
      severity = Severity::kWarning;
      state = "expires on " + FormatTimestamp(certificate.not_after) + ", in " +
              FormatDuration(certificate.not_after - at) + " (within " + std::to_string(options_.warn_days) +
              " days, --cert-warn-days)";
    } else {
      return;
    }
    Finding finding = Base(kst::rule::kCertValidity, certificate, Dependents("certificate-valid", server, services));
    finding.severity = severity;
    finding.broken.back().condition = "certificate-valid";
    finding.message = "the certificate " + server + " presents for " + Join(services) + " (" +
                      certificate.subject_cn.name + ") " + state + "; a TLS handshake with it fails" +
                      (severity == Severity::kWarning ? " from then on" : "");
    finding.assumptions = {"expired-certificate-breaks-tls", "sip-services"};
    if (severity == Severity::kWarning) finding.assumptions.push_back("certificate-warn-window");
    finding.fixes.push_back("Renew the certificate of " + server + " and assign the new one to " + Join(services) +
                            " before " + FormatTimestamp(certificate.not_after) + ".");
    findings->push_back(std::move(finding));
  }

  const ImpactGraph& graph_;
  const ModelCatalog& model_;
  const CertificateCheckOptions& options_;
  ClaimIndex claims_;
  std::map<std::string, const KstServer*> kst_servers_;
};

}  // namespace

std::string DescribeCertificate(const Certificate& certificate) {
  std::vector<std::string> sans, services;
  for (const NamedAt& san : certificate.sans) sans.push_back(san.name);
  for (const NamedAt& service : certificate.services) services.push_back(service.name);
  std::string text = "CN=" + certificate.subject_cn.name;
  if (!sans.empty()) text += ", SAN " + Join(sans);
  text += ", services " + (services.empty() ? std::string("none") : Join(services));
  text += ", valid " + FormatTimestamp(certificate.not_before) + " to " + FormatTimestamp(certificate.not_after);
  if (!certificate.issuer.empty()) text += ", issuer " + certificate.issuer;
  if (!certificate.thumbprint.empty()) text += ", thumbprint " + certificate.thumbprint;
  return text;
}

std::vector<std::string> UncheckedCertificateReasons(const Topology& topology, const ImpactGraph& graph,
                                                     const ModelCatalog& model,
                                                     const CertificateCheckOptions& options) {
  std::vector<std::string> reasons;
  if (topology.unchecked_certificates.empty()) return reasons;
  CertificateChecker checker(topology, graph, model, options);
  std::vector<NamedAt> exchange_sip;  // the services an Exchange certificate may carry SIP for
  for (const CertificateServiceInfo& service : model.certificate_services())
    if (service.sip && service.product == "Exchange") exchange_sip.push_back({service.name, {}});
  for (const Certificate& certificate : topology.unchecked_certificates) {
    Certificate variant = certificate;
    if (!certificate.services_known) variant.services = exchange_sip;
    bool sip = std::any_of(variant.services.begin(), variant.services.end(), [&](const NamedAt& service) {
      const CertificateServiceInfo* info = model.FindCertificateService(service.name);
      return info && info->sip;
    });
    std::vector<std::string> owners;
    if (certificate.server_known) {
      if (IsTopologyServer(topology, certificate.server.name)) owners.push_back(certificate.server.name);
    } else {
      for (const ExchangeServer& server : topology.exchange_servers) owners.push_back(server.fqdn.name);
    }
    if (!sip || owners.empty()) continue;
    std::string fired;
    if (!certificate.subject_known || !certificate.validity_known) {
      fired = std::string("a wildcard subject or an expired validity cannot be ruled out");
    } else {
      for (const std::string& owner : owners) {
        variant.server.name = owner;
        std::vector<Finding> findings;
        checker.Check(variant, &findings);
        if (findings.empty()) continue;
        fired = "had it been " + owner + "'s for " + Join(ServiceNames(variant)) + ", " + findings.front().rule +
                " would fire";
        break;
      }
    }
    if (fired.empty()) continue;
    reasons.push_back(certificate.location.ToString() + ": certificate " +
                      (certificate.subject_known ? "CN=" + certificate.subject_cn.name + " " : "") +
                      "was not checked (" + certificate.UnknownParts() + "); " + fired);
  }
  return reasons;
}

std::vector<Finding> CheckCertificates(const Topology& topology, const ImpactGraph& graph, const ModelCatalog& model,
                                       const CertificateCheckOptions& options) {
  CertificateChecker checker(topology, graph, model, options);
  std::vector<Finding> findings;
  if (topology.certificates.empty()) return findings;
  const TopologyServerNames servers(topology);
  for (const Certificate& certificate : topology.certificates)
    if (servers.Has(certificate.server.name)) checker.Check(certificate, &findings);
  return findings;
}

}  // namespace kst
