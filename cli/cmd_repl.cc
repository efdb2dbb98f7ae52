// kg repl: Interactive shell.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterRepl(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("repl", "Interactive shell");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg repl: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli

namespace kg::cli {
int RunRepl(Context& context) {
  std::cerr << "kg repl: not implemented yet\n";
  return kExitError;
}
}  // namespace kg::cli
