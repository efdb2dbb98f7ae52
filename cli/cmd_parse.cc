// kg parse: print CoNLL-U for the text on stdin (or in FILE).
//
//   echo "Putin called Obama." | kg parse
//
// Each sentence gets "# sent_id = N" and "# text = ..." lines; the MISC
// column carries SpaceAfter=No where the text had no space.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "extract/conllu.h"
#include "extract/pipeline.h"

namespace kg::cli {

namespace {

struct ParseArgs {
  std::string models;
  std::string file;
};

int RunParse(const ParseArgs& a) {
  std::string text;
  if (a.file.empty() || a.file == "-") {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(a.file, std::ios::binary);
    if (!in) {
      std::cerr << "kg parse: cannot open " << a.file << "\n";
      return kExitError;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  Result<std::unique_ptr<extract::Pipeline>> nlp = extract::Pipeline::Load(a.models);
  if (!nlp.ok()) {
    std::cerr << "kg parse: " << nlp.status().message() << "\n";
    return kExitError;
  }
  std::vector<extract::Sentence> sentences = (*nlp)->Analyze(text);
  for (size_t i = 0; i < sentences.size(); ++i) {
    const extract::Sentence& s = sentences[i];
    extract::WriteConllu(s, std::string_view(text).substr(s.span.begin, s.span.size()),
                         std::to_string(i + 1), std::cout);
  }
  return std::cout ? kExitOk : kExitError;
}

}  // namespace

void RegisterParse(CLI::App& app, Context& context) {
  CLI::App* cmd =
      app.add_subcommand("parse", "Print CoNLL-U (tags, lemmas, UD tree) for text on stdin");
  auto args = std::make_shared<ParseArgs>();
  cmd->add_option("file", args->file, "Text file to read instead of stdin");
  cmd->add_option("--models", args->models,
                  "Models folder (default $KG_MODELS, else the build's models/)");
  cmd->callback([&context, args] { context.exit_code = RunParse(*args); });
}

}  // namespace kg::cli
