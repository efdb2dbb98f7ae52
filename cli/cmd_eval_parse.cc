// kg eval parse: UPOS, XPOS, UAS, LAS on a CoNLL-U file.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace kg::cli {

void RegisterEvalParse(CLI::App& eval, Context& context) {
  CLI::App* cmd = eval.add_subcommand("parse", "UPOS, XPOS, UAS, LAS on a CoNLL-U file");
  cmd->allow_extras();
  cmd->callback([&context] {
    std::cerr << "kg eval parse: not implemented yet\n";
    context.exit_code = kExitError;
  });
}

}  // namespace kg::cli
