// kg repl (and plain `kg` on a terminal): the interactive Cypher shell.
//
// On a terminal: line editing, history in ~/.kg_history ($KG_HISTORY
// overrides), Ctrl-R search and Tab completion (repl_editor.h,
// repl_completion.h); statements may span lines and end at ';'; lines
// starting with ':' are REPL commands (:help lists them). Ctrl-C at the
// prompt discards the statement being typed; during a query it sets the
// engine's cancel flag and the session goes on (a third Ctrl-C in a row
// leaves kg, should a query not stop).
//
// When stdin is not a terminal the same statements and commands are read
// from it line by line, without libedit, banner or timing; the exit code is
// then 1 when any statement failed (0 at a terminal, where errors were seen).
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/repl_completion.h"
#include "cli/repl_editor.h"
#include "cli/repl_support.h"
#include "cli/result_printer.h"
#include "graph/audit.h"
#include "graph/graph.h"
#include "query-lang/query_engine.h"

namespace kg::cli {
namespace {

using query_lang::QueryResult;
using query_lang::Value;

std::atomic<bool> g_cancel{false};
std::atomic<int> g_interrupts{0};

void OnSigint(int) {
  g_cancel.store(true);
  if (g_interrupts.fetch_add(1) + 1 >= 3) {
    const char msg[] = "\nkg: interrupted three times, leaving\n";
    ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    _exit(130);
  }
}

// Installs OnSigint for its lifetime (while a query runs).
class SigintGuard {
 public:
  explicit SigintGuard(bool active) : active_(active) {
    if (!active_) return;
    g_cancel = false;
    g_interrupts = 0;
    struct sigaction sa {};
    sa.sa_handler = OnSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, &old_);
  }
  ~SigintGuard() {
    if (active_) sigaction(SIGINT, &old_, nullptr);
  }

 private:
  bool active_;
  struct sigaction old_ {};
};

OutputMode g_start_mode = OutputMode::kTable;

const char kHelp[] =
    "Statements end with ';' and may span several lines. Commands:\n"
    "  :help                 this help\n"
    "  :mode [table|csv|json|jsonl|markdown]   how results are shown\n"
    "  :schema               labels and relationship types, with counts\n"
    "  :stats                documents, nodes, claims, provenance\n"
    "  :params               the parameters set ($name in queries); :params clear\n"
    "  :param NAME VALUE     set $NAME (VALUE as JSON or a Cypher literal)\n"
    "  :timing [on|off]      show how long each query took\n"
    "  :width N              widest table column (cells)\n"
    "  :limit [N]            rows shown per result (default 1000; 0 shows all)\n"
    "  :audit N              trace the claim in row N of the last result to its sentences\n"
    "  :quit                 leave (also Ctrl-D)\n"
    "Keys: Tab completes keywords, labels, types, property keys, $params and names in\n"
    "quotes; Ctrl-R searches the history; Ctrl-C discards the line or cancels a query.\n";

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

class Repl {
 public:
  Repl(Context& context, graph::Graph& graph, bool interactive)
      : context_(context), graph_(graph), interactive_(interactive) {
    print_.mode = g_start_mode;
    print_.show_timing = interactive;
    data_.keywords = query_lang::Keywords();
    for (const auto& f : query_lang::FunctionNames()) data_.keywords.push_back(f);
    data_.commands = {":help",   ":mode",  ":schema", ":stats", ":params", ":param",
                      ":timing", ":width", ":limit",  ":audit", ":quit",  ":exit"};
    data_.modes = {"table", "csv", "json", "jsonl", "markdown"};
    data_.names = [this](const std::string& prefix) {
      Result<std::vector<std::string>> names = graph_.NamesWithPrefix(prefix, 50);
      return names.ok() ? *names : std::vector<std::string>{};
    };
    LoadSchema();
  }

  int Run() {
    if (interactive_) RunInteractive();
    else RunPiped();
    // A script that failed somewhere says so; a person at a terminal saw it.
    return !interactive_ && errors_ ? kExitError : kExitOk;
  }

 private:
  void RunInteractive() {
    Banner();
    std::string history;
    if (const char* h = std::getenv("KG_HISTORY"); h && *h) {
      history = h;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
      history = std::string(home) + "/.kg_history";
    }
    LineEditor editor(history, [this](const std::string& before) { return Complete(data_, before); });
    std::string buffer;
    while (!quit_) {
      std::string line;
      LineEditor::Read r = editor.ReadLine(buffer.empty() ? "kg> " : "...> ", &line);
      if (r == LineEditor::Read::kEof) {
        std::cout << "\n";
        break;
      }
      if (r == LineEditor::Read::kInterrupted) {
        buffer.clear();
        continue;
      }
      if (buffer.empty() && IsCommand(line)) {
        editor.AddHistory(Trim(line));
        Command(Trim(line));
        continue;
      }
      if (!Accumulate(buffer, line)) continue;
      std::string entry;
      for (char c : buffer) entry += c == '\n' ? ' ' : c;
      editor.AddHistory(Trim(entry));
      RunBuffer(buffer);
      buffer.clear();
    }
  }

