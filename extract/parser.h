// DependencyParser: Universal Dependencies trees for tagged sentences.
//
// A greedy transition-based parser (arc-hybrid) scored by an averaged
// perceptron over Zhang & Nivre
// (2011) style features: words and tags of the stack and buffer, the left-
// and rightmost children and their labels, distance, valency and label sets.
// Trained with a dynamic oracle (Goldberg & Nivre 2013) that explores the
// parser's own mistakes. Output trees are projective, with exactly one root.
//
// A model holds one such parser per reading direction: left to right (the
// root token at the end of the buffer) and, in the shipped model, right to
// left too (the root at the bottom of the stack). Their trees are combined
// by TreeCombiner, each arc weighted by how sure its parser was: the two
// directions make different mistakes, so the combination is more accurate
// than either, for twice the parsing time (figures in models/README.md).
//
// Parse() reads Token::form, upos and xpos and fills head and deprel. A
// loaded parser is immutable; Parse() is const and thread-safe. Time is
// linear in the sentence length (2n transitions per direction; sentences
// longer than TreeCombiner::kMaxWords keep the left-to-right tree).
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
  int epochs = 15;              // passes over the training data (best dev epoch kept)
  uint64_t seed = 1;            // shuffling and exploration; same seed, same model
  double explore = 0.9;         // from epoch 2, follow the parser's own wrong move this often
  bool verbose = false;         // per-epoch scores on stderr
  float prune = 0.0f;           // drop averaged weights with |w| below this
  bool both_directions = true;  // also train a right-to-left parser and combine the trees
  int seeds = 1;                // seeds seed..seed+seeds-1, averaged per direction
};

struct ParserScores {
  double uas = 0;  // % tokens with the right head
  double las = 0;  // % tokens with the right head and relation
  size_t tokens = 0;
};

class DependencyParser {
 public:
  static constexpr uint32_t kFormatVersion = 2;  // 2: one or two directions

  static Result<std::unique_ptr<DependencyParser>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Trains on `train`, whose tokens carry the tags the parser will see
  // (gold or predicted) and gold heads/relations; keeps the epoch scoring
  // best on `dev` (tags as they will be at run time). Deterministic.
  static std::unique_ptr<DependencyParser> Train(const std::vector<Sentence>& train,
                                                 const std::vector<Sentence>& dev,
                                                 const ParserTrainOptions& options);

  // The weight average of parsers trained with different seeds on the same
  // data (same labels, same directions); InvalidArgument otherwise.
  static Result<std::unique_ptr<DependencyParser>> Average(
      const std::vector<const DependencyParser*>& parsers);

  // Fills head and deprel of every token.
  void Parse(Sentence& sentence) const;

  // How many reading directions this model combines (1 or 2).
  size_t num_directions() const { return directions_.size(); }

  // Parses a copy of each sentence (using its tags) and scores the heads and
  // relations against the sentence's own.
  ParserScores Evaluate(const std::vector<Sentence>& gold) const;

  // Drops weights whose absolute value is below `threshold` (smaller model,
  // slightly different scores).
  void Prune(float threshold);

  size_t num_features() const;
  size_t num_weights() const;

 private:
  DependencyParser() = default;
  friend class ParserTraining;

  // One greedy parser: the direction it reads in and its weights.
  struct Direction {
    bool right_to_left = false;
    bool root_first = false;  // the root waits at the bottom of the stack (else at the buffer's end)
    PerceptronModel model;
  };

  std::vector<std::string> labels_;  // label id -> "nsubj"
  int root_label_ = 0;
  std::vector<Direction> directions_;  // left to right first
};

}  // namespace kg::extract
