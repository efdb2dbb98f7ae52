// kg parse: Print CoNLL-U for text on stdin.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterParse(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("parse", "Print CoNLL-U for text on stdin");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg parse: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
