// kg retract: Remove a document and its provenance.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterRetract(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("retract", "Remove a document and its provenance");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg retract: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
