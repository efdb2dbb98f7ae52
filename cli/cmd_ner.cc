// kg train ner / kg eval ner: the named-entity recognizer.
//
//   kg train ner --gum gum/train --iob2 en_ewt-ud-dev.iob2 --hold-out 5
//                --dev gum/dev -o models/ner.kgm
//   kg eval ner --iob2 en_ewt-ud-dev.iob2 [--held-out-of 5] [--predictions OUT]
//
// Both run kg's own tagger and parser over the gold tokens first, so the
// recognizer learns from, and is scored on, the tags and trees it sees when
// extracting from articles. `--hold-out N` leaves every Nth document of the
// IOB2 file out of training; `kg eval ner --held-out-of N` scores exactly
// those documents (the held-out test split). Scores are exact-span P/R/F1
// over PER/ORG/LOC, the types UNER marks.
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "extract/entity_corpus.h"
#include "extract/entity_recognizer.h"
#include "extract/pipeline.h"

namespace kg::cli {
namespace {

const std::vector<EntityType> kUnerTypes = {EntityType::kPerson, EntityType::kOrganization,
                                            EntityType::kPlace};

struct NerArgs {
  std::vector<std::string> gum;   // GUM CoNLL-U folders
  std::vector<std::string> iob2;  // UNER IOB2 files
  std::string dev;                // GUM folder or IOB2 file
  std::string out;
  std::string models;
  std::string predictions;
  std::string wordnet = "/usr/share/wordnet";
  int hold_out = 0;
  int cv = 0;
  int held_out_of = 0;
  int epochs = 12;
  int folds = 5;
  int average = 3;
  uint64_t seed = 1;
};

// Every Nth document (the last of each N) is held out; n <= 1: none.
bool HeldOut(size_t index, int n) { return n > 1 && index % n == static_cast<size_t>(n - 1); }

Result<std::vector<extract::AnnotatedDocument>> ReadAnnotated(const std::string& path) {
  if (path.size() > 5 && path.substr(path.size() - 5) == ".iob2") return extract::ReadIob2File(path);
  return extract::ReadGumDirectory(path);
}

// Replaces gold tags and trees by kg's own.
void Analyze(const extract::Pipeline& nlp, std::vector<extract::AnnotatedDocument>& docs) {
  for (extract::AnnotatedDocument& d : docs)
    for (extract::Sentence& s : d.sentences) nlp.AnalyzeInPlace(s);
}

void PrintScores(const extract::NerScores& s, const Context& context, const std::string& what) {
  if (context.format == "json") {
    nlohmann::json j;
    auto one = [](const extract::SpanScore& x) {
      return nlohmann::json{{"gold", x.gold},           {"predicted", x.predicted},
                            {"correct", x.correct},     {"precision", x.precision()},
                            {"recall", x.recall()},     {"f1", x.f1()}};
    };
    j["data"] = what;
    j["overall"] = one(s.overall);
    for (const auto& [type, score] : s.by_type) j["by_type"][std::string(EntityTypeName(type))] = one(score);
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << what << "\n" << std::fixed << std::setprecision(2);
  std::cout << std::left << std::setw(14) << "type" << std::right << std::setw(7) << "gold"
            << std::setw(7) << "found" << std::setw(7) << "right" << std::setw(8) << "P"
            << std::setw(8) << "R" << std::setw(8) << "F1" << "\n";
  auto row = [](const std::string& name, const extract::SpanScore& x) {
    std::cout << std::left << std::setw(14) << name << std::right << std::setw(7) << x.gold
              << std::setw(7) << x.predicted << std::setw(7) << x.correct << std::setw(8)
              << x.precision() << std::setw(8) << x.recall() << std::setw(8) << x.f1() << "\n";
  };
  for (const auto& [type, score] : s.by_type) row(std::string(EntityTypeName(type)), score);
  row("overall", s.overall);
}

int RunTrainNer(const NerArgs& a, const Context& context) {
  if (a.out.empty() && a.cv <= 1) {
    std::cerr << "kg train ner: give -o FILE (or --cv N to cross-validate)\n";
    return kExitUsage;
  }
  auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<extract::Pipeline>> nlp = extract::Pipeline::Load(a.models);
  if (!nlp.ok()) {
    std::cerr << "kg train ner: " << nlp.status().message() << "\n";
    return kExitError;
  }
  std::vector<extract::AnnotatedDocument> train, held_out, dev, iob2_docs;
  for (const std::string& dir : a.gum) {
    Result<std::vector<extract::AnnotatedDocument>> docs = extract::ReadGumDirectory(dir);
    if (!docs.ok()) {
      std::cerr << "kg train ner: " << docs.status().message() << "\n";
      return kExitError;
    }
    for (auto& d : *docs) train.push_back(std::move(d));
  }
  for (const std::string& file : a.iob2) {
    Result<std::vector<extract::AnnotatedDocument>> docs = extract::ReadIob2File(file);
    if (!docs.ok()) {
      std::cerr << "kg train ner: " << docs.status().message() << "\n";
      return kExitError;
    }
    for (size_t i = 0; i < docs->size(); ++i) {
      if (a.cv > 1)
        iob2_docs.push_back(std::move((*docs)[i]));
      else
        (HeldOut(i, a.hold_out) ? held_out : train).push_back(std::move((*docs)[i]));
    }
  }
  if (!a.dev.empty()) {
    Result<std::vector<extract::AnnotatedDocument>> docs = ReadAnnotated(a.dev);
    if (!docs.ok()) {
      std::cerr << "kg train ner: " << docs.status().message() << "\n";
      return kExitError;
    }
    dev = std::move(*docs);
  }
  if (train.empty() && iob2_docs.empty()) {
    std::cerr << "kg train ner: no training documents (give --gum DIR or --iob2 FILE)\n";
    return kExitUsage;
  }
  Analyze(**nlp, train);
  Analyze(**nlp, dev);
  Analyze(**nlp, held_out);
  Analyze(**nlp, iob2_docs);
  extract::NerTrainOptions options;
  options.epochs = a.epochs;
  options.seed = a.seed;
  options.folds = a.folds;
  options.average = a.average;
  options.verbose = !context.quiet;
  if (a.cv > 1) {
    // Cross-validation over the IOB2 documents: fold f tests on documents
    // i % cv == f, trained on the rest and the GUM documents.
    std::vector<std::vector<std::vector<extract::NamedSpan>>> gold, predicted;
    std::vector<extract::AnnotatedDocument> tested;  // in the order of `predicted`
    options.verbose = false;
    for (int f = 0; f < a.cv; ++f) {
      std::vector<extract::AnnotatedDocument> fold_train = train, fold_test;
      for (size_t i = 0; i < iob2_docs.size(); ++i)
        (static_cast<int>(i % a.cv) == f ? fold_test : fold_train).push_back(iob2_docs[i]);
      std::unique_ptr<extract::EntityRecognizer> ner =
          extract::EntityRecognizer::Train(fold_train, dev, options, a.wordnet);
      extract::NerScores fs = ner->Evaluate(fold_test, kUnerTypes);
      if (!context.quiet)
        std::cerr << "fold " << f + 1 << "/" << a.cv << ": F1 " << fs.overall.f1() << "\n";
      for (const extract::AnnotatedDocument& d : fold_test) {
        gold.push_back(d.names);
        predicted.push_back(ner->Recognize(d.sentences));
        tested.push_back(d);
      }
    }
    if (!a.predictions.empty()) {
      std::ofstream out(a.predictions);
      extract::WriteIob2(tested, predicted, out);
      if (!out) {
        std::cerr << "kg train ner: cannot write " << a.predictions << "\n";
        return kExitError;
      }
    }
    PrintScores(extract::ScoreNames(gold, predicted, kUnerTypes), context,
                std::to_string(a.cv) + "-fold cross-validation over the IOB2 documents");
    return kExitOk;
  }
  std::unique_ptr<extract::EntityRecognizer> ner =
      extract::EntityRecognizer::Train(train, dev, options, a.wordnet);
  Status st = ner->Save(a.out);
  if (!st.ok()) {
    std::cerr << "kg train ner: " << st.message() << "\n";
    return kExitError;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "ner " << a.out << ": " << train.size() << " training documents, "
            << ner->num_features() << " features, " << seconds << " s\n";
  if (!dev.empty()) PrintScores(ner->Evaluate(dev, {}), context, "dev (" + a.dev + "), all types");
  if (!held_out.empty())
    PrintScores(ner->Evaluate(held_out, kUnerTypes), context,
                "held out (every " + std::to_string(a.hold_out) + "th IOB2 document)");
  return kExitOk;
}

int RunEvalNer(const NerArgs& a, const Context& context) {
  Result<std::vector<extract::AnnotatedDocument>> docs = extract::ReadIob2File(a.iob2.at(0));
  if (!docs.ok()) {
    std::cerr << "kg eval ner: " << docs.status().message() << "\n";
    return kExitError;
  }
  std::vector<extract::AnnotatedDocument> test;
  for (size_t i = 0; i < docs->size(); ++i)
    if (a.held_out_of <= 1 || HeldOut(i, a.held_out_of)) test.push_back(std::move((*docs)[i]));
  Result<std::unique_ptr<extract::Pipeline>> nlp = extract::Pipeline::Load(a.models);
  if (!nlp.ok()) {
    std::cerr << "kg eval ner: " << nlp.status().message() << "\n";
    return kExitError;
  }
  std::string model = (a.models.empty() ? extract::DefaultModelsDir() : a.models) + "/ner.kgm";
  Result<std::unique_ptr<extract::EntityRecognizer>> ner = extract::EntityRecognizer::Load(model);
  if (!ner.ok()) {
    std::cerr << "kg eval ner: " << ner.status().message() << "\n";
    return kExitError;
  }
  // Tag and parse copies: the predictions file keeps the input's own columns.
  std::vector<std::vector<std::vector<extract::NamedSpan>>> gold, predicted;
  for (const extract::AnnotatedDocument& d : test) {
    std::vector<extract::Sentence> sentences = d.sentences;
    for (extract::Sentence& s : sentences) (*nlp)->AnalyzeInPlace(s);
    gold.push_back(d.names);
    predicted.push_back((*ner)->Recognize(sentences));
  }
  if (!a.predictions.empty()) {
    std::ofstream out(a.predictions);
    extract::WriteIob2(test, predicted, out);
    if (!out) {
      std::cerr << "kg eval ner: cannot write " << a.predictions << "\n";
      return kExitError;
    }
  }
  size_t sentences = 0;
  for (const auto& d : test) sentences += d.sentences.size();
  PrintScores(extract::ScoreNames(gold, predicted, kUnerTypes), context,
              a.iob2.at(0) + " (" + std::to_string(test.size()) + " documents, " +
                  std::to_string(sentences) + " sentences), exact spans");
  return kExitOk;
}

}  // namespace

void RegisterTrainNer(CLI::App& train, Context& context) {
  auto args = std::make_shared<NerArgs>();
  CLI::App* sub = train.add_subcommand("ner", "Train the named-entity recognizer");
  sub->add_option("--gum", args->gum, "GUM CoNLL-U folder with Entity= annotation (repeatable)");
  sub->add_option("--iob2", args->iob2, "UNER IOB2 file (repeatable)");
  sub->add_option("--hold-out", args->hold_out,
                  "Leave every Nth IOB2 document out of training and score it");
  sub->add_option("--dev", args->dev, "GUM folder or IOB2 file: the best epoch on it is kept");
  sub->add_option("-o,--output", args->out, "Model file to write (models/ner.kgm)");
  sub->add_option("--cv", args->cv,
                  "Cross-validate over the IOB2 documents in N folds and print the pooled scores "
                  "(no model written)");
  sub->add_option("--models", args->models, "Tagger and parser folder (default models/)");
  sub->add_option("--predictions", args->predictions,
                  "With --cv: write each document's predictions (from the fold that left it out) "
                  "here, as IOB2");
  sub->add_option("--wordnet", args->wordnet, "WordNet folder for the lexicons");
  sub->add_option("--epochs", args->epochs, "Training epochs");
  sub->add_option("--folds", args->folds, "Jackknife folds for the second pass");
  sub->add_option("--seed", args->seed, "Shuffling seed");
  sub->add_option("--average", args->average,
                  "Models trained in different orders and averaged, per pass");
  sub->callback([&context, args] { context.exit_code = RunTrainNer(*args, context); });
}

void RegisterEvalNer(CLI::App& eval, Context& context) {
  auto args = std::make_shared<NerArgs>();
  CLI::App* sub = eval.add_subcommand("ner", "Score the named-entity recognizer on IOB2");
  sub->add_option("--iob2", args->iob2, "Gold IOB2 file (UNER columns)")->required()->expected(1);
  sub->add_option("--held-out-of", args->held_out_of,
                  "Score only every Nth document (the split `kg train ner --hold-out N` left out)");
  sub->add_option("--predictions", args->predictions, "Write predictions here, as IOB2");
  sub->add_option("--models", args->models, "Models folder (default models/)");
  sub->add_option("--format", context.format, "text (default) or json");
  sub->callback([&context, args] { context.exit_code = RunEvalNer(*args, context); });
}

}  // namespace kg::cli
