#pragma once
// Every exit code kst uses, in one place (README.md, "Exit codes").

namespace kst {

enum ExitStatus : int {
  kExitPass = 0,          // no error-level finding; the expectation (if any) met
  kExitFindings = 1,      // error-level findings, or a scenario's expectation not met, or a replay diverged
  kExitUsage = 2,         // bad command line
  kExitInputError = 3,    // an input file could not be read or is invalid
  kExitOutputError = 3,   // stdout or an output file could not be written (said on stderr); never 0
  kExitInconclusive = 4,  // a bound was hit or input was not understood: no pass can be given
  kExitInterrupted = 130,
};

}  // namespace kst
