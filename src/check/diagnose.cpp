#include "check/diagnose.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "check/current_state.h"
#include "model/claims.h"
#include "model/logged_kst_event.h"

namespace kst {
namespace {

constexpr size_t kOccurrencesKept = 3;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool EqualNoCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

/// The record's text: its insertion strings and its message, one per line.
std::string RecordText(const EventRecord& record) {
  std::string text;
  for (const std::string& s : record.strings) text += s + "\n";
  return text + record.message;
}

/// Drops the left-to-right marks (U+200E) Windows puts around the parts of a rendered time.
std::string WithoutMarks(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) == 0x8E) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

/// The ISO times ("2014-10-24T02:33:25.5Z") written in `text`, in order.
std::vector<UnixSeconds> IsoTimes(const std::string& text) {
  std::vector<UnixSeconds> times;
  auto digit = [&](size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0; };
  for (size_t i = 0; i + 19 <= text.size() && times.size() < 2; ++i) {
    if (!(digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && text[i + 4] == '-' && text[i + 10] == 'T'))
      continue;
    size_t end = i + 19;
    while (end < text.size() && (text[end] == '.' || digit(end))) ++end;
    if (end < text.size() && (text[end] == 'Z' || text[end] == 'z')) ++end;
    UnixSeconds at = 0;
    std::string why;
    if (ParseTimestamp(std::string_view(text).substr(i, end - i), &at, &why)) {
      times.push_back(at);
      i = end - 1;
    }
  }
  return times;
}

/// The value of `key=` in `text` (up to ';', a quote or a blank), lower case, without a trailing dot.
std::string ParameterValue(const std::string& text, const std::string& key) {
  const std::string lower = Lower(text);
  const size_t at = lower.find(key + "=");
  if (at == std::string::npos) return "";
  size_t begin = at + key.size() + 1;
  size_t end = begin;
  while (end < lower.size() && lower[end] != ';' && lower[end] != '"' &&
         !std::isspace(static_cast<unsigned char>(lower[end])))
    ++end;
  std::string value = lower.substr(begin, end - begin);
  while (!value.empty() && value.back() == '.') value.pop_back();
  return value;
}

/// The servers each name stands for: a pool and its computers name each other.
class ServerNames {
 public:
  explicit ServerNames(const Topology& topology) {
    for (const LyncPool& pool : topology.pools) {
      role_[pool.fqdn.name] = pool.role;
      for (const NamedAt& computer : pool.computers) {
        Relate(pool.fqdn.name, computer.name);
        role_[computer.name] = pool.role;
      }
    }
    for (const TrustedApplicationPool& pool : topology.trusted_application_pools)
      for (const NamedAt& computer : pool.computers) Relate(pool.fqdn.name, computer.name);
  }
  /// `names` with the pools and computers they stand for, sorted, once each.
  std::vector<std::string> Expand(const std::set<std::string>& names) const {
    std::set<std::string> out;
    for (const std::string& name : names) {
      if (name.empty()) continue;
      out.insert(name);
      auto it = related_.find(name);
      if (it != related_.end()) out.insert(it->second.begin(), it->second.end());
    }
    return std::vector<std::string>(out.begin(), out.end());
  }
  std::string RoleOf(const std::string& name) const {
    auto it = role_.find(name);
    return it == role_.end() ? "" : it->second;
  }

 private:
  void Relate(const std::string& pool, const std::string& computer) {
    related_[pool].insert(computer);
    related_[computer].insert(pool);
  }
  std::map<std::string, std::set<std::string>> related_;
  std::map<std::string, std::string> role_;
};

bool Overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    if (std::binary_search(b.begin(), b.end(), x)) return true;
  return false;
}

std::string Plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

struct Matcher {
  const DiagnoseInputs& inputs;
  const ModelCatalog& model;
  const ServerNames& names;
  const std::set<std::string>& topology_fqdns;

