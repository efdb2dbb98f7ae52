// temporal.cc: Cypher temporal values (see temporal.h). The calendar is the
// proleptic Gregorian one of java.time, on which the TCK's expectations are
// computed; weeks are ISO weeks (Monday first, week 1 holds January 4th).
#include "query-lang/temporal.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "common/time_zone.h"
#include "query-lang/errors.h"
#include "query-lang/exec_context.h"

namespace kg::query_lang::temporal {
namespace {

using K = Value::Kind;
using Args = std::vector<Value>;

constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;
// java.time's average month (365.2425 / 12 days), used for fractional months.
constexpr int64_t kSecondsPerMonth = 2629746;

[[noreturn]] void Bad(const std::string& message) { ThrowArgument("InvalidArgumentValue", message); }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// ---- Calendar -------------------------------------------------------------

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int month, day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Civil c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  return c;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}
int DayOfWeek(int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)) + 1; }  // 1 = Monday
// The Monday of ISO week 1 of week-year `y`.
int64_t WeekYearStart(int64_t y) {
  int64_t jan4 = DaysFromCivil(y, 1, 4);
  return jan4 - (DayOfWeek(jan4) - 1);
}
int64_t WeekYearOf(int64_t days) {
  int64_t y = CivilFromDays(days).year;
  if (days < WeekYearStart(y)) return y - 1;
  if (days >= WeekYearStart(y + 1)) return y + 1;
  return y;
}
int WeekOf(int64_t days) { return static_cast<int>((days - WeekYearStart(WeekYearOf(days))) / 7 + 1); }
int WeeksInYear(int64_t y) { return static_cast<int>((WeekYearStart(y + 1) - WeekYearStart(y)) / 7); }

int64_t CheckedDate(int64_t y, int64_t m, int64_t d) {
  if (y < -999999999 || y > 999999999) Bad("year " + std::to_string(y) + " is out of range");
  if (m < 1 || m > 12) Bad("month " + std::to_string(m) + " is out of range");
  if (d < 1 || d > DaysInMonth(y, static_cast<int>(m))) Bad("day " + std::to_string(d) + " is out of range");
  return DaysFromCivil(y, m, d);
}

int64_t PlusMonths(int64_t days, int64_t months) {
  if (months == 0) return days;
  Civil c = CivilFromDays(days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t y = FloorDiv(total, 12);
  int m = static_cast<int>(FloorMod(total, 12)) + 1;
  return DaysFromCivil(y, m, std::min(c.day, DaysInMonth(y, m)));
}

// ---- Values ---------------------------------------------------------------

bool HasDate(K k) { return k == K::kDate || k == K::kLocalDateTime || k == K::kDateTime; }
bool HasTime(K k) { return k == K::kLocalTime || k == K::kTime || k == K::kLocalDateTime || k == K::kDateTime; }
bool HasZone(K k) { return k == K::kTime || k == K::kDateTime; }

Value Make(K kind, int64_t days, int64_t nanos, int32_t offset = 0, std::string zone = "") {
  TemporalValue t;
  t.days = HasDate(kind) ? days : 0;
  t.nanos = HasTime(kind) ? nanos : 0;
  t.offset_seconds = HasZone(kind) ? offset : 0;
  t.zone = kind == K::kDateTime ? std::move(zone) : "";
  return Value::Temporal(kind, std::move(t));
}

// A datetime from local fields in `zone` (a named zone resolves the offset
// for that local time; otherwise `offset` is used).
Value MakeZoned(int64_t days, int64_t nanos, int32_t offset, const std::string& zone) {
  if (!zone.empty()) {
    int64_t local_seconds = days * kSecondsPerDay + nanos / kNanosPerSecond;
    offset = tz::OffsetForLocal(zone, local_seconds);
    // In a gap the local time moves forward with the instant.
    int64_t instant = local_seconds - offset;
    int32_t real = tz::OffsetAtInstant(zone, instant);
    if (real != offset) {
      int64_t local = instant + real;
      int64_t sub = FloorMod(nanos, kNanosPerSecond);
      days = FloorDiv(local, kSecondsPerDay);
      nanos = FloorMod(local, kSecondsPerDay) * kNanosPerSecond + sub;
      offset = real;
    }
  }
  return Make(K::kDateTime, days, nanos, offset, zone);
}

// Epoch nanoseconds (as seconds + nanos) of a zoned value's instant.
struct Instant {
  int64_t seconds;
  int64_t nanos;  // [0, 1e9)
};
Instant InstantOf(const TemporalValue& t) {
  int64_t s = t.days * kSecondsPerDay + t.nanos / kNanosPerSecond - t.offset_seconds;
  return {s, t.nanos % kNanosPerSecond};
}
// A datetime at `instant` shown in `zone` / `offset`.
Value AtInstant(Instant i, int32_t offset, const std::string& zone) {
  if (!zone.empty()) offset = tz::OffsetAtInstant(zone, i.seconds);
  int64_t local = i.seconds + offset;
  return Make(K::kDateTime, FloorDiv(local, kSecondsPerDay),
              FloorMod(local, kSecondsPerDay) * kNanosPerSecond + i.nanos, offset, zone);
}

Value MakeDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  DurationValue d;
  seconds += FloorDiv(nanos, kNanosPerSecond);
  d.months = months;
  d.days = days;
  d.seconds = seconds;
  d.nanos = static_cast<int32_t>(FloorMod(nanos, kNanosPerSecond));
  return Value::Duration(d);
}

// Accumulates duration components, carrying fractions down as java.time /
// Neo4j do: a fractional month becomes days (30.436875 a month) and the rest
// seconds; a fractional day becomes seconds; a fractional second nanoseconds.
struct DurationBuilder {
  int64_t months = 0, days = 0, seconds = 0;
  long double nanos = 0;

  void Months(long double m) {
    long double whole = std::trunc(m);
    months += static_cast<int64_t>(whole);
    if (m != whole) Days((m - whole) * kSecondsPerMonth / kSecondsPerDay);
  }
  void Days(long double d) {
    long double whole = std::trunc(d);
    days += static_cast<int64_t>(whole);
    if (d != whole) Seconds((d - whole) * kSecondsPerDay);
  }
  void Seconds(long double s) {
    long double whole = std::trunc(s);
    seconds += static_cast<int64_t>(whole);
    if (s != whole) nanos += (s - whole) * kNanosPerSecond;
  }
  void Add(const Value& v, int64_t unit_months, int64_t unit_days, int64_t unit_seconds, int64_t unit_nanos) {
    if (v.kind() == K::kInt) {
      int64_t n = v.as_int();
      months += n * unit_months;
      days += n * unit_days;
      seconds += n * unit_seconds;
      nanos += static_cast<long double>(n) * unit_nanos;
      return;
    }
    long double x = v.as_number();
    if (unit_months) Months(x * unit_months);
    if (unit_days) Days(x * unit_days);
    if (unit_seconds) Seconds(x * unit_seconds);
    if (unit_nanos) nanos += x * unit_nanos;
  }
  Value Build() const {
    long double n = nanos;
    // Truncate towards zero, forgiving binary rounding just below an integer.
    int64_t whole = static_cast<int64_t>(std::trunc(n + (n < 0 ? -1e-3L : 1e-3L)));
    return MakeDuration(months, days, seconds, whole);
  }
};

