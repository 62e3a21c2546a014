#pragma once
// The certificate rules: cert/wildcard-subject, cert/subject-not-known and
// cert/validity (README.md, "Rules"). Which servers present a certificate to
// which, and for which services, comes from the impact graph's channels; a
// subject is looked up in the tables the topology's producers fill.

#include <string>
#include <vector>

#include "check/finding.h"
#include "check/impact_graph.h"
#include "model/claims.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

struct CertificateCheckOptions {
  UnixSeconds at = 0;                  // the check time
  int64_t warn_days = 30;              // a certificate expiring within this many days is a warning
  const ClaimIndex* claims = nullptr;  // the topology's claims when the caller has them (else collected)
};

/// Checks every certificate of `topology` assigned to a SIP service (model
/// certificate_services) and returns the findings, each with the conditions
/// it breaks. Certificates of servers the topology does not have are skipped
/// (the loader warned about them).
std::vector<Finding> CheckCertificates(const Topology& topology, const ImpactGraph& graph, const ModelCatalog& model,
                                       const CertificateCheckOptions& options);

/// For each certificate of `topology.unchecked_certificates` (an input that
/// did not say its owning server, subject, services or validity) on which a
/// certificate rule could have fired, a reason the verdict cannot be pass.
/// Could have fired: for some value of what is unknown (any Exchange server
/// of the topology for the owner; any Exchange SIP service of the model for
/// the services; any subject or validity), a rule finds something. A
/// certificate that can only be a non-SIP one, or whose owner can be no
/// server of the topology, gives no reason: the warning that it was not
/// checked is all.
std::vector<std::string> UncheckedCertificateReasons(const Topology& topology, const ImpactGraph& graph,
                                                     const ModelCatalog& model, const CertificateCheckOptions& options);

/// What a certificate is, in one line for reports: "CN=*.contoso.com, SAN
/// ..., services UM, UMCallRouter, valid ... to ..., thumbprint ...".
std::string DescribeCertificate(const Certificate& certificate);

}  // namespace kst
