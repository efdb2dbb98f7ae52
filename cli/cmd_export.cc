// kg export: Export the graph (DOT, GraphML, JSON, CSV).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterExport(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("export", "Export the graph (DOT, GraphML, JSON, CSV)");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg export: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
