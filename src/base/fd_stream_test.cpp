// FdOutputBuffer: what arrives, and the first error kept with its errno (a
// reader gone, a full disk, a closed descriptor), after which output is dropped.

#include "base/fd_stream.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <ostream>
#include <string>

namespace kst {
namespace {

/// Everything left in the read end of a pipe.
std::string ReadAll(int fd) {
  std::string text;
  char chunk[4096];
  for (ssize_t n; (n = read(fd, chunk, sizeof chunk)) > 0;) text.append(chunk, static_cast<size_t>(n));
  return text;
}

TEST_CASE("FdOutputBuffer") {
  SUBCASE("Given a pipe, we should deliver every byte, small and large writes in order") {
    int ends[2];
    REQUIRE(pipe(ends) == 0);
    {
      FdOutputBuffer buffer(ends[1], 8);
      std::ostream out(&buffer);
      out << "ab" << std::string(20, 'x') << 'c' << "def";
      out.flush();
      CHECK(out.good());
      CHECK(buffer.error() == 0);
    }
    close(ends[1]);
    CHECK(ReadAll(ends[0]) == "ab" + std::string(20, 'x') + "cdef");
    close(ends[0]);
  }
  SUBCASE("Given a reader that is gone, we should keep EPIPE (with SIGPIPE ignored, as kst runs)") {
    void (*previous)(int) = std::signal(SIGPIPE, SIG_IGN);
    int ends[2];
    REQUIRE(pipe(ends) == 0);
    close(ends[0]);
    FdOutputBuffer buffer(ends[1]);
    std::ostream out(&buffer);
    out << "report\n";
    out.flush();
    CHECK_FALSE(out.good());
    CHECK(buffer.error() == EPIPE);
    close(ends[1]);
    std::signal(SIGPIPE, previous);
  }
  SUBCASE("Given a full disk, we should keep ENOSPC and drop what follows") {
    const int fd = open("/dev/full", O_WRONLY);
    if (fd < 0) return;  // no /dev/full here
    FdOutputBuffer buffer(fd, 16);
    std::ostream out(&buffer);
    out << std::string(100, 'x');
    CHECK(buffer.error() == ENOSPC);
    out << "more";
    out.flush();
    CHECK_FALSE(out.good());
    CHECK(buffer.error() == ENOSPC);
    close(fd);
  }
  SUBCASE("Given a descriptor open for reading only (a closed stdout, reserved), we should keep EBADF") {
    const int fd = open("/dev/null", O_RDONLY);
    REQUIRE(fd >= 0);
    FdOutputBuffer buffer(fd);
    std::ostream out(&buffer);
    out << "x";
    out.flush();
    CHECK(buffer.error() == EBADF);
    close(fd);
  }
}

}  // namespace
}  // namespace kst
