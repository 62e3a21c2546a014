#include "check/reconcile.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <map>
#include <set>
#include <unordered_set>

#include "model/claims.h"

namespace kst {
namespace {

bool Observable(const std::string& key) {
  return key == "14492" || key == "44024" || key == "14493" || key == "14495" || key == "14563" || key == "44030";
}

/// One logged line of a cell: its key and, for a start, what it lists.
struct CellLine {
  const LoggedKstEvent* event = nullptr;
  std::string key;         // "14492", "14493", ...
  std::string signature;   // key plus what matters of its content: "14492:6", "14492:-", "44024:1"
  VersionSet listed;       // 14492: the topology's versions for the FQDN at that start
  bool ad_listed = false;  // 44024: UM Routing found the FQDN
};

std::string VersionsSignature(const VersionSet& versions) {
  return versions.size() == 1 ? std::to_string(versions[0]) : "-";
}

/// A transition of the model with the observable lines it logs.
struct Step {
  CellState to;
  std::vector<LogLine> lines;  // observable ones only
  std::vector<std::string> signatures;
  std::string what;
};

class CellMatcher {
 public:
  CellMatcher(const CellInput& input, StartupConflictPolicy policy, const std::string& fqdn, const std::string& server)
      : model_(input, policy, fqdn), input_(input), server_(server) {
    bool conflict = false;
    state_ = model_.Initial(nullptr, &conflict);
  }

  /// The explanation of `line`, or "" when the model cannot give it here.
  std::string Match(const CellLine& line) {
    if (!pending_.empty()) {
      if (pending_signatures_.front() == line.signature) {
        std::string text = "the same " + pending_what_ + ": " + pending_.front().text;
        pending_.pop_front();
        pending_signatures_.pop_front();
        return text;
      }
      Flush();
    }
    Step found;
    std::string prefix;
    if (!Reach(line.signature, &found, &prefix)) return "";
    state_ = found.to;
    pending_.assign(found.lines.begin() + 1, found.lines.end());
    pending_signatures_.assign(found.signatures.begin() + 1, found.signatures.end());
    pending_what_ = found.what;
    return prefix + found.what + ": " + found.lines.front().text;
  }

  /// Lines predicted and never logged.
  void Flush() {
    for (const LogLine& line : pending_) missing_.push_back(line.event_key + " (" + line.text + ")");
    pending_.clear();
    pending_signatures_.clear();
  }

  CellEntry Entry() const { return model_.Entry(state_); }
  const std::vector<std::string>& missing() const { return missing_; }

 private:
  std::string Describe(CellEvent event, const CellState& from) const {
    switch (event) {
      case CellEvent::kAdminStep:
        switch (input_.steps[from.step].kind) {
          case AdminStep::Kind::kRestart:
            return "RTCSRV start on " + server_;
          case AdminStep::Kind::kPublish:
            return "a topology publish (the starts' 14492 lines or the topology file differ)";
          case AdminStep::Kind::kAdChange:
            return "an Exchange AD change (the starts' 44024 lines or the topology file differ)";
          case AdminStep::Kind::kWaitForReplication:
            return "waiting for replication";
          case AdminStep::Kind::kWaitForUmPoll:
            return "waiting for a UM Routing poll";
        }
        return "";
      case CellEvent::kReplicate:
        return "the topology replica reaching " + server_;
      case CellEvent::kUmPoll:
        return "a UM Routing poll on " + server_;
      case CellEvent::kUnplannedRestart:
        return "an unplanned restart";
    }
    return "";
  }

  std::string Signature(const LogLine& line, const CellState& to) const {
    if (line.event_key == "14492") return "14492:" + VersionsSignature(input_.topology[to.replica]);
    if (line.event_key == "44024") return std::string("44024:") + (input_.ad_lists[to.ad_seen] ? "1" : "0");
    return line.event_key;
  }

