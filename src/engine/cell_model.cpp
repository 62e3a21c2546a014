#include "engine/cell_model.h"

#include <algorithm>

namespace kst {
namespace {

VersionSet WithUmClaim(VersionSet versions, bool um_claim) {
  if (um_claim && std::find(versions.begin(), versions.end(), 0) == versions.end())
    versions.insert(versions.begin(), 0);
  return versions;
}

std::string JoinVersions(const VersionSet& versions) {
  std::string out;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (i > 0) out += i + 1 == versions.size() ? " and " : ", ";
    out += std::to_string(versions[i]);
  }
  return out;
}

bool AddsVersion(const VersionSet& before, const VersionSet& after) {
  return std::any_of(after.begin(), after.end(),
                     [&](int v) { return std::find(before.begin(), before.end(), v) == before.end(); });
}

}  // namespace

bool CellInput::NeededAfter(int steps_done) const {
  bool needed = needed_at_start;
  for (const int flip : need_flips) {
    if (flip > steps_done) break;
    needed = !needed;
  }
  return needed;
}

std::pair<int, int> CellInput::NeededWithin(std::pair<int, int> span) const {
  // The need changes only at the flips (sorted), so the span is walked flip by
  // flip, not step by step: a finding of a long plan asks this for every server
  // and every admin step.
  int first = -1, last = -1;
  bool needed = NeededAfter(span.first);
  auto flip = std::upper_bound(need_flips.begin(), need_flips.end(), span.first);
  for (int from = span.first; from <= span.second;) {
    const bool flips_within = flip != need_flips.end() && *flip <= span.second;
    const int to = flips_within ? *flip - 1 : span.second;  // the need holds over from .. to
    if (needed && from <= to) {
      if (first < 0) first = from;
      last = to;
    }
    if (!flips_within) break;
    from = *flip++;
    needed = !needed;
  }
  return {first, last};
}

std::string CellInput::Key() const {
  std::string key;
  key.reserve(32 + steps.size() * 3 + topology.size() * 4);
  key += runs_um_routing ? 'U' : 'u';
  key += unplanned_restart ? 'R' : 'r';
  key += needed_at_start ? 'S' : 's';
  key += needed_at_end ? 'E' : 'e';
  for (const VersionSet& versions : topology) {
    key += '[';
    for (int v : versions) key += std::to_string(v) + ',';
  }
  key += '|';
  for (bool listed : ad_lists) key += listed ? '1' : '0';
  key += '|';
  for (const AdminStep& step : steps) key += static_cast<char>('a' + static_cast<int>(step.kind));
  return key;
}

uint64_t CellState::Pack() const {
  return static_cast<uint64_t>(step) | static_cast<uint64_t>(replica) << 16 | static_cast<uint64_t>(ad_seen) << 32 |
         static_cast<uint64_t>(um_claim) << 48 | static_cast<uint64_t>(um_handled) << 49 |
         static_cast<uint64_t>(um_retry) << 50 | static_cast<uint64_t>(restart_used) << 51;
}

CellState CellState::Unpack(uint64_t packed) {
  CellState state;
  state.step = static_cast<uint16_t>(packed);
  state.replica = static_cast<uint16_t>(packed >> 16);
  state.ad_seen = static_cast<uint16_t>(packed >> 32);
  state.um_claim = (packed >> 48) & 1;
  state.um_handled = (packed >> 49) & 1;
  state.um_retry = (packed >> 50) & 1;
  state.restart_used = (packed >> 51) & 1;
  return state;
}

const char* CellEventName(CellEvent event) {
  for (const CellEventInfo& info : kCellEvents)
    if (info.event == event) return info.name;
  return "?";
}

bool ParseCellEvent(const std::string& name, CellEvent* event) {
  for (const CellEventInfo& info : kCellEvents) {
    if (name == info.name) {
      *event = info.event;
      return true;
    }
  }
  return false;
}

std::string CellEntry::ToString() const {
  return present ? "version " + std::to_string(version) : "absent";
}

CellModel::CellModel(const CellInput& input, StartupConflictPolicy policy, std::string fqdn)
    : input_(input), policy_(policy), fqdn_(std::move(fqdn)) {
  published_upto_.push_back(0);
  ad_upto_.push_back(0);
  for (const AdminStep& step : input_.steps) {
    published_upto_.push_back(published_upto_.back() + (step.kind == AdminStep::Kind::kPublish));
    ad_upto_.push_back(ad_upto_.back() + (step.kind == AdminStep::Kind::kAdChange));
  }
}

VersionSet CellModel::Claimed(const CellState& state) const {
  return WithUmClaim(input_.topology[state.replica], state.um_claim);
}

CellEntry CellModel::Entry(const CellState& state) const {
  VersionSet claimed = Claimed(state);
  if (claimed.size() != 1) return {};
  return {true, claimed.front()};
}

// Assumptions both-removed, conflict-repeats, withdraw-restores-at-once and
// version-change-replaces, in one place.
void CellModel::Narrate(const VersionSet& before, const VersionSet& after, bool claim_added, bool* conflict,
                        std::vector<LogLine>* lines) const {
  const bool was_present = before.size() == 1;
  if (after.size() >= 2) {
    if (!claim_added) return;  // still in conflict; nothing new arrived
    *conflict = true;
    Line(lines, "14563",
         [&] { return fqdn_ + " is claimed with versions " + JoinVersions(after) + "; both entries are removed"; });
  } else if (after.size() == 1) {
    if (was_present && before.front() == after.front()) return;
    if (was_present)
      Line(lines, "14495", [&] { return fqdn_ + " removed (version " + std::to_string(before.front()) + ")"; });
    Line(lines, "14493", [&] { return fqdn_ + " added (version " + std::to_string(after.front()) + ")"; });
  } else if (was_present) {
    Line(lines, "14495", [&] { return fqdn_ + " removed (version " + std::to_string(before.front()) + ")"; });
  }
}

