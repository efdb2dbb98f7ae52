// CaRB dev with kg's own extractor: the figures measured when the rules
// were written, minus a small margin (see the report in the commit log).
#include <gtest/gtest.h>

#include <fstream>

#include "extract/carb.h"
#include "extract/openie_extractor.h"
#include "tests/extract/test_util.h"

namespace kg::extract {
namespace {

// Measured on dev with models/ of 15:29: P 0.615, R 0.465, F1 0.529, AUC
// 0.366 (interim parser models gave F1 0.515-0.528, AUC 0.352-0.364; the
// issue asks for F1 >= 0.42, AUC >= 0.22). A drop below these means the
// rules or the parser got worse.
constexpr double kMinF1 = 0.53;  // issue 10: CaRB dev must not fall below 53
constexpr double kMinAuc = 0.33;

TEST(CarbDev, KgExtractorMeetsTheBar) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("carb-dev");
  KG_PARSER_MODEL_OR_SKIP();
  Result<std::unique_ptr<OpenIeExtractor>> e = OpenIeExtractor::Load("");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  Result<CarbGold> gold = ReadCarbGold(dir + "/gold/dev.tsv");
  ASSERT_TRUE(gold.ok());
  std::ifstream in(dir + "/dev.txt");
  ASSERT_TRUE(in);
  CarbPredictions pred;
  std::string line;
  size_t sentences = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++sentences;
    for (CarbTuple& t : (*e)->ExtractCarb(line)) pred.tuples.push_back({line, std::move(t)});
  }
  EXPECT_EQ(sentences, 641u);
  CarbScore s = ScoreCarb(*gold, pred);
  RecordProperty("f1", std::to_string(s.f1));
  RecordProperty("auc", std::to_string(s.auc));
  EXPECT_GE(s.f1, kMinF1) << "P " << s.precision << " R " << s.recall << " AUC " << s.auc;
  EXPECT_GE(s.auc, kMinAuc) << "P " << s.precision << " R " << s.recall << " F1 " << s.f1;
}

}  // namespace
}  // namespace kg::extract
