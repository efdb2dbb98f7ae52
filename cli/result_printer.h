// ResultPrinter: how `kg query` and the REPL show a query's result.
//
// One function renders a query_lang::QueryResult in one of five shapes:
//   table     an aligned Unicode box table for people: columns capped at
//             PrintOptions::max_column_width display cells, longer text cut
//             with "…", numbers right-aligned, then "N rows (T ms)";
//   csv       RFC 4180, a header row, strings raw, null empty, composite
//             values (lists, maps, nodes...) as JSON text;
//   json      one JSON array of objects keyed by the RETURN column names;
//   jsonl     one such object per line (JSON Lines);
//   markdown  a GitHub table (pipes escaped, newlines shown as spaces).
//
// JSON encoding of values: null/bool/number/string/list/map as themselves
// (NaN and infinities as the strings "NaN", "Infinity", "-Infinity");
// a node as {"id", "labels", "properties"}; a relationship as {"id", "type",
// "start", "end", "properties"}; a path as {"nodes": [...], "relationships":
// [...]}.
//
//   PrintOptions options;
//   options.mode = OutputMode::kTable;
//   PrintResult(outcome.value(), options, std::cout);
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace kg::query_lang {
class Value;
struct QueryResult;
}  // namespace kg::query_lang

namespace kg::cli {

enum class OutputMode { kTable, kCsv, kJson, kJsonl, kMarkdown };

// "table", "csv", "json", "jsonl", "markdown" (also "md"); nullopt otherwise.
std::optional<OutputMode> ParseOutputMode(const std::string& name);
const char* OutputModeName(OutputMode mode);

struct PrintOptions {
  OutputMode mode = OutputMode::kTable;
  // Table mode: the widest a column may be, in terminal cells (>= 4).
  size_t max_column_width = 48;
  // Table mode: when > 0, the widest columns are narrowed (down to 6 cells)
  // until the whole table fits in this many cells — the terminal's width.
  size_t max_table_width = 0;
  // Table mode: print "N rows (T ms)" under the table (T only if show_timing).
  bool show_summary = true;
  bool show_timing = true;
};

// Writes `result` to `out` in the chosen mode. When the query returned no
// columns (a CREATE), table and markdown modes print what it changed.
void PrintResult(const query_lang::QueryResult& result, const PrintOptions& options,
                 std::ostream& out);

// The text of one value as a table cell shows it (strings unquoted, other
// values in Cypher literal style), before any width cap.
std::string CellText(const query_lang::Value& value);

// The JSON text of one value (see the encoding above).
std::string ValueToJson(const query_lang::Value& value);

// Number of terminal cells `text` (UTF-8) takes: combining marks 0, East
// Asian wide characters 2, others 1. Invalid bytes count 1 each.
size_t DisplayWidth(const std::string& text);

// `text` cut to at most `width` cells, ending with "…" when cut.
std::string TruncateToWidth(const std::string& text, size_t width);

}  // namespace kg::cli