// ---- Text out -------------------------------------------------------------

std::string Pad(int64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  return buf;
}

std::string DateText(int64_t days) {
  Civil c = CivilFromDays(days);
  std::string y;
  if (c.year > 9999) y = "+" + std::to_string(c.year);
  else if (c.year < 0) y = "-" + Pad(-c.year, 4);
  else y = Pad(c.year, 4);
  return y + "-" + Pad(c.month, 2) + "-" + Pad(c.day, 2);
}

std::string TimeText(int64_t nanos) {
  int64_t s = nanos / kNanosPerSecond, n = nanos % kNanosPerSecond;
  std::string out = Pad(s / 3600, 2) + ":" + Pad(s / 60 % 60, 2);
  if (s % 60 == 0 && n == 0) return out;
  out += ":" + Pad(s % 60, 2);
  if (n == 0) return out;
  if (n % 1000000 == 0) return out + "." + Pad(n / 1000000, 3);
  if (n % 1000 == 0) return out + "." + Pad(n / 1000, 6);
  return out + "." + Pad(n, 9);
}

std::string OffsetText(int32_t offset) {
  if (offset == 0) return "Z";
  int32_t a = std::abs(offset);
  std::string out = std::string(offset < 0 ? "-" : "+") + Pad(a / 3600, 2) + ":" + Pad(a / 60 % 60, 2);
  if (a % 60) out += ":" + Pad(a % 60, 2);
  return out;
}

std::string FractionText(int64_t n) {  // n in (0, 1e9), trailing zeros dropped
  std::string s = Pad(n, 9);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return "." + s;
}

std::string DurationText(const DurationValue& d) {
  if (d.months == 0 && d.days == 0 && d.seconds == 0 && d.nanos == 0) return "PT0S";
  std::string out = "P";
  auto part = [&](int64_t v, char unit) {
    if (v != 0) out += std::to_string(v) + unit;
  };
  part(d.months / 12, 'Y');
  part(d.months % 12, 'M');
  part(d.days, 'D');
  if (d.seconds != 0 || d.nanos != 0) {
    int64_t s = d.seconds, n = d.nanos;
    if (s < 0 && n != 0) {  // the nanoseconds take the sign of the seconds
      ++s;
      n -= kNanosPerSecond;
    }
    out += 'T';
    part(s / 3600, 'H');
    s %= 3600;
    part(s / 60, 'M');
    s %= 60;
    if (s != 0) {
      out += std::to_string(s);
      if (n != 0) out += FractionText(std::llabs(n));
      out += 'S';
    } else if (n != 0) {
      out += (n < 0 ? "-0" : "0") + FractionText(std::llabs(n)) + "S";
    }
  }
  return out;
}

// ---- Text in --------------------------------------------------------------

class TextReader {
 public:
  explicit TextReader(const std::string& s) : s_(s) {}
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  size_t DigitRun() const {
    size_t n = 0;
    while (i_ + n < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + n]))) ++n;
    return n;
  }
  int64_t Digits(size_t n) {
    if (DigitRun() < n) Fail();
    int64_t v = 0;
    for (size_t k = 0; k < n; ++k) v = v * 10 + (s_[i_++] - '0');
    return v;
  }
  std::string Rest() const { return s_.substr(std::min(i_, s_.size())); }
  void Skip(size_t n) { i_ += n; }
  [[noreturn]] void Fail() const { Bad("cannot parse '" + s_ + "' as a temporal value"); }

 private:
  const std::string& s_;
  size_t i_ = 0;
};

int64_t ReadDate(TextReader& r) {
  int sign = 1;
  bool signed_year = false;
  if (r.Peek() == '+' || r.Peek() == '-') {
    signed_year = true;
    sign = r.Peek() == '-' ? -1 : 1;
    r.Skip(1);
  }
  size_t run = r.DigitRun();
  // An unsigned year has four digits; a signed one up to nine.
  size_t year_digits = signed_year ? std::min<size_t>(run, 9) : 4;
  if (!signed_year && run != 4 && run != 6 && run != 7 && run != 8) r.Fail();
  int64_t year = sign * r.Digits(year_digits);
  if (r.AtEnd() || r.Peek() == 'T') return CheckedDate(year, 1, 1);
  bool dash = r.Eat('-');
  if (r.Eat('W')) {
    int64_t week = r.Digits(2);
    int64_t dow = 1;
    if (!r.AtEnd() && r.Peek() != 'T') {
      if (dash) { if (!r.Eat('-')) r.Fail(); }
      dow = r.Digits(1);
    }
    if (week < 1 || week > WeeksInYear(year) || dow < 1 || dow > 7) r.Fail();
    return WeekYearStart(year) + (week - 1) * 7 + (dow - 1);
  }
  run = r.DigitRun();
  if (run == 3 || (!dash && run == 3)) {
    int64_t ordinal = r.Digits(3);
    if (ordinal < 1 || ordinal > (IsLeap(year) ? 366 : 365)) r.Fail();
    return DaysFromCivil(year, 1, 1) + ordinal - 1;
  }
  int64_t month = r.Digits(2);
  int64_t day = 1;
  if (dash) {
    if (r.Eat('-')) day = r.Digits(2);
  } else if (r.DigitRun() >= 2) {
    day = r.Digits(2);
  }
  return CheckedDate(year, month, day);
}

// HH[:MM[:SS[.fff]]] or HH[MM[SS[.fff]]].
int64_t ReadTime(TextReader& r) {
  int64_t h = r.Digits(2), m = 0, s = 0, n = 0;
  bool colon = r.Peek() == ':';
  auto next = [&](int64_t* field) {
    if (colon) {
      if (!r.Eat(':')) return false;
    } else if (r.DigitRun() < 2) {
      return false;
    }
    *field = r.Digits(2);
    return true;
  };
  if (next(&m) && next(&s) && (r.Peek() == '.' || r.Peek() == ',')) {
    r.Skip(1);
    size_t run = r.DigitRun();
    if (run == 0 || run > 9) r.Fail();
    n = r.Digits(run);
    for (size_t k = run; k < 9; ++k) n *= 10;
  }
  if (h > 23 || m > 59 || s > 59) r.Fail();
  return ((h * 60 + m) * 60 + s) * kNanosPerSecond + n;
}

struct ZoneText {
  bool has_offset = false;
  int32_t offset = 0;
  std::string zone;
};

int32_t ParseOffset(const std::string& text, bool* ok) {
  TextReader r(text);
  *ok = false;
  if (text == "Z" || text == "z") {
    *ok = true;
    return 0;
  }
  if (r.Peek() != '+' && r.Peek() != '-') return 0;
  int sign = r.Peek() == '-' ? -1 : 1;
  r.Skip(1);
  if (r.DigitRun() < 2) return 0;
  int64_t h = r.Digits(2), m = 0, s = 0;
  bool colon = r.Eat(':');
  if (!r.AtEnd()) {
    if (r.DigitRun() < 2) return 0;
    m = r.Digits(2);
    if (!r.AtEnd()) {
      if (colon && !r.Eat(':')) return 0;
      if (r.DigitRun() < 2) return 0;
      s = r.Digits(2);
    }
  }
  if (!r.AtEnd() || h > 18 || m > 59 || s > 59) return 0;
  *ok = true;
  return static_cast<int32_t>(sign * (h * 3600 + m * 60 + s));
}

