#include "report/graphviz.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "report/text_escape.h"

extern char** environ;

namespace kst {
namespace {

/// A temporary file that is removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/kst-dot-XXXXXX";
    int fd = mkstemp(path_.data());
    ok_ = fd >= 0;
    if (ok_) close(fd);
  }
  ~TempFile() {
    if (ok_) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool ok_ = false;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string DotQuote(std::string_view text) {
  // The label's own line breaks stay line breaks (\n in dot); every other
  // control character, of a value or not, is escaped as in text output.
  std::string lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    std::erase(line, '\r');  // a CR of a CRLF line end, as before
    lines += (start == 0 ? "" : "\n") + EscapeText(line);
    start = end + 1;
  }
  std::string out = "\"";
  for (char c : lines) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

bool GraphvizRenderer::Render(std::string_view dot, const std::string& format, std::string* out, std::string* error) {
  TempFile input, output, messages;
  if (!input.ok() || !output.ok() || !messages.ok()) {
    *error = std::string("cannot create a temporary file: ") + std::strerror(errno);
    return false;
  }
  {
    std::ofstream file(input.path(), std::ios::binary);
    file << dot;
    if (!file) {
      *error = "cannot write " + input.path();
      return false;
    }
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input.path().c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.path().c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, messages.path().c_str(), O_WRONLY | O_TRUNC, 0);
  std::string type = "-T" + format;
  std::vector<char*> argv = {const_cast<char*>("dot"), type.data(), nullptr};
  // kst ignores SIGPIPE (cli/main.cpp); `dot` gets the default back, as a program started from a shell would.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "dot", &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    *error = std::string("cannot run Graphviz `dot` (install the graphviz package): ") + std::strerror(spawned);
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string text = ReadAll(messages.path());
    *error = "Graphviz `dot -" + type.substr(1) + "` failed" + (text.empty() ? std::string() : ": " + text);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) *error = "Graphviz `dot` is not installed";
    return false;
  }
  *out = ReadAll(output.path());
  return true;
}

}  // namespace kst
