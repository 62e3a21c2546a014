#pragma once
// kst reconcile: per server, the Known Servers Table the event logs show
// against the one kst predicts for the same events in the same order, under
// each reading of UM Routing's start-up conflict.
//
// For each (server, FQDN) cell the logged events become a run of the cell
// model (engine/cell_model.h): each 14492 is an RTCSRV start, the topology at
// each start is what its 14492 lists (a change between two starts is a
// publish; the topology file is the last revision), and the SipName hosts at
// each start are what its 44024 lists (a change is an AD change). The logged
// lines are then matched in order: a line is explained when the model, from
// where the cell stands, reaches a transition whose first observable line
// (14492, 44024, 14493, 14495, 14563, 44030) is that line, through transitions
// that log nothing (a publish, a silent poll); the rest of that transition's
// lines must follow. A line no transition gives is unexplained under that
// reading. A reading is consistent with the logs when it explains every
// line; a line explained under some readings and not others decides between
// them. Tested by reconcile_test.cpp and the scenarios reconcile-*.

#include <string>
#include <vector>

#include "engine/cell_model.h"
#include "model/logged_kst_event.h"
#include "model/model_catalog.h"
#include "model/topology.h"

namespace kst {

/// One logged line of a cell, as each reading explains it.
struct ReconciledLine {
  std::string fqdn;
  std::string key;                       // "14563"
  std::string time;                      // "2026-12-01T10:32:07Z"
  std::string where;                     // "fe02.xml:4:1"
  std::vector<std::string> assumptions;  // the reading of its insertion strings
  bool about_fqdn = true;                // false: a start line (14492, 44024) that does not list the FQDN
  size_t order = 0;                      // the record's place in the server's log (the lines of one record share it)
  /// Per reading (ReconcileResult::readings): how the model gives this line,
  /// or "" when it does not.
  std::vector<std::string> explanations;
  bool ExplainedBy(size_t reading) const { return !explanations[reading].empty(); }
};

struct ReconciledEntry {
  std::string fqdn;
  bool logged_known = false;  // the logs say what the table holds for it
  CellEntry logged;
  std::vector<CellEntry> predicted;  // per reading
};

struct ServerReconcile {
  std::string server;
  std::string role;
  size_t starts = 0;       // RTCSRV starts (14492) in the logs
  std::string last_start;  // the time of the last one; "" when none
  std::vector<ReconciledEntry> table;
  std::vector<ReconciledLine> lines;
  /// Lines kst predicted that the logs do not show, per reading: "ex1: 14493 after the start at ...".
  std::vector<std::vector<std::string>> missing;
  /// Records of this server kst could not read (where and why).
  std::vector<std::string> unread;
};

struct ReconcileResult {
  std::vector<std::string> readings;  // the model's semantics names
  std::vector<ServerReconcile> servers;
  std::vector<std::string> servers_without_logs;
  std::vector<std::string> other_computers;  // logged, not a server of the topology that keeps a table
  std::vector<bool> consistent;              // per reading
  std::vector<std::string> assumptions;      // every assumption the result rests on
  size_t unexplained = 0;                    // lines no reading explains
  bool inconclusive = false;                 // some record could not be read
};

ReconcileResult Reconcile(const Topology& topology, const ModelCatalog& model,
                          const std::vector<LoggedKstEvent>& events);

}  // namespace kst