ZoneText ReadZone(TextReader& r) {
  ZoneText z;
  std::string rest = r.Rest();
  size_t bracket = rest.find('[');
  std::string off = rest.substr(0, bracket);
  if (!off.empty()) {
    bool ok = false;
    z.offset = ParseOffset(off, &ok);
    if (!ok) r.Fail();
    z.has_offset = true;
  }
  if (bracket != std::string::npos) {
    if (rest.back() != ']') r.Fail();
    z.zone = rest.substr(bracket + 1, rest.size() - bracket - 2);
    if (!tz::IsKnownZone(z.zone)) Bad("unknown time zone '" + z.zone + "'");
  }
  r.Skip(rest.size());
  return z;
}

// A zone given as a string in a map ({timezone: '+01:00'} or 'Europe/Paris').
ZoneText ZoneFromString(const std::string& s) {
  ZoneText z;
  bool ok = false;
  int32_t off = ParseOffset(s, &ok);
  if (ok) {
    z.has_offset = true;
    z.offset = off;
    return z;
  }
  if (s == "UTC" || s == "GMT") {
    z.has_offset = true;
    return z;
  }
  if (!tz::IsKnownZone(s)) Bad("unknown time zone '" + s + "'");
  z.zone = s;
  return z;
}

// The clock of the running statement: set from the ExecContext by each
// function entry point, so date(), date.statement() and date.transaction()
// agree within a query; date.realtime() reads the system clock.
thread_local int64_t t_statement_ns = 0;
thread_local bool t_realtime = false;

int64_t NowUtcSeconds(int64_t* nanos) {
  int64_t ns = t_statement_ns;
  if (t_realtime || ns == 0)
    ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
  *nanos = FloorMod(ns, kNanosPerSecond);
  return FloorDiv(ns, kNanosPerSecond);
}

Value ParseDuration(const std::string& text) {
  TextReader r(text);
  bool negate = r.Eat('-');
  if (!r.Eat('P') && !r.Eat('p')) r.Fail();
  DurationBuilder b;
  // The alternative form P2012-02-02T14:37:21.545.
  if (r.DigitRun() == 4 && text.find('-', 2) != std::string::npos &&
      text.find_first_of("YMWD", 1) == std::string::npos) {
    int64_t y = r.Digits(4);
    if (!r.Eat('-')) r.Fail();
    int64_t mo = r.Digits(2);
    if (!r.Eat('-')) r.Fail();
    int64_t d = r.Digits(2);
    b.months = y * 12 + mo;
    b.days = d;
    if (r.Eat('T')) {
      int64_t t = ReadTime(r);
      b.seconds = t / kNanosPerSecond;
      b.nanos = static_cast<long double>(t % kNanosPerSecond);
    }
    if (!r.AtEnd()) r.Fail();
  } else {
    bool time = false;
    bool any = false;
    while (!r.AtEnd()) {
      if (r.Eat('T')) {
        if (time) r.Fail();
        time = true;
        continue;
      }
      std::string rest = r.Rest();
      size_t k = 0;
      if (k < rest.size() && (rest[k] == '-' || rest[k] == '+')) ++k;
      while (k < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[k])) || rest[k] == '.' || rest[k] == ','))
        ++k;
      if (k == 0 || k >= rest.size()) r.Fail();
      std::string num = rest.substr(0, k);
      std::replace(num.begin(), num.end(), ',', '.');
      char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(rest[k])));
      r.Skip(k + 1);
      bool fraction = num.find('.') != std::string::npos;
      Value v;
      try {
        v = fraction ? Value::Float(std::stod(num)) : Value::Int(std::stoll(num));
      } catch (...) {
        r.Fail();
      }
      any = true;
      if (!time) {
        if (unit == 'Y') b.Add(v, 12, 0, 0, 0);
        else if (unit == 'M') b.Add(v, 1, 0, 0, 0);
        else if (unit == 'W') b.Add(v, 0, 7, 0, 0);
        else if (unit == 'D') b.Add(v, 0, 1, 0, 0);
        else r.Fail();
      } else {
        if (unit == 'H') b.Add(v, 0, 0, 3600, 0);
        else if (unit == 'M') b.Add(v, 0, 0, 60, 0);
        else if (unit == 'S') b.Add(v, 0, 0, 1, 0);
        else r.Fail();
      }
    }
    if (!any) r.Fail();
  }
  Value d = b.Build();
  if (!negate) return d;
  const DurationValue& x = d.as_duration();
  return MakeDuration(-x.months, -x.days, -x.seconds, -static_cast<int64_t>(x.nanos));
}

// ---- Maps -----------------------------------------------------------------

int64_t Field(const ValueMap& m, const char* key, bool* present) {
  auto it = m.find(key);
  *present = it != m.end() && !it->second.is_null();
  if (!*present) return 0;
  if (it->second.kind() == K::kInt) return it->second.as_int();
  if (it->second.kind() == K::kFloat) return static_cast<int64_t>(it->second.as_float());
  Bad(std::string(key) + " must be a number");
}

const Value* TemporalField(const ValueMap& m, const char* key) {
  auto it = m.find(key);
  if (it == m.end() || it->second.is_null()) return nullptr;
  if (!it->second.is_temporal()) Bad(std::string(key) + " must be a temporal value");
  return &it->second;
}

// The date of a map: a calendar, week, ordinal or quarter date, over the date
// of `base` (a 'date'/'datetime' entry) when there is one.
int64_t DateFromMap(const ValueMap& m, const TemporalValue* base) {
  bool has_year, has_month, has_day, has_week, has_dow, has_ord, has_q, has_doq;
  int64_t year = Field(m, "year", &has_year);
  int64_t month = Field(m, "month", &has_month);
  int64_t day = Field(m, "day", &has_day);
  int64_t week = Field(m, "week", &has_week);
  int64_t dow = Field(m, "dayOfWeek", &has_dow);
  int64_t ord = Field(m, "ordinalDay", &has_ord);
  int64_t quarter = Field(m, "quarter", &has_q);
  int64_t doq = Field(m, "dayOfQuarter", &has_doq);
  if (!has_year && !base) Bad("a date needs a year");
  if (has_week || (has_dow && !has_month && !has_day)) {
    int64_t wy = has_year ? year : WeekYearOf(base->days);
    int64_t w = has_week ? week : (base ? WeekOf(base->days) : 1);
    int64_t d = has_dow ? dow : (base ? DayOfWeek(base->days) : 1);
    if (w < 1 || w > WeeksInYear(wy) || d < 1 || d > 7) Bad("week date out of range");
    return WeekYearStart(wy) + (w - 1) * 7 + (d - 1);
  }
  Civil bc = base ? CivilFromDays(base->days) : Civil{0, 1, 1};
  if (!has_year) year = bc.year;
  if (has_ord) {
    if (ord < 1 || ord > (IsLeap(year) ? 366 : 365)) Bad("ordinal day out of range");
    return DaysFromCivil(year, 1, 1) + ord - 1;
  }
  if (has_q || has_doq) {
    int64_t q = has_q ? quarter : (bc.month - 1) / 3 + 1;
    if (q < 1 || q > 4) Bad("quarter out of range");
    int64_t start = DaysFromCivil(year, (q - 1) * 3 + 1, 1);
    int64_t d = has_doq ? doq : 1;
    if (!has_doq && base) {
      Civil b = CivilFromDays(base->days);
      d = base->days - DaysFromCivil(b.year, (b.month - 1) / 3 * 3 + 1, 1) + 1;
    }
    int64_t len = DaysFromCivil(q == 4 ? year + 1 : year, q == 4 ? 1 : q * 3 + 1, 1) - start;
    if (d < 1 || d > len) Bad("day of quarter out of range");
    return start + d - 1;
  }
  if (!has_month) month = base ? bc.month : 1;
  if (!has_day) day = base ? bc.day : 1;
  return CheckedDate(year, month, day);
}

