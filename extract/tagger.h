// Tagger: part-of-speech tags (UPOS and PTB XPOS together) for tokenized
// sentences, with two greedy left-to-right averaged-perceptron passes.
//
// Each token gets one joint "UPOS XPOS" class, predicted from its word,
// affixes and shape, the two words on either side, their ambiguity classes
// (the classes each word took in training), what WordNet says a rare word
// can be, and the two previous predicted classes. The second pass also sees
// the first pass's classes of the next two words (right context). Frequent
// unambiguous words are tagged from a dictionary built at training time.
// Models are trained by `kg train tagger` (Train below) on UD English EWT and
// stored as models/tagger.kgm; training reads WordNet from
// /usr/share/wordnet (when present) and copies the part it needs into the
// model, so tagging needs no WordNet.
//
// A loaded Tagger is immutable; Tag() is const and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "extract/perceptron.h"
#include "extract/sentence.h"

namespace kg::extract {

struct TaggerTrainOptions {
  int epochs = 12;       // passes over the training data (best dev epoch is kept)
  uint64_t seed = 1;     // shuffling order; same seed, same model
  bool verbose = false;  // per-epoch scores on stderr
  float prune = 0.0f;    // drop averaged weights with |w| below this
};

struct TaggerScores {
  double upos = 0;  // % tokens with the right UPOS
  double xpos = 0;  // % tokens with the right XPOS
  size_t tokens = 0;
};

class Tagger {
 public:
  // 2: ambiguity classes, WordNet lexicon and the second pass. Version 1
  // models still load (and tag as they did).
  static constexpr uint32_t kFormatVersion = 2;

  // Reads a model written by Save.
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Trains on `train` (gold upos/xpos), keeping the epoch that scores best
  // on `dev` (when non-empty). Deterministic for a given options.seed.
  static std::unique_ptr<Tagger> Train(const std::vector<Sentence>& train,
                                       const std::vector<Sentence>& dev,
                                       const TaggerTrainOptions& options);

  // Fills upos and xpos of every token from its form.
  void Tag(Sentence& sentence) const;

  // Scores against gold tags: tags a copy of each sentence.
  TaggerScores Evaluate(const std::vector<Sentence>& gold) const;

  size_t num_features() const { return model_.num_features(); }
  size_t num_weights() const { return model_.num_weights(); }

 private:
  Tagger() = default;
  struct Context;
  void Features(const Context& c, size_t i, int p1, int p2, bool second,
                std::vector<uint64_t>* out) const;
  // Greedy left-to-right pass with model_ (or second_) over c's n tokens.
  void Predict(const Context& c, size_t n, bool second, std::vector<int>* out) const;
  static std::unique_ptr<Tagger> TrainFirst(const std::vector<Sentence>& train,
                                            const std::vector<Sentence>& dev,
                                            const TaggerTrainOptions& options, int epochs);
  PerceptronModel TrainPass(const std::vector<Sentence>& train,
                            const std::vector<std::vector<int>>& gold,
                            const std::vector<std::vector<int>>* ahead,
                            const std::vector<Sentence>& dev, const TaggerTrainOptions& options,
                            int epochs, bool second);

  std::vector<std::string> upos_;                     // by class
  std::vector<std::string> xpos_;                     // by class
  std::unordered_map<uint64_t, int> tagdict_;         // word hash -> class
  std::unordered_map<uint64_t, uint64_t> ambiguity_;  // word hash -> class-set hash
  // WordNet lexicon (lemma hash -> class bits), copied into the model.
  std::unordered_map<uint32_t, uint8_t> wordnet_;
  uint64_t WordNetSignature(const std::string& w) const;
  PerceptronModel model_;   // first pass
  PerceptronModel second_;  // second pass (lookahead); empty = one pass
};

}  // namespace kg::extract
