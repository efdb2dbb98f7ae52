// EntityRecognizer: finds the names in a document's analysed sentences and
// types them (Person, Organization, Place, Event, Product/work, Other).
//
// A greedy left-to-right averaged perceptron over BILOU tags (B-, I-, L-,
// U- for each type, and O), in two passes over a whole document:
//   1. local features: the word, its affixes and shape, the words and tags
//      around it, its place in the parse (deprel, the head's lemma, the
//      preposition governing its phrase), whether a title precedes it, a
//      gazetteer of WordNet's proper nouns (instance synsets typed by their
//      lexicographer file: noun.person, noun.location, noun.group...),
//      whether the word is an ordinary English word and, if a noun, the
//      lexicographer file of its most frequent sense ("committee" a
//      group, "hall" an artifact, "lake" an object), the capitalized
//      sequence it is in (its first and last words: "University of ...",
//      "... Corp.", and the last word's WordNet class), and a lexicon of
//      the training documents' own names (word sequences with the types
//      they had; while training, each document sees only the other
//      documents' names, as a new one does);
//   2. the same, plus what pass 1 said about the same word elsewhere in the
//      document ("Jobs" after "Steve Jobs"; a sentence-initial word that is
//      a name everywhere else).
// Each pass is the mean of NerTrainOptions::average models trained in
// different orders. The names found are then cleaned by rules (CleanSpans):
// web text has variables ("X happens after Z"), shouting, lower-case place
// names and businesses named with a possessive ("at Alan 's"); a name
// takes the type it was given most often in the document, a person's
// name ending in a company word ("Apple Corps") is an organization, and so
// is a capitalized sequence left out that ends in an organization's head
// word ("Russia 's Federal Security Service"). Pass 2 is
// trained on jackknifed pass-1 output, so it learns from the kind of
// mistakes pass 1 makes. The lexicons are copied into the model file at
// training time: recognizing needs no WordNet and no training data.
//
// Trained by `kg train ner` (GUM's named mentions and UNER EWT) into
// models/ner.kgm; see models/README.md. A loaded EntityRecognizer is
// immutable and thread-safe.
//
//   auto ner = EntityRecognizer::Load("models/ner.kgm");
//   std::vector<std::vector<NamedSpan>> names = (*ner)->Recognize(sentences);
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "extract/entity_corpus.h"
#include "extract/perceptron.h"
#include "extract/sentence.h"

namespace kg::extract {

struct NerTrainOptions {
  int epochs = 12;       // passes over the training data (best dev epoch kept)
  uint64_t seed = 1;     // shuffling order; same seed, same model
  int folds = 5;         // jackknife folds for pass 2's training input
  float prune = 0.0f;    // drop averaged weights with |w| below this
  int average = 3;       // models (in different orders) averaged per pass
  bool verbose = false;  // per-epoch scores on stderr
  // Types the dev score (which picks the epoch) counts; empty = all.
  std::vector<EntityType> dev_types;
};

class EntityRecognizer {
 public:
  // Version 2 added the name lexicon, version 3 the nouns' WordNet classes
  // (older files are refused: retrain with `kg train ner`).
  static constexpr uint32_t kFormatVersion = 3;

  static Result<std::unique_ptr<EntityRecognizer>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Trains on documents whose sentences carry tags and trees (from kg's own
  // pipeline: the features must be those seen at run time) and gold names.
  // WordNet in `wordnet_dir` (none when empty or missing) fills the
  // lexicons. Deterministic: the same data and options give the same bytes.
  static std::unique_ptr<EntityRecognizer> Train(const std::vector<AnnotatedDocument>& train,
                                                 const std::vector<AnnotatedDocument>& dev,
                                                 const NerTrainOptions& options,
                                                 const std::string& wordnet_dir);

  // The names of each sentence of one document, sorted, never overlapping.
  std::vector<std::vector<NamedSpan>> Recognize(const std::vector<Sentence>& document) const;

  // Recognizes every document of `docs` and scores against their names.
  NerScores Evaluate(const std::vector<AnnotatedDocument>& docs,
                     const std::vector<EntityType>& types) const;

  size_t num_features() const { return first_.num_features() + second_.num_features(); }

 private:
  EntityRecognizer() = default;
  struct DocumentContext;
  // `own`: when training, the counts of the document's own gold names,
  // which the name lexicon's features must not see.
  using NameCounts = std::unordered_map<uint64_t, std::array<uint32_t, 6>>;
  DocumentContext BuildContext(const std::vector<Sentence>& document,
                               const NameCounts* own = nullptr) const;
  // WordNet's lexicographer file of `word`'s first sense as an ordinary
  // noun, plus one; 0 when it is none.
  uint64_t NounClass(const std::string& word) const;
  // Pass 2's fields of `doc` from pass 1's labels.
  static void AddFirstPass(const std::vector<std::vector<int>>& first, DocumentContext* doc);
  void Features(const DocumentContext& doc, size_t s, size_t i, int p1, int p2, bool second,
                std::vector<uint64_t>* out) const;
  // One greedy pass over every sentence; labels per sentence per token.
  std::vector<std::vector<int>> Label(const DocumentContext& doc, bool second) const;
  // The tagger's names, cleaned: cut at brackets, commas and (in a name
  // with capitals) ordinary lower-case words, no trailing number, no piece
  // without letters, no lone letter, no name of adjectives only
  // ("Russian"), no shouted ordinary words; a company's legal form after
  // a comma joins its name ("Google , Inc.", an organization); a
  // possessive ending its phrase joins the name ("dinner at Alan 's", a
  // business); the places WordNet knows written in lower case ("mexico")
  // are added. `doc` is the document's context (its words lower-cased, the
  // gazetteer's hits) and `s` the sentence's index in it.
  std::vector<NamedSpan> CleanSpans(const Sentence& sentence, const DocumentContext& doc, size_t s,
                                    const std::vector<NamedSpan>& spans) const;
  // Trains first_ (or second_, from contexts with pass-1 fields) on
  // `contexts` and `gold`; keeps the epoch best on `dev` (the last one when
  // dev is empty), whose number goes to *best_epoch.
  void BuildLexicons(const std::string& wordnet_dir);
  PerceptronModel TrainPass(const std::vector<DocumentContext>& contexts,
                            const std::vector<std::vector<std::vector<int>>>& gold,
                            const std::vector<AnnotatedDocument>& dev,
                            const NerTrainOptions& options, int epochs, bool second,
                            int* best_epoch);

  // Lexicons (hashes of lower-cased words or word sequences).
  std::unordered_map<uint64_t, uint8_t> gazetteer_;  // proper-noun sequence -> type bits
  std::unordered_set<uint32_t> common_words_;        // lower-case English words
  // Ordinary nouns -> the WordNet lexicographer file of their first sense.
  std::unordered_map<uint32_t, uint8_t> noun_classes_;
  // The training documents' names (lower-cased word sequences) with how
  // often each was a name of each type.
  NameCounts names_;
  // First tests for the lookups in gazetteer_ and names_, which nearly all
  // find nothing (FilterOf in the .cc), made by FilterLexicons once both
  // are filled (by Load, or by Train before any feature is computed).
  std::vector<uint64_t> gazetteer_filter_, names_filter_;
  void FilterLexicons();
  PerceptronModel first_;
  PerceptronModel second_;
};

}  // namespace kg::extract