  /// The detail kst read from the record when it shows `symptom`; none when it does not.
  std::optional<std::string> Shows(const SymptomInfo& symptom, const EventRecord& record) const {
    if (!symptom.provider.empty() && !EqualNoCase(symptom.provider, record.provider)) return std::nullopt;
    if (symptom.event_id && *symptom.event_id != record.event_id) return std::nullopt;
    if (!symptom.on_role.empty() && names.RoleOf(record.computer) != symptom.on_role) return std::nullopt;
    std::string detail;
    if (symptom.ms_diagnostics || !symptom.text.empty()) {
      const std::string text = RecordText(record);
      if (symptom.ms_diagnostics) {
        const std::vector<int> codes = MsDiagnosticsCodes(text);
        if (std::find(codes.begin(), codes.end(), *symptom.ms_diagnostics) == codes.end()) return std::nullopt;
        detail = "ms-diagnostics " + std::to_string(*symptom.ms_diagnostics);
      }
      if (!symptom.text.empty()) {
        if (Lower(text).find(Lower(symptom.text)) == std::string::npos) return std::nullopt;
        detail += (detail.empty() ? "" : ", ") + symptom.text;
      }
    }
    if (symptom.clock_jump) {
      const std::optional<int64_t> jump = ClockJumpSeconds(record);
      if (!jump || (*jump < 0 ? -*jump : *jump) <= inputs.clock_tolerance_seconds) return std::nullopt;
      detail = "the clock was set " + FormatDuration(*jump) + (*jump > 0 ? " forward" : " back");
    }
    return detail;
  }

  /// The server the record points at, under the symptom's subject rule.
  std::string SubjectOf(const SymptomInfo& symptom, const EventRecord& record) const {
    if (symptom.subject == "computer") return record.computer;
    if (symptom.subject == "ms-ep-fqdn") {
      const std::string edge = ParameterValue(RecordText(record), "ms-ep-fqdn");
      return topology_fqdns.count(edge) ? edge : "";
    }
    if (symptom.subject == "fqdn-words")
      for (const LoggedEntry& word : FqdnWords(RecordText(record)))
        if (topology_fqdns.count(word.fqdn) && word.fqdn != record.computer) return word.fqdn;
    return "";
  }

  /// The record's computer and every server of the topology its text names.
  std::set<std::string> NamedIn(const EventRecord& record) const {
    std::set<std::string> named{record.computer};
    const std::string text = RecordText(record);
    for (const LoggedEntry& word : FqdnWords(text))
      if (topology_fqdns.count(word.fqdn)) named.insert(word.fqdn);
    const std::string edge = ParameterValue(text, "ms-ep-fqdn");
    if (topology_fqdns.count(edge)) named.insert(edge);
    return named;
  }
};

LoggedOccurrence OccurrenceOf(const EventRecord& record, std::string detail) {
  return {record.computer, record.time, record.local_time, record.Where(), std::move(detail)};
}

void AddOccurrence(SymptomGroup* group, LoggedOccurrence occurrence) {
  ++group->count;
  auto later = [](const LoggedOccurrence& a, const LoggedOccurrence& b) {
    return std::tie(a.time, a.computer, a.where) < std::tie(b.time, b.computer, b.where);
  };
  group->first.insert(std::upper_bound(group->first.begin(), group->first.end(), occurrence, later), occurrence);
  if (group->first.size() > kOccurrencesKept) group->first.pop_back();
}

std::string GroupWhat(const SymptomGroup& group) {
  std::string what = group.symptom ? group.symptom->name : group.change->name;
  what += ": " + Plural(group.count, "record");
  if (!group.subject.empty()) what += " about " + group.subject;
  return what;
}

class Ranker {
 public:
  Ranker(const DiagnoseInputs& inputs, const ModelCatalog& model, const DiagnosisRules& rules, const ServerNames& names,
         const std::vector<SymptomGroup>& groups)
      : inputs_(inputs), model_(model), rules_(rules), names_(names), groups_(groups) {}

  void AddFindings(const Report& report) {
    for (const Finding& finding : report.findings) {
      const CauseInfo* cause = rules_.CauseOfRule(finding.rule);
      if (!cause) continue;
      DiagnosisCandidate* candidate = Candidate(*cause, finding.fqdn);
      std::string servers;
      for (const std::string& s : finding.servers) servers += (servers.empty() ? "" : ", ") + s;
      candidate->findings.push_back(finding.rule + " on " + finding.fqdn +
                                    (servers.empty() ? "" : " (" + servers + ")") + ": " + finding.message);
      for (const CheckedFix& fix : finding.checked_fixes) AddOnce(&candidate->fixes, fix.fix);
      for (const std::string& a : finding.assumptions) AddOnce(&candidate->assumptions, a);
      std::set<std::string> involved(candidate->involved.begin(), candidate->involved.end());
      involved.insert(finding.servers.begin(), finding.servers.end());
      for (const FeatureImpact& feature : finding.impact.breaks) {
        involved.insert(feature.peer);
        involved.insert(feature.servers.begin(), feature.servers.end());
      }
      candidate->involved = names_.Expand(involved);
      if (!candidate->evidence.empty()) continue;  // one finding weight per candidate
      if (const WeightInfo* w = rules_.FindWeight(cause->id, EvidenceKind::kFinding))
        candidate->evidence.push_back({EvidenceKind::kFinding, w->weight,
                                       "kst raises " + finding.rule + " on " + finding.fqdn + " from the topology",
                                       w->source, -1});
    }
  }

