// kg query: run Cypher statements and print their results.
//
//   kg query 'MATCH (n:Person) RETURN n.name LIMIT 5'
//   kg query --format json --param name='Vladimir Putin' 'MATCH (a {name: $name})-[r]->(b) RETURN type(r), b.name'
//   kg query -f examples/who_spoke_with_whom.cypher
//   echo 'RETURN 1;' | kg query
//
// The text (argument, -f FILE, or stdin) may hold several statements ended by
// ';'; each result is printed in turn. Any failing statement prints its error
// with a caret under the query and makes the exit code 1 (the statements
// after it are not run).
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "cli/commands.h"
#include "cli/repl_support.h"
#include "cli/result_printer.h"
#include "graph/graph.h"
#include "query-lang/query_engine.h"

namespace kg::cli {
namespace {

struct QueryArgs {
  std::string query;
  std::string file;
  std::string format;
  std::vector<std::string> params;
  double timeout_s = 0;
  int64_t limit = kDefaultRowLimit;  // --limit; 0 = every row
  bool no_timing = false;
};

int RunQuery(Context& context, const QueryArgs& args) {
  std::string format = !args.format.empty() ? args.format
                       : context.format != "text" ? context.format
                                                  : "table";
  std::optional<OutputMode> mode = ParseOutputMode(format);
  if (!mode) {
    std::cerr << "kg query: unknown --format '" << format
              << "' (use table, csv, json, jsonl or markdown)\n";
    return kExitUsage;
  }
  std::string text = args.query;
  std::string source;
  if (!args.file.empty()) {
    if (!text.empty()) {
      std::cerr << "kg query: give the query as an argument or with -f FILE, not both\n";
      return kExitUsage;
    }
    std::ifstream in(args.file, std::ios::binary);
    if (!in) {
      std::cerr << "kg query: cannot read " << args.file << "\n";
      return kExitError;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
    source = args.file;
  } else if (text.empty()) {
    if (isatty(STDIN_FILENO)) std::cerr << "kg query: reading statements from stdin (end with Ctrl-D)\n";
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    text = buf.str();
    source = "<stdin>";
  }
  std::vector<Statement> statements = SplitStatements(text);
  if (statements.empty()) {
    std::cerr << "kg query: no query given (an argument, -f FILE, or statements on stdin)\n";
    return kExitUsage;
  }

  query_lang::QueryOptions options;
  for (const auto& p : args.params) {
    Status s = ParseParam(p, options.params);
    if (!s.ok()) {
      std::cerr << "kg query: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  options.timeout_ms = static_cast<int64_t>(args.timeout_s * 1000);
  options.row_limit = args.limit;

  // Only a statement that writes needs the write lock; read-only opening lets
  // queries run beside a REPL or an ingest.
  static const std::regex kWrites("\\b(create|merge|set|delete|remove)\\b", std::regex::icase);
  bool writes = false;
  for (const Statement& st : statements) writes = writes || std::regex_search(st.text, kWrites);
  Result<std::unique_ptr<graph::Graph>> graph = OpenGraph(context, /*read_only=*/!writes);
  if (!graph.ok()) {
    std::cerr << "kg query: " << graph.status().message() << "\n";
    return kExitError;
  }
  PrintOptions print;
  print.mode = *mode;
  print.show_timing = !args.no_timing;
  struct winsize ws {};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
    print.max_table_width = ws.ws_col;  // fit the table to the terminal
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    const Statement& st = statements[i];
    query_lang::QueryOutcome outcome = query_lang::Execute(**graph, st.text, options);
    if (!outcome.ok()) {
      std::cout.flush();
      std::cerr << FormatQueryError(outcome.error(), st.text, source, st.line);
      return kExitError;
    }
    if (i > 0 && (*mode == OutputMode::kTable || *mode == OutputMode::kMarkdown)) std::cout << "\n";
    PrintResult(outcome.value(), print, std::cout);
    if (outcome.value().rows.empty() && !context.quiet) {
      std::string hints = NameHints(**graph, st.text);
      if (!hints.empty()) {
        std::cout.flush();
        std::cerr << "kg query: " << hints;
      }
    }
    // Tables show EXPLAIN/PROFILE plans under them; data formats keep stdout clean.
    if (!outcome.value().plan_text.empty() && *mode != OutputMode::kTable) {
      std::cout.flush();
      std::cerr << outcome.value().plan_text;
    }
    if (outcome.value().truncated) {
      std::cout.flush();
      std::cerr << "kg query: showing the first " << outcome.value().rows.size() << " of "
                << outcome.value().total_rows << " rows (--limit N shows N, --limit 0 all)\n";
    }
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "kg query: cannot write the result\n";
    return kExitError;
  }
  return kExitOk;
}

}  // namespace

void RegisterQuery(CLI::App& app, Context& context) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "query", "Run Cypher statements (argument, -f FILE, or stdin) and print the results");
  cmd->add_option("query", args->query, "The query text (several statements end with ';')");
  cmd->add_option("-f,--file", args->file, "Read the statements from FILE");
  cmd->add_option("--format", args->format, "table (default), csv, json, jsonl or markdown");
  cmd->add_option("-p,--param", args->params,
                  "Parameter name=value ($name in the query); value as JSON or a Cypher literal")
      ->allow_extra_args(false);
  cmd->add_option("--timeout", args->timeout_s, "Stop a statement after this many seconds");
  cmd->add_option("--limit", args->limit,
                  "Show at most this many rows per statement (default 1000; 0: all)");
  cmd->add_flag("--no-timing", args->no_timing, "Leave the time out of the table summary");
  cmd->callback([&context, args] { context.exit_code = RunQuery(context, *args); });
}

}  // namespace kg::cli
