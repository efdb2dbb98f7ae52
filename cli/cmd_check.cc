// kg check: cross-checks every index, counter, provenance record and
// document of the database. Exit 0 when consistent, 1 otherwise.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "graph/graph.h"

namespace kg::cli {

void RegisterCheck(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("check", "Cross-check the database");
  cmd->callback([&context] {
    graph::OpenOptions open;
    open.create_if_missing = false;
    open.read_only = true;
    auto graph = graph::Graph::Open(context.db, open);
    if (!graph.ok()) {
      std::cerr << "kg check: " << graph.status().message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    auto problems = (*graph)->Check();
    if (!problems.ok()) {
      std::cerr << "kg check: " << problems.status().message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    for (const auto& p : *problems) std::cout << "problem: " << p.what << "\n";
    auto stats = (*graph)->Stats();
    if (problems->empty()) {
      std::cout << "check: ok";
      if (stats.ok()) {
        std::cout << " (" << stats->documents << " documents, " << stats->nodes << " nodes, "
                  << stats->edges << " claims, " << stats->provenance << " sources)";
      }
      std::cout << "\n";
      context.exit_code = kExitOk;
    } else {
      std::cout << "check: " << problems->size() << " problem(s)\n";
      context.exit_code = kExitError;
    }
  });
}

}  // namespace kg::cli