  void AddSymptom(int index) {
    const SymptomGroup& group = groups_[index];
    for (const CauseInfo& cause : rules_.causes()) {
      const WeightInfo* w = rules_.FindWeight(cause.id, EvidenceKind::kSymptom, group.symptom->id);
      if (!w) continue;
      std::vector<DiagnosisCandidate*> related;
      for (DiagnosisCandidate& c : candidates_)
        if (c.cause == &cause && Relates(c, group)) related.push_back(&c);
      if (related.empty()) related.push_back(Candidate(cause, group.subject, group.involved));
      for (DiagnosisCandidate* c : related) {
        bool counted = false;
        for (const DiagnosisEvidence& e : c->evidence)
          counted = counted || (e.kind == EvidenceKind::kSymptom && groups_[e.group].symptom == group.symptom);
        if (!counted) c->evidence.push_back({EvidenceKind::kSymptom, w->weight, GroupWhat(group), w->source, index});
      }
    }
  }

  void AddChange(int index, const std::optional<LoggedOccurrence>& onset, int64_t window) {
    const SymptomGroup& group = groups_[index];
    const CauseInfo* cause = rules_.FindCause("coincident-change");
    if (!cause) return;
    DiagnosisCandidate* c = Candidate(*cause, group.subject, group.involved);
    c->change = group.change->name;
    const LoggedOccurrence& first = group.first.front();
    if (onset) {
      const int64_t lead = onset->time - first.time;
      EvidenceKind kind = EvidenceKind::kNoImpactPath;
      std::string what;
      if (lead < 0) {
        kind = EvidenceKind::kChangeAfterOnset;
        what = GroupWhat(group) + ", the first " + FormatDuration(-lead) + " after the first symptom";
      } else if (lead <= window) {
        kind = EvidenceKind::kChangeBeforeOnset;
        what = GroupWhat(group) + ", the first " + FormatDuration(lead) + " before the first symptom";
      }
      if (kind != EvidenceKind::kNoImpactPath)
        if (const WeightInfo* w = rules_.FindWeight(cause->id, kind))
          c->evidence.push_back({kind, w->weight, what, w->source, index});
      if (kind == EvidenceKind::kNoImpactPath)
        c->evidence.push_back({EvidenceKind::kChangeBeforeOnset, 0,
                               GroupWhat(group) + ", the first " + FormatDuration(lead) +
                                   " before the first symptom: longer than the window of " + FormatDuration(window) +
                                   ", so it does not coincide",
                               "model diagnose.onset_window_seconds", index});
    }
    if (const WeightInfo* w = rules_.FindWeight(cause->id, EvidenceKind::kNoImpactPath))
      c->evidence.push_back({EvidenceKind::kNoImpactPath, w->weight,
                             "kst's impact model has no path from " + group.change->name + " to a feature", w->source,
                             -1});
  }

  /// Evidence against, once every symptom has been placed.
  void AddAbsences(std::vector<std::string>* notes) {
    const std::vector<SymptomGroup>& groups = groups_;
    const Topology& topology = *inputs_.topology;
    for (DiagnosisCandidate& c : candidates_) {
      if (c.cause->condition.empty()) continue;
      if (c.findings.empty()) NoFinding(&c, topology, notes);
      for (const WeightInfo& w : rules_.weights()) {
        if (w.cause != c.cause->id || w.evidence != EvidenceKind::kSymptomAbsent) continue;
        const SymptomInfo* symptom = nullptr;
        for (const SymptomInfo& s : rules_.symptoms())
          if (s.id == w.symptom) symptom = &s;
        bool seen = false;
        for (const SymptomGroup& g : groups) seen = seen || (g.symptom == symptom && Relates(c, g));
        const std::vector<std::string> readers = PartyComputers(symptom->party);
        if (seen || readers.empty()) continue;
        std::string list;
        for (const std::string& r : readers) list += (list.empty() ? "" : ", ") + r;
        c.evidence.push_back(
            {EvidenceKind::kSymptomAbsent, w.weight,
             "no " + symptom->name + (c.subject.empty() ? "" : " about " + c.subject) + " in the logs of " + list,
             w.source, -1});
      }
    }
  }

