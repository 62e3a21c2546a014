#pragma once
// The memory budget (--max-memory): how a size is written on the command line,
// how it is said back, and how much memory the process holds now.
//
// kst compares the budget with the process's resident memory (what the kernel
// counts against the machine), not with what it allocated itself: the input
// documents, the claim snapshots and the explored states all count, and a
// budget that left any of them out would not bound what a CI runner sees.

#include <cstdint>
#include <string>
#include <string_view>

namespace kst {

/// The default --max-memory: 2 GiB, below what a common 4 GiB CI runner can give.
inline constexpr uint64_t kDefaultMaxMemoryBytes = uint64_t{2} << 30;

/// Reads a size as --max-memory takes it: decimal digits, then (optionally
/// after one space) a unit: B, KiB, MiB, GiB, TiB (powers of 1024) or kB, MB,
/// GB, TB (powers of 1000), in any letter case; digits alone are bytes. Zero,
/// a sign, a fraction, an unknown unit or a size past 2^64 - 1 bytes is
/// refused with the reason in `why`.
bool ParseMemorySize(std::string_view text, uint64_t* bytes, std::string* why);

/// The size in the largest unit that says it exactly: "2 GiB", "64 MiB",
/// "1500 MB", "1000 bytes" (what ParseMemorySize reads back to `bytes`).
std::string FormatMemorySize(uint64_t bytes);

/// "the memory budget (--max-memory 2 GiB)": how every message names it.
std::string MemoryBudgetName(uint64_t max_bytes);

/// The process's resident memory now, in bytes, from /proc/self/statm (one
/// read of a short file: cheap enough to poll every few thousand states);
/// 0 where it cannot be read, so that a budget never trips on guesswork.
uint64_t ResidentBytes();

}  // namespace kst
