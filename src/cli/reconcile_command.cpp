// kst reconcile TOPOLOGY LOGS...: per server, the Known Servers Table the
// event logs show against kst's prediction for the same events in the same
// order (check/reconcile.h), under every reading. Exit 0 when the logs agree
// with some reading, 1 when a logged line no reading explains (or none is
// consistent), 3 on an input error, 4 when records kst could not read leave
// it inconclusive.

#include <set>

#include "base/file_reader.h"
#include "base/interrupt.h"
#include "check/reconcile.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "cli/log_loading.h"
#include "input/event_log_reader.h"
#include "model/claims.h"
#include "model/log_event_model.h"
#include "report/reconcile_writer.h"
#include "report/text_escape.h"

namespace kst {

int RunReconcileCommand(const CommandOptions& options, CommandStreams streams) {
  InstallInterruptHandler();
  LoadedInput input;
  if (!LoadInput(options.input_file, &input, streams.err)) return LoadFailedStatus(streams.err);
  const Topology& topology = input.scenario.final_topology();
  const ModelCatalog& model = ModelCatalog::Embedded();
  EventLogs logs;
  std::vector<LoggedKstEvent> events;
  const std::vector<std::string>& paths = options.files;
  bool warned = false;
  if (!LoadKstEvents(paths, topology, options.event_strings, &logs, &events, &warned, streams.err))
    return LoadFailedStatus(streams.err);
  if (Interrupted(streams.err, "nothing was reconciled")) return kExitInterrupted;
  ReconcileResult result = Reconcile(topology, model, events);
  // Computers whose records were read but that keep no table here (an Exchange server's UM events, a sample
  // from another estate): named, so that logs of the wrong servers are not mistaken for logs that agree.
  std::set<std::string> known(result.servers_without_logs.begin(), result.servers_without_logs.end());
  for (const ServerReconcile& server : result.servers) known.insert(server.server);
  std::set<std::string> others(result.other_computers.begin(), result.other_computers.end());
  for (const std::string& computer : logs.computers)
    if (!known.count(computer)) others.insert(computer);
  result.other_computers.assign(others.begin(), others.end());
  if (options.format == "json")
    WriteReconcileJson(result, streams.out);
  else
    WriteReconcileText(result, streams.out);
  const std::string verdict = ReconcileVerdict(result);
  if (verdict == "unexplained") return options.no_fail ? kExitPass : kExitFindings;
  if (verdict == "inconclusive" || warned || input.diagnostics.has_warnings())
    return options.inconclusive_ok ? kExitPass : kExitInconclusive;
  return kExitPass;
}

}  // namespace kst