  std::vector<DiagnosisCandidate> Ranked() {
    for (DiagnosisCandidate& c : candidates_) {
      c.score = 0;
      for (const DiagnosisEvidence& e : c.evidence) c.score += e.weight;
      if (c.fixes.empty()) c.fixes.push_back(c.cause->fix);
      std::sort(c.assumptions.begin(), c.assumptions.end());
    }
    std::vector<DiagnosisCandidate> ranked = candidates_;
    std::stable_sort(ranked.begin(), ranked.end(), [&](const DiagnosisCandidate& a, const DiagnosisCandidate& b) {
      return std::make_tuple(-a.score, rules_.CauseOrder(a.cause->id), a.subject) <
             std::make_tuple(-b.score, rules_.CauseOrder(b.cause->id), b.subject);
    });
    return ranked;
  }

 private:
  static void AddOnce(std::vector<std::string>* list, const std::string& item) {
    if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
  }

  DiagnosisCandidate* Candidate(const CauseInfo& cause, const std::string& subject,
                                const std::vector<std::string>& involved = {}) {
    for (DiagnosisCandidate& c : candidates_)
      if (c.cause == &cause && c.subject == subject) return &c;
    DiagnosisCandidate c;
    c.cause = &cause;
    c.subject = subject;
    std::set<std::string> names(involved.begin(), involved.end());
    names.insert(subject);
    c.involved = names_.Expand(names);
    candidates_.push_back(std::move(c));
    return &candidates_.back();
  }

  /// A candidate without a subject stands for any server. Records that point at a server are about that one
  /// (a 1400 of node01 says nothing of node02, though both talk to the same pool); records that point at none
  /// relate to a candidate when they name one of its servers (a 15030 on the Front End that calls through the Edge).
  static bool Relates(const DiagnosisCandidate& c, const SymptomGroup& g) {
    if (c.subject.empty()) return true;
    if (!g.subject.empty()) return std::binary_search(c.involved.begin(), c.involved.end(), g.subject);
    return Overlap(c.involved, g.involved);
  }

  std::vector<std::string> PartyComputers(const std::string& party) const {
    std::vector<std::string> out;
    for (const std::string& computer : inputs_.computers) {
      const std::string role = names_.RoleOf(computer);
      const RoleInfo* info = role.empty() ? nullptr : model_.FindRole(role);
      bool is = party == "any";
      if (party == "lync") is = info && info->holds_kst;
      if (party == "edge") is = role == "Edge";
      if (party == "exchange")
        for (const ExchangeServer& x : inputs_.topology->exchange_servers) is = is || x.fqdn.name == computer;
      if (is) out.push_back(computer);
    }
    return out;
  }

  void NoFinding(DiagnosisCandidate* c, const Topology& topology, std::vector<std::string>* notes) {
    const WeightInfo* w = rules_.FindWeight(c->cause->id, EvidenceKind::kNoFinding);
    if (!w) return;
    std::string rules;
    for (const std::string& r : c->cause->rules) rules += (rules.empty() ? "" : ", ") + r;
    const std::string who = c->subject.empty() ? "any server" : c->subject;
    bool judged = c->cause->judged_from == "topology";
    if (c->cause->judged_from == "certificates")
      for (const Certificate& cert : topology.certificates)
        judged = judged || c->subject.empty() || cert.server.name == c->subject;
    if (c->cause->judged_from == "clocks")
      for (const ClockReading& clock : topology.clocks)
        judged = judged || c->subject.empty() || clock.server.name == c->subject;
    if (!judged) {
      notes->push_back("the topology has no " + c->cause->judged_from.substr(0, c->cause->judged_from.size() - 1) +
                       " of " + who + ": kst could not judge " + c->cause->id + " there (" + rules + ")");
      return;
    }
    c->evidence.push_back({EvidenceKind::kNoFinding, w->weight,
                           "kst raises no " + rules + " on " + who + " from the topology", w->source, -1});
  }

