#pragma once
// `kst explain`: a finding as a sequence diagram. A KST finding's trace
// becomes lifelines for the administrator, the Central Management Store,
// Exchange's Active Directory, UM Routing and the server's protocol stack,
// with each step as a message and each predicted log line as a note on the
// lifeline of the component that writes it. A certificate or clock finding
// becomes the connection that fails (and the one in the other direction that
// still works), with the table lookups and the lines the sources recorded.

#include <ostream>
#include <string>
#include <vector>

#include "check/finding.h"
#include "model/scenario.h"

namespace kst {

struct SequenceRow {
  size_t from = 0;  // lifeline indexes; from == to: a note on that lifeline
  size_t to = 0;
  std::string text;
  enum class Tone { kPlain, kFailure, kSuccess } tone = Tone::kPlain;
};

struct SequenceDiagram {
  std::string title;
  std::vector<std::string> lifelines;
  std::vector<SequenceRow> rows;
};

/// The diagram of one trace of a KST finding.
SequenceDiagram TraceSequence(const Finding& finding, const Trace& trace, const Scenario& scenario);

/// The diagram of a finding without a trace (certificate, clock): per broken
/// channel, the peer and one Lync server it fails with.
SequenceDiagram ImpactSequence(const Finding& finding);

/// Numbered lines: "3. CMS -> fe01 (LS Protocol Stack): ...", notes indented.
void WriteSequenceText(const SequenceDiagram& diagram, std::ostream& out);

/// A Graphviz drawing: lifelines as dashed vertical chains, one rank per
/// row, messages as labelled horizontal edges, notes as labels beside the
/// lifeline.
void WriteSequenceDot(const SequenceDiagram& diagram, std::ostream& out);

}  // namespace kst
