#pragma once
// Loads the sections of kst-topology/1 that say how servers identify
// themselves and when: "certificates" (per server: subject CN, SANs, the
// services a certificate is assigned to, validity, issuer, thumbprint) and
// "clocks" (per server: the offset from a reference clock and when it was
// measured). Exchange importers fill the same structures.

#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "input/json_document.h"
#include "model/certificate_names.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// Reads one certificate object. Unknown services are warnings (the
/// certificate is kept and checked for the services kst knows). `server`,
/// `subject_cn`, `services`, `not_before` and `not_after` may be null (what
/// `kst import` writes when an export did not say): the certificate is then
/// not Checkable() and the caller keeps it apart, unchecked. An `origin`
/// points its locations at the export it came from.
bool ReadCertificate(const JsonNode& node, const ModelCatalog& model, Diagnostics* diagnostics, Certificate* out);

/// A thumbprint as kst keeps it: 40 or 64 hexadecimal digits, upper case,
/// blanks and colons dropped. False for anything else.
bool NormalizeThumbprint(std::string_view text, std::string* out);

/// Warns (unknown-certificate-service) about each service of `certificate`
/// the model does not know; shared by the loader and the importers.
void WarnUnknownCertificateServices(const Certificate& certificate, const ModelCatalog& model,
                                    const std::string& pointer, Diagnostics* diagnostics);

/// Warns (certificate-not-checked) that `certificate` is not checked, and why.
void WarnCertificateNotChecked(const Certificate& certificate, Diagnostics* diagnostics);

/// Reads one clock reading object.
bool ReadClockReading(const JsonNode& node, Diagnostics* diagnostics, ClockReading* out);

/// Checks that certificates and clocks belong to servers of the topology
/// (a warning: such an item is not checked), that no server has two clock
/// readings (an error) and warns when two certificates of one server share
/// a SIP service (kst checks both).
void CheckIdentityReferences(const Topology& topology, const ModelCatalog& model, Diagnostics* diagnostics);

}  // namespace kst
