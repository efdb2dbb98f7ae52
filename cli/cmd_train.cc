// kg train: train the tagger or the dependency parser on a CoNLL-U treebank.
//
//   kg train tagger --train train.conllu --dev dev.conllu -o models/tagger.kgm
//   kg train parser --train train.conllu --dev dev.conllu -o models/parser.kgm
//                   [--tagger models/tagger.kgm] [--jackknife 10] [--seeds 3]
//                   [--prune 1.0] [--directions 2]
//
// The parser trains on jackknifed tags (each tenth of the training set
// tagged by a tagger trained on the other nine) and is scored on dev with
// the tags of --tagger (or of a tagger trained here), so it learns from the
// kind of tags it sees at run time. With --directions 2 (the default) it
// trains a left-to-right and a right-to-left parser whose trees are combined
// at parse time. Seeds, directions and jackknife folds train two at a time.
// Same inputs and seed, same model.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "extract/nlp_train.h"
#include "extract/parser.h"
#include "extract/tagger.h"

namespace kg::cli {

namespace {

struct TrainArgs {
  std::string train, dev, out, tagger;
  uint64_t seed = 1;
  int epochs = 0;  // 0 = the model's default
  int tagger_epochs = 12;
  int jackknife = 10;
  double explore = 0.9;
  int seeds = 1;
  float prune = 0.0f;
  int directions = 2;
};

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int RunTrain(const std::string& what, const TrainArgs& a, const Context& context) {
  auto start = std::chrono::steady_clock::now();
  Result<std::vector<extract::Sentence>> train = extract::ReadTreebank(a.train);
  if (!train.ok()) {
    std::cerr << "kg train: " << train.status().message() << "\n";
    return kExitError;
  }
  std::vector<extract::Sentence> dev;
  if (!a.dev.empty()) {
    Result<std::vector<extract::Sentence>> d = extract::ReadTreebank(a.dev);
    if (!d.ok()) {
      std::cerr << "kg train: " << d.status().message() << "\n";
      return kExitError;
    }
    dev = std::move(*d);
  }
  extract::TaggerTrainOptions topt;
  topt.seed = a.seed;
  topt.verbose = !context.quiet;
  topt.epochs = what == "tagger" && a.epochs > 0 ? a.epochs : a.tagger_epochs;
  if (what == "tagger") {
    std::unique_ptr<extract::Tagger> tagger = extract::Tagger::Train(*train, dev, topt);
    Status st = tagger->Save(a.out);
    if (!st.ok()) {
      std::cerr << "kg train: " << st.message() << "\n";
      return kExitError;
    }
    extract::TaggerScores s = tagger->Evaluate(dev);
    std::cout << "tagger " << a.out << ": dev UPOS " << s.upos << " XPOS " << s.xpos << " ("
              << s.tokens << " tokens), " << tagger->num_features() << " features, "
              << Seconds(start) << " s\n";
    return kExitOk;
  }
  // Parser: tags for dev from --tagger (or a tagger trained here), tags for
  // train by jackknifing.
  std::unique_ptr<extract::Tagger> dev_tagger;
  if (!a.tagger.empty()) {
    Result<std::unique_ptr<extract::Tagger>> t = extract::Tagger::Load(a.tagger);
    if (!t.ok()) {
      std::cerr << "kg train: " << t.status().message() << "\n";
      return kExitError;
    }
    dev_tagger = std::move(*t);
  } else if (a.jackknife > 1 && !dev.empty()) {
    extract::TaggerTrainOptions o = topt;
    o.verbose = false;
    dev_tagger = extract::Tagger::Train(*train, {}, o);
  }
  if (dev_tagger && a.jackknife > 1) {
    for (extract::Sentence& s : dev) dev_tagger->Tag(s);
  }
  extract::JackknifeTags(*train, a.jackknife, topt);
  extract::ParserTrainOptions popt;
  popt.seed = a.seed;
  popt.verbose = !context.quiet;
  popt.explore = a.explore;
  popt.seeds = a.seeds;
  popt.prune = a.prune;
  popt.both_directions = a.directions == 2;
  if (a.epochs > 0) popt.epochs = a.epochs;
  std::unique_ptr<extract::DependencyParser> parser =
      extract::DependencyParser::Train(*train, dev, popt);
  Status st = parser->Save(a.out);
  if (!st.ok()) {
    std::cerr << "kg train: " << st.message() << "\n";
    return kExitError;
  }
  extract::ParserScores s = parser->Evaluate(dev);
  std::cout << "parser " << a.out << ": dev UAS " << s.uas << " LAS " << s.las << " (" << s.tokens
            << " tokens, " << (a.jackknife > 1 ? "predicted" : "gold") << " tags), "
            << parser->num_features() << " features, " << Seconds(start) << " s\n";
  return kExitOk;
}

}  // namespace

void RegisterTrain(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("train", "Train the tagger, parser or named-entity recognizer");
  cmd->require_subcommand(1);
  auto args = std::make_shared<TrainArgs>();
  for (const char* what : {"tagger", "parser"}) {
    CLI::App* sub = cmd->add_subcommand(what, std::string("Train the ") + what);
    sub->add_option("--train", args->train, "Training treebank (CoNLL-U)")->required();
    sub->add_option("--dev", args->dev, "Development treebank: the best epoch on it is kept");
    sub->add_option("-o,--output", args->out,
                    "Model file to write (models/" + std::string(what) + ".kgm)")
        ->required();
    sub->add_option("--seed", args->seed, "Random seed (shuffling, exploration)");
    sub->add_option("--epochs", args->epochs, "Training epochs");
    if (std::string(what) == "parser") {
      sub->add_option("--tagger", args->tagger, "Tagger model giving the dev tags");
      sub->add_option("--jackknife", args->jackknife,
                      "Folds for jackknifed training tags (0 = gold tags)");
      sub->add_option("--tagger-epochs", args->tagger_epochs, "Epochs of the fold taggers");
      sub->add_option("--explore", args->explore,
                      "Probability of following the parser's own wrong move in training");
      sub->add_option("--seeds", args->seeds,
                      "Train with seeds seed..seed+N-1 and average the models");
      sub->add_option("--prune", args->prune, "Drop averaged weights below this (model size)");
      sub->add_option("--directions", args->directions,
                      "Parser: 2 = left-to-right and right-to-left, trees combined; 1 = left-to-right only")
          ->check(CLI::Range(1, 2));
    }
    std::string w = what;
    sub->callback([&context, args, w] { context.exit_code = RunTrain(w, *args, context); });
  }
  RegisterTrainNer(*cmd, context);
}

}  // namespace kg::cli
