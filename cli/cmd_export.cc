// kg export: the graph, a query's result or an entity's neighbourhood as DOT
// (Graphviz), GraphML (Gephi, Cytoscape), JSON, or CSV for neo4j-admin import
// and Kùzu's COPY FROM (see graph/export.h for the shapes).
//
//   kg export --format dot --around 'Vladimir Putin' --depth 2 --render svg -o putin.svg
//   kg export --format csv -o out/            # nodes.csv, edges.csv, kuzu_schema.cypher
//   kg export --format graphml --query 'MATCH p=(a)-[*1..2]->(b {name: "FBI"}) RETURN p'
//
// Size cap: a DOT export (or --render) with more than --max-nodes nodes
// (default 5000) is refused — Graphviz would take very long and the picture
// would be unreadable; the data formats are written anyway, with a warning.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/repl_support.h"
#include "graph/export.h"
#include "graph/graph.h"
#include "query-lang/query_engine.h"

extern char** environ;

namespace kg::cli {
namespace {

struct ExportArgs {
  std::string format;
  std::string output;
  std::string query;
  std::vector<std::string> params;
  std::string around;
  int depth = 2;
  std::string render;
  size_t max_nodes = 5000;
};

void Collect(const query_lang::Value& v, graph::Subgraph& sub) {
  using K = query_lang::Value::Kind;
  switch (v.kind()) {
    case K::kNode:
      sub.nodes.push_back(v.as_node().id);
      break;
    case K::kRelationship:
      sub.edges.push_back(v.as_relationship().id);
      break;
    case K::kPath:
      for (const auto& n : v.as_path().nodes) sub.nodes.push_back(n.id);
      for (const auto& r : v.as_path().relationships) sub.edges.push_back(r.id);
      break;
    case K::kList:
      for (const auto& item : v.as_list()) Collect(item, sub);
      break;
    case K::kMap:
      for (const auto& [k, item] : v.as_map()) Collect(item, sub);
      break;
    default:
      break;
  }
}

// The path of Graphviz's dot: $KG_DOT when set, else the first "dot" on PATH.
std::string FindDot() {
  if (const char* env = std::getenv("KG_DOT"); env && *env) {
    return ::access(env, X_OK) == 0 ? env : "";
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/dot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Runs `dot -T<format> -o <output> <input>` (no shell involved).
Status RunDot(const std::string& dot, const std::string& format, const std::string& input,
              const std::string& output) {
  std::vector<std::string> argv_s = {dot, "-T" + format, input};
  if (!output.empty()) {
    argv_s.push_back("-o");
    argv_s.push_back(output);
  }
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, dot.c_str(), nullptr, nullptr, argv.data(), environ);
  if (rc != 0) return Status::IOError("cannot run " + dot + ": " + std::strerror(rc));
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return Status::IOError("Graphviz dot failed (exit " +
                           std::to_string(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1) +
                           ")" + (output.empty() ? "" : " writing " + output));
  }
  return Status::OK();
}

int Fail(const std::string& message, int code = kExitError) {
  std::cerr << "kg export: " << message << "\n";
  return code;
}

// Fails early when `path` (a file to create) cannot be written, before any
// work is done.
Status CheckWritableFile(const std::string& path) {
  struct stat st;
  bool existed = ::stat(path.c_str(), &st) == 0;
  if (existed && S_ISDIR(st.st_mode)) return Status::IOError("cannot write " + path + ": it is a folder");
  std::ofstream probe(path, std::ios::binary | std::ios::app);
  if (!probe) return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
  probe.close();
  if (!existed) ::unlink(path.c_str());
  return Status::OK();
}

int RunExport(Context& context, const ExportArgs& args) {
  std::string format = !args.format.empty() ? args.format
                       : context.format != "text" ? context.format
                                                  : "dot";
  if (format != "dot" && format != "graphml" && format != "json" && format != "csv") {
    return Fail("unknown --format '" + format + "' (use dot, graphml, json or csv)", kExitUsage);
  }
  if (!args.render.empty()) {
    if (args.render != "svg" && args.render != "png" && args.render != "pdf") {
      return Fail("unknown --render '" + args.render + "' (use svg, png or pdf)", kExitUsage);
    }
    if (format != "dot") return Fail("--render works with --format dot", kExitUsage);
  }
  if (!args.query.empty() && !args.around.empty()) {
    return Fail("give --query or --around, not both", kExitUsage);
  }
  if (format == "csv" && args.output.empty()) {
    return Fail("--format csv writes a folder (nodes.csv, edges.csv): give it with -o DIR",
                kExitUsage);
  }
  if (args.depth < 0) return Fail("--depth must be 0 or more", kExitUsage);
  std::string dot;
  if (!args.render.empty()) {
    dot = FindDot();
    if (dot.empty()) {
      return Fail(
          "--render needs Graphviz's `dot`, which was not found on PATH (install graphviz, "
          "e.g. `apt-get install graphviz`), or export --format dot and render it elsewhere");
    }
  }
  if (!args.output.empty() && format != "csv") {
    Status s = CheckWritableFile(args.output);
    if (!s.ok()) return Fail(s.message());
  }

  Result<std::unique_ptr<graph::Graph>> opened = OpenGraph(context, /*read_only=*/true);
  if (!opened.ok()) return Fail(opened.status().message());
  graph::Graph& graph = **opened;

  // Pictures are capped; data formats are read whole and only warned about.
  const bool picture = format == "dot";
  const size_t scan_cap = picture ? args.max_nodes : 0;
  graph::Subgraph sub;
  std::string what;
  if (!args.around.empty()) {
    Result<graph::Subgraph> r = graph::Neighbourhood(graph, args.around, args.depth, scan_cap);
    if (!r.ok()) return Fail(r.status().message());
    sub = std::move(*r);
    what = "the neighbourhood of '" + args.around + "' (depth " + std::to_string(args.depth) + ")";
  } else if (!args.query.empty()) {
    query_lang::QueryOptions options;
    for (const auto& p : args.params) {
      Status s = ParseParam(p, options.params);
      if (!s.ok()) return Fail(s.message(), kExitUsage);
    }
    query_lang::QueryOutcome outcome = query_lang::Execute(graph, args.query, options);
    if (!outcome.ok()) {
      std::cerr << "kg export: " << FormatQueryError(outcome.error(), args.query);
      return kExitError;
    }
    for (const auto& row : outcome.value().rows) {
      for (const auto& v : row) Collect(v, sub);
    }
    Status s = sub.Complete(graph, /*add_endpoints=*/true);
    if (!s.ok()) return Fail(s.message());
    if (sub.nodes.empty()) {
      return Fail("the query returned no nodes, relationships or paths to export (RETURN n, r "
                  "or p, not their properties)");
    }
    what = "the query's result";
  } else {
    Result<graph::Subgraph> r = graph::WholeGraph(graph, scan_cap);
    if (!r.ok()) return Fail(r.status().message());
    sub = std::move(*r);
    what = "the whole graph";
  }
  if (args.max_nodes > 0 && sub.nodes.size() > args.max_nodes) {
    if (picture) {
      return Fail(what + " has more than " + std::to_string(args.max_nodes) +
                  " nodes (--max-nodes): Graphviz would take very long and the picture would "
                  "be unreadable. Narrow it with --around NAME --depth N or --query, or raise "
                  "the cap with --max-nodes N (0 = no cap); for big graphs use --format graphml, "
                  "json or csv.");
    }
    if (!context.quiet) {
      std::cerr << "kg export: warning: " << what << " has " << sub.nodes.size()
                << " nodes, more than --max-nodes " << args.max_nodes << "\n";
    }
  }

  Status written;
  if (format == "csv") {
    written = graph::WriteCsv(graph, sub, args.output);
  } else {
    std::string dot_tmp;
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!args.render.empty()) {
      char tmpl[] = "/tmp/kg-export-XXXXXX";
      int fd = mkstemp(tmpl);
      if (fd < 0) return Fail(std::string("cannot create a temporary file: ") + std::strerror(errno));
      ::close(fd);
      dot_tmp = tmpl;
      file.open(dot_tmp, std::ios::binary | std::ios::trunc);
      out = &file;
    } else if (!args.output.empty()) {
      file.open(args.output, std::ios::binary | std::ios::trunc);
      if (!file) return Fail("cannot write " + args.output + ": " + std::strerror(errno));
      out = &file;
    }
    if (format == "dot") {
      written = graph::WriteDot(graph, sub, {}, *out);
    } else if (format == "graphml") {
      written = graph::WriteGraphML(graph, sub, *out);
    } else {
      written = graph::WriteJson(graph, sub, *out);
    }
    if (file.is_open()) file.close();
    if (written.ok() && !args.render.empty()) {
      written = RunDot(dot, args.render, dot_tmp, args.output);
    }
    if (!dot_tmp.empty()) ::unlink(dot_tmp.c_str());
    if (written.ok() && (!args.output.empty() && !file)) {
      written = Status::IOError("cannot write " + args.output);
    }
  }
  if (!written.ok()) return Fail(written.message());
  if (!context.quiet && !args.output.empty()) {
    std::cerr << "kg export: wrote " << sub.nodes.size() << " nodes and " << sub.edges.size()
              << " edges (" << what << ") to " << args.output << "\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterExport(CLI::App& app, Context& context) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Export the graph (DOT for Graphviz, GraphML, JSON, CSV for neo4j/Kùzu)");
  cmd->add_option("--format", args->format, "dot (default), graphml, json or csv");
  cmd->add_option("-o,--output", args->output,
                  "Output file (default stdout); for csv the folder to write into");
  cmd->add_option("--query", args->query, "Export only the nodes, relationships and paths this query returns");
  cmd->add_option("-p,--param", args->params, "Query parameter name=value")
      ->allow_extra_args(false);
  cmd->add_option("--around", args->around, "Export the neighbourhood of the entity with this name");
  cmd->add_option("--depth", args->depth, "Hops around --around (default 2)");
  cmd->add_option("--render", args->render, "Run Graphviz dot to make svg, png or pdf");
  cmd->add_option("--max-nodes", args->max_nodes,
                  "Refuse DOT exports (warn for others) above this many nodes (default 5000; 0 = no cap)");
  cmd->callback([&context, args] { context.exit_code = RunExport(context, *args); });
}

}  // namespace kg::cli
