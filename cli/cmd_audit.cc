// kg audit: Trace claims to their sentences.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterAudit(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("audit", "Trace claims to their sentences");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg audit: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
