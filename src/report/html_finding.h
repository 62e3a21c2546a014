#pragma once
// One finding of the HTML report (report/html_writer.cpp): what it is, the
// per-server outcome table, what it breaks and what still works, the claims
// and evidence it rests on, each trace as a sequence diagram and as a table
// of steps, the fixes kst re-checked for this plan, and the assumptions and
// readings under which it holds. Every value is escaped (report/html_escape.h).

#include <ostream>

#include "check/finding.h"
#include "model/scenario.h"
#include "report/html_picture.h"

namespace kst {

/// Writes `finding` as an <article> whose id is FindingAnchor(finding).
/// `scenario` (null when not at hand) names the plan steps in the sequence
/// diagrams; without it the traces are tables only.
void WriteHtmlFinding(const Finding& finding, const Scenario* scenario, HtmlPictures* pictures, std::ostream& out);

/// "finding-" and the rule and FQDN as an id (report/html_escape.h HtmlId).
std::string FindingAnchor(const Finding& finding);

}  // namespace kst
