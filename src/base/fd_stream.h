#pragma once
// Standard output that says when it failed, and why. std::cout (stdio) folds
// every failure into one bit and loses errno, so a full disk, a closed stdout
// and a reader that stopped reading look alike; kst must tell them apart: the
// first two lose the report (exit 3), the last is the reader's choice (the
// verdict's exit code stands, docs/ci.md).

#include <streambuf>
#include <vector>

namespace kst {

/// An output stream buffer over a file descriptor. Every write(2) is checked;
/// the errno of the first failure is kept and everything after it is dropped
/// (the stream then reports badbit).
class FdOutputBuffer : public std::streambuf {
 public:
  explicit FdOutputBuffer(int fd, size_t buffer_size = 64 * 1024);
  ~FdOutputBuffer() override;  // flushes; a failure then is lost, so callers flush first
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  /// The errno of the first failed write (EPIPE, ENOSPC, EBADF, EIO...), 0 while none failed.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool WriteAll(const char* data, size_t size);
  bool Drain();

  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

/// Makes sure file descriptors 0, 1 and 2 are open. One closed by the caller
/// (`kst check x >&-`) is opened on /dev/null, so that no file kst opens later
/// (an --output file, a temporary file) takes its number and receives what
/// was meant for stdout or stderr; stdout is opened read-only, so that writes
/// to it still fail (EBADF) and a closed stdout is an output error.
void ReserveStandardDescriptors();

}  // namespace kst
