// CaRB: the Open IE benchmark scorer (dair-iitd/CaRB, default mode).
//
// Implements ../shared/data/carb-dev/SCORING.md exactly: the "binary lenient
// tuple match" of gold tuples against predicted tuples, many-to-one recall,
// greedy one-to-one precision, a precision/recall point per distinct
// confidence, best F1 and the area under the PR curve. `kg eval carb` and the
// CaRB tests use it; it knows nothing about how predictions were made.
//
//   kg::Result<CarbGold> gold = ReadCarbGold("dev.tsv");
//   kg::Result<CarbPredictions> pred = ReadCarbTabbed("openie5-dev.tab");
//   CarbScore s = ScoreCarb(*gold, *pred);  // s.auc == 0.240 (3 decimals)
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace kg::extract {

// One tuple: a relation and its arguments, as whitespace-tokenized strings.
struct CarbTuple {
  std::string relation;
  std::vector<std::string> args;
  double confidence = 1.0;  // predictions only; ranks them
};

// Gold tuples grouped by their (stripped) sentence, in file order.
struct CarbGold {
  std::vector<std::pair<std::string, std::vector<CarbTuple>>> sentences;
  size_t tuple_count = 0;
};

// Predicted tuples in file order, each with its sentence.
struct CarbPredictions {
  std::vector<std::pair<std::string, CarbTuple>> tuples;
};

// One point of the precision/recall curve.
struct CarbPoint {
  double threshold = 0;
  double precision = 0;
  double recall = 0;
};

struct CarbScore {
  double precision = 0;  // at the best-F1 threshold
  double recall = 0;
  double f1 = 0;
  double auc = 0;
  std::vector<CarbPoint> curve;  // ascending threshold
  size_t gold_sentences = 0;
  size_t gold_tuples = 0;
  size_t predictions = 0;
};

// Reads a gold file (`sentence \t relation \t arg...`; args holding "C: " are
// dropped). Fails with NotFound / InvalidArgument naming the file and line.
Result<CarbGold> ReadCarbGold(const std::string& path);
Result<CarbGold> ParseCarbGold(const std::string& content, const std::string& name);

// Reads CaRB's tabbed prediction format (`sentence \t confidence \t relation
// \t arg...`). A bad confidence is an InvalidArgument naming file:line.
Result<CarbPredictions> ReadCarbTabbed(const std::string& path);
Result<CarbPredictions> ParseCarbTabbed(const std::string& content, const std::string& name);

// The sentence key CaRB pairs gold and predictions by: spaces removed, PTB
// bracket escapes replaced, ASCII punctuation removed.
std::string CarbSentenceKey(const std::string& sentence);

// Lenient binary match of one pair, with the said-type reversal:
// {precision, recall} of the pair.
std::pair<double, double> CarbMatch(const CarbTuple& gold, const CarbTuple& predicted);

// Scores `predictions` against `gold` (SCORING.md §3-§6).
CarbScore ScoreCarb(const CarbGold& gold, const CarbPredictions& predictions);

}  // namespace kg::extract
