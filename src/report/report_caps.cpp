#include "report/report_caps.h"

#include <string>
#include <vector>

namespace kst {

size_t CapReportDetail(Report* report, size_t detailed) {
  // The errors are what fails the gate: they keep their traces first.
  std::vector<Finding*> order;
  for (Finding& finding : report->findings)
    if (finding.severity == Severity::kError) order.push_back(&finding);
  for (Finding& finding : report->findings)
    if (finding.severity != Severity::kError) order.push_back(&finding);
  size_t capped = 0;
  for (size_t i = detailed; i < order.size(); ++i) {
    if (order[i]->traces.empty()) continue;
    order[i]->traces.clear();
    ++capped;
  }
  if (capped)
    report->notes.push_back("the traces of " + std::to_string(capped) + " finding(s) after the first " +
                            std::to_string(detailed) +
                            " (errors first) are left out of this report to keep it readable; `kst explain FILE "
                            "RULE:FQDN` shows one, `kst check --trace-out FILE` writes them all");
  return capped;
}

}  // namespace kst
