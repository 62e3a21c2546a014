#include "cli/gate.h"

#include <algorithm>
#include <fstream>

#include "cli/exit_status.h"
#include "report/report_writer.h"

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
    std::string names;
    for (const std::string& name : ReportFormatNames()) names += (names.empty() ? "" : ", ") + name;
    *error = "--output: unknown format \"" + format + "\" (" + names + ")";
    return false;
  }
  return true;
}

bool ValidOutputSpecs(const std::vector<std::string>& specs, std::ostream& err) {
  for (const std::string& spec : specs) {
    std::string error;
    if (!ValidOutputSpec(spec, &error)) {
      err << "kst: fatal: " << error << "\n";
      return false;
    }
  }
  return true;
}

bool WriteOutputs(const Report& report, const std::string& format, bool color, const std::vector<std::string>& outputs,
                  std::ostream& out, std::ostream& err) {
  MakeReportWriter(format, color)->Write(report, out);
  return WriteOutputFiles(report, outputs, err);
}

bool WriteOutputFiles(const Report& report, const std::vector<std::string>& outputs, std::ostream& err) {
  for (const std::string& spec : outputs) {
    std::string error;
    if (!ValidOutputSpec(spec, &error)) {  // callers check first; a wrong spec must never reach a writer
      err << "kst: fatal: " << error << "\n";
      return false;
    }
    size_t equals = spec.find('=');
    std::string path = spec.substr(equals + 1);
    std::ofstream file(path);
    MakeReportWriter(spec.substr(0, equals), false)->Write(report, file);
    file.close();
    if (!file) {
      err << "kst: fatal: cannot write " << path << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace kst