// RTCSRV start: rebuild from the replica (14492; assumption
// rebuild-listed-not-added), then UM Routing's start-up (44024 and its adds;
// assumptions startup-line-order and um-startup-withdraw).
void CellModel::Start(CellState* state, bool* conflict, std::vector<LogLine>* lines) const {
  const VersionSet& topology = input_.topology[state->replica];
  if (topology.size() == 1) {
    Line(lines, "14492",
         [&] { return "RTCSRV started; the table lists " + fqdn_ + " (version " + std::to_string(topology[0]) + ")"; });
  } else {
    Line(lines, "14492", [&] { return "RTCSRV started; the table does not list " + fqdn_; });
    if (topology.size() >= 2) Narrate({}, topology, true, conflict, lines);
  }
  state->um_claim = state->um_handled = state->um_retry = false;
  if (!input_.runs_um_routing) return;
  state->ad_seen = static_cast<uint16_t>(ad_revision(*state));
  const bool listed = input_.ad_lists[state->ad_seen];
  Line(lines, "44024", [&] {
    return std::string("UM Routing started; the SipName dial plan hosts it found ") +
           (listed ? "include " : "do not include ") + fqdn_;
  });
  if (!listed) return;
  const bool clash = !topology.empty() && !(topology.size() == 1 && topology[0] == 0);
  if (!clash) {
    state->um_claim = state->um_handled = true;
    Narrate(topology, WithUmClaim(topology, true), true, conflict, lines);
    return;
  }
  Narrate(topology, WithUmClaim(topology, true), true, conflict, lines);
  Line(lines, "44030", [&] {
    return "UM Routing could not add " + fqdn_ + " (version 0) over the topology's version " + JoinVersions(topology) +
           "; it withdraws its claim";
  });
  state->um_handled = policy_ == StartupConflictPolicy::kWithdrawRemember;
  state->um_retry = policy_ == StartupConflictPolicy::kWithdrawRetry;
  Narrate(WithUmClaim(topology, true), topology, false, conflict, lines);
}

// A UM Routing poll reads the newest AD state (assumptions um-steady-blind,
// um-remembers-withdrawn, replication-fifo). Returns whether it changed state.
bool CellModel::Poll(CellState* state, bool* conflict, std::vector<LogLine>* lines) const {
  const CellState before = *state;
  state->ad_seen = static_cast<uint16_t>(ad_revision(*state));
  const bool listed = input_.ad_lists[state->ad_seen];
  const VersionSet claimed = Claimed(*state);
  if (listed) {
    const bool add = state->um_retry ? input_.topology[state->replica].empty() : !state->um_handled;
    if (add) {
      state->um_claim = state->um_handled = true;
      state->um_retry = false;
      Line(lines, "um-runtime-add", [&] { return "UM Routing adds " + fqdn_ + " (version 0)"; });
      Narrate(claimed, Claimed(*state), true, conflict, lines);
    }
  } else if (state->um_handled || state->um_retry) {
    state->um_claim = state->um_handled = state->um_retry = false;
    Line(lines, "um-runtime-remove", [&] { return "UM Routing no longer finds " + fqdn_ + " and drops it"; });
    Narrate(claimed, Claimed(*state), false, conflict, lines);
  }
  return !(*state == before);
}

CellState CellModel::Initial(std::vector<LogLine>* lines, bool* conflict) const {
  CellState state;
  *conflict = false;
  Start(&state, conflict, lines);
  return state;
}

bool CellModel::Apply(const CellState& from, CellEvent event, CellState* to, bool* conflict,
                      std::vector<LogLine>* lines) const {
  *to = from;
  *conflict = false;
  switch (event) {
    case CellEvent::kAdminStep: {
      if (from.step >= input_.steps.size()) return false;
      const AdminStep& step = input_.steps[from.step];
      if (step.kind == AdminStep::Kind::kWaitForReplication && from.replica < published(from)) return false;
      // A wait for a UM Routing poll ends once a poll would change nothing:
      // UM Routing has read the newest AD state and acted on it.
      if (step.kind == AdminStep::Kind::kWaitForUmPoll && input_.runs_um_routing) {
        CellState polled = from;
        bool ignored = false;
        if (Poll(&polled, &ignored, nullptr)) return false;
      }
      to->step++;
      if (step.kind == AdminStep::Kind::kRestart) Start(to, conflict, lines);
      return true;
    }
    case CellEvent::kReplicate: {
      if (from.replica >= published(from)) return false;
      to->replica++;
      const VersionSet& old_topology = input_.topology[from.replica];
      const VersionSet& new_topology = input_.topology[to->replica];
      Narrate(Claimed(from), Claimed(*to), AddsVersion(old_topology, new_topology), conflict, lines);
      return true;
    }
    case CellEvent::kUmPoll:
      if (!input_.runs_um_routing) return false;
      return Poll(to, conflict, lines);
    case CellEvent::kUnplannedRestart:
      if (!input_.unplanned_restart || from.restart_used) return false;
      to->restart_used = true;
      Start(to, conflict, lines);
      return true;
  }
  return false;
}

bool CellModel::IsEnd(const CellState& state) const {
  if (state.step < input_.steps.size() || state.replica < published(state)) return false;
  if (!input_.runs_um_routing) return true;
  CellState polled = state;
  bool conflict = false;
  return !Poll(&polled, &conflict, nullptr);
}

}  // namespace kst
