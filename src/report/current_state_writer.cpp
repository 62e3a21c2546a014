#include "report/current_state_writer.h"

#include "base/text_join.h"
#include "report/text_escape.h"

namespace kst {

void WriteCurrentStateText(const CurrentState& state, std::ostream& out) {
  out << "\ncurrent state from the event logs (kst check --state):\n";
  if (state.states.empty()) out << "  no conflict in the topology as it stands, and nothing needed is missing\n";
  for (const ServerState& s : state.states)
    out << "  " << EscapeText(s.server) << ": " << EscapeText(s.fqdn) << ": " << EscapeText(s.detail) << "\n";
  for (const std::string& line : state.replicas) out << "  " << EscapeText(line) << "\n";
  if (state.incomplete)
    out << "  INCOMPLETE: some records were not read, or a log was damaged or skipped (see the warnings): what the "
           "logs show may be wrong\n";
  if (!state.assumptions.empty()) out << "  assumptions: " << JoinStrings(state.assumptions, ", ") << "\n";
}

}  // namespace kst
