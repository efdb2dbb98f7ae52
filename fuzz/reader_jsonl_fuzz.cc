// libFuzzer target for the JSON Lines article reader: any bytes, read as a
// .jsonl file. The contract: every result names its file and line; a
// document has valid UTF-8 text and its content id; lines are numbered in
// increasing order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/text.h"
#include "extract/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kg::extract::Reader reader;
  long last_line = 0;
  reader.ReadBuffer("in.jsonl", std::string(reinterpret_cast<const char*>(data), size),
                    [&](kg::extract::ReadResult r) {
                      if (r.source.rfind("in.jsonl", 0) != 0) std::abort();
                      if (!r.status.ok()) {
                        if (r.status.message().rfind("in.jsonl", 0) != 0) std::abort();
                        return;
                      }
                      // "in.jsonl:LINE"
                      long line = std::strtol(r.source.c_str() + 9, nullptr, 10);
                      if (line <= last_line) std::abort();
                      last_line = line;
                      const kg::Document& d = r.document;
                      if (d.text.empty()) std::abort();
                      if (kg::text::FindInvalidUtf8(d.text) != std::string_view::npos) std::abort();
                      if (d.id != kg::extract::DocumentId(d)) std::abort();
                    });
  return 0;
}
