#include "cli/gate.h"

#include <algorithm>
#include <sstream>

#include "base/atomic_file.h"
#include "base/text_join.h"
#include "cli/exit_status.h"
#include "report/report_writer.h"
#include "report/text_escape.h"

namespace kst {

int GateExitCode(const Report& report, const GatePolicy& policy, std::ostream& err) {
  if (report.interrupted) {
    err << "kst: interrupted; the report covers what was explored before it\n";
    return kExitInterrupted;
  }
  bool failing = std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return !f.waiver && (f.severity == Severity::kError || policy.fail_on == Severity::kWarning) &&
           f.severity != Severity::kNote;
  });
  if (report.expectation && !report.expectation->met) failing = true;
  int status = failing ? kExitFindings : report.verdict == Verdict::kInconclusive ? kExitInconclusive : kExitPass;
  if (status == kExitInconclusive && policy.inconclusive_ok) {
    err << "kst: warning: the verdict is inconclusive; exiting 0 because of --inconclusive-ok\n";
    status = kExitPass;
  }
  if (status != kExitPass && policy.no_fail) {
    err << "kst: note: exit code " << status << " reported as 0 because of --no-fail\n";
    status = kExitPass;
  }
  return status;
}

bool ValidOutputSpec(const std::string& spec, std::string* error) {
  size_t equals = spec.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size()) {
    *error = "--output wants FORMAT=FILE, not \"" + spec + "\"";
    if (const ReportFormat* guess = equals == std::string::npos ? ReportFormatForPath(spec) : nullptr)
      *error += " (did you mean " + std::string(guess->name) + "=" + spec + "?)";
    return false;
  }
  const std::string format = spec.substr(0, equals);
  if (!FindReportFormat(format)) {
    *error = "--output: unknown format \"" + format + "\" (" + JoinStrings(ReportFormatNames()) + ")";
    return false;
  }
  return true;
}

bool ValidOutputSpecs(const std::vector<std::string>& specs, std::ostream& err) {
  for (const std::string& spec : specs) {
    std::string error;
    if (!ValidOutputSpec(spec, &error)) {
      err << "kst: fatal: " << EscapeText(error) << "\n";
      return false;
    }
  }
  return true;
}

std::vector<std::string> OutputPaths(const std::vector<std::string>& specs) {
  std::vector<std::string> paths;
  for (const std::string& spec : specs)
    if (size_t equals = spec.find('='); equals != std::string::npos) paths.push_back(spec.substr(equals + 1));
  return paths;
}

bool OutputsSpareInputs(const std::vector<NamedPath>& outputs, const std::vector<std::string>& inputs,
                        std::ostream& err) {
  for (size_t i = 0; i < outputs.size(); ++i) {
    for (const std::string& input : inputs) {
      if (!SameFile(outputs[i].path, input)) continue;
      err << "kst: fatal: " << outputs[i].option << " " << EscapeText(outputs[i].path) << " is an input of this run ("
          << EscapeText(input) << "); kst never writes over its inputs\n";
      return false;
    }
    for (size_t j = 0; j < i; ++j) {
      if (!SameFile(outputs[i].path, outputs[j].path)) continue;
      err << "kst: fatal: " << outputs[j].option << " and " << outputs[i].option << " both write "
          << EscapeText(outputs[i].path) << "\n";
      return false;
    }
  }
  return true;
}

bool WriteOutputs(const Report& report, const std::string& format, const WriterOptions& options,
                  const std::vector<std::string>& outputs, std::ostream& out, std::ostream& err) {
  if (!WriteOutputFiles(report, outputs, err, options)) return false;
  MakeReportWriter(format, options)->Write(report, out);
  return true;
}

bool WriteOutputFiles(const Report& report, const std::vector<std::string>& outputs, std::ostream& err,
                      const WriterOptions& options) {
  WriterOptions file_options = options;
  file_options.color = false;
  for (const std::string& spec : outputs) {
    std::string error;
    if (!ValidOutputSpec(spec, &error)) {  // callers check first; a wrong spec must never reach a writer
      err << "kst: fatal: " << EscapeText(error) << "\n";
      return false;
    }
    size_t equals = spec.find('=');
    std::ostringstream text;
    MakeReportWriter(spec.substr(0, equals), file_options)->Write(report, text);
    if (!WriteFileAtomically(spec.substr(equals + 1), text.str(), &error)) {
      err << "kst: fatal: --output: " << EscapeText(error) << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace kst
