// Cypher's temporal values: date, localtime, time, localdatetime, datetime
// and duration, with the openCypher TCK's semantics (which follow
// java.time): ISO 8601 text in and out, construction from maps (calendar,
// week, ordinal and quarter dates; selection of the date or time of another
// value), accessors, ordering, arithmetic with durations, truncation and
// duration.between. Named zones come from common/time_zone.h. Internal to
// query-lang/.
#pragma once

#include <string>
#include <vector>

#include "query-lang/functions.h"
#include "query-lang/query_engine.h"

namespace kg::query_lang::temporal {

// ISO 8601 text of a temporal value or duration ("1984-10-11",
// "12:31:14.645876123+01:00", "P1Y2M3DT4H5M6.5S").
std::string Format(const Value& v);

// Parses `text` as a value of `kind` (kDate ... kDuration); throws
// ArgumentError (InvalidArgumentValue) when it is not one.
Value Parse(Value::Kind kind, const std::string& text);

// v.key for a temporal value or duration (d.year, t.hour, dur.days...);
// throws ArgumentError for a key the type does not have.
Value Property(const Value& v, const std::string& key);

// Orders two values of the same temporal kind: -1, 0 or 1; 2 when they are
// not comparable (durations, different kinds).
int Compare(const Value& a, const Value& b);

// Cypher `=` between two temporal values or durations of the same kind.
bool Equal(const Value& a, const Value& b);

// a + b / a - b where at least one side is temporal or a duration; null when
// the pair has no meaning (the caller raises the type error).
bool Arithmetic(const std::string& op, const Value& a, const Value& b, Value* out);

// The temporal functions: date(), datetime.fromepoch(), duration.between(),
// date.truncate(), ... (names lower-case, as FindFunction expects).
const std::vector<FunctionInfo>& Functions();

// Encodes a temporal value or duration as a string property and back: the
// graph stores strings, so a temporal property is a string beginning with
// kPropertyTag. Decode returns false for any other string.
extern const char kPropertyTag[];
std::string EncodeProperty(const Value& v);
bool DecodeProperty(const std::string& s, Value* out);

}  // namespace kg::query_lang::temporal