  const DiagnoseInputs& inputs_;
  const ModelCatalog& model_;
  const DiagnosisRules& rules_;
  const ServerNames& names_;
  const std::vector<SymptomGroup>& groups_;
  std::vector<DiagnosisCandidate> candidates_;
};

}  // namespace

std::vector<int> MsDiagnosticsCodes(const std::string& text) {
  std::vector<int> codes;
  const std::string lower = Lower(text);
  const std::string key = "ms-diagnostics:";
  for (size_t at = lower.find(key); at != std::string::npos; at = lower.find(key, at + key.size())) {
    size_t i = at + key.size();
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
    int code = 0;
    size_t digits = 0;
    while (i < lower.size() && std::isdigit(static_cast<unsigned char>(lower[i])) && digits < 9) {
      code = code * 10 + (lower[i] - '0');
      ++i;
      ++digits;
    }
    if (digits > 0) codes.push_back(code);
  }
  return codes;
}

std::optional<int64_t> ClockJumpSeconds(const EventRecord& record) {
  std::vector<UnixSeconds> times;
  if (record.strings.size() >= 2) {
    for (size_t i = 0; i < 2; ++i) {
      UnixSeconds at = 0;
      std::string why;
      if (ParseTimestamp(WithoutMarks(record.strings[i]), &at, &why)) times.push_back(at);
    }
  }
  if (times.size() < 2) times = IsoTimes(WithoutMarks(record.message));
  if (times.size() < 2) return std::nullopt;
  return times[0] - times[1];  // "changed to %1 from %2": new minus old
}

