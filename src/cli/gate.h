#pragma once
// The pre-deploy gate: from a report and the pipeline's policy to an exit
// code, and the report's outputs (stdout plus --output FORMAT=FILE).

#include <ostream>
#include <string>
#include <vector>

#include "check/finding.h"
#include "report/report_writer.h"

namespace kst {

struct GatePolicy {
  Severity fail_on = Severity::kError;  // --fail-on error|warning
  bool inconclusive_ok = false;         // --inconclusive-ok: 4 becomes 0, with a warning
  bool no_fail = false;                 // --no-fail: report only, always 0
};

/// 1 when a finding that is not waived reaches `fail_on` (or a scenario's
/// expectation is not met), else 4 when inconclusive, else 0; then the
/// policy's overrides. Explains overrides on `err`.
int GateExitCode(const Report& report, const GatePolicy& policy, std::ostream& err);

/// Writes the report to every FORMAT=FILE of `outputs`, then to stdout in
/// `format`, each writer made with `options` (colour only on stdout). Returns
/// false (with a message on `err`) when a file cannot be written; stdout is
/// then left empty, so that a failed run prints no report. (stdout's own
/// errors are judged once, in main.cpp.)
bool WriteOutputs(const Report& report, const std::string& format, const WriterOptions& options,
                  const std::vector<std::string>& outputs, std::ostream& out, std::ostream& err);

/// Writes only the FORMAT=FILE outputs, each atomically (base/atomic_file.h), without colour.
bool WriteOutputFiles(const Report& report, const std::vector<std::string>& outputs, std::ostream& err,
                      const WriterOptions& options = {});

/// The FILE of each FORMAT=FILE spec.
std::vector<std::string> OutputPaths(const std::vector<std::string>& specs);

/// An output file and the option that names it ("--output", "--trace-out", "-o").
struct NamedPath {
  std::string option;
  std::string path;
};

/// False, with a message on `err` (the caller exits 2, a usage error, before
/// writing anything), when an output names the same file as an input of the
/// run (base/atomic_file.h SameFile: another spelling, a link) or as another
/// output.
bool OutputsSpareInputs(const std::vector<NamedPath>& outputs, const std::vector<std::string>& inputs,
                        std::ostream& err);

/// Checks a FORMAT=FILE spec before any work is done.
bool ValidOutputSpec(const std::string& spec, std::string* error);

/// Checks every spec; says what is wrong with the first bad one on `err`.
bool ValidOutputSpecs(const std::vector<std::string>& specs, std::ostream& err);

}  // namespace kst
