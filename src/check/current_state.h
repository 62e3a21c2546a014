#pragma once
// kst check --state: each server's current state told from its event logs
// instead of the steady-start assumption. For every FQDN a server needs or
// whose claims conflict in the topology as it stands, the table the logs
// show now (reconcile.h) says whether the server is broken now (O1: the
// FQDN absent since a 14563 with no restart since) or working (O3: "14563 at
// every start, working since the restart at hh:mm"). A server without logs
// keeps the assumption steady-start, and says so. Tested by
// current_state_test.cpp and the scenarios under scenarios/state/.

#include <string>
#include <vector>

#include "check/reconcile.h"
#include "model/replica_state.h"
#include "model/topology.h"

namespace kst {

struct ServerState {
  std::string server;
  std::string fqdn;
  enum class Kind { kBrokenNow, kWorkingAfterRestart, kWorking, kNoLogs } kind = Kind::kNoLogs;
  std::string since;   // the time of the 14563 (broken) or of the last start (working)
  std::string detail;  // one line for people
};

struct CurrentState {
  std::vector<ServerState> states;
  std::vector<std::string> assumptions;
  bool incomplete = false;  // a record was not read, or a log was damaged or skipped
  /// One line per server with a table that Get-CsManagementStoreReplicationStatus
  /// reports on (and per replica of a computer the topology lacks).
  std::vector<std::string> replicas;
};

/// Judges every (server, FQDN) pair with a conflict in the topology, or that
/// the server needs, from `reconciled` (the logs reconciled against `topology`).
CurrentState JudgeCurrentState(const Topology& topology, const ModelCatalog& model, const ReconcileResult& reconciled);

/// Adds what the replication status says of each server that keeps a table:
/// a replica not up to date has not got the latest topology revision, so the
/// table kst predicts from the topology file may not be in force there yet.
void AddReplicaStates(const Topology& topology, const ModelCatalog& model, const std::vector<ReplicaState>& replicas,
                      CurrentState* state);

/// "fe02.contoso.com's replica is NOT up to date (last status report ...): ..." for people.
std::string ReplicaLine(const ReplicaState& replica);

}  // namespace kst