int64_t TimeFromMap(const ValueMap& m, int64_t base_nanos) {
  bool hh, hm, hs, hms, hus, hns;
  int64_t base_s = base_nanos / kNanosPerSecond, base_n = base_nanos % kNanosPerSecond;
  int64_t h = Field(m, "hour", &hh);
  int64_t mi = Field(m, "minute", &hm);
  int64_t s = Field(m, "second", &hs);
  int64_t ms = Field(m, "millisecond", &hms);
  int64_t us = Field(m, "microsecond", &hus);
  int64_t ns = Field(m, "nanosecond", &hns);
  if (!hh) h = base_s / 3600;
  if (!hm) mi = base_s / 60 % 60;
  if (!hs) s = base_s % 60;
  int64_t sub = base_n;
  if (hms || hus || hns) {
    if (hms) {
      if (ms < 0 || ms > 999 || (hus && (us < 0 || us > 999)) || (hns && (ns < 0 || ns > 999)))
        Bad("sub-second field out of range");
      sub = ms * 1000000 + (hus ? us : base_n / 1000 % 1000) * 1000 + (hns ? ns : base_n % 1000);
    } else if (hus) {
      if (us < 0 || us > 999999 || (hns && (ns < 0 || ns > 999))) Bad("sub-second field out of range");
      sub = us * 1000 + (hns ? ns : base_n % 1000);
    } else {
      if (ns < 0 || ns > 999999999) Bad("nanosecond out of range");
      sub = ns;
    }
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) Bad("time field out of range");
  return ((h * 60 + mi) * 60 + s) * kNanosPerSecond + sub;
}

bool HasAnyKey(const ValueMap& m, std::initializer_list<const char*> keys) {
  for (auto k : keys) {
    auto it = m.find(k);
    if (it != m.end() && !it->second.is_null()) return true;
  }
  return false;
}

// The zone a map asks for, if any.
std::optional<ZoneText> MapZone(const ValueMap& m) {
  auto it = m.find("timezone");
  if (it == m.end() || it->second.is_null()) return std::nullopt;
  if (it->second.kind() != K::kString) Bad("timezone must be a string");
  return ZoneFromString(it->second.as_string());
}

Value FromMap(K kind, const ValueMap& m) {
  static const std::initializer_list<const char*> kDateKeys = {
      "year", "month", "day", "week", "dayOfWeek", "ordinalDay", "quarter", "dayOfQuarter"};
  static const std::initializer_list<const char*> kTimeKeys = {
      "hour", "minute", "second", "millisecond", "microsecond", "nanosecond"};
  std::optional<ZoneText> want_zone = MapZone(m);
  if (kind == K::kDateTime && HasAnyKey(m, {"epochSeconds", "epochMillis"})) {
    bool has_s, has_ms, has_ns;
    int64_t s = Field(m, "epochSeconds", &has_s);
    int64_t ms = Field(m, "epochMillis", &has_ms);
    int64_t ns = Field(m, "nanosecond", &has_ns);
    Instant i{has_s ? s : FloorDiv(ms, 1000), has_s ? 0 : FloorMod(ms, 1000) * 1000000};
    i.nanos += ns;
    i.seconds += FloorDiv(i.nanos, kNanosPerSecond);
    i.nanos = FloorMod(i.nanos, kNanosPerSecond);
    ZoneText z = want_zone.value_or(ZoneText{});
    return AtInstant(i, z.offset, z.zone);
  }
  const Value* dt = TemporalField(m, "datetime");
  const Value* date_v = TemporalField(m, "date");
  const Value* time_v = TemporalField(m, "time");
  if (!date_v) date_v = dt;
  if (!time_v) time_v = dt;
  if (date_v && !HasDate(date_v->kind())) Bad("date must have a date");
  if (time_v && !HasTime(time_v->kind()) && time_v != dt) Bad("time must have a time");

  int64_t days = 0;
  if (HasDate(kind)) {
    if (!date_v && !HasAnyKey(m, kDateKeys)) {
      int64_t n;
      days = FloorDiv(NowUtcSeconds(&n), kSecondsPerDay);  // date({timezone: ...}): today
    } else {
      days = DateFromMap(m, date_v ? &date_v->as_temporal() : nullptr);
    }
  }
  if (!HasTime(kind)) return Make(kind, days, 0);

  // The zone the selected time carries, if it carries one.
  const TemporalValue* tbase = time_v && HasTime(time_v->kind()) ? &time_v->as_temporal() : nullptr;
  bool source_zoned = tbase && HasZone(time_v->kind());
  int64_t nanos = TimeFromMap(m, tbase ? tbase->nanos : 0);
  if (!tbase && !HasAnyKey(m, kTimeKeys) && !date_v && !HasAnyKey(m, kDateKeys) && kind != K::kDate) {
    // localtime({timezone: ...}) and friends: now.
    int64_t n;
    int64_t s = NowUtcSeconds(&n);
    ZoneText z = want_zone.value_or(ZoneText{});
    Value now = AtInstant({s, n}, z.offset, z.zone);
    const TemporalValue& t = now.as_temporal();
    return Make(kind, t.days, t.nanos, t.offset_seconds, t.zone);
  }
  if (kind == K::kLocalTime || kind == K::kLocalDateTime) return Make(kind, days, nanos);

  if (kind == K::kTime) {
    int32_t offset = 0;
    if (source_zoned) offset = tbase->offset_seconds;
    if (want_zone) {
      int32_t target = want_zone->zone.empty()
                           ? want_zone->offset
                           : tz::OffsetAtInstant(want_zone->zone, [] { int64_t n; return NowUtcSeconds(&n); }());
      if (source_zoned) nanos = FloorMod(nanos + static_cast<int64_t>(target - offset) * kNanosPerSecond, kNanosPerDay);
      offset = target;
    }
    return Make(K::kTime, 0, nanos, offset);
  }
  // datetime
  if (source_zoned) {
    Value built = MakeZoned(days, nanos, tbase->offset_seconds,
                            time_v->kind() == K::kDateTime ? tbase->zone : "");
    if (!want_zone) return built;
    return AtInstant(InstantOf(built.as_temporal()), want_zone->offset, want_zone->zone);
  }
  ZoneText z = want_zone.value_or(ZoneText{});
  return MakeZoned(days, nanos, z.offset, z.zone);
}

