// kg query: Run a Cypher query.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterQuery(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("query", "Run a Cypher query");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg query: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
