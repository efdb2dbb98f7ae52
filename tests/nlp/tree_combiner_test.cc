// TreeCombiner: agreeing parsers keep their tree, the surer parser wins a
// disagreement, and the result is always one tree with one root even when
// the candidates' arcs together would form a cycle or several roots.
#include "extract/tree_combiner.h"

#include <gtest/gtest.h>

namespace kg::extract {
namespace {

CandidateTree Tree(std::vector<int> head, float confidence) {
  CandidateTree t;
  t.confidence.assign(head.size(), confidence);
  t.head = std::move(head);
  return t;
}

void ExpectOneTree(const std::vector<int>& head) {
  int n = static_cast<int>(head.size()), roots = 0;
  for (int i = 0; i < n; ++i) {
    ASSERT_GE(head[i], -1);
    ASSERT_LT(head[i], n);
    roots += head[i] == -1;
    int h = i, steps = 0;
    while (h != -1 && steps++ <= n) h = head[h];
    ASSERT_EQ(h, -1) << "cycle through word " << i;
  }
  EXPECT_EQ(roots, 1);
}

// "Russia tipped off the FBI": tipped is the root.
const std::vector<int> kGold = {1, -1, 1, 4, 1};

TEST(TreeCombiner, AgreeingParsersKeepTheirTree) {
  EXPECT_EQ(TreeCombiner::Combine({Tree(kGold, 3), Tree(kGold, 0.5)}), kGold);
  EXPECT_EQ(TreeCombiner::Combine({Tree(kGold, 0)}), kGold);
}

TEST(TreeCombiner, TheSurerParserWinsADisagreement) {
  std::vector<int> other = {1, -1, 4, 4, 1};  // "off" on "FBI"
  EXPECT_EQ(TreeCombiner::Combine({Tree(kGold, 1), Tree(other, 5)}), other);
  EXPECT_EQ(TreeCombiner::Combine({Tree(kGold, 5), Tree(other, 1)}), kGold);
  // Equally sure: the earlier candidate.
  EXPECT_EQ(TreeCombiner::Combine({Tree(other, 2), Tree(kGold, 2)}), other);
}

TEST(TreeCombiner, ConflictingArcsStillMakeOneProjectiveTree) {
  // Together the candidates propose a cycle (0 <-> 1) and two roots.
  std::vector<int> a = {1, -1, 1, 4, -1};
  std::vector<int> b = {-1, 0, 1, 4, 1};
  std::vector<int> head = TreeCombiner::Combine({Tree(a, 4), Tree(b, 4)});
  ExpectOneTree(head);
  // Projective: no two arcs cross.
  int n = static_cast<int>(head.size());
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      int a1 = std::min(i, head[i] < 0 ? n : head[i]), b1 = std::max(i, head[i] < 0 ? n : head[i]);
      int a2 = std::min(j, head[j] < 0 ? n : head[j]), b2 = std::max(j, head[j] < 0 ? n : head[j]);
      EXPECT_FALSE(a1 < a2 && a2 < b1 && b1 < b2) << i << " and " << j << " cross";
    }
  }
}

TEST(TreeCombiner, NeverUsesAnArcNoParserProposed) {
  // "Russian President Vladimir Putin called U.S. President Barack Obama on
  // Saturday ." as the two directions parsed it: their arcs together make a
  // cycle (Barack <-> Obama). A heavier tree exists if "Barack" may hang on
  // "on", an arc neither parser proposed; it must not be chosen.
  CandidateTree a, b;
  a.head = {1, 2, 4, 2, -1, 4, 7, 5, 7, 10, 7, 4};
  a.confidence = {71, 131, 51, 116, 0, 48, 61, 30.7f, 94, 184, 97, 264};
  b.head = {1, 2, 4, 2, -1, 6, 7, 8, 4, 10, 4, 4};
  b.confidence = {89, 158, 160, 87, 0, 96, 42, 32.9f, 44, 133, 125, 148};
  std::vector<int> head = TreeCombiner::Combine({a, b});
  ExpectOneTree(head);
  for (size_t i = 0; i < head.size(); ++i) {
    EXPECT_TRUE(head[i] == a.head[i] || head[i] == b.head[i]) << "word " << i;
  }
}

TEST(TreeCombiner, OneWordSentence) {
  EXPECT_EQ(TreeCombiner::Combine({Tree({-1}, 1), Tree({-1}, 2)}), std::vector<int>{-1});
}

}  // namespace
}  // namespace kg::extract
