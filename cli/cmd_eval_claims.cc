// kg eval claims: score the claims kg extracts between named entities
// against claims read by hand.
//
//   kg eval claims --gold tests/extract/data/news_claims.tsv \
//       ../shared/data/news-sample/wikinews_gum_news.jsonl
//
// Reads the articles as `kg ingest` does, extracts those whose title has
// gold claims, and prints recall (gold claims found), precision (extracted
// claims between two entities that a reader accepts), F1, and then each
// gold claim missed and each extracted claim that matches none, so a reader
// can see what went wrong. The gold file's format and the matching rules are
// in extract/claim_eval.h.
#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "extract/claim_eval.h"
#include "extract/openie_extractor.h"
#include "extract/reader.h"

namespace kg::cli {
namespace {

struct EvalClaimsArgs {
  std::string gold;
  std::vector<std::string> inputs;
  std::string models;
};

int RunEvalClaims(const EvalClaimsArgs& a, const Context& context) {
  Result<std::vector<extract::GoldClaim>> gold = extract::ReadGoldClaims(a.gold);
  if (!gold.ok()) {
    std::cerr << "kg eval claims: " << gold.status().message() << "\n";
    return kExitError;
  }
  Result<std::unique_ptr<extract::OpenIeExtractor>> extractor =
      extract::OpenIeExtractor::Load(a.models);
  if (!extractor.ok()) {
    std::cerr << "kg eval claims: " << extractor.status().message() << "\n";
    return kExitError;
  }
  extract::Reader reader;
  std::vector<extract::ReadResult> missing;
  std::vector<std::string> files = reader.Expand(a.inputs, &missing);
  for (const extract::ReadResult& m : missing) std::cerr << "kg eval claims: " << m.status.message() << "\n";
  if (!missing.empty()) return kExitError;
  extract::ClaimScores scores;
  int errors = 0;
  for (const std::string& file : files) {
    reader.ReadFile(file, [&](extract::ReadResult r) {
      if (!r.status.ok()) {
        std::cerr << "kg eval claims: " << r.status.message() << "\n";
        ++errors;
        return;
      }
      if (!extract::HasGoldClaims(*gold, r.document.title)) return;
      Result<Extraction> x = (*extractor)->Extract(r.document);
      if (!x.ok()) {
        std::cerr << "kg eval claims: " << r.source << ": " << x.status().message() << "\n";
        ++errors;
        return;
      }
      extract::ScoreClaims(*x, *gold, &scores);
    });
  }
  if (scores.articles == 0) {
    std::cerr << "kg eval claims: no article of the inputs has a title in " << a.gold << "\n";
    return kExitError;
  }
  if (context.format == "json") {
    nlohmann::json j = {{"articles", scores.articles},   {"gold", scores.gold},
                        {"found", scores.found},         {"extracted", scores.extracted},
                        {"correct", scores.correct},     {"recall", scores.recall()},
                        {"precision", scores.precision()}, {"f1", scores.f1()},
                        {"missed", scores.missed},       {"wrong", scores.wrong}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << std::fixed << std::setprecision(2) << scores.articles << " articles: recall "
              << scores.recall() << " (" << scores.found << " of " << scores.gold
              << " gold claims found), precision " << scores.precision() << " (" << scores.correct
              << " of " << scores.extracted << " extracted claims between entities), F1 "
              << scores.f1() << "\n";
    if (!context.quiet) {
      for (const std::string& m : scores.missed) std::cout << "missed: " << m << "\n";
      for (const std::string& w : scores.wrong) std::cout << "not in the gold: " << w << "\n";
    }
  }
  return errors ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterEvalClaims(CLI::App& eval, Context& context) {
  auto args = std::make_shared<EvalClaimsArgs>();
  CLI::App* sub = eval.add_subcommand(
      "claims", "Score claims between named entities against claims read by hand");
  sub->add_option("--gold", args->gold, "Gold claims (TSV: kind, title, subject, relation words, object)")
      ->required();
  sub->add_option("inputs", args->inputs, "Articles (files or folders, as kg ingest reads them)")
      ->required();
  sub->add_option("--models", args->models, "Models folder (default models/)");
  sub->callback([&context, args] { context.exit_code = RunEvalClaims(*args, context); });
}

}  // namespace kg::cli
