// kst show: each server's Known Servers Table after RTCSRV start.

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "report/table_view.h"
#include "report/text_escape.h"

namespace kst {

int RunShowCommand(const CommandOptions& options, CommandStreams streams) {
  LoadedInput input;
  if (!LoadInput(options.files.at(0), &input, streams.err)) return kExitInputError;
  if (!ShowTables(input.scenario, ModelCatalog::Embedded(), options.server, streams.out)) {
    streams.err << "kst: fatal: " << EscapeText(options.server)
                << " is not a server that holds a Known Servers Table\n";
    return kExitUsage;
  }
  return kExitPass;
}
}  // namespace kst
