// kg check: Cross-check the database.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterCheck(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("check", "Cross-check the database");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg check: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
