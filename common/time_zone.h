// Time zones: UTC offsets of IANA zones ("Europe/Stockholm") at an instant or
// for a local wall-clock time, from ICU's zone data. The query engine's
// datetime values with a named zone ask here; nothing else in kg needs
// zone rules.
//
//   int32_t off = kg::tz::OffsetAtInstant("Europe/Stockholm", 1502188274);  // 7200
//
// Thread-safe; never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kg::tz {

// Whether ICU knows `zone` (an IANA id such as "America/New_York"; "UTC" too).
bool IsKnownZone(std::string_view zone);

// Seconds east of UTC in `zone` at the instant `utc_seconds` (seconds since
// 1970-01-01T00:00Z). 0 for an unknown zone.
int32_t OffsetAtInstant(std::string_view zone, int64_t utc_seconds);

// Seconds east of UTC in `zone` for the wall-clock time `local_seconds`
// (local date-time as seconds since 1970-01-01T00:00 on that clock). A time
// that occurs twice (clocks set back) takes the earlier offset; a time that
// never occurs (clocks set forward) takes the offset before the gap, so the
// caller's instant lands just after it, as java.time does. 0 for an unknown
// zone.
int32_t OffsetForLocal(std::string_view zone, int64_t local_seconds);

}  // namespace kg::tz
