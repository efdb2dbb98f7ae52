// kg eval coref: score kg's within-document resolution on GUM.
//
//   kg eval coref --conllu ../shared/data/gum/dev --predictions OUT.tsv
//
// Runs kg's tagger, parser, recognizer and resolver on the gold tokens of
// every GUM document in the folder, writes the clusters it finds (columns
// doc, sent_id, start, end, cluster: the newdoc id, the sentence's sent_id,
// first and last UD word id, inclusive, and a cluster id unique within the
// document), and prints MUC, B-cubed, CEAF-e and the CoNLL F1 over GUM's
// clusters of named entities (those with a named mention: a proper-noun
// head or a Wikipedia identity). Mentions are matched by head; see
// extract/coref_eval.h.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "extract/coref_eval.h"
#include "extract/entity_corpus.h"
#include "extract/openie_extractor.h"
#include "extract/pipeline.h"

namespace kg::cli {
namespace {

struct CorefArgs {
  std::string conllu;
  std::string predictions;
  std::string models;
};

int RunEvalCoref(const CorefArgs& a, const Context& context) {
  Result<std::vector<extract::AnnotatedDocument>> docs = extract::ReadGumDirectory(a.conllu);
  if (!docs.ok()) {
    std::cerr << "kg eval coref: " << docs.status().message() << "\n";
    return kExitError;
  }
  Result<std::unique_ptr<extract::OpenIeExtractor>> extractor =
      extract::OpenIeExtractor::Load(a.models);
  if (!extractor.ok()) {
    std::cerr << "kg eval coref: " << extractor.status().message() << "\n";
    return kExitError;
  }
  std::ofstream out;
  if (!a.predictions.empty()) {
    out.open(a.predictions);
    if (!out) {
      std::cerr << "kg eval coref: cannot write " << a.predictions << "\n";
      return kExitError;
    }
    out << "doc\tsent_id\tstart\tend\tcluster\n";
  }
  std::vector<extract::CorefClusters> gold, predicted;
  for (extract::AnnotatedDocument& d : *docs) {
    // The document's text: its words joined by spaces, a line per sentence.
    Document doc;
    doc.id = d.id;
    std::vector<extract::Sentence> sentences = d.sentences;
    for (extract::Sentence& s : sentences) {
      uint32_t start = static_cast<uint32_t>(doc.text.size());
      for (extract::Token& t : s.tokens) {
        if (doc.text.size() > start) doc.text += ' ';
        uint32_t b = static_cast<uint32_t>(doc.text.size());
        doc.text += t.form;
        t.span = ByteSpan{b, static_cast<uint32_t>(doc.text.size())};
      }
      s.span = ByteSpan{start, static_cast<uint32_t>(doc.text.size())};
      doc.text += '\n';
      (*extractor)->pipeline().AnalyzeInPlace(s);
    }
    Extraction x = (*extractor)->ExtractFromSentences(doc, sentences, true);
    extract::CorefClusters response;
    int cluster_id = 0;
    for (const Entity& e : x.entities) {
      if (e.type == EntityType::kValue) continue;
      std::vector<extract::CorefMention> cluster;
      for (const Mention& m : e.mentions) {
        if (m.sentence >= sentences.size()) continue;
        const extract::Sentence& s = sentences[m.sentence];
        int begin = -1, end = -1;
        for (size_t k = 0; k < s.tokens.size(); ++k) {
          if (s.tokens[k].span.begin >= m.span.begin && s.tokens[k].span.end <= m.span.end) {
            if (begin < 0) begin = static_cast<int>(k);
            end = static_cast<int>(k) + 1;
          }
        }
        if (begin < 0) continue;
        cluster.push_back(extract::CorefMention{static_cast<int>(m.sentence), begin, end, -1});
        if (out.is_open())
          out << d.id << '\t' << d.sent_ids[m.sentence] << '\t' << begin + 1 << '\t' << end << '\t'
              << cluster_id << '\n';
      }
      if (!cluster.empty()) {
        response.push_back(std::move(cluster));
        ++cluster_id;
      }
    }
    predicted.push_back(std::move(response));
    // Gold: the clusters with a named mention.
    std::map<std::string, extract::CorefClusters::value_type> by_cluster;
    std::map<std::string, bool> named;
    for (const extract::GoldMention& m : d.mentions) {
      by_cluster[m.cluster].push_back(extract::CorefMention{m.sentence, m.begin, m.end, m.head});
      extract::NamedSpan n = extract::NamedSpanOf(d.sentences[m.sentence], m);
      if (n.begin < n.end || !m.identity.empty()) named[m.cluster] = true;
    }
    extract::CorefClusters key;
    for (auto& [id, cluster] : by_cluster)
      if (named[id]) key.push_back(std::move(cluster));
    gold.push_back(std::move(key));
  }
  extract::CorefScores s = extract::ScoreCoreference(gold, predicted);
  if (context.format == "json") {
    auto prf = [](const extract::PrfScore& p) {
      return nlohmann::json{{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1()}};
    };
    nlohmann::json j = {{"documents", docs->size()}, {"muc", prf(s.muc)}, {"b3", prf(s.b3)},
                        {"ceafe", prf(s.ceafe)}, {"conll_f1", s.conll()},
                        {"gold_clusters", s.gold_clusters}, {"predicted_clusters", s.predicted_clusters},
                        {"gold_mentions", s.gold_mentions}, {"matched_mentions", s.matched_mentions}};
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << std::fixed << std::setprecision(2) << a.conllu << ": " << docs->size()
            << " documents, " << s.gold_clusters << " gold clusters of named entities ("
            << s.gold_mentions << " mentions, " << s.matched_mentions << " matched), "
            << s.predicted_clusters << " predicted clusters\n";
  auto row = [](const char* name, const extract::PrfScore& p) {
    std::cout << std::left << std::setw(8) << name << std::right << " P " << std::setw(6)
              << p.precision << "  R " << std::setw(6) << p.recall << "  F1 " << std::setw(6)
              << p.f1() << "\n";
  };
  row("MUC", s.muc);
  row("B3", s.b3);
  row("CEAF-e", s.ceafe);
  std::cout << "CoNLL F1 " << s.conll() << "\n";
  return kExitOk;
}

}  // namespace

void RegisterEvalCoref(CLI::App& eval, Context& context) {
  auto args = std::make_shared<CorefArgs>();
  CLI::App* sub = eval.add_subcommand("coref", "Score within-document resolution on GUM CoNLL-U");
  sub->add_option("--conllu", args->conllu, "Folder of GUM CoNLL-U files (Entity= annotation)")
      ->required();
  sub->add_option("--predictions", args->predictions, "Write the predicted clusters here (TSV)");
  sub->add_option("--models", args->models, "Models folder (default models/)");
  sub->callback([&context, args] { context.exit_code = RunEvalCoref(*args, context); });
}

}  // namespace kg::cli
