// libFuzzer target for the query language's front end: any byte string goes
// through the ANTLR parser, the AST builder and the binder (Check()). The
// contract under test: every input yields ok() or a typed QueryError with a
// kind; nothing crashes, hangs or escapes as an exception.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "query-lang/query_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string query(reinterpret_cast<const char*>(data), size);
  kg::query_lang::QueryOutcome r = kg::query_lang::Check(query);
  if (!r.ok()) {
    const auto& e = r.error();
    if (e.kind.empty() || e.kind == "InternalError") std::abort();
    (void)e.FormatWithCaret(query);  // must not crash either (line/column in range or 0)
  }
  return 0;
}
