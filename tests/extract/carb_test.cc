// The CaRB scorer against SCORING.md: hand-computed pairs, and the reference
// figures of OpenIE-5 on the dev split (AUC 0.240, F1 0.458).
#include "extract/carb.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/shared_data.h"

namespace kg::extract {
namespace {

double Round3(double x) { return std::round(x * 1000) / 1000; }

CarbTuple T(std::string rel, std::vector<std::string> args, double conf = 1.0) {
  CarbTuple t;
  t.relation = std::move(rel);
  t.args = std::move(args);
  t.confidence = conf;
  return t;
}

TEST(CarbMatch, ExactTupleScoresOne) {
  auto [p, r] = CarbMatch(T("tipped off", {"Russia", "the FBI"}), T("tipped off", {"Russia", "the FBI"}));
  EXPECT_DOUBLE_EQ(p, 1.0);
  EXPECT_DOUBLE_EQ(r, 1.0);
}

TEST(CarbMatch, RelationMustShareAToken) {
  auto s = CarbMatch(T("called", {"Putin", "Obama"}), T("phoned", {"Putin", "Obama"}));
  EXPECT_EQ(s, std::make_pair(0.0, 0.0));
}

TEST(CarbMatch, BeRuleAndBinarization) {
  // Gold "is" vs predicted "is be": m = 2 with rd = 1 (SCORING.md 2.3).
  auto [p, r] = CarbMatch(T("is", {"Bush", "President"}), T("is be", {"Bush", "President"}));
  EXPECT_DOUBLE_EQ(p, 4.0 / 4.0);
  EXPECT_DOUBLE_EQ(r, 4.0 / 3.0);
  // Args 2.. are joined: gold (a; b c) vs predicted (a; b; c) match fully.
  auto [p2, r2] = CarbMatch(T("r", {"a", "b", "c"}), T("r", {"a", "b c"}));
  EXPECT_DOUBLE_EQ(p2, 1.0);
  EXPECT_DOUBLE_EQ(r2, 1.0);
}

TEST(CarbMatch, FewerArgsThanGoldScoresZero) {
  EXPECT_EQ(CarbMatch(T("spoke", {"Putin", "Obama"}), T("spoke", {"Putin"})),
            std::make_pair(0.0, 0.0));
  // Extra predicted args beyond a one-arg gold are never looked at.
  auto [p, r] = CarbMatch(T("spoke", {"Putin"}), T("spoke", {"Putin", "with Obama"}));
  EXPECT_DOUBLE_EQ(p, 1.0);
  EXPECT_DOUBLE_EQ(r, 1.0);
}

TEST(CarbMatch, SaidReversal) {
  // Gold (the Kremlin; said; they agreed) vs predicted (they agreed; said; the Kremlin).
  auto [p, r] = CarbMatch(T("said", {"the Kremlin", "they agreed"}),
                          T("said", {"they agreed", "the Kremlin"}));
  EXPECT_DOUBLE_EQ(p, 1.0);
  EXPECT_DOUBLE_EQ(r, 1.0);
}

TEST(CarbKey, NormalizesSpacesBracketsPunctuation) {
  EXPECT_EQ(CarbSentenceKey("He said -LRB- twice -RRB- , `` no '' ."), "Hesaidtwiceno");
}

TEST(CarbScore, NoPredictionsIsZero) {
  Result<CarbGold> gold = ParseCarbGold("A b c .\tb\tA\tc\n", "g");
  ASSERT_TRUE(gold.ok());
  CarbScore s = ScoreCarb(*gold, {});
  EXPECT_EQ(s.f1, 0);
  EXPECT_EQ(s.auc, 0);
  EXPECT_EQ(s.gold_tuples, 1u);
}

TEST(CarbScore, ContextArgsDroppedAndThresholds) {
  Result<CarbGold> gold =
      ParseCarbGold("X met Y .\tmet\tX\tY\tC: analysts said\nX met Y .\tis\tX\tnice\n", "g");
  ASSERT_TRUE(gold.ok());
  ASSERT_EQ(gold->sentences.size(), 1u);
  EXPECT_EQ(gold->sentences[0].second[0].args.size(), 2u);
  Result<CarbPredictions> pred =
      ParseCarbTabbed("X met Y .\t0.9\tmet\tX\tY\nX met Y .\t0.2\tmet\tY\tX\n", "p");
  ASSERT_TRUE(pred.ok());
  CarbScore s = ScoreCarb(*gold, *pred);
  ASSERT_EQ(s.curve.size(), 2u);
  // At 0.9: one prediction, exact match: P 1, R = (1 + 0)/2.
  EXPECT_DOUBLE_EQ(s.curve[1].precision, 1.0);
  EXPECT_DOUBLE_EQ(s.curve[1].recall, 0.5);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
}

TEST(CarbRead, BadConfidenceNamesFileAndLine) {
  Result<CarbPredictions> pred = ParseCarbTabbed("s\t0.5\tr\ta\ns\tzero\tr\ta\n", "pred.tab");
  ASSERT_FALSE(pred.ok());
  EXPECT_NE(pred.status().message().find("pred.tab:2"), std::string::npos)
      << pred.status().ToString();
  EXPECT_TRUE(ReadCarbGold("/nonexistent/gold.tsv").status().IsNotFound());
}

TEST(CarbReference, OpenIe5DevReproduces) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("carb-dev");
  Result<CarbGold> gold = ReadCarbGold(dir + "/gold/dev.tsv");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_EQ(gold->tuple_count, 2548u);
  Result<CarbPredictions> pred = ReadCarbTabbed(dir + "/reference/openie5-dev.tab");
  ASSERT_TRUE(pred.ok()) << pred.status().ToString();
  CarbScore s = ScoreCarb(*gold, *pred);
  EXPECT_EQ(Round3(s.auc), 0.240);
  EXPECT_EQ(Round3(s.precision), 0.526);
  EXPECT_EQ(Round3(s.recall), 0.406);
  EXPECT_EQ(Round3(s.f1), 0.458);
}

TEST(CarbReference, GoldAgainstItselfIsTheCeiling) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("carb-dev");
  Result<CarbGold> gold = ReadCarbGold(dir + "/gold/dev.tsv");
  ASSERT_TRUE(gold.ok());
  CarbPredictions self;
  for (const auto& [sentence, tuples] : gold->sentences)
    for (const CarbTuple& t : tuples) self.tuples.push_back({sentence, t});
  CarbScore s = ScoreCarb(*gold, self);
  EXPECT_GT(s.f1, 0.98);
  EXPECT_LE(s.f1, 1.0);
}

}  // namespace
}  // namespace kg::extract
