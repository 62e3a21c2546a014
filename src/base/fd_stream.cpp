#include "base/fd_stream.h"

#include <unistd.h>  // write(2); MinGW has it too

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kst {

FdOutputBuffer::FdOutputBuffer(int fd, size_t buffer_size) : fd_(fd), buffer_(buffer_size > 0 ? buffer_size : 1) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdOutputBuffer::~FdOutputBuffer() {
  Drain();
}

bool FdOutputBuffer::WriteAll(const char* data, size_t size) {
  while (size > 0 && error_ == 0) {
    // At most 1 GiB a call: MinGW's write() takes an unsigned int count.
    const auto written = write(fd_, data, static_cast<unsigned>(std::min<size_t>(size, size_t{1} << 30)));
    if (written < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
    } else if (written == 0) {
      error_ = EIO;  // write(2) of a positive count never returns 0 on success
    } else {
      data += written;
      size -= static_cast<size_t>(written);
    }
  }
  return error_ == 0;
}

bool FdOutputBuffer::Drain() {
  const size_t pending = static_cast<size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());  // after a failure the rest is dropped
  return error_ == 0 && WriteAll(buffer_.data(), pending);
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type c) {
  if (!Drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize FdOutputBuffer::xsputn(const char* s, std::streamsize n) {
  if (error_ != 0) return 0;
  const auto room = epptr() - pptr();
  if (n <= room) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  if (!Drain() || !WriteAll(s, static_cast<size_t>(n))) return 0;
  return n;
}

int FdOutputBuffer::sync() {
  return Drain() ? 0 : -1;
}

// ReserveStandardDescriptors: base/platform_posix.cpp, base/platform_windows.cpp.

}  // namespace kst
