// Lifting a cell path to a whole-system order.
//
// The plan compiler projects the whole system onto a (server, FQDN) cell by
// dropping what cannot change the cell: publishes that leave the FQDN's
// versions alone, AD changes that leave its listing alone (or any AD change
// when the server runs no UM Routing), other servers' restarts, and waits
// with no publish of the FQDN pending. Lifting runs the other way. It walks
// the cell's path and keeps a whole-system position: the plan steps done and
// each server's replica. Before a cell's admin step at plan index p, every
// plan step before p runs, each as an event the cell does not see; a wait
// first brings every server to the newest replica, a wait for a UM Routing
// poll first lets every UM Routing server poll. Before a cell's
// replication, the traced server applies the publishes before it that the
// cell ignores. Polls and unplanned restarts of the traced server are the
// cell's own. Other servers only replicate, when a wait needs it (and at the
// end, with `to_end`); they never poll or restart, which no cell of another
// server could observe anyway.
//
// Why this always works for a path the cell enables: the projection keeps a
// wait whenever a publish of the FQDN happened since the last kept one, so at
// a dropped wait every publish the cell sees has already been applied by the
// traced server, and replicating it to the newest revision only applies
// publishes the cell ignores. The lifting does not take this on trust: every
// event it adds that the cell is not supposed to see is checked against the
// claims (the versions before and after a publish, the listing before and
// after an AD change, the servers a restart names), and a step that would
// change the cell is reported as an error -- a projection bug. So a lifted
// order is a certificate: run on a whole-system model it must show the cell
// exactly the events of the path. The naive oracle runs it (oracle_test.cpp)
// and SPIN follows it (`kst export promela --guide`, tests/spin).
//
// To a quiescent end (`to_end`): the rest of the plan, every server on the
// newest replica, then one poll per UM Routing server. One poll is enough
// once nothing is left to replicate: a poll leaves every UM state it touches
// where a second poll finds nothing to do (cell_model.cpp, Poll). These polls
// are optional: on a whole system where a server's poll changes nothing, it
// is not an event and is skipped. Tested by oracle_test.cpp and by the SPIN
// cross-check (tests/spin).

#include "engine/global_schedule.h"

#include <algorithm>

namespace kst {
namespace {

class Lifter {
 public:
  Lifter(const CompiledPlan& plan, StartupConflictPolicy policy, size_t server, size_t fqdn, GlobalSchedule* out)
      : plan_(plan),
        steps_(plan.scenario().plan),
        input_(plan.InputFor(server, fqdn)),
        model_(input_, policy, ""),
        server_(server),
        fqdn_(plan.fqdns()[fqdn]),
        out_(out) {
    bool conflict = false;
    cell_ = model_.Initial(nullptr, &conflict);
    replica_.assign(plan.servers().size(), 0);
    published_upto_.push_back(0);
    for (size_t i = 0; i < steps_.size(); ++i) {
      if (steps_[i].kind == PlanStep::Kind::kPublish) publish_steps_.push_back(static_cast<int>(i));
      published_upto_.push_back(static_cast<int>(publish_steps_.size()));
    }
    for (const AdminStep& step : input_.steps)
      if (step.kind == AdminStep::Kind::kPublish) cell_publishes_.push_back(step.plan_index);
  }

  bool Follow(CellEvent event, std::string* error) {
    bool ok = true;
    switch (event) {
      case CellEvent::kAdminStep:
        ok = CellAdminStep(error);
        break;
      case CellEvent::kReplicate:
        ok = CellReplicate(error);
        break;
      case CellEvent::kUmPoll:
        Push({CellEvent::kUmPoll, static_cast<int>(server_), -1, true, false});
        break;
      case CellEvent::kUnplannedRestart:
        Push({CellEvent::kUnplannedRestart, static_cast<int>(server_), -1, true, false});
        break;
    }
    if (!ok) return false;
    CellState next;
    bool conflict = false;
    if (!model_.Apply(cell_, event, &next, &conflict, nullptr)) {
      *error = std::string("the cell does not enable ") + CellEventName(event) + " here";
      return false;
    }
    cell_ = next;
    return true;
  }

  bool FinishToEnd(std::string* error) {
    while (next_step_ < static_cast<int>(steps_.size()))
      if (!Admin(next_step_, false, error)) return false;
    for (size_t t = 0; t < replica_.size(); ++t)
      while (replica_[t] < static_cast<int>(publish_steps_.size()))
        if (!Replicate(t, false, error)) return false;
    for (size_t t = 0; t < plan_.servers().size(); ++t)
      if (plan_.servers()[t].runs_um_routing) Push({CellEvent::kUmPoll, static_cast<int>(t), -1, false, true});
    if (!model_.IsEnd(cell_)) {
      *error = "the path does not end in an end state of the cell";
      return false;
    }
    return true;
  }

 private:
  void Push(const GlobalEvent& event) { out_->events.push_back(event); }

  bool CellAdminStep(std::string* error) {
    if (cell_.step >= input_.steps.size()) {
      *error = "the cell has no admin step left";
      return false;
    }
    const int p = input_.steps[cell_.step].plan_index;
    while (next_step_ < p)
      if (!Admin(next_step_, false, error)) return false;
    return Admin(p, true, error);
  }

