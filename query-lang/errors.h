// QueryException: how a query error unwinds out of the parser, binder and
// operators. Thrown only inside query-lang/ and caught once, in Execute(),
// where it becomes a QueryError (see query_engine.h).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "query-lang/query_engine.h"

namespace kg::query_lang {

class QueryException : public std::runtime_error {
 public:
  explicit QueryException(QueryError error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const QueryError& error() const { return error_; }

 private:
  QueryError error_;
};

[[noreturn]] inline void ThrowError(const std::string& kind, const std::string& detail,
                                    const std::string& message, int line = 0, int column = 0) {
  throw QueryException(QueryError{kind, detail, message, line, column});
}
[[noreturn]] inline void ThrowSyntax(const std::string& detail, const std::string& message,
                                     int line = 0, int column = 0) {
  ThrowError("SyntaxError", detail, message, line, column);
}
[[noreturn]] inline void ThrowSemantic(const std::string& detail, const std::string& message,
                                       int line = 0, int column = 0) {
  ThrowError("SemanticError", detail, message, line, column);
}
[[noreturn]] inline void ThrowType(const std::string& detail, const std::string& message) {
  ThrowError("TypeError", detail, message);
}
[[noreturn]] inline void ThrowArgument(const std::string& detail, const std::string& message) {
  ThrowError("ArgumentError", detail, message);
}

}  // namespace kg::query_lang
