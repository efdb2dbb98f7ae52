// regex.cc: PCRE2 behind Regex (see regex.h).
#define PCRE2_CODE_UNIT_WIDTH 8
#include "query-lang/regex.h"

#include <pcre2.h>

namespace kg::query_lang {

struct Regex::Impl {
  pcre2_code* code = nullptr;
  pcre2_match_data* match = nullptr;
  ~Impl() {
    if (match) pcre2_match_data_free(match);
    if (code) pcre2_code_free(code);
  }
};

Regex::Regex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Regex::~Regex() = default;

std::unique_ptr<Regex> Regex::Compile(const std::string& pattern, std::string* error) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  // Java's String.matches(): anchored at both ends. PCRE2_UTF: code points,
  // not bytes; no PCRE2_UCP, so \w and \d stay ASCII as in Java.
  uint32_t options = PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options,
                                 &code, &offset, nullptr);
  if (!re) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(code, buf, sizeof buf);
    *error = std::string(reinterpret_cast<const char*>(buf)) + " at offset " + std::to_string(offset);
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->code = re;
  impl->match = pcre2_match_data_create_from_pattern(re, nullptr);
  if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0) {
    // No JIT on this machine: the interpreter gives the same answers.
  }
  return std::unique_ptr<Regex>(new Regex(std::move(impl)));
}

bool Regex::Matches(const std::string& subject) const {
  int rc = pcre2_match(impl_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                       impl_->match, nullptr);
  return rc >= 0;
}

}  // namespace kg::query_lang
