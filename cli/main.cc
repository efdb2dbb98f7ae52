// kg: knowledge graphs from articles, with provenance.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace kg::cli;
  Context context;
  if (const char* env = std::getenv("KG_DB"); env && *env) context.db = env;

  CLI::App app{"kg: knowledge graphs from articles, with provenance.\n"
               "Every claim is stored with the document, sentence and span it came from."};
  app.set_version_flag("--version", std::string("kg 0.1.0"));
  app.add_option("--db", context.db, "Database folder (default ./kg.db, or $KG_DB)");
  app.add_option("--format", context.format, "Output format: text, json (and per command)");
  app.add_flag("-q,--quiet", context.quiet, "No progress or summary on stderr");
  app.add_flag("--include-rejected", context.include_rejected,
               "Show the claims rejected by `kg curate reject` (hidden otherwise)");
  app.require_subcommand(0, 1);
  // Global options work after the subcommand too ("kg stats --db X"):
  // what a subcommand does not know falls through to kg itself.
  app.fallthrough();

  RegisterIngest(app, context);
  RegisterExtract(app, context);
  RegisterLoad(app, context);
  RegisterQuery(app, context);
  RegisterRepl(app, context);
  RegisterExport(app, context);
  RegisterAudit(app, context);
  RegisterTimeline(app, context);
  RegisterCurate(app, context);
  RegisterRetract(app, context);
  RegisterStats(app, context);
  RegisterCheck(app, context);
  RegisterTrain(app, context);
  RegisterParse(app, context);
  CLI::App* eval = app.add_subcommand("eval", "Measure the parser or the claim extractor");
  eval->require_subcommand(1);
  RegisterEvalParse(*eval, context);
  RegisterEvalCarb(*eval, context);
  RegisterEvalNer(*eval, context);
  RegisterEvalCoref(*eval, context);
  RegisterEvalClaims(*eval, context);

  // Every command's help ends with the global options it accepts too.
  std::function<void(CLI::App*)> add_global_footer = [&](CLI::App* parent) {
    for (CLI::App* sub : parent->get_subcommands([](CLI::App*) { return true; })) {
      sub->footer(
          "Global options (before or after the command):\n"
          "  --db DIR        Database folder (default ./kg.db, or $KG_DB)\n"
          "  --format NAME   Output format: text|table|csv|json|jsonl|markdown|html, where the\n"
          "                  command has it\n"
          "  -q,--quiet      No progress or summary on stderr\n"
          "  --include-rejected  Show the claims rejected by `kg curate reject`");
      add_global_footer(sub);
    }
  };
  add_global_footer(&app);

  // kg help [CMD [SUB]]: the help of kg or of one command.
  std::vector<std::string> help_topic;
  CLI::App* help = app.add_subcommand("help", "Show the help of kg, or of one command");
  help->add_option("command", help_topic, "Command (and subcommand), e.g. eval ner");
  help->callback([&] {
    CLI::App* target = &app;
    std::string usage_name = "kg";
    for (const std::string& name : help_topic) {
      usage_name += " " + name;
      CLI::App* sub = nullptr;
      try {
        sub = target->get_subcommand(name);
      } catch (const CLI::OptionNotFound&) {
      }
      if (!sub) {
        std::cerr << "kg help: no command '" << name << "'\n";
        context.exit_code = kExitUsage;
        return;
      }
      target = sub;
    }
    // (App::help of an app whose subcommand ran shows that subcommand.)
    std::cout << target->get_formatter()->make_help(target, usage_name, CLI::AppFormatMode::Normal);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kg: internal error: " << e.what() << "\n";
    return kExitError;
  }
  if (app.get_subcommands().empty()) {
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) return RunRepl(context);
    std::cerr << app.help();
    return kExitUsage;
  }
  return context.exit_code;
}
