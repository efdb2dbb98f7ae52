// DependencyParser: Universal Dependencies trees for tagged sentences.
//
// A greedy transition-based parser (arc-hybrid, with the root token at the
// end of the buffer) scored by an averaged perceptron over Zhang & Nivre
// (2011) style features: words and tags of the stack and buffer, the left-
// and rightmost children and their labels, distance, valency and label sets.
// Trained with a dynamic oracle (Goldberg & Nivre 2013) that explores the
// parser's own mistakes. Output trees are projective, with exactly one root.
//
// Parse() reads Token::form, upos and xpos and fills head and deprel. A
// loaded parser is immutable; Parse() is const and thread-safe. Time is
// linear in the sentence length (2n transitions).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/perceptron.h"
#include "extract/sentence.h"

namespace kg::extract {

struct ParserTrainOptions {
  int epochs = 15;             // passes over the training data (best dev epoch kept)
  uint64_t seed = 1;           // shuffling and exploration; same seed, same model
  double explore = 0.9;        // from epoch 2, follow the parser's own wrong move this often
  bool verbose = false;        // per-epoch scores on stderr
  float prune = 0.0f;          // drop averaged weights with |w| below this
  bool right_to_left = false;  // parse the reversed sentence (for ensembles)
  int seeds = 1;               // train with seeds seed..seed+seeds-1 and average the models
};

struct ParserScores {
  double uas = 0;  // % tokens with the right head
  double las = 0;  // % tokens with the right head and relation
  size_t tokens = 0;
};

class DependencyParser {
 public:
  static constexpr uint32_t kFormatVersion = 1;

  static Result<std::unique_ptr<DependencyParser>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Trains on `train`, whose tokens carry the tags the parser will see
  // (gold or predicted) and gold heads/relations; keeps the epoch scoring
  // best on `dev` (tags as they will be at run time). Deterministic.
  static std::unique_ptr<DependencyParser> Train(const std::vector<Sentence>& train,
                                                 const std::vector<Sentence>& dev,
                                                 const ParserTrainOptions& options);

  // The weight average of parsers trained with different seeds on the same
  // data (same labels, same direction); InvalidArgument otherwise.
  static Result<std::unique_ptr<DependencyParser>> Average(
      const std::vector<const DependencyParser*>& parsers);

  // Fills head and deprel of every token.
  void Parse(Sentence& sentence) const;

  // Whether this model reads sentences right to left.
  bool right_to_left() const { return right_to_left_; }

  // Parses a copy of each sentence (using its tags) and scores the heads and
  // relations against the sentence's own.
  ParserScores Evaluate(const std::vector<Sentence>& gold) const;

  // Drops weights whose absolute value is below `threshold` (smaller model,
  // slightly different scores).
  void Prune(float threshold) { model_.Prune(threshold); }

  size_t num_features() const { return model_.num_features(); }
  size_t num_weights() const { return model_.num_weights(); }

 private:
  DependencyParser() = default;
  friend class ParserTraining;

  std::vector<std::string> labels_;  // label id -> "nsubj"
  int root_label_ = 0;
  bool right_to_left_ = false;
  PerceptronModel model_;
};

}  // namespace kg::extract