  void RunPiped() {
    std::string buffer, line;
    while (!quit_ && std::getline(std::cin, line)) {
      if (buffer.empty() && IsCommand(line)) {
        Command(Trim(line));
        continue;
      }
      if (Accumulate(buffer, line)) {
        RunBuffer(buffer);
        buffer.clear();
      }
    }
    if (!quit_ && !Trim(buffer).empty()) RunBuffer(buffer);
  }

  static bool IsCommand(const std::string& line) {
    std::string t = Trim(line);
    return (!t.empty() && t[0] == ':') || t == "quit" || t == "exit";
  }

  // Adds `line` to the statement being typed; true when it is complete.
  static bool Accumulate(std::string& buffer, const std::string& line) {
    if (buffer.empty() && Trim(line).empty()) return false;
    buffer += (buffer.empty() ? "" : "\n") + line;
    return StatementComplete(buffer);
  }

  void RunBuffer(const std::string& buffer) {
    for (const Statement& st : SplitStatements(buffer)) {
      if (quit_) break;
      RunStatement(st.text);
    }
  }

  void Banner() {
    std::cout << "kg 0.1.0 — " << context_.db;
    Result<graph::GraphStats> s = graph_.Stats();
    if (s.ok()) {
      std::cout << ": " << s->documents << " documents, " << s->nodes << " nodes, " << s->edges
                << " claims";
    }
    std::cout << "\nEnd statements with ';'. :help for commands, Tab completes, Ctrl-R searches "
                 "history, Ctrl-D quits.\n";
  }

  void RunStatement(const std::string& text) {
    query_lang::QueryOptions options;
    options.params = params_;
    options.cancel = &g_cancel;
    options.row_limit = row_limit_;
    query_lang::QueryOutcome outcome = [&] {
      SigintGuard guard(interactive_);
      return query_lang::Execute(graph_, text, options);
    }();
    if (!outcome.ok()) {
      ++errors_;
      std::cout.flush();
      const auto& e = outcome.error();
      if (e.kind == "Cancelled") {
        std::cerr << "Query cancelled (Ctrl-C).\n";
      } else {
        std::cerr << FormatQueryError(e, text);
      }
      return;
    }
    PrintResult(outcome.value(), WithTerminalWidth(), std::cout);
    if (outcome.value().truncated) {
      std::cout.flush();
      std::cerr << "showing the first " << outcome.value().rows.size() << " of "
                << outcome.value().total_rows << " rows (:limit 0 shows all)\n";
    }
    if (outcome.value().rows.empty()) {
      std::string hints = NameHints(graph_, text);
      if (!hints.empty()) {
        std::cout.flush();
        std::cerr << hints;
      }
    }
    if (!outcome.value().plan_text.empty() && print_.mode != OutputMode::kTable) {
      std::cout.flush();
      std::cerr << outcome.value().plan_text;
    }
    if (!print_.show_timing || print_.mode == OutputMode::kTable ||
        print_.mode == OutputMode::kMarkdown) {
      // The table shows the row count and time itself.
    } else {
      std::cerr << "(" << outcome.value().rows.size() << " rows, " << outcome.value().elapsed_ms
                << " ms)\n";
    }
    std::cout.flush();
    if (outcome.value().counters.any()) LoadSchema();
    last_ = std::move(outcome.value());
  }

