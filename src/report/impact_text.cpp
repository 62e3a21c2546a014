#include "report/impact_text.h"

#include <cstdint>
#include <tuple>

#include "model/model_catalog.h"
#include "report/text_escape.h"

namespace kst {
namespace {

constexpr size_t kServersShown = 8;

std::string Join(const std::vector<std::string>& items, size_t limit = SIZE_MAX) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += ", ... " + std::to_string(items.size() - limit) + " more";
  return out;
}

std::string DirectionName(const std::string& id) {
  const DirectionInfo* direction = ModelCatalog::Embedded().impact().FindDirection(id);
  return direction ? direction->name : id;
}

}  // namespace

std::vector<std::string> ImpactLines(const std::vector<FeatureImpact>& items) {
  // Groups keep the order of first appearance (the graph's: direction, peer, model order).
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> keys;
  std::vector<std::vector<std::string>> names;
  for (const FeatureImpact& item : items) {
    auto key = std::make_tuple(item.direction, item.peer, item.servers);
    size_t k = 0;
    while (k < keys.size() && keys[k] != key) ++k;
    if (k == keys.size()) {
      keys.push_back(key);
      names.emplace_back();
    }
    names[k].push_back(item.name);
  }
  std::vector<std::string> lines;
  for (size_t k = 0; k < keys.size(); ++k) {
    const auto& [direction, peer, servers] = keys[k];
    std::string line = DirectionName(direction) + ": " + Join(names[k]) + " (" + peer;
    if (!servers.empty()) line += " with " + Join(servers, kServersShown);
    lines.push_back(EscapeText(line + ")"));
  }
  return lines;
}

std::string ImpactSummary(const Finding& finding) {
  if (finding.impact.breaks.empty()) return finding.broken.empty() ? "" : "breaks no integration feature kst models";
  auto join = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : " and ") + line;
    return out;
  };
  std::string text = "breaks " +
                     (finding.impact_condition.empty() ? "" : "(" + EscapeText(finding.impact_condition) + ") ") +
                     join(ImpactLines(finding.impact.breaks));
  if (!finding.impact.still_works.empty()) text += "; still works " + join(ImpactLines(finding.impact.still_works));
  return text;
}

std::string ObservationText(const PredictedObservation& predicted) {
  const Observation& o = predicted.observation;
  std::string text = (o.id.empty() ? "" : o.id + " ") + o.log;
  if (!predicted.servers.empty()) text += " on " + Join(predicted.servers, kServersShown);
  return EscapeText(text + ": " + o.text + " [" + o.from + "]");
}

std::string LookupText(const TableLookup& lookup) {
  std::string text = lookup.looker + " looks up " + lookup.name + ": " + (lookup.found ? "found" : "not in its table");
  if (!lookup.found && !lookup.table_matches.empty())
    text += " (the table holds the subject alternative name " + Join(lookup.table_matches) + ")";
  return EscapeText(text);
}

void WriteImpactText(const Finding& finding, const std::string& indent, std::ostream& out) {
  const Impact& impact = finding.impact;
  if (!impact.breaks.empty()) {
    out << indent << (finding.severity == Severity::kError ? "breaks" : "at risk");
    if (!finding.impact_condition.empty()) out << " (" << EscapeText(finding.impact_condition) << ")";
    out << ":\n";
    for (const std::string& line : ImpactLines(impact.breaks)) out << indent << "  " << line << "\n";
  } else if (!finding.broken.empty()) {
    out << indent << "breaks: no integration feature kst models\n";
  }
  if (!impact.still_works.empty()) {
    out << indent << "still works:\n";
    for (const std::string& line : ImpactLines(impact.still_works)) out << indent << "  " << line << "\n";
  }
  if (!impact.symptoms.empty()) out << indent << "symptoms (from the sources):\n";
  for (const Symptom& symptom : impact.symptoms)
    out << indent << "  - " << EscapeText(symptom.text + " [" + symptom.from + "]") << "\n";
  if (!impact.observations.empty())
    out << indent << "predicted (from the sources; texts paraphrased"
        << (finding.impact_condition.empty() ? "" : "; " + EscapeText(finding.impact_condition)) << "):\n";
  for (const PredictedObservation& o : impact.observations) out << indent << "  - " << ObservationText(o) << "\n";
  if (!finding.lookups.empty()) out << indent << "table lookups:\n";
  for (const TableLookup& lookup : finding.lookups) out << indent << "  " << LookupText(lookup) << "\n";
  for (const Evidence& evidence : finding.evidence)
    out << indent << "input: " << EscapeText(evidence.what + " (" + evidence.location.ToString() + ")") << "\n";
}

}  // namespace kst
