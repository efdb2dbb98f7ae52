// time_zone.cc: zone offsets through ICU's BasicTimeZone (see time_zone.h).
#include "common/time_zone.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace kg::tz {
namespace {

std::unique_ptr<icu::TimeZone> Open(std::string_view zone) {
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())));
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  if (!tz) return nullptr;
  icu::UnicodeString got;
  tz->getID(got);
  if (got == icu::UnicodeString("Etc/Unknown")) return nullptr;
  return tz;
}

}  // namespace

bool IsKnownZone(std::string_view zone) { return Open(zone) != nullptr; }

int32_t OffsetAtInstant(std::string_view zone, int64_t utc_seconds) {
  auto tz = Open(zone);
  if (!tz) return 0;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(utc_seconds) * 1000.0, /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 1000;
}

int32_t OffsetForLocal(std::string_view zone, int64_t local_seconds) {
  auto tz = Open(zone);
  if (!tz) return 0;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  UDate local_ms = static_cast<UDate>(local_seconds) * 1000.0;
  if (auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get())) {
    basic->getOffsetFromLocal(local_ms, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  } else {
    tz->getOffset(local_ms, /*local=*/true, raw, dst, status);
  }
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 1000;
}

}  // namespace kg::tz