// Converts any temporal value to `kind` (date(datetime), datetime(date)...).
Value Convert(K kind, const Value& v) {
  const TemporalValue& t = v.as_temporal();
  if (kind == v.kind()) return v;
  if (HasDate(kind) && !HasDate(v.kind())) Bad(std::string("cannot make a ") + Value::KindName(kind) + " from a " + Value::KindName(v.kind()));
  if (!HasZone(kind)) return Make(kind, t.days, t.nanos);
  if (HasZone(v.kind())) return Make(kind, t.days, t.nanos, t.offset_seconds, t.zone);
  if (kind == K::kDateTime) return MakeZoned(t.days, t.nanos, 0, "");
  return Make(kind, t.days, t.nanos, 0);
}

Value Construct(K kind, const Args& a) {
  if (a.empty()) {
    ValueMap none;
    return FromMap(kind, none);
  }
  const Value& x = a[0];
  if (x.is_null()) return Value();
  if (x.kind() == K::kString) return Parse(kind, x.as_string());
  if (x.kind() == K::kMap) return FromMap(kind, x.as_map());
  if (kind == K::kDuration) Bad("duration() takes a string or a map");
  if (x.is_temporal()) return Convert(kind, x);
  ThrowType("InvalidArgumentType", std::string("cannot make a ") + Value::KindName(kind) + " from a " +
                                       Value::KindName(x.kind()));
}

Value DurationFromMap(const ValueMap& m) {
  DurationBuilder b;
  static const struct {
    const char* key;
    int64_t mo, d, s, n;
  } kUnits[] = {{"years", 12, 0, 0, 0},    {"quarters", 3, 0, 0, 0},       {"months", 1, 0, 0, 0},
                {"weeks", 0, 7, 0, 0},     {"days", 0, 1, 0, 0},           {"hours", 0, 0, 3600, 0},
                {"minutes", 0, 0, 60, 0},  {"seconds", 0, 0, 1, 0},        {"milliseconds", 0, 0, 0, 1000000},
                {"microseconds", 0, 0, 0, 1000}, {"nanoseconds", 0, 0, 0, 1}};
  for (auto& [k, v] : m) {
    bool known = false;
    for (auto& u : kUnits) {
      if (k != u.key) continue;
      known = true;
      if (v.is_null()) break;
      if (!v.is_number()) Bad(k + " must be a number");
      b.Add(v, u.mo, u.d, u.s, u.n);
    }
    if (!known) Bad("duration() has no field " + k);
  }
  return b.Build();
}

// ---- Arithmetic -----------------------------------------------------------

Value Negate(const DurationValue& d) {
  return MakeDuration(-d.months, -d.days, -d.seconds, -static_cast<int64_t>(d.nanos));
}

Value AddDuration(const Value& t, const DurationValue& d) {
  const TemporalValue& x = t.as_temporal();
  K kind = t.kind();
  __int128 dur_nanos = static_cast<__int128>(d.seconds) * kNanosPerSecond + d.nanos;
  if (kind == K::kDate) {
    int64_t days = PlusMonths(x.days, d.months) + d.days;
    days += static_cast<int64_t>(dur_nanos / kNanosPerDay);  // whole days of the time part
    return Make(kind, days, 0);
  }
  if (kind == K::kLocalTime || kind == K::kTime) {
    int64_t n = static_cast<int64_t>((static_cast<__int128>(x.nanos) + dur_nanos % kNanosPerDay + kNanosPerDay) %
                                     kNanosPerDay);
    return Make(kind, 0, n, x.offset_seconds);
  }
  int64_t days = PlusMonths(x.days, d.months) + d.days;
  if (kind == K::kDateTime && !x.zone.empty()) {
    Value local = MakeZoned(days, x.nanos, x.offset_seconds, x.zone);
    Instant i = InstantOf(local.as_temporal());
    __int128 total = static_cast<__int128>(i.seconds) * kNanosPerSecond + i.nanos + dur_nanos;
    int64_t s = static_cast<int64_t>(total / kNanosPerSecond), n = static_cast<int64_t>(total % kNanosPerSecond);
    if (n < 0) { n += kNanosPerSecond; --s; }
    return AtInstant({s, n}, 0, x.zone);
  }
  __int128 total = static_cast<__int128>(days) * kNanosPerDay + x.nanos + dur_nanos;
  __int128 dd = total / kNanosPerDay, rem = total % kNanosPerDay;
  if (rem < 0) { rem += kNanosPerDay; --dd; }
  return Make(kind, static_cast<int64_t>(dd), static_cast<int64_t>(rem), x.offset_seconds);
}

Value ScaleDuration(const DurationValue& d, const Value& factor, bool divide) {
  if (!divide && factor.kind() == K::kInt) {
    int64_t f = factor.as_int();
    return MakeDuration(d.months * f, d.days * f, d.seconds * f, static_cast<int64_t>(d.nanos) * f);
  }
  long double f = factor.as_number();
  if (divide) {
    if (f == 0) ThrowArgument("DivisionByZero", "duration / 0");
    f = 1.0L / f;
  }
  DurationBuilder b;
  b.Months(d.months * f);
  b.Days(d.days * f);
  b.Seconds(d.seconds * f);
  b.nanos += d.nanos * f;
  return b.Build();
}

// ---- duration.between -----------------------------------------------------

struct Local {
  bool has_date;
  int64_t days;
  int64_t nanos;
};

// java.time's until() in months or days between two local date-times: whole
// units, with the end moved back a day when its time of day is earlier.
int64_t UntilMonths(const Local& a, const Local& b) {
  int64_t end = b.days;
  if (end > a.days && b.nanos < a.nanos) --end;
  else if (end < a.days && b.nanos > a.nanos) ++end;
  Civil x = CivilFromDays(a.days), y = CivilFromDays(end);
  int64_t months = (y.year * 12 + y.month) - (x.year * 12 + x.month);
  int day_diff = y.day - x.day;
  if (months > 0 && day_diff < 0) --months;
  else if (months < 0 && day_diff > 0) ++months;
  return months;
}
int64_t UntilDays(const Local& a, const Local& b) {
  int64_t end = b.days;
  if (end > a.days && b.nanos < a.nanos) --end;
  else if (end < a.days && b.nanos > a.nanos) ++end;
  return end - a.days;
}

enum class Unit { kAll, kMonths, kDays, kSeconds };

