#include "engine/trace_narrator.h"

#include "model/model_catalog.h"

namespace kst {
namespace {

/// The plan index of the admin step that published replica revision `revision`.
int PublishStepOf(const CellInput& input, int revision) {
  int seen = 0;
  for (const AdminStep& step : input.steps) {
    if (step.kind != AdminStep::Kind::kPublish) continue;
    if (++seen == revision) return step.plan_index;
  }
  return -1;
}

std::string Describe(const Scenario& scenario, const CellInput& input, const CellState& before, const CellState& after,
                     CellEvent event, const std::string& server, int* plan_index) {
  switch (event) {
    case CellEvent::kAdminStep: {
      const AdminStep& step = input.steps[before.step];
      *plan_index = step.plan_index;
      std::string text = "plan step " + std::to_string(step.plan_index + 1) + ": " +
                         scenario.plan[static_cast<size_t>(step.plan_index)].description;
      if (step.kind == AdminStep::Kind::kRestart) text += " (RTCSRV restarts on " + server + ")";
      return text;
    }
    case CellEvent::kReplicate:
      *plan_index = PublishStepOf(input, after.replica);
      return server + " receives the topology published at plan step " + std::to_string(*plan_index + 1);
    case CellEvent::kUmPoll:
      return "UM Routing on " + server + " polls Exchange dial plans";
    case CellEvent::kUnplannedRestart:
      return "RTCSRV restarts on " + server + " outside the plan (environment.restarts is \"any\")";
  }
  return "";
}

}  // namespace

std::string FormatLogLine(const LogLine& line) {
  const EventInfo& event = ModelCatalog::Embedded().Event(line.event_key);
  std::string id = event.id != 0 ? std::to_string(event.id) : "(no public id)";
  return id + " " + event.source + " (" + event.level + "): " + line.text;
}

bool NarrateTrace(const Scenario& scenario, const CellInput& input, StartupConflictPolicy policy,
                  const std::string& server, const std::string& fqdn, const EventPath& path, Trace* trace,
                  bool* at_end) {
  CellModel model(input, policy, fqdn);
  trace->server = server;
  trace->fqdn = fqdn;
  trace->events = path;
  bool conflict = false;
  CellState state = model.Initial(&trace->start_lines, &conflict);
  trace->entry_at_start = model.Entry(state);
  for (CellEvent event : path) {
    TraceStep step;
    step.event = event;
    CellState next;
    if (!model.Apply(state, event, &next, &conflict, &step.lines)) return false;
    step.description = Describe(scenario, input, state, next, event, server, &step.plan_index);
    step.entry_after = model.Entry(next);
    trace->steps.push_back(std::move(step));
    state = next;
  }
  if (at_end) *at_end = model.IsEnd(state);
  return true;
}

}  // namespace kst
