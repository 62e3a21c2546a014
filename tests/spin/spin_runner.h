#pragma once
// Running SPIN on an exported model and reading what it says: child
// processes with a wall-clock and memory cap (and their peak RSS), `spin -a`,
// gcc on pan.c, pan's report, trail replays and guided simulations. Shared by
// the cross-check (spin_crosscheck.cpp) and the benchmark (bench/spin_bench).

#include <cstdint>
#include <string>
#include <vector>

namespace kst::spin {

/// A finished child process.
struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal or not started
  bool timed_out = false;
  double wall_seconds = 0;
  double cpu_seconds = 0;     // user + system time of the child
  uint64_t peak_rss_kib = 0;  // the child's ru_maxrss
  std::string output;         // stdout, then stderr
  int term_signal = 0;        // the signal that ended the child, if one did
  std::string failure;        // why the child could not be run or waited for (fork, wait4)

  /// One line for messages: how the run ended.
  std::string Summary() const;
};

/// Runs `argv` in `dir`; after `timeout_seconds` interrupts its process group
/// (SIGINT: pan then prints its statistics so far), kills it 10 s later, and
/// caps its address space at `memory_limit_mib` (0: no cap).
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& dir, double timeout_seconds,
                         uint64_t memory_limit_mib = 0);

/// One error pan reported, labelled with the message in force (pan prints a
/// message only when it differs from the previous error's).
struct PanError {
  int number = 0;       // pan's error number: trail file model.pml<number>.trail with -e
  std::string message;  // e.g. "assertion violated  !(kst_order_dependent[7])"
  std::string label;    // the property label in the message ("kst_order_dependent"), or ""
  int cell = -1;        // the cell when the message names it by a constant, else -1
};

/// pan's report.
struct PanReport {
  bool complete = false;  // a full search that hit no depth or memory bound
  std::vector<std::string> incomplete_reasons;
  std::vector<PanError> errors;
  bool non_progress_cycle = false;
  bool invalid_end_state = false;
  uint64_t states = 0;       // states stored
  uint64_t transitions = 0;  // stored + matched
  int depth = 0;
  double memory_mib = 0;  // "total actual memory usage"
  double elapsed_seconds = 0;
};
PanReport ParsePanOutput(const std::string& output);

/// A Promela model file in a work directory and the pan binaries built from it.
class SpinModel {
 public:
  SpinModel(std::string dir, std::string file) : dir_(std::move(dir)), file_(std::move(file)) {}

  /// `spin -a`: writes pan.c. False with `*error` (SPIN's own message).
  bool Generate(std::string* error, double timeout_seconds = 120);
  /// gcc -O2 `flags` pan.c -o `binary`.
  bool Compile(const std::vector<std::string>& flags, const std::string& binary, std::string* error,
               double timeout_seconds = 600);
  /// Runs ./`binary` `args`.
  ProcessResult Run(const std::string& binary, const std::vector<std::string>& args, double timeout_seconds,
                    uint64_t memory_limit_mib = 0) const;
  /// Replays trail `number` (pan -e) with every violation printed and none
  /// stopping it (-DKST_LABEL_INIT=0); returns SPIN's output.
  std::string Replay(int number) const;
  /// A SPIN simulation of the model (no pan) with extra -D definitions; for a
  /// guided model that selects one order, it follows that order.
  std::string Simulate(const std::vector<std::string>& defines) const;

  const std::string& dir() const { return dir_; }
  const std::string& file() const { return file_; }

 private:
  std::string dir_;
  std::string file_;
};

}  // namespace kst::spin
