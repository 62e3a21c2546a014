#include "base/interrupt.h"

#include <atomic>
#include <csignal>

namespace kst {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void OnInterrupt(int signal_number) {
  interrupted.store(true);
  // A second signal ends the process at once, as if kst had no handler.
  std::signal(signal_number, SIG_DFL);
}

}  // namespace

void InstallInterruptHandler() {
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
}

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
