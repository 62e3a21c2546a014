// kst impact, kst graph and kst explain: views of a checked topology or
// scenario. Each runs the same analysis as `kst check`, then draws; they exit
// 0 when they drew (findings are shown, not judged), 2 on a bad argument, 3
// on an input error or when Graphviz cannot render SVG.

#include <algorithm>
#include <set>
#include <sstream>

#include "base/interrupt.h"
#include "check/analysis.h"
#include "check/impact_graph.h"
#include "check/impact_in_force.h"
#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/input_loading.h"
#include "report/graphviz.h"
#include "report/impact_view.h"
#include "report/sequence_diagram.h"
#include "report/text_escape.h"
#include "report/topology_graph.h"

namespace kst {
namespace {

/// Loads and checks the input as `kst check` would; false with an exit status.
bool CheckInput(const CommandOptions& options, CommandStreams streams, LoadedInput* input, Report* report,
                int* status) {
  InstallInterruptHandler();
  const std::string& file = options.input_file.empty() ? options.files.at(0) : options.input_file;
  if (!LoadInput(file, input, streams.err)) {
    *status = LoadFailedStatus(streams.err);
    return false;
  }
  AnalysisOptions analysis;
  if (!AnalysisOptionsFor(options, input->scenario, &analysis, streams.err)) {
    *status = kExitUsage;
    return false;
  }
  *report = Analyze(input->scenario, input->is_scenario, ModelCatalog::Embedded(), analysis, input->diagnostics);
  // A view of a partial analysis would show what was not checked as fine.
  if (Interrupted(streams.err, "nothing was drawn")) {
    *status = kExitInterrupted;
    return false;
  }
  return true;
}

/// Prints `dot` as it is, or as SVG through Graphviz.
int Emit(const std::string& dot, const std::string& format, CommandStreams streams) {
  if (format != "svg") {
    streams.out << dot;
    return kExitPass;
  }
  GraphvizRenderer renderer;
  std::string svg, error;
  if (!renderer.Render(dot, "svg", &svg, &error)) {
    streams.err << "kst: fatal: " << EscapeText(error) << "\n";
    return kExitInputError;
  }
  streams.out << svg;
  return kExitPass;
}

}  // namespace

int RunImpactCommand(const CommandOptions& options, CommandStreams streams) {
  LoadedInput input;
  Report report;
  int status = kExitPass;
  if (!CheckInput(options, streams, &input, &report, &status)) return status;
  // The estate after the plan, and the topologies in force while a finding
  // hurts: a peer the plan has only in between is shown as such, and one the
  // plan removes is not shown as working after it.
  const Scenario& scenario = input.scenario;
  std::vector<const Topology*> topologies = {&scenario.final_topology()};
  for (const Finding& finding : report.findings)
    for (const int done : StepsInForce(finding, static_cast<int>(scenario.plan.size()))) {
      const Topology* topology = &scenario.TopologyAfter(done);
      if (std::find(topologies.begin(), topologies.end(), topology) == topologies.end()) topologies.push_back(topology);
    }
  const ImpactGraph graph(topologies, ModelCatalog::Embedded());
  std::set<std::pair<std::string, std::string>> during_plan_only;  // (peer, channel id)
  if (topologies.size() > 1) {
    const ImpactGraph after({&scenario.final_topology()}, ModelCatalog::Embedded());
    for (const ChannelInstance& instance : graph.channels())
      during_plan_only.insert({instance.peer, instance.channel->id});
    for (const ChannelInstance& instance : after.channels())
      during_plan_only.erase({instance.peer, instance.channel->id});
  }
  const std::string format = options.format == "svg" ? "dot" : options.format;
  std::ostringstream view;
  if (!WriteImpactView(graph, scenario.final_topology(), report, options.fqdn, format, view, during_plan_only)) {
    streams.err << "kst: fatal: " << EscapeText(options.fqdn)
                << " is not a peer of the impact graph (an Exchange UM server, an OWA IM server or an Edge to hosted "
                   "UM)\n";
    return kExitUsage;
  }
  return Emit(view.str(), options.format, streams);
}

int RunGraphCommand(const CommandOptions& options, CommandStreams streams) {
  LoadedInput input;
  Report report;
  int status = kExitPass;
  if (!CheckInput(options, streams, &input, &report, &status)) return status;
  std::ostringstream dot;
  WriteTopologyDot(input.scenario.final_topology(), report, ModelCatalog::Embedded(), dot);
  return Emit(dot.str(), options.format == "svg" ? "svg" : "dot", streams);  // "dot" unless --format svg
}

int RunExplainCommand(const CommandOptions& options, CommandStreams streams) {
  const size_t colon = options.finding.rfind(':');
  if (colon == std::string::npos) {
    streams.err << "kst: fatal: FINDING is RULE:FQDN, e.g. cert/wildcard-subject:ex1.contoso.com\n";
    return kExitUsage;
  }
  const std::string rule = options.finding.substr(0, colon), fqdn = options.finding.substr(colon + 1);
  LoadedInput input;
  Report report;
  int status = kExitPass;
  if (!CheckInput(options, streams, &input, &report, &status)) return status;
  const Finding* chosen = nullptr;
  for (const Finding& finding : report.findings)
    if (!chosen && finding.rule == rule && finding.fqdn == fqdn) chosen = &finding;
  if (!chosen) {
    streams.err << "kst: fatal: no finding " << EscapeText(options.finding) << " in " << EscapeText(report.input)
                << "; its findings:";
    for (const Finding& finding : report.findings) streams.err << " " << EscapeText(finding.rule + ":" + finding.fqdn);
    streams.err << (report.findings.empty() ? " none\n" : "\n");
    return kExitUsage;
  }
  SequenceDiagram diagram;
  if (chosen->traces.empty()) {
    diagram = ImpactSequence(*chosen);
  } else {
    if (options.trace < 1 || static_cast<size_t>(options.trace) > chosen->traces.size()) {
      streams.err << "kst: fatal: --trace " << options.trace << ": the finding has " << chosen->traces.size()
                  << " trace(s)\n";
      return kExitUsage;
    }
    diagram = TraceSequence(*chosen, chosen->traces[static_cast<size_t>(options.trace - 1)], input.scenario);
  }
  std::ostringstream text;
  if (options.format == "text") {
    WriteSequenceText(diagram, text);
    streams.out << text.str();
    return kExitPass;
  }
  WriteSequenceDot(diagram, text);
  return Emit(text.str(), options.format, streams);
}

}  // namespace kst