Value Between(const Value& va, const Value& vb, Unit unit) {
  if (va.is_null() || vb.is_null()) return Value();
  if (!va.is_temporal() || !vb.is_temporal())
    ThrowType("InvalidArgumentType", "duration.between() needs two temporal values");
  TemporalValue a = va.as_temporal();
  TemporalValue b = vb.as_temporal();
  bool a_date = HasDate(va.kind()), b_date = HasDate(vb.kind());
  bool a_zone = HasZone(va.kind()), b_zone = HasZone(vb.kind());
  // Both zoned: look at the second in the first one's zone, at the same instant.
  if (a_zone && b_zone) {
    if (va.kind() == K::kDateTime && vb.kind() == K::kDateTime) {
      b = AtInstant(InstantOf(b), a.offset_seconds, a.zone).as_temporal();
    } else {
      __int128 t = static_cast<__int128>(b.days) * kNanosPerDay + b.nanos +
                   static_cast<__int128>(a.offset_seconds - b.offset_seconds) * kNanosPerSecond;
      __int128 dd = t / kNanosPerDay, rem = t % kNanosPerDay;
      if (rem < 0) { rem += kNanosPerDay; --dd; }
      if (b_date) b.days = static_cast<int64_t>(dd);
      b.nanos = static_cast<int64_t>(rem);
    }
  }
  // A value without a date takes the other's; one without a zone is read in
  // the other's zone (so a DST change between them counts).
  if (!a_date && b_date) a.days = b.days;
  if (!b_date && a_date) b.days = a.days;
  std::string zone = a_zone ? a.zone : b_zone ? b.zone : "";
  int32_t offset = a_zone ? a.offset_seconds : b_zone ? b.offset_seconds : 0;
  if (!a_zone) a.offset_seconds = offset;
  if (!b_zone) b.offset_seconds = offset;
  bool dates = a_date && b_date;
  Local x{dates, a.days, a.nanos}, y{dates, b.days, b.nanos};
  int64_t months = 0, days = 0;
  if (dates) {
    if (unit == Unit::kAll || unit == Unit::kMonths) {
      months = UntilMonths(x, y);
      x.days = PlusMonths(x.days, months);
    }
    if (unit == Unit::kAll || unit == Unit::kDays) {
      days = UntilDays(x, y);
      x.days += days;
    }
  }
  if (unit == Unit::kMonths) return MakeDuration(months, 0, 0, 0);
  if (unit == Unit::kDays) return MakeDuration(0, days, 0, 0);
  __int128 diff = static_cast<__int128>(y.days - x.days) * kNanosPerDay + (y.nanos - x.nanos);
  if (!zone.empty() && (a_date || b_date)) {
    // Across a DST change the local difference is not the elapsed time.
    Instant i = InstantOf(MakeZoned(x.days, x.nanos, offset, zone).as_temporal());
    Instant j = InstantOf(MakeZoned(y.days, y.nanos, offset, zone).as_temporal());
    diff = (static_cast<__int128>(j.seconds) - i.seconds) * kNanosPerSecond + (j.nanos - i.nanos);
  }
  int64_t secs = static_cast<int64_t>(diff / kNanosPerSecond), nanos = static_cast<int64_t>(diff % kNanosPerSecond);
  return MakeDuration(months, days, secs, nanos);
}

// ---- truncate -------------------------------------------------------------

Value Truncate(K kind, const Args& a) {
  if (a[1].is_null()) return Value();
  if (a[0].kind() != K::kString) Bad("truncate() needs a unit name");
  if (!a[1].is_temporal()) ThrowType("InvalidArgumentType", "truncate() needs a temporal value");
  const std::string& unit = a[0].as_string();
  const Value& v = a[1];
  const TemporalValue& t = v.as_temporal();
  int64_t days = t.days, nanos = HasTime(v.kind()) ? t.nanos : 0;
  Civil c = CivilFromDays(days);
  auto floor_year = [&](int64_t span) {
    int64_t y = c.year >= 0 ? c.year - c.year % span : c.year - FloorMod(c.year, span);
    days = DaysFromCivil(y, 1, 1);
    nanos = 0;
  };
  if (unit == "millennium") floor_year(1000);
  else if (unit == "century") floor_year(100);
  else if (unit == "decade") floor_year(10);
  else if (unit == "year") floor_year(1);
  else if (unit == "weekYear") { days = WeekYearStart(WeekYearOf(days)); nanos = 0; }
  else if (unit == "quarter") { days = DaysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1); nanos = 0; }
  else if (unit == "month") { days = DaysFromCivil(c.year, c.month, 1); nanos = 0; }
  else if (unit == "week") { days -= DayOfWeek(days) - 1; nanos = 0; }
  else if (unit == "day") nanos = 0;
  else if (unit == "hour") nanos -= nanos % (3600 * kNanosPerSecond);
  else if (unit == "minute") nanos -= nanos % (60 * kNanosPerSecond);
  else if (unit == "second") nanos -= nanos % kNanosPerSecond;
  else if (unit == "millisecond") nanos -= nanos % 1000000;
  else if (unit == "microsecond") nanos -= nanos % 1000;
  else Bad("unknown truncation unit '" + unit + "'");
  bool date_unit = unit == "millennium" || unit == "century" || unit == "decade" || unit == "year" ||
                   unit == "weekYear" || unit == "quarter" || unit == "month" || unit == "week" || unit == "day";
  if (date_unit && !HasDate(v.kind())) Bad("cannot truncate a " + std::string(Value::KindName(v.kind())) + " to " + unit);
  if (date_unit && unit != "day" && !HasDate(kind)) Bad("cannot truncate a time to " + unit);
  // Overrides from the optional map, applied to the truncated fields.
  ValueMap m;
  if (a.size() > 2 && !a[2].is_null()) {
    if (a[2].kind() != K::kMap) Bad("truncate() takes a map of fields");
    m = a[2].as_map();
  }
  std::optional<ZoneText> want_zone = MapZone(m);
  TemporalValue base;
  base.days = days;
  base.nanos = nanos;
  if (HasDate(kind)) days = DateFromMap(m, &base);
  if (HasTime(kind)) {
    // Sub-second fields below the unit add to what truncation kept:
    // truncate('millisecond', t, {nanosecond: 2}) keeps the milliseconds.
    bool hus, hns;
    int64_t us = Field(m, "microsecond", &hus), ns = Field(m, "nanosecond", &hns);
    if (unit == "millisecond" && (hus || hns) && !m.count("millisecond")) {
      nanos += (hus ? us * 1000 : 0) + (hns ? ns : 0);
      m.erase("microsecond");
      m.erase("nanosecond");
    } else if (unit == "microsecond" && hns && !m.count("microsecond") && !m.count("millisecond")) {
      nanos += ns;
      m.erase("nanosecond");
    }
    nanos = TimeFromMap(m, nanos);
  }
  if (!HasZone(kind)) return Make(kind, days, nanos);
  int32_t offset = HasZone(v.kind()) ? t.offset_seconds : 0;
  std::string zone = v.kind() == K::kDateTime ? t.zone : "";
  if (want_zone) {
    offset = want_zone->offset;
    zone = want_zone->zone;
  }
  if (kind == K::kTime) return Make(kind, 0, nanos, offset);
  return MakeZoned(days, nanos, offset, zone);
}

// ---- Functions ------------------------------------------------------------

struct ClockScope {
  ClockScope(ExecContext& ctx, bool realtime) {
    t_statement_ns = ctx.statement_time_ns();
    t_realtime = realtime;
  }
  ~ClockScope() { t_realtime = false; }
};

template <K kKind>
Value FnConstruct(const Args& a, ExecContext& ctx) {
  ClockScope clock(ctx, false);
  if (kKind == K::kDuration) {
    if (a.empty()) Bad("duration() needs an argument");
    if (a[0].is_null()) return Value();
    if (a[0].kind() == K::kString) return ParseDuration(a[0].as_string());
    if (a[0].kind() == K::kMap) return DurationFromMap(a[0].as_map());
    ThrowType("InvalidArgumentType", std::string("duration() cannot take a ") + Value::KindName(a[0].kind()));
  }
  return Construct(kKind, a);
}

