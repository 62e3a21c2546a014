// kst show: each server's Known Servers Table after RTCSRV start.

#include "base/interrupt.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "report/table_view.h"
#include "report/text_escape.h"

namespace kst {

int RunShowCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return LoadFailedStatus(streams.err);
  const bool shown = ShowTables(input.scenario, ModelCatalog::Embedded(), options.server, streams.out);
  if (Interrupted(streams.err, "the tables printed are those of the servers done before it")) return kExitInterrupted;
  if (!shown) {
    streams.err << "kst: fatal: " << EscapeText(options.server)
                << " is not a server that holds a Known Servers Table\n";
    return kExitUsage;
  }
  return kExitPass;
}
}  // namespace kst
