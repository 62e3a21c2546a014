#pragma once
// A progress line on stderr for long explorations, only when stderr is a
// terminal and only after the first second, so scripts and CI logs stay clean.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <unistd.h>

namespace kst {

class ProgressLine {
 public:
  explicit ProgressLine(size_t total) : total_(total), enabled_(isatty(STDERR_FILENO) != 0) {}

  void Tick(size_t done, uint64_t states) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rkst: explored %zu of %zu cell classes, %llu states", done, total_,
                 static_cast<unsigned long long>(states));
  }

  void Done() {
    if (shown_) std::fprintf(stderr, "\n");
  }

 private:
  size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

}  // namespace kst
