#pragma once
// A finding's impact in words, shared by the text, JUnit, GitHub and SARIF
// writers: the features it breaks grouped by direction, peer and servers;
// the features of the same peers that keep working; symptoms and predicted
// log lines marked with their source; certificate lookups and evidence. The
// lines and sentences it returns are escaped (report/text_escape.h).

#include <ostream>
#include <string>
#include <vector>

#include "check/finding.h"

namespace kst {

/// "Exchange -> Lync: message waiting indicator, play on phone (ex1.contoso.com with fe01.contoso.com,
/// fe02.contoso.com)", one line per direction, peer and set of servers.
std::vector<std::string> ImpactLines(const std::vector<FeatureImpact>& items);

/// One sentence: "breaks Exchange -> Lync: ... (peer with servers) and Lync -> Exchange: ...; still works
/// ...", or "breaks no integration feature kst models" (for a rule that breaks a condition).
std::string ImpactSummary(const Finding& finding);

/// "1400 MSExchange Unified Messaging (Application log) on ex1.contoso.com: <text> [seed 003]".
std::string ObservationText(const PredictedObservation& predicted);

/// "fe01.contoso.com looks up *.contoso.com: not in its table (the table holds the SAN ex1.contoso.com)".
std::string LookupText(const TableLookup& lookup);

/// The whole block (breaks, still works, symptoms, predicted lines, lookups,
/// evidence), each line prefixed by `indent`; nothing for a finding without
/// an impact or evidence (a waiver finding).
void WriteImpactText(const Finding& finding, const std::string& indent, std::ostream& out);

}  // namespace kst
