#include "report/sequence_diagram.h"

#include <algorithm>

#include "engine/trace_narrator.h"
#include "model/model_catalog.h"
#include "report/graphviz.h"
#include "report/impact_text.h"
#include "report/text_escape.h"

namespace kst {
namespace {

using Tone = SequenceRow::Tone;

/// Lifelines of a KST trace, left to right.
enum TraceLifeline : size_t { kAdmin, kCms, kAd, kUmRouting, kStack };

size_t LifelineOf(const LogLine& line) {
  const EventInfo& event = ModelCatalog::Embedded().Event(line.event_key);
  return event.source == "LS Exchange Unified Messaging Routing" ? kUmRouting : kStack;
}

void AddLines(const std::vector<LogLine>& lines, SequenceDiagram* diagram) {
  for (const LogLine& line : lines) {
    const Tone tone = line.event_key == "14563" ? Tone::kFailure : Tone::kPlain;
    diagram->rows.push_back({LifelineOf(line), LifelineOf(line), FormatLogLine(line), tone});
  }
}

void AddEntry(const std::string& fqdn, const CellEntry& entry, SequenceDiagram* diagram) {
  diagram->rows.push_back(
      {kStack, kStack, "table: " + fqdn + " " + entry.ToString(), entry.present ? Tone::kSuccess : Tone::kFailure});
}

}  // namespace

SequenceDiagram TraceSequence(const Finding& finding, const Trace& trace, const Scenario& scenario) {
  SequenceDiagram diagram;
  diagram.title = finding.rule + ": " + finding.fqdn + " -- " + trace.title + " on " + trace.server;
  diagram.lifelines = {"administrator (the plan)", "Central Management Store", "Active Directory (Exchange)",
                       "UM Routing on " + trace.server, "LS Protocol Stack on " + trace.server + " (its KST)"};
  diagram.rows.push_back({kStack, kStack, "steady start with the base topology", Tone::kPlain});
  AddLines(trace.start_lines, &diagram);
  AddEntry(trace.fqdn, trace.entry_at_start, &diagram);
  for (const TraceStep& step : trace.steps) {
    switch (step.event) {
      case CellEvent::kAdminStep: {
        const PlanStep& plan = scenario.plan.at(static_cast<size_t>(step.plan_index));
        const size_t to = plan.kind == PlanStep::Kind::kAdChange  ? kAd
                          : plan.kind == PlanStep::Kind::kRestart ? kStack
                                                                  : kCms;
        diagram.rows.push_back({kAdmin, to, step.description, Tone::kPlain});
        break;
      }
      case CellEvent::kReplicate:
        diagram.rows.push_back({kCms, kStack, step.description, Tone::kPlain});
        break;
      case CellEvent::kUmPoll:
        diagram.rows.push_back({kAd, kUmRouting, step.description, Tone::kPlain});
        break;
      case CellEvent::kUnplannedRestart:
        diagram.rows.push_back({kStack, kStack, step.description, Tone::kPlain});
        break;
    }
    AddLines(step.lines, &diagram);
    AddEntry(trace.fqdn, step.entry_after, &diagram);
  }
  return diagram;
}

SequenceDiagram ImpactSequence(const Finding& finding) {
  SequenceDiagram diagram;
  diagram.title = finding.rule + ": " + finding.fqdn;
  auto lifeline = [&](const std::string& name) {
    auto it = std::find(diagram.lifelines.begin(), diagram.lifelines.end(), name);
    if (it != diagram.lifelines.end()) return static_cast<size_t>(it - diagram.lifelines.begin());
    diagram.lifelines.push_back(name);
    return diagram.lifelines.size() - 1;
  };
  const ImpactModel& model = ModelCatalog::Embedded().impact();
  // One exchange per direction, peer and set of Lync servers, with the
  // features that travel over it; the first Lync server stands for the rest.
  auto exchange = [&](const std::vector<FeatureImpact>& items, bool broken) {
    std::vector<std::pair<const FeatureImpact*, std::string>> groups;
    for (const FeatureImpact& item : items) {
      auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
        return g.first->direction == item.direction && g.first->peer == item.peer && g.first->servers == item.servers;
      });
      if (same == groups.end())
        groups.push_back({&item, item.name});
      else
        same->second += ", " + item.name;
    }
    for (const auto& [item, names] : groups) {
      if (item->servers.empty()) continue;
      const size_t peer = lifeline(item->peer), lync = lifeline(item->servers.front());
      const bool to_lync = item->direction == "exchange-to-lync";
      const DirectionInfo* direction = model.FindDirection(item->direction);
      std::string text = (direction ? direction->name + ": " : "") + names;
      if (item->servers.size() > 1)
        text += " (also with " + std::to_string(item->servers.size() - 1) + " more Lync server(s))";
      diagram.rows.push_back({to_lync ? peer : lync, to_lync ? lync : peer, text, Tone::kPlain});
      if (broken && item == &items.front()) {
        for (const TableLookup& lookup : finding.lookups)
          if (lookup.looker == item->servers.front() || lookup.looker == item->peer)
            diagram.rows.push_back(
                {lifeline(lookup.looker), lifeline(lookup.looker), LookupText(lookup), Tone::kFailure});
        for (const PredictedObservation& o : finding.impact.observations) {
          const std::string& server = o.observation.party == "peer" ? item->peer : item->servers.front();
          diagram.rows.push_back({lifeline(server), lifeline(server), ObservationText(o), Tone::kFailure});
        }
      }
      diagram.rows.push_back({to_lync ? lync : peer, to_lync ? peer : lync, broken ? "refused" : "works",
                              broken ? Tone::kFailure : Tone::kSuccess});
    }
  };
  for (const Evidence& evidence : finding.evidence)
    diagram.rows.push_back({lifeline(finding.fqdn), lifeline(finding.fqdn), "input: " + evidence.what, Tone::kPlain});
  exchange(finding.impact.breaks, true);
  exchange(finding.impact.still_works, false);
  if (diagram.rows.empty())
    diagram.rows.push_back({lifeline(finding.fqdn), lifeline(finding.fqdn), finding.message, Tone::kFailure});
  return diagram;
}

