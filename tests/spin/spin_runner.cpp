#include "spin_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "export/promela_layout.h"

namespace kst::spin {
namespace {

constexpr double kInterruptGraceSeconds = 10;  // after SIGINT, before SIGKILL

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

[[noreturn]] void ExecChild(const std::vector<std::string>& argv, const std::string& dir, const std::string& out,
                            uint64_t memory_limit_mib) {
  setpgid(0, 0);
  if (chdir(dir.c_str()) != 0) _exit(127);
  int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) _exit(127);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  close(fd);
  // Allocate before capping the address space: the child is still a copy of
  // the parent, and under AddressSanitizer a malloc past the cap can fail.
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  if (memory_limit_mib > 0) {
    rlimit limit{memory_limit_mib << 20, memory_limit_mib << 20};
    setrlimit(RLIMIT_AS, &limit);
  }
  execvp(args[0], args.data());
  _exit(127);
}

/// The property label a pan message names, and the cell when it is a constant.
void Label(PanError* error) {
  for (const PromelaProperty& property : PromelaProperties()) {
    const std::string label = property.label;
    size_t at = error->message.find(label);
    if (at == std::string::npos) continue;
    const size_t end = at + label.size();
    if (end < error->message.size() &&
        (std::isalnum(static_cast<unsigned char>(error->message[end])) || error->message[end] == '_'))
      continue;  // a longer label that starts with this one
    error->label = label;
    std::smatch cell;
    const std::string rest = error->message.substr(end);
    if (std::regex_search(rest, cell, std::regex(R"(^\[(\d+)\])"))) error->cell = std::stoi(cell[1]);
    return;
  }
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& dir, double timeout_seconds,
                         uint64_t memory_limit_mib) {
  static int counter = 0;
  const std::string out = dir + "/.run-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".out";
  ProcessResult result;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    result.failure = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0) ExecChild(argv, dir, out, memory_limit_mib);
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (done < 0 && errno == EINTR) continue;
    if (done < 0) {
      result.failure = std::string("wait4: ") + std::strerror(errno);
      return result;
    }
    if (elapsed > timeout_seconds && !result.timed_out) {
      result.timed_out = true;  // SIGINT first: pan then prints what it searched so far
      kill(-pid, SIGINT);
    }
    if (elapsed > timeout_seconds + kInterruptGraceSeconds) kill(-pid, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(elapsed < 1 ? 2 : 20));
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.cpu_seconds =
      usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  result.peak_rss_kib = static_cast<uint64_t>(usage.ru_maxrss);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  result.output = ReadFile(out);
  unlink(out.c_str());
  return result;
}

std::string ProcessResult::Summary() const {
  if (!failure.empty()) return failure;
  std::string summary =
      term_signal ? "killed by signal " + std::to_string(term_signal) : "exit code " + std::to_string(exit_code);
  if (timed_out) summary += ", timed out";
  summary += ", " + std::to_string(output.size()) + " bytes of output";
  if (!output.empty()) summary += ", starting: " + output.substr(0, std::min<size_t>(output.size(), 300));
  return summary;
}

PanReport ParsePanOutput(const std::string& output) {
  PanReport report;
  std::istringstream lines(output);
  std::string line, message;
  const std::regex error_line(R"(^pan:(\d+): (.*) \(at depth \d+\)$)");
  int seen_errors = 0;
  bool full_search = false;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (std::regex_match(line, match, error_line)) {
      const int number = std::stoi(match[1]);
      // Errors between two printed messages repeat the earlier message.
      for (int n = seen_errors + 1; n <= number; ++n) {
        if (n == number) message = match[2];
        PanError error{n, message, "", -1};
        Label(&error);
        report.errors.push_back(error);
      }
      seen_errors = number;
      if (message.find("non-progress cycle") != std::string::npos) report.non_progress_cycle = true;
      if (message.find("invalid end state") != std::string::npos) report.invalid_end_state = true;
    } else if (std::regex_search(line, match, std::regex(R"(errors: (\d+))"))) {
      // Errors after the last printed message repeat it.
      const int total = std::stoi(match[1]);
      for (int n = seen_errors + 1; n <= total; ++n) {
        PanError error{n, message, "", -1};
        Label(&error);
        report.errors.push_back(error);
      }
      seen_errors = total;
      if (std::regex_search(line, match, std::regex(R"(depth reached (\d+))"))) report.depth = std::stoi(match[1]);
    } else if (std::regex_search(line, match, std::regex(R"(^\s*([0-9.e+]+) states, stored)"))) {
      report.states = static_cast<uint64_t>(std::stod(match[1]));
    } else if (std::regex_search(line, match, std::regex(R"(^\s*([0-9.e+]+) transitions \(= stored\+matched\))"))) {
      report.transitions = static_cast<uint64_t>(std::stod(match[1]));
    } else if (std::regex_search(line, match, std::regex(R"(^\s*([0-9.]+)\s+total actual memory usage)"))) {
      report.memory_mib = std::stod(match[1]);
    } else if (std::regex_search(line, match, std::regex(R"(pan: elapsed time ([0-9.e+]+) seconds)"))) {
      report.elapsed_seconds = std::stod(match[1]);
    } else if (line.find("Full statespace search") != std::string::npos) {
      full_search = true;
    } else if (line == "Interrupted" || line.find("max search depth too small") != std::string::npos ||
               line.find("Search not completed") != std::string::npos ||
               line.find("reached -DMEMLIM bound") != std::string::npos ||
               line.find("out of memory") != std::string::npos) {
      report.incomplete_reasons.push_back(line);
    }
  }
  if (!full_search) report.incomplete_reasons.push_back("pan did not report a full state-space search");
  report.complete = report.incomplete_reasons.empty();
  return report;
}

bool SpinModel::Generate(std::string* error, double timeout_seconds) {
  ProcessResult result = RunProcess({"spin", "-a", file_}, dir_, timeout_seconds);
  if (result.exit_code == 0 && result.output.find("Error") == std::string::npos) return true;
  *error = "spin -a " + file_ + (result.timed_out ? " timed out" : " failed") + ":\n" + result.output;
  return false;
}

bool SpinModel::Compile(const std::vector<std::string>& flags, const std::string& binary, std::string* error,
                        double timeout_seconds) {
  std::vector<std::string> argv = {"gcc", "-O2", "-w"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.insert(argv.end(), {"-o", binary, "pan.c"});
  ProcessResult result = RunProcess(argv, dir_, timeout_seconds);
  if (result.exit_code == 0) return true;
  *error = "gcc on pan.c" + std::string(result.timed_out ? " timed out" : " failed") + ":\n" + result.output;
  return false;
}

ProcessResult SpinModel::Run(const std::string& binary, const std::vector<std::string>& args, double timeout_seconds,
                             uint64_t memory_limit_mib) const {
  std::vector<std::string> argv = {"./" + binary};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, dir_, timeout_seconds, memory_limit_mib);
}

std::string SpinModel::Replay(int number) const {
  return RunProcess({"spin", "-DKST_LABEL_INIT=0", "-t" + std::to_string(number), file_}, dir_, 300).output;
}

std::string SpinModel::Simulate(const std::vector<std::string>& defines) const {
  std::vector<std::string> argv = {"spin", "-DKST_LABEL_INIT=0"};
  argv.insert(argv.end(), defines.begin(), defines.end());
  argv.push_back(file_);
  return RunProcess(argv, dir_, 300).output;
}

}  // namespace kst::spin
