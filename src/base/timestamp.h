#pragma once
// Points in time as input files write them (ISO 8601, UTC or with an offset)
// and as kst compares them: whole seconds since 1970-01-01T00:00:00Z. Used
// for certificate validity, clock measurements and the check time (--at).

#include <cstdint>
#include <string>
#include <string_view>

namespace kst {

/// Seconds since the Unix epoch, UTC; negative before 1970.
using UnixSeconds = int64_t;

/// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM[:SS[.fraction]]"
/// followed by "Z" or an offset "+HH:MM" / "-HH:MM" ("T" may be a space;
/// the fraction is dropped). A date-time without a zone is refused: the same
/// text would mean another instant on another machine. Returns false with the
/// reason in `*why`.
bool ParseTimestamp(std::string_view text, UnixSeconds* out, std::string* why);

/// Reads exactly "YYYY-MM-DD": a real day of the proleptic Gregorian calendar
/// (leap years counted) in the years 0001 to 9999, as days since 1970-01-01
/// (DaysFromCivil). Dates compare as these numbers, never as text. Returns
/// false with the reason in `*why` ("no such day", ...).
bool ParseCivilDate(std::string_view text, int64_t* days, std::string* why);

/// "2014-10-23T21:31:00Z".
std::string FormatTimestamp(UnixSeconds seconds);

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil); shared by every reader of dates.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

/// The current time from the system clock. Only the command line calls it;
/// analyses take the check time as a value, so tests pin it with --at.
UnixSeconds NowUtc();

/// "5 h 0 min", "45 s", "2 d 3 h": a duration for messages (sign dropped).
std::string FormatDuration(int64_t seconds);

}  // namespace kst
