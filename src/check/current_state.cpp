#include "check/current_state.h"

#include <map>

#include "model/claims.h"

namespace kst {
namespace {

/// A conflict the topology as it stands gives on `server`: two topology
/// versions, or a topology version next to UM Routing's version 0.
bool Conflicts(const ClaimIndex& claims, const KstServer& server, const std::string& fqdn) {
  const std::vector<int> versions = claims.TopologyVersions(fqdn);
  if (versions.size() >= 2) return true;
  return server.runs_um_routing && claims.UmRoutingClaims(fqdn) && !versions.empty() && versions != std::vector<int>{0};
}

bool Needs(const ClaimIndex& claims, const KstServer& server, const std::string& fqdn) {
  auto found = claims.required.find(fqdn);
  return found != claims.required.end() && ServerNeeds(server, found->second);
}

std::string Hhmm(const std::string& time) {
  return time.size() >= 16 ? time.substr(0, 10) + " " + time.substr(11, 5) + " UTC" : time;
}

}  // namespace

CurrentState JudgeCurrentState(const Topology& topology, const ModelCatalog& model, const ReconcileResult& reconciled) {
  const ClaimIndex claims = CollectClaims(topology, model);
  std::map<std::string, const ServerReconcile*> logged;
  for (const ServerReconcile& server : reconciled.servers) logged[server.server] = &server;
  CurrentState out;
  out.assumptions = reconciled.assumptions;
  out.incomplete = reconciled.inconclusive;
  bool any_without_logs = false;
  for (const KstServer& server : claims.servers) {
    for (const std::string& fqdn : claims.AllFqdns()) {
      const bool conflict = Conflicts(claims, server, fqdn);
      if (!conflict && !Needs(claims, server, fqdn)) continue;
      ServerState state;
      state.server = server.fqdn;
      state.fqdn = fqdn;
      auto found = logged.find(server.fqdn);
      if (found == logged.end() || found->second->starts == 0) {
        any_without_logs = true;
        state.kind = ServerState::Kind::kNoLogs;
        state.detail = found == logged.end() ? "no logs for this server: assumed as if RTCSRV had just started with "
                                               "the topology (assumption steady-start)"
                                             : "its logs show no RTCSRV start (14492): assumption steady-start";
        if (conflict) out.states.push_back(std::move(state));
        continue;
      }
      const ServerReconcile& server_logs = *found->second;
      const ReconciledEntry* entry = nullptr;
      for (const ReconciledEntry& row : server_logs.table)
        if (row.fqdn == fqdn) entry = &row;
      std::string last_conflict;
      bool conflict_at_last_start = false;
      for (const ReconciledLine& line : server_logs.lines) {
        if (line.fqdn != fqdn || line.key != "14563") continue;
        last_conflict = line.time;
        conflict_at_last_start = conflict_at_last_start || line.time >= server_logs.last_start;
      }
      const bool present = entry && entry->logged_known && entry->logged.present;
      if (!present) {
        state.kind = ServerState::Kind::kBrokenNow;
        state.since = last_conflict.empty() ? server_logs.last_start : last_conflict;
        state.detail = "BROKEN NOW: " + fqdn + " is absent from the table since " + Hhmm(state.since) +
                       (last_conflict.empty() ? " (the last start did not add it)" : " (14563)") +
                       " and RTCSRV has not started since; restart RTCSRV on " + server.fqdn;
      } else if (conflict_at_last_start || conflict) {
        state.kind = ServerState::Kind::kWorkingAfterRestart;
        state.since = server_logs.last_start;
        state.detail = "14563 at every start, working since the restart at " + Hhmm(state.since) +
                       " (a later removal of the topology's entry leaves it unknown until the next restart)";
      } else {
        state.kind = ServerState::Kind::kWorking;
        state.since = server_logs.last_start;
        state.detail = "in the table since the start at " + Hhmm(state.since);
      }
      if (conflict || state.kind == ServerState::Kind::kBrokenNow) out.states.push_back(std::move(state));
    }
  }
  if (any_without_logs) out.assumptions.push_back("steady-start");
  return out;
}

std::string ReplicaLine(const ReplicaState& replica) {
  std::string report = "no status report";
  if (replica.last_status_report)
    report = "last status report " + Hhmm(FormatTimestamp(*replica.last_status_report)) +
             (replica.local_time ? " (local time of the export)" : "");
  if (replica.up_to_date) return replica.fqdn + ": replica up to date (" + report + ")";
  return replica.fqdn + ": replica NOT up to date (" + report +
         "): it has not got the latest topology revision, so the table kst predicts from the topology may not be in "
         "force there yet; wait for replication (Get-CsManagementStoreReplicationStatus) before judging it";
}

void AddReplicaStates(const Topology& topology, const ModelCatalog& model, const std::vector<ReplicaState>& replicas,
                      CurrentState* state) {
  const ClaimIndex claims = CollectClaims(topology, model);
  std::map<std::string, const ReplicaState*> latest;  // the last line of each replica in the files wins
  for (const ReplicaState& r : replicas) latest[r.fqdn] = &r;
  for (const KstServer& server : claims.servers) {
    auto found = latest.find(server.fqdn);
    if (found == latest.end()) continue;
    state->replicas.push_back(ReplicaLine(*found->second));
    latest.erase(found);
  }
  for (const auto& [fqdn, replica] : latest)
    if (!replica->up_to_date)
      state->replicas.push_back(ReplicaLine(*replica) + " (a computer that keeps no table here)");
}

}  // namespace kst