  // Breadth first over transitions that log nothing observable, to the first
  // one whose first observable line has `signature`.
  bool Reach(const std::string& signature, Step* found, std::string* prefix) const {
    struct Node {
      CellState state;
      std::string path;
    };
    std::deque<Node> queue{{state_, ""}};
    std::unordered_set<uint64_t> seen{state_.Pack()};
    while (!queue.empty()) {
      Node node = std::move(queue.front());
      queue.pop_front();
      for (CellEvent event : {CellEvent::kAdminStep, CellEvent::kReplicate, CellEvent::kUmPoll}) {
        Step step;
        std::vector<LogLine> lines;
        bool conflict = false;
        if (!model_.Apply(node.state, event, &step.to, &conflict, &lines)) continue;
        for (LogLine& line : lines) {
          if (!Observable(line.event_key)) continue;
          step.signatures.push_back(Signature(line, step.to));
          step.lines.push_back(std::move(line));
        }
        step.what = Describe(event, node.state);
        if (step.lines.empty()) {
          if (seen.insert(step.to.Pack()).second) queue.push_back({step.to, node.path + "after " + step.what + ", "});
          continue;
        }
        if (step.signatures.front() == signature) {
          *found = std::move(step);
          *prefix = node.path;
          return true;
        }
      }
    }
    return false;
  }

  CellModel model_;
  const CellInput& input_;
  std::string server_;
  CellState state_;
  std::deque<LogLine> pending_;
  std::deque<std::string> pending_signatures_;
  std::string pending_what_;
  std::vector<std::string> missing_;
};

class Reconciler {
 public:
  Reconciler(const Topology& topology, const ModelCatalog& model)
      : model_(model), claims_(CollectClaims(topology, model)) {
    for (const Semantics& semantics : model.semantics()) result_.readings.push_back(semantics.name);
    result_.consistent.assign(result_.readings.size(), true);
  }

  ReconcileResult Run(const std::vector<LoggedKstEvent>& events) {
    first_event_ = events.data();
    std::map<std::string, std::vector<const LoggedKstEvent*>> by_computer;
    for (const LoggedKstEvent& event : events) by_computer[event.record->computer].push_back(&event);
    std::set<std::string> servers;
    for (const KstServer& server : claims_.servers) {
      servers.insert(server.fqdn);
      auto found = by_computer.find(server.fqdn);
      if (found == by_computer.end()) {
        result_.servers_without_logs.push_back(server.fqdn);
        continue;
      }
      result_.servers.push_back(Server(server, found->second));
    }
    for (const auto& [computer, logged] : by_computer)
      if (!servers.count(computer)) result_.other_computers.push_back(computer);
    std::set<std::string> assumptions{"logged-start-order", "rebuild-listed-not-added", "startup-line-order"};
    for (const LoggedKstEvent& event : events) assumptions.insert(event.assumptions.begin(), event.assumptions.end());
    result_.assumptions.assign(assumptions.begin(), assumptions.end());
    return std::move(result_);
  }

 private:
  ServerReconcile Server(const KstServer& server, const std::vector<const LoggedKstEvent*>& logged) {
    ServerReconcile out;
    out.server = server.fqdn;
    out.role = server.role;
    out.missing.resize(result_.readings.size());
    std::set<std::string> fqdns;
    for (const auto& [fqdn, claims] : claims_.topology) fqdns.insert(fqdn);
    if (server.runs_um_routing)
      for (const auto& [fqdn, claims] : claims_.um_routing) fqdns.insert(fqdn);
    std::vector<const LoggedKstEvent*> kst_events;
    for (const LoggedKstEvent* event : logged) {
      if (!event->unread.empty()) {
        out.unread.push_back(event->record->Where() + ": " + std::to_string(event->record->event_id) + ": " +
                             event->unread);
        result_.inconclusive = true;
        continue;
      }
      if (!IsTableEvent(event->meaning)) continue;
      kst_events.push_back(event);
      for (const LoggedEntry& entry : event->entries) fqdns.insert(entry.fqdn);
      if (event->meaning == LogMeaning::kTableListed) {
        ++out.starts;
        out.last_start = FormatTimestamp(event->record->time);
      }
    }
    std::map<std::string, CellEntry> logged_table;
    std::set<std::string> logged_known;
    Reconstruct(kst_events, &logged_table, &logged_known);
    // Each FQDN's lines: the starts (14492, 44024), which concern every FQDN, and the lines that name it,
    // in log order; indexed once so a server's logs are walked once, not once per FQDN.
    std::vector<const LoggedKstEvent*> starts;
    std::map<std::string, std::vector<const LoggedKstEvent*>> naming;
    for (const LoggedKstEvent* event : kst_events) {
      if (event->meaning == LogMeaning::kTableListed || event->meaning == LogMeaning::kUmRoutingStarted)
        starts.push_back(event);
      else
        naming[event->entries[0].fqdn].push_back(event);
    }
    for (const std::string& fqdn : fqdns) {
      std::vector<const LoggedKstEvent*> mine;
      const std::vector<const LoggedKstEvent*>& own = naming[fqdn];
      std::merge(starts.begin(), starts.end(), own.begin(), own.end(), std::back_inserter(mine),
                 [](const LoggedKstEvent* a, const LoggedKstEvent* b) { return a < b; });
      Cell(server, fqdn, mine, logged_table, logged_known, &out);
    }
    std::stable_sort(out.lines.begin(), out.lines.end(),
                     [](const ReconciledLine& a, const ReconciledLine& b) { return a.order < b.order; });
    return out;
  }

