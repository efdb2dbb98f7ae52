// Parse(): query text -> AST (ast.h). The only file that sees ANTLR is
// parser.cc. Throws QueryException (SyntaxError with line and column).
#pragma once

#include <string>

#include "query-lang/ast.h"

namespace kg::query_lang {

Query Parse(const std::string& text);

}  // namespace kg::query_lang