template <K kKind, bool kRealtime>
Value FnNow(const Args& a, ExecContext& ctx) {
  ClockScope clock(ctx, kRealtime);
  if (!a.empty() && a[0].is_null()) return Value();
  return Construct(kKind, a);
}

template <K kKind>
Value FnTruncate(const Args& a, ExecContext& ctx) {
  ClockScope clock(ctx, false);
  return Truncate(kKind, a);
}

template <Unit kUnit>
Value FnBetween(const Args& a, ExecContext&) {
  return Between(a[0], a[1], kUnit);
}

Value FnFromEpoch(const Args& a, ExecContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_number() || !a[1].is_number()) Bad("datetime.fromepoch() needs numbers");
  ValueMap m{{"epochSeconds", a[0]}, {"nanosecond", a[1]}};
  return FromMap(K::kDateTime, m);
}
Value FnFromEpochMillis(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_number()) Bad("datetime.fromepochmillis() needs a number");
  ValueMap m{{"epochMillis", a[0]}};
  return FromMap(K::kDateTime, m);
}

const std::vector<FunctionInfo> kFunctions = {
    {"date", 0, 1, false, FnConstruct<K::kDate>},
    {"localtime", 0, 1, false, FnConstruct<K::kLocalTime>},
    {"time", 0, 1, false, FnConstruct<K::kTime>},
    {"localdatetime", 0, 1, false, FnConstruct<K::kLocalDateTime>},
    {"datetime", 0, 1, false, FnConstruct<K::kDateTime>},
    {"duration", 1, 1, false, FnConstruct<K::kDuration>},
    {"date.transaction", 0, 1, false, FnNow<K::kDate, false>},
    {"date.statement", 0, 1, false, FnNow<K::kDate, false>},
    {"date.realtime", 0, 1, false, FnNow<K::kDate, true>},
    {"localtime.transaction", 0, 1, false, FnNow<K::kLocalTime, false>},
    {"localtime.statement", 0, 1, false, FnNow<K::kLocalTime, false>},
    {"localtime.realtime", 0, 1, false, FnNow<K::kLocalTime, true>},
    {"time.transaction", 0, 1, false, FnNow<K::kTime, false>},
    {"time.statement", 0, 1, false, FnNow<K::kTime, false>},
    {"time.realtime", 0, 1, false, FnNow<K::kTime, true>},
    {"localdatetime.transaction", 0, 1, false, FnNow<K::kLocalDateTime, false>},
    {"localdatetime.statement", 0, 1, false, FnNow<K::kLocalDateTime, false>},
    {"localdatetime.realtime", 0, 1, false, FnNow<K::kLocalDateTime, true>},
    {"datetime.transaction", 0, 1, false, FnNow<K::kDateTime, false>},
    {"datetime.statement", 0, 1, false, FnNow<K::kDateTime, false>},
    {"datetime.realtime", 0, 1, false, FnNow<K::kDateTime, true>},
    {"date.truncate", 2, 3, false, FnTruncate<K::kDate>},
    {"localtime.truncate", 2, 3, false, FnTruncate<K::kLocalTime>},
    {"time.truncate", 2, 3, false, FnTruncate<K::kTime>},
    {"localdatetime.truncate", 2, 3, false, FnTruncate<K::kLocalDateTime>},
    {"datetime.truncate", 2, 3, false, FnTruncate<K::kDateTime>},
    {"datetime.fromepoch", 2, 2, false, FnFromEpoch},
    {"datetime.fromepochmillis", 1, 1, false, FnFromEpochMillis},
    {"duration.between", 2, 2, false, FnBetween<Unit::kAll>},
    {"duration.inmonths", 2, 2, false, FnBetween<Unit::kMonths>},
    {"duration.indays", 2, 2, false, FnBetween<Unit::kDays>},
    {"duration.inseconds", 2, 2, false, FnBetween<Unit::kSeconds>},
};

}  // namespace

// ---- Public ---------------------------------------------------------------

std::string Format(const Value& v) {
  if (v.kind() == K::kDuration) return DurationText(v.as_duration());
  if (!v.is_temporal()) return "";
  const TemporalValue& t = v.as_temporal();
  switch (v.kind()) {
    case K::kDate: return DateText(t.days);
    case K::kLocalTime: return TimeText(t.nanos);
    case K::kTime: return TimeText(t.nanos) + OffsetText(t.offset_seconds);
    case K::kLocalDateTime: return DateText(t.days) + "T" + TimeText(t.nanos);
    case K::kDateTime:
      return DateText(t.days) + "T" + TimeText(t.nanos) + OffsetText(t.offset_seconds) +
             (t.zone.empty() ? "" : "[" + t.zone + "]");
    default: return "";
  }
}

Value Parse(K kind, const std::string& text) {
  if (kind == K::kDuration) return ParseDuration(text);
  TextReader r(text);
  int64_t days = 0, nanos = 0;
  if (HasDate(kind)) {
    days = ReadDate(r);
    if (r.Eat('T')) {
      if (!HasTime(kind)) {
        // date('2015-07-21T21:40:32') keeps the date.
        ReadTime(r);
        ReadZone(r);
        return Make(kind, days, 0);
      }
      nanos = ReadTime(r);
    } else if (!r.AtEnd()) {
      r.Fail();
    }
  } else {
    // A time may be given with a date in front (localtime('2015-07-21T21:40')).
    if (text.find('T') != std::string::npos && text.find('T') > 3) {
      days = ReadDate(r);
      if (!r.Eat('T')) r.Fail();
    }
    nanos = ReadTime(r);
  }
  ZoneText z = ReadZone(r);
  if (!r.AtEnd()) r.Fail();
  if (!HasZone(kind)) return Make(kind, days, nanos);
  if (kind == K::kTime) {
    int32_t off = z.offset;
    if (!z.has_offset && !z.zone.empty()) {
      int64_t n;
      off = tz::OffsetAtInstant(z.zone, NowUtcSeconds(&n));
    }
    return Make(kind, 0, nanos, off);
  }
  if (!z.zone.empty()) return MakeZoned(days, nanos, z.offset, z.zone);
  return Make(kind, days, nanos, z.offset);
}