  static bool IsTableEvent(LogMeaning meaning) {
    switch (meaning) {
      case LogMeaning::kTableListed:
      case LogMeaning::kEntryAdded:
      case LogMeaning::kEntryRemoved:
      case LogMeaning::kVersionConflict:
      case LogMeaning::kUmRoutingStarted:
      case LogMeaning::kUmAddFailed:
        return true;
      default:
        return false;
    }
  }

  // The table the logs show: the last 14492's list, then the changes after it.
  static void Reconstruct(const std::vector<const LoggedKstEvent*>& events, std::map<std::string, CellEntry>* table,
                          std::set<std::string>* known) {
    for (const LoggedKstEvent* event : events) {
      switch (event->meaning) {
        case LogMeaning::kTableListed:
          table->clear();
          known->clear();
          for (const LoggedEntry& entry : event->entries) (*table)[entry.fqdn] = {true, entry.version};
          known->insert("*");  // every FQDN is known from here on: unlisted ones are absent
          break;
        case LogMeaning::kEntryAdded:
          (*table)[event->entries[0].fqdn] = {true, event->entries[0].version};
          known->insert(event->entries[0].fqdn);
          break;
        case LogMeaning::kEntryRemoved:
        case LogMeaning::kVersionConflict:
          table->erase(event->entries[0].fqdn);
          known->insert(event->entries[0].fqdn);
          break;
        default:
          break;
      }
    }
  }

  void Cell(const KstServer& server, const std::string& fqdn, const std::vector<const LoggedKstEvent*>& events,
            const std::map<std::string, CellEntry>& logged_table, const std::set<std::string>& logged_known,
            ServerReconcile* out) {
    std::vector<CellLine> lines = LinesOf(fqdn, events);
    CellInput input = InputOf(server, fqdn, lines);
    ReconciledEntry entry;
    entry.fqdn = fqdn;
    entry.logged_known = logged_known.count("*") || logged_known.count(fqdn);
    if (auto found = logged_table.find(fqdn); found != logged_table.end()) entry.logged = found->second;
    std::vector<ReconciledLine> reconciled;
    for (const CellLine& line : lines) {
      ReconciledLine r;
      r.fqdn = fqdn;
      r.key = line.key;
      r.time = FormatTimestamp(line.event->record->time);
      r.where = line.event->record->Where();
      r.order = static_cast<size_t>(line.event - first_event_);
      r.assumptions = line.event->assumptions;
      r.about_fqdn = !(line.key == "14492" || line.key == "44024") ||
                     (line.key == "14492" ? !line.listed.empty() : line.ad_listed);
      reconciled.push_back(std::move(r));
    }
    for (size_t reading = 0; reading < result_.readings.size(); ++reading) {
      const Semantics& semantics = model_.semantics()[reading];
      CellMatcher matcher(input, semantics.startup_conflict, fqdn, server.fqdn);
      for (size_t i = 0; i < lines.size(); ++i) reconciled[i].explanations.push_back(matcher.Match(lines[i]));
      matcher.Flush();
      for (const std::string& missing : matcher.missing()) out->missing[reading].push_back(fqdn + ": " + missing);
      if (!matcher.missing().empty()) result_.consistent[reading] = false;
      entry.predicted.push_back(matcher.Entry());
    }
    for (ReconciledLine& line : reconciled) {
      bool any = false;
      for (size_t reading = 0; reading < result_.readings.size(); ++reading) {
        if (line.ExplainedBy(reading))
          any = true;
        else
          result_.consistent[reading] = false;
      }
      if (!any) ++result_.unexplained;
      // A start line that does not list the FQDN and that every reading
      // explains says nothing about it: not shown for every FQDN.
      if (line.about_fqdn || !any) out->lines.push_back(std::move(line));
    }
    bool shown = entry.logged_known && entry.logged.present;
    for (const CellEntry& predicted : entry.predicted) shown = shown || predicted.present;
    if (shown || (entry.logged_known && !lines.empty())) out->table.push_back(std::move(entry));
  }

