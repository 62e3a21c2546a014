// Golden cases O1-O3 of the design brief (section 2), pinned event by event
// under the default reading, plus the readings where they differ.

#include "engine/cell_model.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>

#include "engine/cell_explorer.h"

namespace kst {
namespace {

using Kind = AdminStep::Kind;

/// A Front End (runs UM Routing) whose AD lists ex1 as a SipName host.
CellInput FrontEndCell(std::vector<VersionSet> topology, std::vector<Kind> steps) {
  CellInput input;
  input.runs_um_routing = true;
  input.topology = std::move(topology);
  input.ad_lists = {true};
  for (size_t i = 0; i < steps.size(); ++i) input.steps.push_back({steps[i], static_cast<int>(i)});
  input.needed_at_start = input.needed_at_end = true;
  return input;
}

std::vector<std::string> Keys(const std::vector<LogLine>& lines) {
  std::vector<std::string> keys;
  keys.reserve(lines.size());
  for (const LogLine& line : lines) keys.push_back(line.event_key);
  return keys;
}

/// Runs `events` from the initial state, requiring each to be enabled, and
/// returns the log lines they write (not the start-up lines).
std::vector<LogLine> Run(const CellModel& model, const std::vector<CellEvent>& events, CellState* state) {
  std::vector<LogLine> start_lines;
  bool conflict = false;
  *state = model.Initial(&start_lines, &conflict);
  std::vector<LogLine> lines;
  for (CellEvent event : events) {
    CellState next;
    REQUIRE(model.Apply(*state, event, &next, &conflict, &lines));
    *state = next;
  }
  return lines;
}

const StartupConflictPolicy kDefault = StartupConflictPolicy::kWithdrawRemember;
const std::string kEx1 = "ex1.contoso.com";

TEST_CASE("steady start: UM Routing adds ex1 with version 0") {
  CellInput input = FrontEndCell({{}}, {});
  CellModel model(input, kDefault, kEx1);
  std::vector<LogLine> lines;
  bool conflict = true;
  CellState state = model.Initial(&lines, &conflict);
  CHECK_FALSE(conflict);
  CHECK(Keys(lines) == std::vector<std::string>{"14492", "44024", "14493"});
  CHECK(model.Entry(state) == CellEntry{true, 0});
}

TEST_CASE("O1: the TAP (version 6) reaching a server with {ex1, 0} logs 14563 and ex1 is gone") {
  CellInput input = FrontEndCell({{}, {6}}, {Kind::kPublish});
  CellModel model(input, kDefault, kEx1);
  CellState state;
  std::vector<LogLine> lines = Run(model, {CellEvent::kAdminStep, CellEvent::kReplicate}, &state);
  CHECK(Keys(lines) == std::vector<std::string>{"14563"});
  CHECK_FALSE(model.Entry(state).present);
  CHECK(model.IsEnd(state));  // and it stays broken: no poll repairs it
}

TEST_CASE("O2: removing the TAP again restores {ex1, 0} at once") {
  CellInput input = FrontEndCell({{}, {6}, {}}, {Kind::kPublish, Kind::kWaitForReplication, Kind::kPublish});
  CellModel model(input, kDefault, kEx1);
  CellState state;
  std::vector<LogLine> lines = Run(model,
                                   {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kAdminStep,
                                    CellEvent::kAdminStep, CellEvent::kReplicate},
                                   &state);
  CHECK(Keys(lines) == std::vector<std::string>{"14563", "14493"});
  CHECK(model.Entry(state) == CellEntry{true, 0});
  CHECK(model.IsEnd(state));
}

TEST_CASE("O3: restarting RTCSRV with the TAP in place logs 14563, 44030, then 14493 for version 6") {
  CellInput input = FrontEndCell({{}, {6}}, {Kind::kPublish, Kind::kWaitForReplication, Kind::kRestart});
  CellModel model(input, kDefault, kEx1);
  CellState state;
  std::vector<LogLine> lines =
      Run(model, {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kAdminStep, CellEvent::kAdminStep}, &state);
  CHECK(Keys(lines) == std::vector<std::string>{"14563", "14492", "44024", "14563", "44030", "14493"});
  CHECK(model.Entry(state) == CellEntry{true, 6});
  CHECK(model.IsEnd(state));
}

TEST_CASE("open point 7: a restart before the TAP removal leaves ex1 absent for good (default reading only)") {
  CellInput input =
      FrontEndCell({{}, {6}, {}}, {Kind::kPublish, Kind::kWaitForReplication, Kind::kRestart, Kind::kPublish});
  std::vector<CellEvent> order = {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kAdminStep,
                                  CellEvent::kAdminStep, CellEvent::kAdminStep, CellEvent::kReplicate};
  SUBCASE("withdraw-remember: absent, UM Routing never re-adds it") {
    CellModel model(input, StartupConflictPolicy::kWithdrawRemember, kEx1);
    CellState state;
    std::vector<LogLine> lines = Run(model, order, &state);
    CHECK(Keys(lines).back() == "14495");
    CHECK_FALSE(model.Entry(state).present);
    CHECK(model.IsEnd(state));
  }
  SUBCASE("retry-list: the next poll re-adds version 0") {
    CellModel model(input, StartupConflictPolicy::kWithdrawRetry, kEx1);
    CellState state;
    Run(model, order, &state);
    CHECK_FALSE(model.IsEnd(state));
    std::vector<LogLine> lines;
    CellState next;
    bool conflict = false;
    REQUIRE(model.Apply(state, CellEvent::kUmPoll, &next, &conflict, &lines));
    CHECK(Keys(lines) == std::vector<std::string>{"um-runtime-add", "14493"});
    CHECK(model.Entry(next) == CellEntry{true, 0});
  }
}

TEST_CASE("forget reading: O3's repair lasts only until UM Routing's next poll") {
  CellInput input = FrontEndCell({{}, {6}}, {Kind::kPublish, Kind::kWaitForReplication, Kind::kRestart});
  CellModel model(input, StartupConflictPolicy::kWithdrawForget, kEx1);
  CellState state;
  Run(model, {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kAdminStep, CellEvent::kAdminStep}, &state);
  CHECK(model.Entry(state) == CellEntry{true, 6});
  CHECK_FALSE(model.IsEnd(state));
  CellState next;
  bool conflict = false;
  std::vector<LogLine> lines;
  REQUIRE(model.Apply(state, CellEvent::kUmPoll, &next, &conflict, &lines));
  CHECK(conflict);
  CHECK_FALSE(model.Entry(next).present);
}

TEST_CASE("an Edge server (no UM Routing) simply adds the TAP") {
  CellInput input = FrontEndCell({{}, {6}}, {Kind::kPublish});
  input.runs_um_routing = false;
  CellModel model(input, kDefault, kEx1);
  CellState state;
  std::vector<LogLine> lines = Run(model, {CellEvent::kAdminStep, CellEvent::kReplicate}, &state);
  CHECK(Keys(lines) == std::vector<std::string>{"14493"});
  CHECK(model.Entry(state) == CellEntry{true, 6});
}

TEST_CASE("exploring O1's plan finds the conflict and a single broken end table") {
  CellInput input = FrontEndCell({{}, {6}}, {Kind::kPublish});
  CellModel model(input, kDefault, kEx1);
  CellVerdict verdict = ExploreCell(model, 1000, false);
  CHECK(verdict.complete);
  REQUIRE(verdict.conflict_path);
  CHECK(*verdict.conflict_path == EventPath{CellEvent::kAdminStep, CellEvent::kReplicate});
  REQUIRE(verdict.ends.size() == 1);
  CHECK_FALSE(verdict.ends[0].entry.present);
}

TEST_CASE("NeededWithin says what NeededAfter says at every step of the span") {
  // Flips sorted, repeated ones included (a flip and its undo at one step);
  // every span of a plan of 12 steps, from a fixed-seed stream.
  uint64_t seed = 0x6e656564;
  auto next = [&seed](int bound) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed >> 33) % static_cast<uint64_t>(bound));
  };
  for (int round = 0; round < 200; ++round) {
    CellInput input;
    input.needed_at_start = next(2) == 1;
    const int flips = next(6);
    for (int i = 0; i < flips; ++i) input.need_flips.push_back(next(13));
    std::sort(input.need_flips.begin(), input.need_flips.end());
    for (int from = 0; from <= 12; ++from)
      for (int to = from; to <= 12; ++to) {
        int first = -1, last = -1;
        for (int done = from; done <= to; ++done)
          if (input.NeededAfter(done)) {
            if (first < 0) first = done;
            last = done;
          }
        CAPTURE(round);
        CAPTURE(from);
        CAPTURE(to);
        CHECK(input.NeededWithin({from, to}) == std::pair<int, int>{first, last});
      }
  }
}

TEST_CASE("packed states round-trip") {
  CellState state{7, 3, 2, true, false, true, true};
  CHECK(CellState::Unpack(state.Pack()) == state);
}

}  // namespace
}  // namespace kst
