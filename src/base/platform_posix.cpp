// Linux (POSIX) side of base/platform.h; platform_windows.cpp is the other.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "base/fd_stream.h"
#include "base/interrupt.h"
#include "base/memory_budget.h"
#include "base/platform.h"

extern char** environ;

namespace kst {
namespace {

extern "C" void OnInterrupt(int signal_number) {
  SetInterruptRequested(true);  // a lock-free atomic store: safe in a signal handler
  // A second signal ends the process at once, as if kst had no handler.
  std::signal(signal_number, SIG_DFL);
}

}  // namespace

std::vector<std::string> PrepareProcess(int argc, char** argv) {
  // A write to a closed pipe fails with EPIPE instead of killing kst with
  // SIGPIPE (exit 141 under `set -o pipefail`), so that kst decides its exit code.
  std::signal(SIGPIPE, SIG_IGN);
  ReserveStandardDescriptors();
  return std::vector<std::string>(argv, argv + argc);
}

void ReserveStandardDescriptors() {
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // The lowest free number is `fd`: the ones below it are open by now.
    const int opened = open("/dev/null", fd == STDERR_FILENO ? O_WRONLY : O_RDONLY);
    if (opened > fd) close(opened);  // cannot happen; never leave a stray descriptor
  }
}

bool IsTerminal(int fd) {
  return isatty(fd) != 0;
}

bool TerminalTakesColour(int fd) {
  return isatty(fd) != 0;
}

void InstallInterruptHandler() {
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
}

uint64_t ResidentBytes() {
  // statm: "size resident shared text lib data dt", in pages. A raw read, no
  // stream: the explorer polls it.
  const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  std::array<char, 128> text{};
  const ssize_t got = ::read(fd, text.data(), text.size() - 1);
  ::close(fd);
  if (got <= 0) return 0;
  char* end = nullptr;
  std::strtoull(text.data(), &end, 10);  // size: skipped
  const uint64_t resident_pages = std::strtoull(end, nullptr, 10);
  const long page = ::sysconf(_SC_PAGESIZE);
  return page > 0 ? resident_pages * static_cast<uint64_t>(page) : 0;
}

bool CreateTemporaryFile(std::string_view stem, std::string* path, std::string* error) {
  const char* dir = std::getenv("TMPDIR");
  std::string name = std::string(dir && *dir ? dir : "/tmp") + "/" + std::string(stem) + "-XXXXXX";
  const int fd = mkstemp(name.data());
  if (fd < 0) {
    *error = std::string("cannot create a temporary file: ") + std::strerror(errno);
    return false;
  }
  close(fd);
  *path = name;
  return true;
}

int RunProgram(const std::string& program, const std::vector<std::string>& arguments, const std::string& input_path,
               const std::string& output_path, const std::string& errors_path, std::string* error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_path.c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors_path.c_str(), O_WRONLY | O_TRUNC, 0);
  std::vector<std::string> words = {program};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  // kst ignores SIGPIPE (PrepareProcess); the program gets the default back, as one started from a shell would.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    *error = std::strerror(spawned);
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace kst
