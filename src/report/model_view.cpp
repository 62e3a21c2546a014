#include "report/model_view.h"

#include <nlohmann/json.hpp>

namespace kst {

void WriteModel(const ModelCatalog& model, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << nlohmann::json::parse(EmbeddedModelText()).dump(2) << "\n";
    return;
  }
  out << "KST versions:\n";
  for (const VersionInfo& v : model.versions())
    out << "  " << v.kst_version << "  " << v.product << " [" << v.evidence << "; " << v.source << "]\n";
  out << "Roles (holds a KST / runs UM Routing / hosts a registrar):\n";
  for (const RoleInfo& r : model.roles())
    out << "  " << r.name << ": " << (r.holds_kst ? "yes" : "no") << " / " << (r.runs_um_routing ? "yes" : "no")
        << " / " << (r.hosts_registrar ? "yes" : "no") << "\n";
  out << "Events (descriptions are kst's own; the real texts are not public):\n";
  for (const EventInfo& e : model.events())
    out << "  " << (e.id ? std::to_string(e.id) : "(no id: " + e.key + ")") << "  " << e.source << " (" << e.level
        << "): " << e.description << "\n";
  out << "Assumptions:\n";
  for (const Assumption& a : model.assumptions())
    out << "  " << a.id << " [" << a.kind << "]: " << a.statement << " (source: " << a.source << ")\n";
  out << "Parameters:\n";
  for (const Parameter& p : model.parameters())
    out << "  " << p.id << " = " << p.value << " (" << p.option << "; assumption " << p.assumption << ")\n";
  out << "Certificate services (SIP: checked for subject and validity; no wildcard subject):\n";
  for (const CertificateServiceInfo& c : model.certificate_services())
    out << "  " << c.name << " [" << c.product << "]: " << (c.sip ? "SIP" : "not SIP") << " / "
        << (c.wildcard_subject_unsupported ? "no wildcard subject" : "wildcard subject allowed") << "\n";
  const ImpactModel& impact = model.impact();
  out << "Integration features (direction; channel; what it needs):\n";
  for (const FeatureInfo& f : impact.features()) {
    const ChannelInfo* channel = impact.FindChannel(f.channel);
    out << "  " << f.id << " (" << impact.FindDirection(channel->direction)->name << "; " << channel->id << "):";
    for (const ChannelNeed& need : channel->needs) out << " " << need.condition << "@" << SideName(need.subject);
    out << "\n";
  }
  out << "Readings (--semantics):\n";
  for (const Semantics& s : model.semantics())
    out << "  " << s.name << (s.is_default ? " (default)" : "") << ": " << s.statement << "\n";
}

}  // namespace kst
