#pragma once
// The runbook of a synthesised plan (kst plan --format html) as one section
// of the HTML report (report/html_writer.cpp): the objective and proof, per
// step what to do, the commands, what to check, the outage windows and the
// event-log lines, the outage per server and per integration feature, the
// candidates set aside and the topology alternatives. Every value is escaped
// (report/html_escape.h EscapeHtml).

#include <ostream>

#include "plan/plan_search.h"

namespace kst {

void WriteHtmlRunbook(const PlanSynthesis& plan, std::ostream& out);

}  // namespace kst
