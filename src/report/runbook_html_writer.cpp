// kst plan --format html: the HTML report of the chosen plan (report/html_writer.cpp),
// as `kst check --format html` would write it for the plan file, with the runbook
// as its first section (report/html_runbook.h).

#include "report/report_writer.h"
#include "report/runbook_writer.h"

namespace kst {

void WriteRunbookHtml(const PlanSynthesis& plan, const std::string& title, std::ostream& out) {
  CheckedInput input;  // the plan is no file: the estate sections read its scenario, no digest
  input.scenario = plan.scenario.get();
  WriterOptions options;
  options.input = &input;
  options.plan = &plan;
  Report report = plan.report;
  report.input = "kst plan: " + title;
  report.description = "the plan kst plan chose, as kst check --format html reports its plan file";
  FindReportFormat("html")->make(options)->Write(report, out);
}

}  // namespace kst
