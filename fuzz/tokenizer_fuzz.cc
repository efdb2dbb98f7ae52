// libFuzzer target for the tokenizer and sentence splitter: any bytes. The
// contract (extract/tokenizer.h): every token's span lies in the text, is
// non-empty, follows the previous one, and its form is the bytes it cuts;
// sentences hold the tokens in order and their spans run from their first
// token to their last.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<kg::extract::Token> tokens = kg::extract::Tokenize(text);
  uint32_t last_end = 0;
  for (const auto& t : tokens) {
    if (t.span.begin < last_end || t.span.end <= t.span.begin || t.span.end > size) std::abort();
    if (t.form != text.substr(t.span.begin, t.span.end - t.span.begin)) std::abort();
    last_end = t.span.end;
  }
  size_t count = tokens.size();
  std::vector<kg::extract::Sentence> sentences = kg::extract::SplitSentences(text, tokens);
  size_t seen = 0;
  uint32_t previous_end = 0;
  for (const auto& s : sentences) {
    if (s.tokens.empty()) std::abort();
    if (s.span.begin != s.tokens.front().span.begin || s.span.end != s.tokens.back().span.end)
      std::abort();
    if (s.span.begin < previous_end) std::abort();
    previous_end = s.span.end;
    seen += s.tokens.size();
  }
  if (seen != count) std::abort();
  return 0;
}
