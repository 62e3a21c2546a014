#include "base/atomic_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>

namespace kst {
namespace {

bool Fail(const std::string& path, const std::string& why, std::string* error) {
  *error = "cannot write " + path + ": " + why;
  return false;
}

/// Writes every byte of `contents` to `fd`; false with errno set.
bool WriteAll(int fd, std::string_view contents) {
  const char* data = contents.data();
  size_t size = contents.size();
  while (size > 0) {
    const ssize_t written = write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      if (written == 0) errno = EIO;
      return false;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

/// A device, FIFO or socket: written where it is, as a shell redirection would.
/// O_TRUNC is ignored by devices and FIFOs; for /dev/stdout on a regular file it
/// truncates, as `>` would.
bool WriteInPlace(const std::string& path, std::string_view contents, std::string* error) {
  const int fd = open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Fail(path, std::strerror(errno), error);
  const bool written = WriteAll(fd, contents);
  const int write_error = errno;
  if (close(fd) != 0 && written) return Fail(path, std::strerror(errno), error);
  return written || Fail(path, std::strerror(write_error), error);
}

mode_t NewFileMode() {
  const mode_t mask = umask(0);  // the only way to read it; kst is single-threaded here
  umask(mask);
  return 0666 & ~mask;
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error) {
  if (path.empty()) return Fail(path, "no file name", error);
  std::string target = path;
  mode_t mode = NewFileMode();
  // /dev/stdout, /dev/fd/3, /proc/self/fd/1 name an open descriptor, whatever it is: never renamed over.
  if (path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0) return WriteInPlace(path, contents, error);
  struct stat info {};
  if (stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) return Fail(path, "it is a directory", error);
    if (!S_ISREG(info.st_mode)) return WriteInPlace(path, contents, error);
    mode = info.st_mode & 07777;
    char resolved[PATH_MAX];
    if (realpath(path.c_str(), resolved) == nullptr) return Fail(path, std::strerror(errno), error);
    target = resolved;  // through symbolic links: replace the file, keep the link
  }
  const std::filesystem::path target_path(target);
  const std::filesystem::path folder = target_path.has_parent_path() ? target_path.parent_path() : ".";
  std::string temporary = (folder / ("." + target_path.filename().string() + ".kst-XXXXXX")).string();
  const int fd = mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0)
    return Fail(path, std::string("cannot create a temporary file beside it: ") + std::strerror(errno), error);
  bool ok = fchmod(fd, mode) == 0 && WriteAll(fd, contents) && fsync(fd) == 0;
  int saved = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && rename(temporary.c_str(), target.c_str()) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    unlink(temporary.c_str());
    return Fail(path, std::strerror(saved), error);
  }
  return true;
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat first {
  }, second{};
  if (stat(a.c_str(), &first) == 0 && stat(b.c_str(), &second) == 0)
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
  std::error_code ignored;
  const std::filesystem::path canonical_a =
      std::filesystem::weakly_canonical(std::filesystem::absolute(a, ignored), ignored);
  const std::filesystem::path canonical_b =
      std::filesystem::weakly_canonical(std::filesystem::absolute(b, ignored), ignored);
  return canonical_a == canonical_b;
}

}  // namespace kst