  std::vector<CellLine> LinesOf(const std::string& fqdn, const std::vector<const LoggedKstEvent*>& events) const {
    std::vector<CellLine> lines;
    const VersionSet now = claims_.TopologyVersions(fqdn);
    for (const LoggedKstEvent* event : events) {
      CellLine line;
      line.event = event;
      line.key = std::to_string(event->record->event_id);
      const LoggedEntry* mine = nullptr;
      for (const LoggedEntry& entry : event->entries)
        if (entry.fqdn == fqdn) mine = &entry;
      if (event->meaning == LogMeaning::kTableListed) {
        if (mine) line.listed = mine->version >= 0 ? VersionSet{mine->version} : (now.empty() ? VersionSet{0} : now);
        line.signature = "14492:" + VersionsSignature(line.listed);
      } else if (event->meaning == LogMeaning::kUmRoutingStarted) {
        line.ad_listed = mine != nullptr;
        line.signature = std::string("44024:") + (mine ? "1" : "0");
      } else if (mine) {
        line.signature = line.key;
      } else {
        continue;
      }
      lines.push_back(std::move(line));
    }
    return lines;
  }

  CellInput InputOf(const KstServer& server, const std::string& fqdn, const std::vector<CellLine>& lines) const {
    CellInput input;
    input.runs_um_routing = server.runs_um_routing;
    const VersionSet now = claims_.TopologyVersions(fqdn);
    const bool ad_now = claims_.UmRoutingClaims(fqdn);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].key != "14492") continue;
      bool ad = input.ad_lists.empty() ? ad_now : input.ad_lists.back();
      for (size_t j = i + 1; j < lines.size() && lines[j].key != "14492"; ++j)
        if (lines[j].key == "44024") {
          ad = lines[j].ad_listed;
          break;
        }
      if (input.topology.empty()) {
        input.topology.push_back(lines[i].listed);
        input.ad_lists.push_back(ad);
      } else {
        if (lines[i].listed != input.topology.back()) {
          input.steps.push_back({AdminStep::Kind::kPublish, -1});
          input.topology.push_back(lines[i].listed);
        }
        if (ad != input.ad_lists.back()) {
          input.steps.push_back({AdminStep::Kind::kAdChange, -1});
          input.ad_lists.push_back(ad);
        }
      }
      input.steps.push_back({AdminStep::Kind::kRestart, -1});
    }
    if (input.topology.empty()) {
      input.topology.push_back(now);  // assumption steady-start: no start in the logs
      input.ad_lists.push_back(ad_now);
      return input;
    }
    if (now != input.topology.back()) {
      input.steps.push_back({AdminStep::Kind::kPublish, -1});
      input.topology.push_back(now);
    }
    if (ad_now != input.ad_lists.back()) {
      input.steps.push_back({AdminStep::Kind::kAdChange, -1});
      input.ad_lists.push_back(ad_now);
    }
    return input;
  }

  const ModelCatalog& model_;
  const LoggedKstEvent* first_event_ = nullptr;  // events are in log order: a line's order is its offset here
  ClaimIndex claims_;
  ReconcileResult result_;
};

}  // namespace

ReconcileResult Reconcile(const Topology& topology, const ModelCatalog& model,
                          const std::vector<LoggedKstEvent>& events) {
  return Reconciler(topology, model).Run(events);
}

}  // namespace kst
