// Regex: a compiled regular expression for `=~`, over PCRE2, with Java's
// semantics as Cypher users expect them: the whole string must match, and
// inline flags work ((?i), (?s), (?m), (?x)). Patterns are UTF-8 and match
// code points. Internal to query-lang/; no PCRE2 type leaves regex.cc.
//
//   std::string error;
//   auto re = Regex::Compile("(?i)fbi", &error);
//   re->Matches("The FBI")  // false: the whole string must match
//   re->Matches("FBI")      // true
//
// Not thread-safe: one Regex belongs to one running query.
#pragma once

#include <memory>
#include <string>

namespace kg::query_lang {

class Regex {
 public:
  // Null and *error set when `pattern` does not compile.
  static std::unique_ptr<Regex> Compile(const std::string& pattern, std::string* error);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // Whether all of `subject` matches. Invalid UTF-8 in `subject` never matches.
  bool Matches(const std::string& subject) const;

 private:
  struct Impl;
  explicit Regex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg::query_lang
