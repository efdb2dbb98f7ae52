// libFuzzer target for the HTML article reader: any bytes, read as an .html
// file (HTML parsing with gumbo, boilerplate removal, metadata, cleaning).
// The contract: one result; a rejection names the file; a document has
// valid UTF-8 text, its content id, and the file as its source.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/text.h"
#include "extract/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kg::extract::Reader reader;
  int results = 0;
  reader.ReadBuffer("in.html", std::string(reinterpret_cast<const char*>(data), size),
                    [&](kg::extract::ReadResult r) {
                      ++results;
                      if (!r.status.ok()) {
                        if (r.status.message().rfind("in.html", 0) != 0) std::abort();
                        return;
                      }
                      const kg::Document& d = r.document;
                      if (d.text.empty() || d.source != "in.html") std::abort();
                      if (kg::text::FindInvalidUtf8(d.text) != std::string_view::npos) std::abort();
                      if (d.id != kg::extract::DocumentId(d)) std::abort();
                    });
  if (results != 1) std::abort();
  return 0;
}
