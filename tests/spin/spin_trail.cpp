#include "spin_trail.h"

#include <sstream>

#include "engine/cell_model.h"

namespace kst::spin {
namespace {

nlohmann::json LineJson(const ModelCatalog& model, int event) {
  const EventInfo& info = model.events().at(static_cast<size_t>(event));
  return {{"id", info.id},
          {"key", info.key},
          {"source", info.source},
          {"level", info.level},
          {"description", info.description},
          {"text_is_ours", !info.public_text}};
}

nlohmann::json EntryJson(const PromelaLayout& layout, uint32_t bits) {
  const int version = layout.VersionOf(bits);
  if (version < 0) return {{"present", false}};
  return {{"present", true}, {"version", version}};
}

/// What one action printed for one cell.
struct CellView {
  nlohmann::json lines = nlohmann::json::array();
  bool has_entry = false;
  uint32_t bits = 0;
};

CellView ViewOf(const PrintedRun::Action& action, size_t s, size_t f, const ModelCatalog& model) {
  CellView view;
  for (const auto& line : action.lines)
    if (line.server == static_cast<int>(s) && line.fqdn == static_cast<int>(f))
      view.lines.push_back(LineJson(model, line.event));
  for (const auto& entry : action.entries) {
    if (entry.server != static_cast<int>(s) || entry.fqdn != static_cast<int>(f)) continue;
    view.has_entry = true;
    view.bits = entry.bits;
  }
  return view;
}

/// Whether kst's cell takes `action` as its next event, and which.
bool CellEventOf(const PrintedRun::Action& action, const CellModel& cell, const CellState& state,
                 const PromelaLayout& layout, size_t s, CellEvent* event) {
  const CellInput& input = cell.input();
  const bool mine = action.server == static_cast<int>(s);
  if (action.kind == "admin") {
    *event = CellEvent::kAdminStep;
    return state.step < input.steps.size() && input.steps[state.step].plan_index == action.value - 1;
  }
  if (action.kind == "replicate" && mine) {
    *event = CellEvent::kReplicate;
    int seen = 0;  // the plan index of the cell's next publish
    for (const AdminStep& step : input.steps)
      if (step.kind == AdminStep::Kind::kPublish && seen++ == state.replica)
        return state.replica < cell.published(state) &&
               step.plan_index == layout.publish_steps.at(static_cast<size_t>(action.value - 1));
    return false;
  }
  if ((action.kind == "poll" || action.kind == "poll-skipped") && mine) {
    *event = CellEvent::kUmPoll;
    CellState next;
    bool conflict = false;
    return cell.Apply(state, CellEvent::kUmPoll, &next, &conflict, nullptr);
  }
  *event = CellEvent::kUnplannedRestart;
  return action.kind == "restart" && mine;
}

}  // namespace

PrintedRun ParsePrintedRun(const std::string& spin_output) {
  PrintedRun run;
  run.actions.emplace_back();
  std::istringstream lines(spin_output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string kst, what;
    if (!(words >> kst >> what) || kst != "kst") continue;
    PrintedRun::Action& action = run.actions.back();
    if (what == "event") {
      PrintedRun::Action next;
      words >> next.kind;
      if (next.kind == "admin")
        words >> next.value;
      else
        words >> next.server >> next.value;
      run.actions.push_back(next);
    } else if (what == "line") {
      PrintedRun::CellLine cell{};
      words >> cell.server >> cell.fqdn >> cell.event;
      action.lines.push_back(cell);
    } else if (what == "entry") {
      PrintedRun::CellEntry cell{};
      words >> cell.server >> cell.fqdn >> cell.bits;
      action.entries.push_back(cell);
    } else if (what == "violation") {
      PrintedRun::Violation violation{};
      words >> violation.rule >> violation.cell;
      action.violations.push_back(violation);
    } else if (what == "end") {
      int cell = 0;
      uint32_t bits = 0;
      words >> cell >> bits;
      action.ends.emplace_back(cell, bits);
    } else if (what == "quiescent") {
      action.quiescent = true;
    }
  }
  return run;
}

bool CellTraceFromRun(const CompiledPlan& plan, const PromelaLayout& layout, const ModelCatalog& model,
                      StartupConflictPolicy policy, const PrintedRun& run, size_t server, size_t fqdn,
                      const std::string& rule, const std::string& severity, nlohmann::json* trace,
                      std::string* disagreement) {
  const CellInput input = plan.InputFor(server, fqdn);
  const CellModel cell(input, policy, "");
  bool conflict = false;
  CellState state = cell.Initial(nullptr, &conflict);
  const CellView start = ViewOf(run.actions.front(), server, fqdn, model);
  if (!start.has_entry) {
    *disagreement = "SPIN's steady start printed no entry for the cell";
    return false;
  }
  uint32_t bits = start.bits;
  nlohmann::json steps = nlohmann::json::array(), events = nlohmann::json::array();
  for (size_t i = 1; i < run.actions.size(); ++i) {
    const PrintedRun::Action& action = run.actions[i];
    const CellView view = ViewOf(action, server, fqdn, model);
    const uint32_t after = view.has_entry ? view.bits : bits;
    CellEvent event;
    if (!CellEventOf(action, cell, state, layout, server, &event)) {
      if (!view.lines.empty() || after != bits) {
        *disagreement = "SPIN's action " + std::to_string(i) + " (" + action.kind +
                        ") changes the cell, but kst's "
                        "projection does not give the cell that event";
        return false;
      }
      continue;
    }
    CellState next;
    if (!cell.Apply(state, event, &next, &conflict, nullptr)) {
      *disagreement =
          std::string("kst's cell does not enable ") + CellEventName(event) + " at SPIN's action " + std::to_string(i);
      return false;
    }
    int plan_step = 0;
    if (event == CellEvent::kAdminStep) plan_step = action.value;
    if (event == CellEvent::kReplicate) plan_step = layout.publish_steps.at(static_cast<size_t>(action.value - 1)) + 1;
    steps.push_back({{"event", CellEventName(event)},
                     {"plan_step", plan_step},
                     {"lines", view.lines},
                     {"entry_after", EntryJson(layout, after)}});
    events.push_back(CellEventName(event));
    state = next;
    bits = after;
  }
  const bool about_ends = rule == "kst/order-dependent" || (rule == "kst/unknown-server" && severity == "error");
  CellState polled;
  if (about_ends && !cell.IsEnd(state) && cell.Apply(state, CellEvent::kUmPoll, &polled, &conflict, nullptr)) {
    // kst's record of the AD revision read; nothing else may change (replay checks that: no lines).
    steps.push_back({{"event", "um_poll"},
                     {"plan_step", 0},
                     {"lines", nlohmann::json::array()},
                     {"entry_after", EntryJson(layout, bits)}});
    events.push_back("um_poll");
  }
  *trace = {{"title", "from a SPIN run"},
            {"server", layout.servers[server].fqdn},
            {"fqdn", layout.fqdns[fqdn]},
            {"start", {{"lines", start.lines}, {"entry", EntryJson(layout, start.bits)}}},
            {"steps", steps},
            {"rule", rule},
            {"severity", severity},
            {"events", events}};
  return true;
}

std::string TraceSummary(const nlohmann::json& trace) {
  std::ostringstream out;
  auto lines = [](const nlohmann::json& list) {
    std::string keys;
    for (const auto& line : list) keys += (keys.empty() ? "" : " ") + line.value("key", "?");
    return "[" + keys + "]";
  };
  auto entry = [](const nlohmann::json& e) {
    return e.value("present", false) ? "version " + std::to_string(e.value("version", -1)) : std::string("absent");
  };
  out << "    " << trace.value("fqdn", "?") << " on " << trace.value("server", "?") << " (" << trace.value("rule", "?")
      << "): start " << lines(trace["start"]["lines"]) << " -> " << entry(trace["start"]["entry"]) << "\n";
  int n = 0;
  for (const auto& step : trace["steps"])
    out << "      " << ++n << ". " << step.value("event", "?") << " (plan step " << step.value("plan_step", 0) << ") "
        << lines(step["lines"]) << " -> " << entry(step["entry_after"]) << "\n";
  return out.str();
}

}  // namespace kst::spin
