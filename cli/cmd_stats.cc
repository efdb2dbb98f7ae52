// kg stats: Counts of documents, entities, claims, sources.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterStats(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("stats", "Counts of documents, entities, claims, sources");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg stats: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