  bool CellReplicate(std::string* error) {
    if (cell_.replica >= cell_publishes_.size()) {
      *error = "the cell has no publish left to replicate";
      return false;
    }
    const int target = cell_publishes_[cell_.replica];
    const int revision =
        static_cast<int>(std::find(publish_steps_.begin(), publish_steps_.end(), target) - publish_steps_.begin());
    while (replica_[server_] < revision)
      if (!Replicate(server_, false, error)) return false;
    if (revision >= published_upto_[next_step_]) {
      *error = "plan step " + std::to_string(target + 1) + " is not published yet";
      return false;
    }
    return Replicate(server_, true, error);
  }

  bool Admin(int p, bool cell_event, std::string* error) {
    const PlanStep& step = steps_[static_cast<size_t>(p)];
    if (step.kind == PlanStep::Kind::kWaitForReplication)
      for (size_t t = 0; t < replica_.size(); ++t)
        while (replica_[t] < published_upto_[p])
          if (!Replicate(t, false, error)) return false;
    // A wait for a UM Routing poll: every UM Routing server polls first (the
    // traced cell's own poll is on its path already; optional: a poll that
    // changes nothing is no event).
    if (step.kind == PlanStep::Kind::kWaitForUmPoll)
      for (size_t t = 0; t < plan_.servers().size(); ++t)
        if (plan_.servers()[t].runs_um_routing) Push({CellEvent::kUmPoll, static_cast<int>(t), -1, false, true});
    if (!cell_event && ChangesCell(p)) {
      *error = "plan step " + std::to_string(p + 1) + " (" + step.op + ") changes " + fqdn_ + " on " +
               plan_.servers()[server_].fqdn + ", but the plan compiler left it out of the cell";
      return false;
    }
    Push({CellEvent::kAdminStep, -1, p, cell_event, false});
    next_step_ = p + 1;
    return true;
  }

  bool Replicate(size_t t, bool cell_event, std::string* error) {
    const int revision = replica_[t];
    if (t == server_ && !cell_event && VersionsAt(revision) != VersionsAt(revision + 1)) {
      *error = plan_.servers()[t].fqdn + " would have to apply the publish of plan step " +
               std::to_string(publish_steps_[static_cast<size_t>(revision)] + 1) + ", which changes " + fqdn_ +
               ", outside the cell's path";
      return false;
    }
    Push(
        {CellEvent::kReplicate, static_cast<int>(t), publish_steps_[static_cast<size_t>(revision)], cell_event, false});
    replica_[t]++;
    return true;
  }

  /// Whether admin step `p` changes what the traced cell sees.
  bool ChangesCell(int p) const {
    const PlanStep& step = steps_[static_cast<size_t>(p)];
    const KstServer& server = plan_.servers()[server_];
    switch (step.kind) {
      case PlanStep::Kind::kPublish:
        return VersionsAt(published_upto_[p]) != VersionsAt(published_upto_[p] + 1);
      case PlanStep::Kind::kAdChange:
        return server.runs_um_routing && plan_.StateAfter(fqdn_, static_cast<size_t>(p)).listed !=
                                             plan_.StateAfter(fqdn_, static_cast<size_t>(p) + 1).listed;
      case PlanStep::Kind::kRestart:
        return std::find(step.servers.begin(), step.servers.end(), server.fqdn) != step.servers.end();
      case PlanStep::Kind::kWaitForReplication:
      case PlanStep::Kind::kWaitForUmPoll:
        return false;
    }
    return false;
  }

  /// The topology's versions for the FQDN in global revision `revision`.
  VersionSet VersionsAt(int revision) const {
    const size_t done = revision == 0 ? 0 : static_cast<size_t>(publish_steps_[static_cast<size_t>(revision - 1)]) + 1;
    return plan_.StateAfter(fqdn_, done).versions;
  }

  const CompiledPlan& plan_;
  const std::vector<PlanStep>& steps_;
  CellInput input_;
  CellModel model_;
  CellState cell_;
  size_t server_;
  std::string fqdn_;
  GlobalSchedule* out_;
  int next_step_ = 0;                // plan steps done
  std::vector<int> replica_;         // publishes applied, per server
  std::vector<int> publish_steps_;   // plan index of each publish, in order
  std::vector<int> published_upto_;  // publishes among the first k plan steps
  std::vector<int> cell_publishes_;  // plan index of each publish the cell sees
};

}  // namespace

bool LiftCellPath(const CompiledPlan& plan, StartupConflictPolicy policy, size_t server, size_t fqdn,
                  const EventPath& path, bool to_end, GlobalSchedule* out, std::string* error) {
  *out = GlobalSchedule{server, fqdn, to_end, {}};
  Lifter lifter(plan, policy, server, fqdn, out);
  for (size_t i = 0; i < path.size(); ++i) {
    if (!lifter.Follow(path[i], error)) {
      *error = "event " + std::to_string(i + 1) + " (" + CellEventName(path[i]) + "): " + *error;
      return false;
    }
  }
  return !to_end || lifter.FinishToEnd(error);
}

}  // namespace kst