  // Labels, types and property keys for completion (keys sampled from the
  // first nodes and edges).
  void LoadSchema() {
    data_.labels.clear();
    data_.types.clear();
    data_.property_keys.clear();
    if (auto labels = graph_.Labels(); labels.ok())
      for (const auto& [l, n] : *labels) data_.labels.push_back(l);
    if (auto types = graph_.RelationshipTypes(); types.ok())
      for (const auto& [t, n] : *types) data_.types.push_back(t);
    // Documents are nodes in queries too, though not stored as nodes.
    data_.labels.push_back(graph::kDocumentLabel);
    data_.types.push_back(graph::kMentionedInType);
    std::sort(data_.labels.begin(), data_.labels.end());
    std::sort(data_.types.begin(), data_.types.end());
    std::vector<std::string> keys = {"url", "title", "published", "publisher", "source_path"};
    size_t seen = 0;
    for (auto cur = graph_.ScanNodes(); cur->Valid() && seen < 2000; cur->Next(), ++seen) {
      if (auto n = graph_.GetNode(cur->node()); n.ok())
        for (const auto& [k, v] : n->properties) keys.push_back(k);
    }
    seen = 0;
    for (auto cur = graph_.ScanEdges(); cur->Valid() && seen < 2000; cur->Next(), ++seen) {
      if (auto e = graph_.GetEdge(cur->edge().id); e.ok())
        for (const auto& [k, v] : e->properties) keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    data_.property_keys = keys;
  }

  // The print options, with the table fitted to the terminal's width.
  PrintOptions WithTerminalWidth() const {
    PrintOptions p = print_;
    struct winsize ws {};
    if (interactive_ && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
      p.max_table_width = ws.ws_col;
    }
    return p;
  }

  void Show(QueryResult result) {
    PrintOptions p = WithTerminalWidth();
    p.show_timing = false;
    PrintResult(result, p, std::cout);
    std::cout.flush();
  }

  void Error(const std::string& message) {
    ++errors_;
    std::cout.flush();
    std::cerr << message << "\n";
  }

  void Command(const std::string& line) {
    std::istringstream in(line);
    std::string cmd, arg;
    in >> cmd;
    std::getline(in, arg);
    arg = Trim(arg);
    if (cmd == ":quit" || cmd == ":exit" || cmd == ":q" || cmd == "quit" || cmd == "exit") {
      quit_ = true;
    } else if (cmd == ":help" || cmd == ":h" || cmd == ":?") {
      std::cout << kHelp;
    } else if (cmd == ":mode") {
      if (arg.empty()) {
        std::cout << "mode: " << OutputModeName(print_.mode) << "\n";
      } else if (auto m = ParseOutputMode(arg)) {
        print_.mode = *m;
        std::cout << "mode: " << OutputModeName(*m) << "\n";
      } else {
        Error("unknown mode '" + arg + "' (table, csv, json, jsonl or markdown)");
      }
    } else if (cmd == ":timing") {
      if (arg == "on") print_.show_timing = true;
      else if (arg == "off") print_.show_timing = false;
      else if (arg.empty()) print_.show_timing = !print_.show_timing;
      else return Error("usage: :timing [on|off]");
      std::cout << "timing: " << (print_.show_timing ? "on" : "off") << "\n";
    } else if (cmd == ":width") {
      char* end = nullptr;
      long w = std::strtol(arg.c_str(), &end, 10);
      if (arg.empty() || *end || w < 4) return Error("usage: :width N (N >= 4)");
      print_.max_column_width = static_cast<size_t>(w);
    } else if (cmd == ":limit") {
      if (!arg.empty()) {
        char* end = nullptr;
        long n = std::strtol(arg.c_str(), &end, 10);
        if (*end || n < 0) return Error("usage: :limit N (0 shows every row)");
        row_limit_ = n;
      }
      std::cout << "limit: " << (row_limit_ == 0 ? std::string("none") : std::to_string(row_limit_))
                << "\n";
    } else if (cmd == ":schema") {
      Schema();
    } else if (cmd == ":stats") {
      Stats();
    } else if (cmd == ":params") {
      if (arg == "clear") {
        params_.clear();
      } else if (!arg.empty()) {
        return Error("usage: :params [clear]");
      }
      if (params_.empty()) std::cout << "no parameters (set one with :param NAME VALUE)\n";
      for (const auto& [k, v] : params_) std::cout << "$" << k << " = " << v.ToString() << "\n";
    } else if (cmd == ":param") {
      size_t space = arg.find_first_of(" \t=");
      if (arg.empty() || space == std::string::npos) return Error("usage: :param NAME VALUE");
      Status s = ParseParam(arg.substr(0, space) + "=" + Trim(arg.substr(space + 1)), params_);
      if (!s.ok()) return Error(s.message());
      data_.parameters.clear();
      for (const auto& [k, v] : params_) data_.parameters.push_back(k);
    } else if (cmd == ":audit") {
      Audit(arg);
    } else {
      Error("unknown command " + cmd + " (try :help)");
    }
  }

  void Schema() {
    QueryResult r;
    r.columns = {"kind", "name", "count"};
    auto labels = graph_.Labels();
    auto types = graph_.RelationshipTypes();
    if (!labels.ok()) return Error(labels.status().ToString());
    if (!types.ok()) return Error(types.status().ToString());
    for (const auto& [l, n] : *labels)
      r.rows.push_back({Value::String("label"), Value::String(l), Value::Int(static_cast<int64_t>(n))});
    for (const auto& [t, n] : *types)
      r.rows.push_back({Value::String("relationship"), Value::String(t), Value::Int(static_cast<int64_t>(n))});
    for (const auto& k : data_.property_keys)
      r.rows.push_back({Value::String("property"), Value::String(k), Value::Null()});
    Show(std::move(r));
  }

  void Stats() {
    Result<graph::GraphStats> s = graph_.Stats();
    if (!s.ok()) return Error(s.status().ToString());
    QueryResult r;
    r.columns = {"what", "count"};
    auto add = [&](const char* what, uint64_t n) {
      r.rows.push_back({Value::String(what), Value::Int(static_cast<int64_t>(n))});
    };
    add("documents", s->documents);
    add("nodes", s->nodes);
    add("entities", s->entities);
    add("claims", s->edges);
    add("provenance records", s->provenance);
    add("mentions", s->mentions);
    for (const auto& e : s->extractors) r.rows.push_back({Value::String("extractor"), Value::String(e)});
    Show(std::move(r));
  }

  static void CollectEdges(const Value& v, std::vector<uint64_t>& out) {
    switch (v.kind()) {
      case Value::Kind::kRelationship: out.push_back(v.as_relationship().id); break;
      case Value::Kind::kPath:
        for (const auto& r : v.as_path().relationships) out.push_back(r.id);
        break;
      case Value::Kind::kList:
        for (const auto& item : v.as_list()) CollectEdges(item, out);
        break;
      default: break;
    }
  }

  void Audit(const std::string& arg) {
    char* end = nullptr;
    long n = std::strtol(arg.c_str(), &end, 10);
    if (arg.empty() || *end || n < 1) return Error("usage: :audit N (the row number, 1 = first row)");
    if (!last_) return Error(":audit needs a result: run a query that returns a relationship first");
    if (static_cast<size_t>(n) > last_->rows.size()) {
      size_t rows = last_->rows.size();
      return Error("the last result has " + std::to_string(rows) + (rows == 1 ? " row" : " rows") +
                   "; no row " + std::to_string(n));
    }
    std::vector<uint64_t> edges;
    for (const Value& v : last_->rows[n - 1]) CollectEdges(v, edges);
    if (edges.empty()) {
      return Error("row " + std::to_string(n) +
                   " holds no relationship to audit: RETURN the relationship itself, as in "
                   "MATCH (a)-[r]->(b) RETURN a.name, r, b.name");
    }
    for (uint64_t id : edges) {
      Result<graph::ClaimAudit> audit = graph::AuditClaim(graph_, id);
      if (!audit.ok()) return Error(audit.status().message());
      std::cout << graph::FormatClaimAudit(*audit);
    }
    std::cout.flush();
  }

  Context& context_;
  graph::Graph& graph_;
  bool interactive_;
  bool quit_ = false;
  int errors_ = 0;
  int64_t row_limit_ = kDefaultRowLimit;  // :limit
  PrintOptions print_;
  query_lang::ValueMap params_;
  CompletionData data_;
  std::optional<QueryResult> last_;
};

}  // namespace

int RunRepl(Context& context) {
  Result<std::unique_ptr<graph::Graph>> graph = OpenGraph(context, /*read_only=*/false);
  if (!graph.ok() && !graph.status().IsNotFound()) {
    // Another kg process holds the write lock: a read-only session still
    // answers queries.
    Result<std::unique_ptr<graph::Graph>> reader = OpenGraph(context, /*read_only=*/true);
    if (reader.ok()) {
      std::cerr << "kg: " << graph.status().message()
                << "\nkg: opened read-only: queries work, CREATE does not\n";
      graph = std::move(reader);
    }
  }
  if (!graph.ok()) {
    std::cerr << "kg: " << graph.status().message() << "\n";
    return kExitError;
  }
  Repl repl(context, **graph, isatty(STDIN_FILENO) != 0);
  return repl.Run();
}

void RegisterRepl(CLI::App& app, Context& context) {
  auto mode = std::make_shared<std::string>("table");
  CLI::App* cmd = app.add_subcommand(
      "repl", "Interactive Cypher shell (reads statements from stdin when it is not a terminal)");
  cmd->add_option("--mode", *mode, "Result format to start with: table, csv, json, jsonl, markdown");
  cmd->callback([&context, mode] {
    std::optional<OutputMode> m = ParseOutputMode(*mode);
    if (!m) {
      std::cerr << "kg repl: unknown --mode '" << *mode << "'\n";
      context.exit_code = kExitUsage;
      return;
    }
    g_start_mode = *m;
    context.exit_code = RunRepl(context);
  });
}

}  // namespace kg::cli
