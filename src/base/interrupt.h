#pragma once
// Ctrl-C during a long run: the first SIGINT (or SIGTERM) asks kst to stop at
// the next safe point (the explorer every 4,096 states; loaders between
// files, records, plan steps and every 4,096 JSON values; the plan compiler
// between its passes), so it can print what it did and exit 130; a second
// one kills the process the usual way.

#include "base/diagnostic.h"

namespace kst {

/// Installs the handlers. Every command that can run long calls it first
/// (all but kst model).
void InstallInterruptHandler();
/// True once an interrupt arrived. Cheap: the explorer polls it.
bool InterruptRequested();
/// For tests: raise or clear the flag as a signal would.
void SetInterruptRequested(bool requested);

/// The diagnostic id of a load an interrupt stopped (docs/errors.md).
inline constexpr char kInterruptedId[] = "interrupted";

/// For loading loops, at a safe point: false while no interrupt arrived;
/// after one, reports an "interrupted" error at `at` (once per Diagnostics)
/// and returns true, so the loader stops and fails.
bool StopForInterrupt(const Location& at, Diagnostics* diagnostics);

}  // namespace kst
