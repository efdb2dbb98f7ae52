// Helpers shared by the commands people type queries into: `kg repl`,
// `kg query`, `kg export --query` and `kg audit`.
//
//  * OpenGraph opens the database named by --db with a clear message when it
//    does not exist (instead of silently creating an empty one).
//  * ParseParam reads `name=value` parameters: the value is JSON when it looks
//    like JSON ({"a": 1}, [1, 2], "text"), else a Cypher literal (42, 'x',
//    {a: 1}, true, null), else a plain string.
//  * SplitStatements / StatementComplete find the `;` that end statements,
//    ignoring those inside quotes, backticks and comments.
//  * NameHints explains a result of 0 rows whose query named an entity by
//    one of its aliases ({name: 'FBI'} -> Federal Bureau of Investigation).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "query-lang/query_engine.h"

namespace kg::graph {
class Graph;
}

namespace kg::cli {

struct Context;

// Rows `kg query` and the REPL show of one result when no --limit / :limit
// says otherwise; the rest are counted ("1000 of 52,310 rows shown").
constexpr int64_t kDefaultRowLimit = 1000;

// Opens context.db. A folder that does not exist is refused with a message
// saying how to create one; `read_only` opens without taking the write lock.
Result<std::unique_ptr<graph::Graph>> OpenGraph(const Context& context, bool read_only);

// For a query that returned no rows: lines for stderr, one per name literal
// of the query (`name: 'X'`, `name = 'X'`) that no node has as its name but
// the alias index knows, saying whose alias it is. Empty otherwise.
std::string NameHints(const graph::Graph& graph, const std::string& query);

// Parses "name=value" into params[name]. InvalidArgument when there is no
// '=' or the name is empty or not an identifier.
Status ParseParam(const std::string& assignment, query_lang::ValueMap& params);

// The value of a parameter written as text (see the rules above).
query_lang::Value ParseParamValue(const std::string& text);

// One statement of a script, with the 1-based line it starts on.
struct Statement {
  std::string text;  // without the terminating ';', trimmed
  int line = 1;
};

// Splits `script` at top-level ';'. Blank statements (and comment-only ones)
// are dropped; a last statement without ';' is kept.
std::vector<Statement> SplitStatements(const std::string& script);

// True when `buffer` ends (after whitespace and comments) with a top-level
// ';' — the REPL's signal that a multi-line statement is complete.
bool StatementComplete(const std::string& buffer);

// The error text for a failed query: FormatWithCaret, prefixed with
// "FILE:LINE: " when the statement came from a file.
std::string FormatQueryError(const query_lang::QueryError& error, const std::string& query,
                             const std::string& file = "", int first_line = 1);

}  // namespace kg::cli
