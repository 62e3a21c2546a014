#pragma once
// Ctrl-C during a long exploration: the first SIGINT (or SIGTERM) asks the
// explorer to stop at the next check, so kst can print the statistics of what
// it explored and exit 130; a second one kills the process the usual way.

namespace kst {

/// Installs the handlers (kst check, test, diff and explore call it).
void InstallInterruptHandler();
/// True once an interrupt arrived. Cheap: the explorer polls it.
bool InterruptRequested();
/// For tests: raise or clear the flag as a signal would.
void SetInterruptRequested(bool requested);

}  // namespace kst
