#pragma once
// The runbook of a plan `kst plan` synthesised: per step what to do, the
// Management Shell commands, what to check before going on, the outage
// windows it opens or closes and the event-log lines to expect. One writer
// per format and one table, as for reports (report_writer.h).

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "plan/plan_search.h"

namespace kst {

struct RunbookFormat {
  const char* name;  // kst plan --format NAME
  void (*write)(const PlanSynthesis& plan, const std::string& title, std::ostream& out);
};

const std::vector<RunbookFormat>& RunbookFormats();
const RunbookFormat* FindRunbookFormat(std::string_view name);
std::vector<std::string> RunbookFormatNames();

void WriteRunbookText(const PlanSynthesis& plan, const std::string& title, std::ostream& out);
void WriteRunbookMarkdown(const PlanSynthesis& plan, const std::string& title, std::ostream& out);
void WriteRunbookJson(const PlanSynthesis& plan, const std::string& title, std::ostream& out);
void WriteRunbookHtml(const PlanSynthesis& plan, const std::string& title, std::ostream& out);

/// The runbook as JSON (kst plan --format json), shared by the JSON writer and tests.
nlohmann::ordered_json RunbookToJson(const PlanSynthesis& plan, const std::string& title);

}  // namespace kst
