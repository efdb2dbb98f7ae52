// kg extract: Extract claims without a store (streaming).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterExtract(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("extract", "Extract claims without a store (streaming)");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg extract: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
