#include "base/interrupt.h"

#include <atomic>

namespace kst {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

}  // namespace

// InstallInterruptHandler: base/platform_posix.cpp (SIGINT, SIGTERM), base/platform_windows.cpp (the console's
// Ctrl-C and Ctrl-Break).

bool InterruptRequested() {
  return interrupted.load(std::memory_order_relaxed);
}

void SetInterruptRequested(bool requested) {
  interrupted.store(requested);
}

bool StopForInterrupt(const Location& at, Diagnostics* diagnostics) {
  if (!InterruptRequested()) return false;
  for (const Diagnostic& d : diagnostics->all())
    if (d.id == kInterruptedId) return true;
  diagnostics->Error(kInterruptedId, at, "", "interrupted (Ctrl-C) while loading: nothing was checked");
  return true;
}

}  // namespace kst