void WriteSequenceText(const SequenceDiagram& diagram, std::ostream& out) {
  out << EscapeText(diagram.title) << "\n";
  for (size_t i = 0; i < diagram.lifelines.size(); ++i)
    out << "  [" << i + 1 << "] " << EscapeText(diagram.lifelines[i]) << "\n";
  int step = 0;
  for (const SequenceRow& row : diagram.rows) {
    const char* mark = row.tone == Tone::kFailure ? " (!)" : "";
    if (row.from == row.to) {
      out << "       [" << row.from + 1 << "] " << EscapeText(row.text) << mark << "\n";
    } else {
      out << "  " << ++step << ". [" << row.from + 1 << "] -> [" << row.to + 1 << "] " << EscapeText(row.text) << mark
          << "\n";
    }
  }
}

void WriteSequenceDot(const SequenceDiagram& diagram, std::ostream& out) {
  auto anchor = [](size_t lifeline, size_t row) {
    return "\"l" + std::to_string(lifeline) + "_" + std::to_string(row) + "\"";
  };
  auto color = [](Tone tone) {
    return tone == Tone::kFailure ? "#c0392b" : tone == Tone::kSuccess ? "#1e8449" : "black";
  };
  const size_t lanes = diagram.lifelines.size();
  out << "digraph sequence {\n"
      << "  graph [rankdir=TB, nodesep=1.2, ranksep=0.35, fontname=\"Helvetica\", fontsize=12, labelloc=t, label="
      << DotQuote(diagram.title) << ", forcelabels=true];\n"
      << "  node [fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  // Heads, then one anchor per lifeline and row; rank=same keeps a row level
  // and invisible edges keep the lifelines in order.
  for (size_t l = 0; l < lanes; ++l)
    out << "  " << anchor(l, 0) << " [shape=box, style=rounded, label=" << DotQuote(diagram.lifelines[l]) << "];\n";
  out << "  { rank=same;";
  for (size_t l = 0; l < lanes; ++l) out << " " << anchor(l, 0) << ";";
  out << " }\n";
  for (size_t l = 1; l < lanes; ++l) out << "  " << anchor(l - 1, 0) << " -> " << anchor(l, 0) << " [style=invis];\n";
  int message = 0;
  for (size_t r = 1; r <= diagram.rows.size(); ++r) {
    const SequenceRow& row = diagram.rows[r - 1];
    for (size_t l = 0; l < lanes; ++l) {
      out << "  " << anchor(l, r) << " [shape=point, width=0.04";
      if (row.from == row.to && row.from == l)
        out << ", xlabel=" << DotQuote(row.text) << ", fontcolor=\"" << color(row.tone) << "\"";
      out << "];\n";
      out << "  " << anchor(l, r - 1) << " -> " << anchor(l, r) << " [style=dashed, arrowhead=none, weight=100];\n";
    }
    out << "  { rank=same;";
    for (size_t l = 0; l < lanes; ++l) out << " " << anchor(l, r) << ";";
    out << " }\n";
    for (size_t l = 1; l < lanes; ++l) out << "  " << anchor(l - 1, r) << " -> " << anchor(l, r) << " [style=invis];\n";
    if (row.from != row.to)
      out << "  " << anchor(row.from, r) << " -> " << anchor(row.to, r)
          << " [label=" << DotQuote(std::to_string(++message) + ". " + row.text) << ", color=\"" << color(row.tone)
          << "\", fontcolor=\"" << color(row.tone) << "\"" << (row.tone == Tone::kFailure ? ", style=bold" : "")
          << "];\n";
  }
  out << "}\n";
}

}  // namespace kst
