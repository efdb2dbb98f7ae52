// TreeCombiner: one dependency tree from several parsers' trees of the same
// sentence (Sagae & Lavie 2006 reparsing).
//
// Each parser proposes a head for every word together with how sure it was
// (the margin of the move that attached the word). Every proposed arc gets
// the summed weight of the parsers that proposed it, and the combined tree is
// the projective tree with exactly one root, made of proposed arcs only,
// whose arcs weigh most (Eisner's algorithm). Where the parsers agree the tree keeps their arc; where they
// disagree the surer parser wins unless the tree would not be a tree.
//
// Eisner's algorithm is cubic in the sentence length, so callers combine only
// sentences up to kMaxWords words (almost all of them: 99.9% of UD EWT dev)
// and keep one parser's tree for longer ones, which keeps parsing linear.
#pragma once

#include <vector>

namespace kg::extract {

// One parser's tree for a sentence of n words: head[i] in -1 (root) .. n-1,
// confidence[i] >= 0.
struct CandidateTree {
  std::vector<int> head;
  std::vector<float> confidence;
};

class TreeCombiner {
 public:
  static constexpr int kMaxWords = 150;

  // The combined heads (-1 = root, exactly one) for candidates over the same
  // n words (1 <= n <= kMaxWords). Ties go to the earlier candidate.
  static std::vector<int> Combine(const std::vector<CandidateTree>& candidates);
};

}  // namespace kg::extract
