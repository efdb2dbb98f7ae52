// Tagger: part-of-speech tags (UPOS and PTB XPOS together) for tokenized
// sentences, with a greedy left-to-right averaged perceptron.
//
// Each token gets one joint "UPOS XPOS" class, predicted from its word,
// affixes and shape, the two words on either side and the two previous
// predicted classes. Frequent unambiguous words are tagged from a dictionary
// built at training time. Models are trained by `kg train tagger` (Train
// below) on UD English EWT and stored as models/tagger.kgm.
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
  static constexpr uint32_t kFormatVersion = 1;

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
  void Features(const Context& c, size_t i, int p1, int p2, std::vector<uint64_t>* out) const;

  std::vector<std::string> upos_;              // by class
  std::vector<std::string> xpos_;              // by class
  std::unordered_map<uint64_t, int> tagdict_;  // word hash -> class
  PerceptronModel model_;
};

}  // namespace kg::extract
