// kg ingest: Read articles, extract claims and store them.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterIngest(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("ingest", "Read articles, extract claims and store them");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg ingest: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