Value Property(const Value& v, const std::string& key) {
  if (v.kind() == K::kDuration) {
    const DurationValue& d = v.as_duration();
    int64_t total_ns_sec = d.seconds;  // floor seconds, nanos in [0, 1e9)
    auto I = [](int64_t x) { return Value::Int(x); };
    if (key == "years") return I(d.months / 12);
    if (key == "quarters") return I(d.months / 3);
    if (key == "months") return I(d.months);
    if (key == "weeks") return I(d.days / 7);
    if (key == "days") return I(d.days);
    if (key == "hours") return I(FloorDiv(total_ns_sec, 3600));
    if (key == "minutes") return I(FloorDiv(total_ns_sec, 60));
    if (key == "seconds") return I(total_ns_sec);
    if (key == "milliseconds") return I(d.seconds * 1000 + d.nanos / 1000000);
    if (key == "microseconds") return I(d.seconds * 1000000 + d.nanos / 1000);
    if (key == "nanoseconds") return I(d.seconds * kNanosPerSecond + d.nanos);
    if (key == "quartersOfYear") return I(d.months % 12 / 3);
    if (key == "monthsOfQuarter") return I(d.months % 3);
    if (key == "monthsOfYear") return I(d.months % 12);
    if (key == "daysOfWeek") return I(d.days % 7);
    if (key == "minutesOfHour") return I(FloorMod(FloorDiv(total_ns_sec, 60), 60));
    if (key == "secondsOfMinute") return I(FloorMod(total_ns_sec, 60));
    if (key == "millisecondsOfSecond") return I(d.nanos / 1000000);
    if (key == "microsecondsOfSecond") return I(d.nanos / 1000);
    if (key == "nanosecondsOfSecond") return I(d.nanos);
    Bad("a duration has no field " + key);
  }
  const TemporalValue& t = v.as_temporal();
  K kind = v.kind();
  if (HasDate(kind)) {
    Civil c = CivilFromDays(t.days);
    if (key == "year") return Value::Int(c.year);
    if (key == "quarter") return Value::Int((c.month - 1) / 3 + 1);
    if (key == "month") return Value::Int(c.month);
    if (key == "week") return Value::Int(WeekOf(t.days));
    if (key == "weekYear") return Value::Int(WeekYearOf(t.days));
    if (key == "day") return Value::Int(c.day);
    if (key == "ordinalDay") return Value::Int(t.days - DaysFromCivil(c.year, 1, 1) + 1);
    if (key == "weekDay" || key == "dayOfWeek") return Value::Int(DayOfWeek(t.days));
    if (key == "dayOfQuarter")
      return Value::Int(t.days - DaysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1) + 1);
  }
  if (HasTime(kind)) {
    int64_t s = t.nanos / kNanosPerSecond, n = t.nanos % kNanosPerSecond;
    if (key == "hour") return Value::Int(s / 3600);
    if (key == "minute") return Value::Int(s / 60 % 60);
    if (key == "second") return Value::Int(s % 60);
    if (key == "millisecond") return Value::Int(n / 1000000);
    if (key == "microsecond") return Value::Int(n / 1000);
    if (key == "nanosecond") return Value::Int(n);
  }
  if (HasZone(kind)) {
    if (key == "timezone") return Value::String(t.zone.empty() ? OffsetText(t.offset_seconds) : t.zone);
    if (key == "offset") return Value::String(t.offset_seconds == 0 ? "+00:00" : OffsetText(t.offset_seconds));
    if (key == "offsetMinutes") return Value::Int(t.offset_seconds / 60);
    if (key == "offsetSeconds") return Value::Int(t.offset_seconds);
  }
  if (kind == K::kDateTime) {
    Instant i = InstantOf(t);
    if (key == "epochSeconds") return Value::Int(i.seconds);
    if (key == "epochMillis") return Value::Int(i.seconds * 1000 + i.nanos / 1000000);
  }
  Bad(std::string("a ") + Value::KindName(kind) + " has no field " + key);
}

int Compare(const Value& a, const Value& b) {
  if (a.kind() != b.kind() || !a.is_temporal()) return 2;
  const TemporalValue& x = a.as_temporal();
  const TemporalValue& y = b.as_temporal();
  auto cmp = [](auto p, auto q) { return p < q ? -1 : p > q ? 1 : 0; };
  switch (a.kind()) {
    case K::kDate: return cmp(x.days, y.days);
    case K::kLocalTime: return cmp(x.nanos, y.nanos);
    case K::kTime:
      return cmp(x.nanos - static_cast<int64_t>(x.offset_seconds) * kNanosPerSecond,
                 y.nanos - static_cast<int64_t>(y.offset_seconds) * kNanosPerSecond);
    case K::kLocalDateTime: {
      int c = cmp(x.days, y.days);
      return c ? c : cmp(x.nanos, y.nanos);
    }
    case K::kDateTime: {
      Instant i = InstantOf(x), j = InstantOf(y);
      int c = cmp(i.seconds, j.seconds);
      return c ? c : cmp(i.nanos, j.nanos);
    }
    default: return 2;
  }
}

bool Equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.kind() == K::kDuration) return a.as_duration() == b.as_duration();
  return Compare(a, b) == 0;
}

bool Arithmetic(const std::string& op, const Value& a, const Value& b, Value* out) {
  bool ad = a.kind() == K::kDuration, bd = b.kind() == K::kDuration;
  if (op == "+" || op == "-") {
    if (ad && bd) {
      const DurationValue& x = a.as_duration();
      const DurationValue& y = b.as_duration();
      int s = op == "+" ? 1 : -1;
      *out = MakeDuration(x.months + s * y.months, x.days + s * y.days, x.seconds + s * y.seconds,
                          static_cast<int64_t>(x.nanos) + s * static_cast<int64_t>(y.nanos));
      return true;
    }
    if (a.is_temporal() && bd) {
      *out = AddDuration(a, op == "+" ? b.as_duration() : Negate(b.as_duration()).as_duration());
      return true;
    }
    if (ad && b.is_temporal() && op == "+") {
      *out = AddDuration(b, a.as_duration());
      return true;
    }
    return false;
  }
  if (op == "*") {
    if (ad && b.is_number()) { *out = ScaleDuration(a.as_duration(), b, false); return true; }
    if (a.is_number() && bd) { *out = ScaleDuration(b.as_duration(), a, false); return true; }
    return false;
  }
  if (op == "/" && ad && b.is_number()) {
    *out = ScaleDuration(a.as_duration(), b, true);
    return true;
  }
  return false;
}

const std::vector<FunctionInfo>& Functions() { return kFunctions; }

const char kPropertyTag[] = "\x1Fkg-temporal:";

std::string EncodeProperty(const Value& v) {
  const char* kind = "";
  switch (v.kind()) {
    case K::kDate: kind = "date"; break;
    case K::kLocalTime: kind = "localtime"; break;
    case K::kTime: kind = "time"; break;
    case K::kLocalDateTime: kind = "localdatetime"; break;
    case K::kDateTime: kind = "datetime"; break;
    case K::kDuration: kind = "duration"; break;
    default: return "";
  }
  return std::string(kPropertyTag) + kind + ":" + Format(v);
}

bool DecodeProperty(const std::string& s, Value* out) {
  static const size_t kTagLen = sizeof(kPropertyTag) - 1;
  if (s.size() <= kTagLen || s.compare(0, kTagLen, kPropertyTag) != 0) return false;
  size_t colon = s.find(':', kTagLen);
  if (colon == std::string::npos) return false;
  std::string kind = s.substr(kTagLen, colon - kTagLen);
  std::string text = s.substr(colon + 1);
  static const std::pair<const char*, K> kKinds[] = {
      {"date", K::kDate}, {"localtime", K::kLocalTime}, {"time", K::kTime},
      {"localdatetime", K::kLocalDateTime}, {"datetime", K::kDateTime}, {"duration", K::kDuration}};
  for (auto& [name, k] : kKinds) {
    if (kind != name) continue;
    try {
      *out = Parse(k, text);
      return true;
    } catch (const QueryException&) {
      return false;
    }
  }
  return false;
}

}  // namespace kg::query_lang::temporal
