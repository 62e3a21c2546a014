#include "report/reconcile_writer.h"

#include <nlohmann/json.hpp>

#include "base/text_join.h"
#include "report/text_escape.h"

namespace kst {
namespace {

bool EveryReading(const ReconciledLine& line) {
  for (size_t i = 0; i < line.explanations.size(); ++i)
    if (!line.ExplainedBy(i)) return false;
  return true;
}

bool NoReading(const ReconciledLine& line) {
  for (size_t i = 0; i < line.explanations.size(); ++i)
    if (line.ExplainedBy(i)) return false;
  return true;
}

std::string Entry(const CellEntry& entry) {
  return entry.present ? (entry.version >= 0 ? "version " + std::to_string(entry.version) : "present") : "absent";
}

bool SameEntry(const CellEntry& a, const CellEntry& b) {
  return a.present == b.present && (!a.present || a.version < 0 || b.version < 0 || a.version == b.version);
}

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::vector<std::string> Names(const ReconcileResult& result, bool consistent) {
  std::vector<std::string> names;
  for (size_t i = 0; i < result.readings.size(); ++i)
    if (result.consistent[i] == consistent) names.push_back(result.readings[i]);
  return names;
}

void WriteServer(const ReconcileResult& result, const ServerReconcile& server, std::ostream& out) {
  out << "\n" << EscapeText(server.server) << " (" << EscapeText(server.role) << "): ";
  if (server.starts == 0)
    out << "no RTCSRV start (14492) in the logs: the table before them is the model's (assumption steady-start)\n";
  else
    out << server.starts << " RTCSRV start" << (server.starts == 1 ? "" : "s") << " logged, the last at "
        << server.last_start << "\n";
  size_t width = 24;
  for (const ReconciledEntry& entry : server.table) width = std::max(width, entry.fqdn.size() + 2);
  out << "  " << Pad("FQDN", width) << Pad("logged", 14);
  for (const std::string& reading : result.readings) out << Pad("kst " + reading, 24);
  out << "\n";
  for (const ReconciledEntry& entry : server.table) {
    bool differs = false;
    for (const CellEntry& predicted : entry.predicted)
      differs = differs || (entry.logged_known && !SameEntry(entry.logged, predicted));
    out << "  " << Pad(EscapeText(entry.fqdn), width)
        << Pad(entry.logged_known ? Entry(entry.logged) : "not logged", 14);
    for (const CellEntry& predicted : entry.predicted) out << Pad(Entry(predicted), 24);
    out << (differs ? "<- differs" : "") << "\n";
  }
  size_t every = 0;
  for (const ReconciledLine& line : server.lines) {
    if (EveryReading(line)) ++every;
  }
  out << "  logged lines: " << server.lines.size() << ", explained under every reading: " << every << "\n";
  for (size_t at = 0; at < server.lines.size(); ++at) {
    const ReconciledLine& line = server.lines[at];
    if (line.key == "14492" && EveryReading(line)) {
      // One start, one line: the FQDNs it lists, each as every reading predicts.
      std::vector<std::string> listed{line.fqdn};
      while (at + 1 < server.lines.size() && server.lines[at + 1].key == "14492" &&
             server.lines[at + 1].where == line.where && EveryReading(server.lines[at + 1]))
        listed.push_back(server.lines[++at].fqdn);
      out << "  " << line.time << " 14492 (" << EscapeText(line.where) << "): RTCSRV start on "
          << EscapeText(server.server) << "; it lists " << EscapeText(JoinStrings(listed, ", "))
          << ", as every reading predicts\n";
      continue;
    }
    out << "  " << line.time << " " << line.key << " " << EscapeText(line.fqdn) << " (" << EscapeText(line.where)
        << ")";
    if (EveryReading(line)) {
      out << ": " << EscapeText(line.explanations[0]) << "\n";
      continue;
    }
    out << (NoReading(line) ? ": UNEXPLAINED under every reading (the model or the input is incomplete)\n" : "\n");
    for (size_t i = 0; i < result.readings.size(); ++i)
      out << "      " << result.readings[i] << ": "
          << (line.ExplainedBy(i) ? EscapeText(line.explanations[i]) : "no transition of the model gives it here")
          << "\n";
  }
  for (size_t i = 0; i < result.readings.size(); ++i)
    for (const std::string& missing : server.missing[i])
      out << "  predicted under " << result.readings[i] << ", not logged: " << EscapeText(missing) << "\n";
  for (const std::string& unread : server.unread) out << "  NOT READ: " << EscapeText(unread) << "\n";
}

}  // namespace

const char* ReconcileVerdict(const ReconcileResult& result) {
  if (result.unexplained > 0 || Names(result, true).empty()) return "unexplained";
  if (result.inconclusive || result.servers.empty()) return "inconclusive";
  return "agrees";
}

void WriteReconcileText(const ReconcileResult& result, std::ostream& out) {
  out << "kst reconcile: " << result.servers.size() << " server" << (result.servers.size() == 1 ? "" : "s")
      << " with logs";
  if (!result.servers_without_logs.empty())
    out << "; no logs for " << EscapeText(JoinStrings(result.servers_without_logs, ", ")) << " (not reconciled)";
  out << "\n";
  if (!result.other_computers.empty())
    out << "logs of computers that keep no table in the topology (not reconciled): "
        << EscapeText(JoinStrings(result.other_computers, ", ")) << "\n";
  for (const ServerReconcile& server : result.servers) WriteServer(result, server, out);
  out << "\nreadings consistent with the logs: ";
  std::vector<std::string> consistent = Names(result, true), ruled_out = Names(result, false);
  out << (consistent.empty() ? "none" : JoinStrings(consistent, ", ")) << "\n";
  if (!ruled_out.empty()) {
    out << "ruled out by the logs: " << JoinStrings(ruled_out, ", ") << "\n";
    for (const ServerReconcile& server : result.servers)
      for (const ReconciledLine& line : server.lines)
        if (!EveryReading(line) && !NoReading(line)) {
          std::vector<std::string> by;
          for (size_t i = 0; i < result.readings.size(); ++i)
            if (line.ExplainedBy(i)) by.push_back(result.readings[i]);
          out << "  deciding: " << EscapeText(server.server) << " " << line.time << " " << line.key << " "
              << EscapeText(line.fqdn) << " (" << EscapeText(line.where) << "): explained only under "
              << JoinStrings(by, ", ") << "\n";
        }
  }
  out << "assumptions: " << JoinStrings(result.assumptions, ", ") << "\n";
  out << "verdict: " << ReconcileVerdict(result);
  if (result.unexplained > 0)
    out << " (" << result.unexplained << " logged line" << (result.unexplained == 1 ? "" : "s")
        << " no reading explains)";
  if (result.inconclusive) out << "; some records were not read (NOT READ above)";
  out << "\n";
}

void WriteReconcileJson(const ReconcileResult& result, std::ostream& out) {
  nlohmann::json doc;
  doc["format"] = "kst-reconcile/1";
  doc["verdict"] = ReconcileVerdict(result);
  doc["readings"] = result.readings;
  doc["consistent_readings"] = Names(result, true);
  doc["unexplained"] = result.unexplained;
  doc["inconclusive"] = result.inconclusive;
  doc["assumptions"] = result.assumptions;
  doc["servers_without_logs"] = result.servers_without_logs;
  doc["other_computers"] = result.other_computers;
  nlohmann::json servers = nlohmann::json::array();
  for (const ServerReconcile& server : result.servers) {
    nlohmann::json s;
    s["server"] = server.server;
    s["role"] = server.role;
    s["starts"] = server.starts;
    s["last_start"] = server.last_start;
    nlohmann::json table = nlohmann::json::array();
    for (const ReconciledEntry& entry : server.table) {
      nlohmann::json row;
      row["fqdn"] = entry.fqdn;
      row["logged"] = entry.logged_known ? nlohmann::json(Entry(entry.logged)) : nlohmann::json(nullptr);
      for (size_t i = 0; i < result.readings.size(); ++i)
        row["predicted"][result.readings[i]] = Entry(entry.predicted[i]);
      table.push_back(row);
    }
    s["table"] = table;
    nlohmann::json lines = nlohmann::json::array();
    for (const ReconciledLine& line : server.lines) {
      nlohmann::json l;
      l["time"] = line.time;
      l["event"] = line.key;
      l["fqdn"] = line.fqdn;
      l["where"] = line.where;
      l["assumptions"] = line.assumptions;
      for (size_t i = 0; i < result.readings.size(); ++i)
        l["explained"][result.readings[i]] =
            line.ExplainedBy(i) ? nlohmann::json(line.explanations[i]) : nlohmann::json(nullptr);
      lines.push_back(l);
    }
    s["lines"] = lines;
    for (size_t i = 0; i < result.readings.size(); ++i)
      s["predicted_not_logged"][result.readings[i]] = server.missing[i];
    s["not_read"] = server.unread;
    servers.push_back(s);
  }
  doc["servers"] = servers;
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace kst
