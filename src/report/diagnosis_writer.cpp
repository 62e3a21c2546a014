#include "report/diagnosis_writer.h"

#include <nlohmann/json.hpp>

#include "report/text_escape.h"

namespace kst {
namespace {

/// "2014-10-23 23:19:05 UTC", or "... (local time of the export)" for an Export-Csv time without offset.
std::string When(const LoggedOccurrence& o) {
  std::string text = FormatTimestamp(o.time);
  if (text.size() >= 20 && text[10] == 'T') text = text.substr(0, 10) + " " + text.substr(11, 8);
  return text + (o.local_time ? " (local time of the export)" : " UTC");
}

std::string Signed(int weight) {
  return (weight > 0 ? "+" : "") + std::to_string(weight);
}

void WriteOccurrences(const SymptomGroup& group, const char* indent, std::ostream& out) {
  for (const LoggedOccurrence& o : group.first)
    out << indent << EscapeText(o.computer) << " at " << When(o)
        << (o.detail.empty() ? "" : ": " + EscapeText(o.detail)) << " (" << EscapeText(o.where) << ")\n";
  if (group.count > group.first.size()) out << indent << "... and " << group.count - group.first.size() << " more\n";
}

void WriteEvidence(const Diagnosis& d, const DiagnosisCandidate& c, bool for_it, std::ostream& out) {
  bool any = false;
  for (const DiagnosisEvidence& e : c.evidence) {
    if ((e.weight > 0) != for_it || (e.weight == 0 && for_it)) continue;
    if (!any) out << "   " << (for_it ? "for:" : "against:") << "\n";
    any = true;
    out << "     " << Signed(e.weight) << "  " << EscapeText(e.what) << "  [" << EscapeText(e.source) << "]\n";
    if (e.group >= 0) WriteOccurrences(d.groups[e.group], "          ", out);
  }
  if (!any) out << "   " << (for_it ? "for: nothing" : "against: nothing") << "\n";
}

std::string Title(const DiagnosisCandidate& c) {
  std::string title = c.cause->id + ": " + c.cause->name;
  if (!c.change.empty()) title += " (" + c.change + ")";
  title += c.subject.empty() ? ", on a server the logs do not name" : ", on " + c.subject;
  return title;
}

}  // namespace

void WriteDiagnosisText(const Diagnosis& d, std::ostream& out) {
  size_t symptoms = 0;
  for (const SymptomGroup& g : d.groups) symptoms += g.symptom ? g.count : 0;
  out << "kst diagnose: " << symptoms << " symptom record" << (symptoms == 1 ? "" : "s") << " among " << d.records
      << " record" << (d.records == 1 ? "" : "s") << " of " << d.computers.size() << " computer"
      << (d.computers.size() == 1 ? "" : "s") << "\n";
  if (d.onset)
    out << "onset: " << When(*d.onset) << " on " << EscapeText(d.onset->computer) << " (" << EscapeText(d.onset_symptom)
        << ")\n";
  for (const std::string& s : d.clock_suspects)
    out << "clock: " << EscapeText(s)
        << "'s clock is off (its logs show it set past the tolerance, or the topology's clock reading says so); its "
           "own times are not used for the onset\n";
  out << "\nSymptoms:\n";
  bool any = false;
  for (const SymptomGroup& g : d.groups) {
    if (!g.symptom) continue;
    any = true;
    out << "  " << EscapeText(g.symptom->id) << ": " << EscapeText(g.symptom->name) << ", " << g.count << " record"
        << (g.count == 1 ? "" : "s") << (g.subject.empty() ? "" : " about " + EscapeText(g.subject)) << "\n";
    WriteOccurrences(g, "      ", out);
  }
  if (!any) out << "  none of model diagnose.symptoms\n";
  out << "\nCandidate causes, most likely first (score: the sum of the weights below):\n";
  for (size_t i = 0; i < d.ranked.size(); ++i) {
    const DiagnosisCandidate& c = d.ranked[i];
    out << "\n" << i + 1 << ". " << EscapeText(Title(c)) << "  score " << Signed(c.score) << "\n";
    if (c.findings.empty())
      out << "   finding: none raised from the topology\n";
    else
      for (const std::string& f : c.findings) out << "   finding: " << EscapeText(f) << "\n";
    WriteEvidence(d, c, true, out);
    WriteEvidence(d, c, false, out);
    for (const std::string& f : c.fixes) out << "   fix: " << EscapeText(f) << "\n";
  }
  if (d.ranked.empty()) out << "  none\n";
  for (const std::string& n : d.notes) out << "\nnote: " << EscapeText(n) << "\n";
  out << "\nRanking: each candidate's score is the sum of its evidence's weights (model/kst-model.json "
         "diagnose.weights; each symptom counts once per candidate); ties go to the cause listed first in the model, "
         "then to the subject's name.\n";
  out << "Assumptions:";
  for (const std::string& a : d.assumptions) out << " " << a;
  out << "\n";
  if (d.diagnosed) {
    const DiagnosisCandidate& top = d.ranked.front();
    out << "\nverdict: diagnosed: " << EscapeText(Title(top)) << "\n";
  } else {
    out << "\nverdict: inconclusive\n";
    for (const std::string& r : d.inconclusive_reasons) out << "  " << EscapeText(r) << "\n";
  }
}

void WriteDiagnosisJson(const Diagnosis& d, std::ostream& out) {
  using nlohmann::json;
  auto occurrences = [](const SymptomGroup& g) {
    json list = json::array();
    for (const LoggedOccurrence& o : g.first)
      list.push_back({{"computer", EscapeText(o.computer)},
                      {"time", FormatTimestamp(o.time)},
                      {"local_time", o.local_time},
                      {"where", EscapeText(o.where)},
                      {"detail", EscapeText(o.detail)}});
    return list;
  };
  json doc = {{"format", "kst-diagnose/1"},
              {"verdict", d.diagnosed ? "diagnosed" : "inconclusive"},
              {"inconclusive_reasons", d.inconclusive_reasons},
              {"records", d.records},
              {"computers", json::array()},
              {"clock_suspects", json::array()}};
  for (const std::string& c : d.computers) doc["computers"].push_back(EscapeText(c));
  for (const std::string& c : d.clock_suspects) doc["clock_suspects"].push_back(EscapeText(c));
  doc["onset"] = nullptr;
  if (d.onset)
    doc["onset"] = {{"time", FormatTimestamp(d.onset->time)},
                    {"computer", EscapeText(d.onset->computer)},
                    {"symptom", d.onset_symptom}};
  json groups = json::array();
  for (const SymptomGroup& g : d.groups)
    groups.push_back({{"kind", g.symptom ? "symptom" : "change"},
                      {"id", g.symptom ? g.symptom->id : g.change->id},
                      {"subject", EscapeText(g.subject)},
                      {"count", g.count},
                      {"first", occurrences(g)}});
  doc["groups"] = groups;
  json ranked = json::array();
  for (size_t i = 0; i < d.ranked.size(); ++i) {
    const DiagnosisCandidate& c = d.ranked[i];
    json evidence = json::array();
    for (const DiagnosisEvidence& e : c.evidence) {
      json item = {{"kind", EvidenceKindName(e.kind)},
                   {"weight", e.weight},
                   {"what", EscapeText(e.what)},
                   {"source", e.source},
                   {"group", nullptr}};
      if (e.group >= 0) item["group"] = e.group;
      evidence.push_back(item);
    }
    json findings = json::array(), fixes = json::array();
    for (const std::string& f : c.findings) findings.push_back(EscapeText(f));
    for (const std::string& f : c.fixes) fixes.push_back(EscapeText(f));
    ranked.push_back({{"rank", i + 1},
                      {"cause", c.cause->id},
                      {"subject", EscapeText(c.subject)},
                      {"change", c.change},
                      {"score", c.score},
                      {"findings", findings},
                      {"evidence", evidence},
                      {"fixes", fixes},
                      {"assumptions", c.assumptions}});
  }
  doc["ranked"] = ranked;
  doc["notes"] = json::array();
  for (const std::string& n : d.notes) doc["notes"].push_back(EscapeText(n));
  doc["assumptions"] = d.assumptions;
  out << doc.dump(2) << "\n";
}

}  // namespace kst
