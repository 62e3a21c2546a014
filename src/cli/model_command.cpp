// kst model: the model catalogue, as text or JSON.

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "model/model_catalog.h"
#include "report/model_view.h"

namespace kst {

int RunModelCommand(const CommandOptions& options, CommandStreams streams) {
  WriteModel(ModelCatalog::Embedded(), options.format, streams.out);
  return kExitPass;
}
}  // namespace kst
