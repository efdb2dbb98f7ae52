// libFuzzer target for `kg load`'s record reader (common/extraction_record.h):
// any bytes as one line. The contract: a refusal is InvalidArgument with a
// reason; an accepted record holds together (every entity index and span in
// range) and survives a second round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/extraction_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  kg::Result<kg::Extraction> x = kg::DecodeRecord(line);
  if (!x.ok()) {
    if (!x.status().IsInvalidArgument() || x.status().message().empty()) std::abort();
    return 0;
  }
  const size_t n = x->document.text.size();
  auto in_range = [&](const kg::ByteSpan& s) { return s.begin <= s.end && s.end <= n; };
  for (const auto& e : x->entities)
    for (const auto& m : e.mentions)
      if (!in_range(m.span)) std::abort();
  for (const auto& c : x->claims) {
    for (int i : {c.subject, c.object})
      if (i < -1 || i >= static_cast<int>(x->entities.size())) std::abort();
    for (const auto* s : {&c.sentence_span, &c.subject_span, &c.relation_span, &c.object_span})
      if (!in_range(*s)) std::abort();
  }
  std::string again = kg::EncodeRecord(*x);
  kg::Result<kg::Extraction> y = kg::DecodeRecord(again);
  if (!y.ok() || kg::EncodeRecord(*y) != again) std::abort();
  return 0;
}
