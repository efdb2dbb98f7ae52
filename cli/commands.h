// The kg command: one Register function per subcommand.
//
// main.cc builds the CLI11 app with the global options and calls every
// Register* below; each lives in cli/cmd_<name>.cc and adds its subcommand,
// whose callback runs the work and stores the process exit code in
// `context.exit_code` (see ExitCode).
#pragma once

#include <string>

namespace CLI {
class App;
}
namespace kg::graph {
class Graph;
}

namespace kg::cli {

// Exit codes every subcommand uses.
enum ExitCode : int {
  kExitOk = 0,
  kExitError = 1,
  kExitUsage = 2,
  kExitPartial = 3,  // some inputs were rejected, the others done
};

// Options shared by every subcommand, filled in before a callback runs.
struct Context {
  std::string db = "kg.db";     // --db DIR, else $KG_DB, else ./kg.db
  std::string format = "text";  // --format text|json|... (each command says which)
  bool quiet = false;           // --quiet: no progress, no summary line
  bool include_rejected = false;  // --include-rejected: show claims rejected by `kg curate reject`
  int exit_code = kExitOk;
};

void RegisterIngest(CLI::App& app, Context& context);
void RegisterStats(CLI::App& app, Context& context);
void RegisterCheck(CLI::App& app, Context& context);
void RegisterRetract(CLI::App& app, Context& context);
void RegisterExtract(CLI::App& app, Context& context);
void RegisterLoad(CLI::App& app, Context& context);
void RegisterQuery(CLI::App& app, Context& context);
void RegisterRepl(CLI::App& app, Context& context);
void RegisterExport(CLI::App& app, Context& context);
void RegisterAudit(CLI::App& app, Context& context);
void RegisterTimeline(CLI::App& app, Context& context);  // cli/cmd_timeline.cc
void RegisterCurate(CLI::App& app, Context& context);    // cli/cmd_curate.cc

// Applies the curation records again after `command` (ingest, load,
// retract) changed the graph (graph/curation.h); prints what it did unless
// --quiet. Returns an exit code.
int ReapplyCurationAfter(graph::Graph& graph, const Context& context, const std::string& command);
void RegisterTrain(CLI::App& app, Context& context);
void RegisterParse(CLI::App& app, Context& context);
// `kg eval parse` and `kg eval carb` share the `eval` subcommand.
void RegisterEvalParse(CLI::App& eval, Context& context);
void RegisterEvalCarb(CLI::App& eval, Context& context);
// `kg train ner` and `kg eval ner` (cli/cmd_ner.cc).
void RegisterTrainNer(CLI::App& train, Context& context);
void RegisterEvalNer(CLI::App& eval, Context& context);
void RegisterEvalCoref(CLI::App& eval, Context& context);  // cli/cmd_coref.cc
void RegisterEvalClaims(CLI::App& eval, Context& context);  // cli/cmd_eval_claims.cc

// Runs the REPL (also what plain `kg` does on a terminal).
int RunRepl(Context& context);

}  // namespace kg::cli
