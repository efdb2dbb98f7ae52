// kg eval carb: CaRB precision, recall, F1 and AUC.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterEvalCarb(CLI::App& eval, Context& context) {
  CLI::App* cmd = eval.add_subcommand("carb", "CaRB precision, recall, F1 and AUC");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg eval carb: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
