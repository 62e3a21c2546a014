#pragma once
// The command layer's progress line on stderr for long explorations (the
// analysis reports progress through AnalysisOptions::progress and never prints), only when stderr is a
// terminal and only after the first second, so scripts and CI logs stay clean.

#include <chrono>
#include <cstdint>
#include <cstdio>

#include "base/platform.h"

namespace kst {

class ProgressLine {
 public:
  ProgressLine() : enabled_(IsTerminal(2)) {}

  void Tick(size_t done, size_t total, uint64_t states) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rkst: explored %zu of %zu cell classes, %llu states", done, total,
                 static_cast<unsigned long long>(states));
  }

  void Done() {
    if (shown_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

}  // namespace kst
