// kg train: Train the tagger or parser.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterTrain(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("train", "Train the tagger or parser");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg train: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
