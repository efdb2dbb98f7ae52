// kg eval carb: CaRB precision, recall, F1 and AUC.
//
//   kg eval carb --sentences dev.txt --gold gold/dev.tsv [--predictions out.tab]
//
// Without --predictions, kg's own extractor reads every sentence of
// --sentences (one PTB-tokenized sentence per line) and is scored; with it,
// the given tabbed predictions are scored (how the reference figures of other
// systems are reproduced). --out writes CaRB's PR-curve file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "extract/carb.h"
#include "extract/openie_extractor.h"

namespace kg::cli {
namespace {

struct EvalCarbArgs {
  std::string sentences;
  std::string gold;
  std::string predictions;
  std::string out;
  std::string models;
  std::string save;
};

int RunEvalCarb(const EvalCarbArgs& args, const Context& context) {
  Result<extract::CarbGold> gold = extract::ReadCarbGold(args.gold);
  if (!gold.ok()) {
    std::cerr << "kg eval carb: " << gold.status().ToString() << "\n";
    return kExitError;
  }
  extract::CarbPredictions predictions;
  if (!args.predictions.empty()) {
    Result<extract::CarbPredictions> read = extract::ReadCarbTabbed(args.predictions);
    if (!read.ok()) {
      std::cerr << "kg eval carb: " << read.status().ToString() << "\n";
      return kExitError;
    }
    predictions = std::move(*read);
  } else {
    if (args.sentences.empty()) {
      std::cerr << "kg eval carb: give --sentences (to run kg's extractor) or --predictions\n";
      return kExitUsage;
    }
    Result<std::unique_ptr<extract::OpenIeExtractor>> extractor =
        extract::OpenIeExtractor::Load(args.models);
    if (!extractor.ok()) {
      std::cerr << "kg eval carb: " << extractor.status().ToString() << "\n";
      return kExitError;
    }
    std::ifstream in(args.sentences);
    if (!in) {
      std::cerr << "kg eval carb: cannot open " << args.sentences << "\n";
      return kExitError;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      for (extract::CarbTuple& t : (*extractor)->ExtractCarb(line))
        predictions.tuples.push_back({line, std::move(t)});
    }
    if (!args.save.empty()) {
      std::ofstream save(args.save);
      for (const auto& [sentence, t] : predictions.tuples)
        save << extract::FormatCarbLine(sentence, t) << "\n";
    }
  }
  extract::CarbScore s = extract::ScoreCarb(*gold, predictions);
  if (!args.out.empty()) {
    std::vector<extract::CarbPoint> curve = s.curve;
    std::stable_sort(curve.begin(), curve.end(),
                     [](const auto& a, const auto& b) { return a.recall < b.recall; });
    std::ofstream out(args.out);
    out << "Precision\tRecall\tConfidence\n";
    for (const auto& p : curve) out << p.precision << "\t" << p.recall << "\t" << p.threshold << "\n";
  }
  if (context.format == "json") {
    std::printf(
        "{\"auc\": %.4f, \"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f, "
        "\"gold_sentences\": %zu, \"gold_tuples\": %zu, \"predictions\": %zu}\n",
        s.auc, s.precision, s.recall, s.f1, s.gold_sentences, s.gold_tuples, s.predictions);
  } else {
    std::printf("AUC %.3f  P %.3f  R %.3f  F1 %.3f  (%zu gold sentences, %zu gold tuples, %zu "
                "predictions)\n",
                s.auc, s.precision, s.recall, s.f1, s.gold_sentences, s.gold_tuples,
                s.predictions);
  }
  return kExitOk;
}

}  // namespace

void RegisterEvalCarb(CLI::App& eval, Context& context) {
  CLI::App* cmd = eval.add_subcommand("carb", "CaRB precision, recall, F1 and AUC");
  auto args = std::make_shared<EvalCarbArgs>();
  cmd->add_option("--sentences", args->sentences,
                  "One PTB-tokenized sentence per line (run kg's extractor on them)");
  cmd->add_option("--gold", args->gold, "Gold tuples (CaRB tsv)")->required();
  cmd->add_option("--predictions", args->predictions, "Score this tabbed file instead");
  cmd->add_option("--out", args->out, "Write the precision/recall curve here");
  cmd->add_option("--save", args->save, "Save kg's own predictions (tabbed) here");
  cmd->add_option("--models", args->models, "Models folder (default $KG_MODELS or models/)");
  cmd->callback([args, &context] { context.exit_code = RunEvalCarb(*args, context); });
}

}  // namespace kg::cli