Diagnosis Diagnose(const DiagnoseInputs& inputs, const ModelCatalog& model, const DiagnosisRules& rules) {
  Diagnosis diagnosis;
  const Topology& topology = *inputs.topology;
  const ServerNames names(topology);
  std::set<std::string> fqdns = CollectClaims(topology, model).AllFqdns();
  for (const LyncPool& pool : topology.pools) fqdns.insert(pool.fqdn.name);
  for (const ExchangeServer& x : topology.exchange_servers) fqdns.insert(x.fqdn.name);
  const Matcher matcher{inputs, model, names, fqdns};
  diagnosis.records = inputs.records->size();
  diagnosis.computers.assign(inputs.computers.begin(), inputs.computers.end());

  // Group the records by (symptom or change, subject), in the model's order of symptoms, then by subject.
  std::map<std::tuple<size_t, std::string>, SymptomGroup> groups;
  std::map<std::tuple<size_t, std::string>, std::set<std::string>> involved;
  size_t dropped = 0;
  auto place = [&](size_t key, const SymptomInfo* symptom, const ChangeInfo* change, const std::string& subject,
                   const EventRecord& record, std::string detail) {
    const auto id = std::make_tuple(key, subject);
    auto it = groups.find(id);
    if (it == groups.end()) {
      if (groups.size() >= kMaxDiagnosisGroups) {
        ++dropped;
        return;
      }
      it = groups.emplace(id, SymptomGroup{symptom, change, subject, {}, 0, {}}).first;
    }
    std::set<std::string> named = matcher.NamedIn(record);
    involved[id].insert(named.begin(), named.end());
    AddOccurrence(&it->second, OccurrenceOf(record, std::move(detail)));
  };
  const size_t symptoms = rules.symptoms().size();
  for (const EventRecord& record : *inputs.records) {
    for (size_t i = 0; i < symptoms; ++i) {
      const SymptomInfo& symptom = rules.symptoms()[i];
      if (std::optional<std::string> detail = matcher.Shows(symptom, record))
        place(i, &symptom, nullptr, matcher.SubjectOf(symptom, record), record, std::move(*detail));
    }
    for (size_t i = 0; i < rules.changes().size(); ++i) {
      const ChangeInfo& change = rules.changes()[i];
      if (EqualNoCase(change.provider, record.provider) &&
          std::find(change.event_ids.begin(), change.event_ids.end(), record.event_id) != change.event_ids.end())
        place(symptoms + i, nullptr, &change, record.computer, record, "event " + std::to_string(record.event_id));
    }
  }
  for (auto& [id, group] : groups) {
    group.involved = names.Expand(involved[id]);
    diagnosis.groups.push_back(std::move(group));
  }
  if (dropped > 0)
    diagnosis.inconclusive_reasons.push_back(Plural(dropped, "record") + " of more than " +
                                             std::to_string(kMaxDiagnosisGroups) +
                                             " distinct symptoms and subjects were counted, not ranked");

  // The onset: the first symptom logged by a computer whose clock the logs do not show being set past the tolerance.
  // Suspects: the logs show the clock set past the tolerance, or kst raises clock/skew on the topology's reading.
  std::set<std::string> suspects;
  for (const SymptomGroup& g : diagnosis.groups)
    if (g.symptom && g.symptom->clock_jump)
      for (const LoggedOccurrence& o : g.first) suspects.insert(o.computer);
  if (inputs.report)
    for (const Finding& finding : inputs.report->findings) {
      const CauseInfo* cause = rules.CauseOfRule(finding.rule);
      if (cause && cause->condition == "clock-within-tolerance") suspects.insert(finding.fqdn);
    }
  diagnosis.clock_suspects.assign(suspects.begin(), suspects.end());
  for (bool trusted_only : {true, false}) {
    for (const SymptomGroup& g : diagnosis.groups) {
      if (!g.symptom || g.symptom->clock_jump) continue;
      for (const LoggedOccurrence& o : g.first) {
        if (trusted_only && suspects.count(o.computer)) continue;
        if (!diagnosis.onset ||
            std::tie(o.time, o.computer) < std::tie(diagnosis.onset->time, diagnosis.onset->computer)) {
          diagnosis.onset = o;
          diagnosis.onset_symptom = g.symptom->name;
        }
      }
    }
    if (diagnosis.onset) break;
  }

  Ranker ranker(inputs, model, rules, names, diagnosis.groups);
  if (inputs.report) ranker.AddFindings(*inputs.report);
  bool any_symptom = false;
  std::set<std::string> assumptions{"diagnose-weights"};
  for (size_t i = 0; i < diagnosis.groups.size(); ++i) {
    const SymptomGroup& g = diagnosis.groups[i];
    if (!g.symptom) continue;
    any_symptom = true;
    ranker.AddSymptom(static_cast<int>(i));
    if (g.symptom->ms_diagnostics) assumptions.insert("ms-diagnostics-in-records");
    if (g.symptom->id == "edge-event-14619") assumptions.insert("edge-14619-unpublished");
    if (g.symptom->provider == "MSExchange Unified Messaging") assumptions.insert("exchange-um-event-strings");
  }
  if (!suspects.empty()) assumptions.insert("onset-trusted-clocks");
  for (size_t i = 0; i < diagnosis.groups.size(); ++i)
    if (diagnosis.groups[i].change)
      ranker.AddChange(static_cast<int>(i), diagnosis.onset, rules.onset_window_seconds());
  ranker.AddAbsences(&diagnosis.notes);
  // A replica that is not up to date: the server's table may be an older topology revision's (a note, not a weight:
  // the seeds give none).
  if (inputs.replicas)
    for (const ReplicaState& replica : *inputs.replicas)
      if (!replica.up_to_date) diagnosis.notes.push_back(ReplicaLine(replica));
  diagnosis.ranked = ranker.Ranked();
  for (const DiagnosisCandidate& c : diagnosis.ranked) assumptions.insert(c.assumptions.begin(), c.assumptions.end());
  diagnosis.assumptions.assign(assumptions.begin(), assumptions.end());

  if (!any_symptom)
    diagnosis.inconclusive_reasons.push_back(
        "the logs hold none of the symptoms kst knows (model diagnose.symptoms): nothing to rank from");
  if (!diagnosis.ranked.empty() && any_symptom) {
    const DiagnosisCandidate& top = diagnosis.ranked.front();
    if (top.score <= 0)
      diagnosis.inconclusive_reasons.push_back("no candidate has more evidence for it than against it");
    for (const DiagnosisCandidate& c : diagnosis.ranked)
      if (c.score == top.score && c.cause != top.cause)
        diagnosis.inconclusive_reasons.push_back("two causes tie at the top: " + top.cause->id + " and " + c.cause->id +
                                                 " (score " + std::to_string(top.score) + ")");
  }
  if (inputs.report && inputs.report->verdict == Verdict::kInconclusive)
    diagnosis.inconclusive_reasons.push_back(
        "kst check of the topology is inconclusive: its findings may be incomplete");
  diagnosis.diagnosed = diagnosis.inconclusive_reasons.empty();
  return diagnosis;
}

}  // namespace kst
