// Coreference scores: MUC, B-cubed, CEAF-e and their mean (the CoNLL-2012
// F1), for `kg eval coref` on GUM documents.
//
// A mention is a token range of one sentence; a cluster a set of mentions.
// Predicted mentions are matched to gold ones by head: a predicted mention
// stands for the smallest gold mention of its sentence whose head word it
// covers while lying inside it (kg's mentions are names, "Vladimir Putin";
// GUM's are whole noun phrases, "Russian President Vladimir Putin 's").
// Unmatched predicted mentions count as mentions of their own.
#pragma once

#include <string>
#include <vector>

namespace kg::extract {

struct CorefMention {
  int sentence = 0;
  int begin = 0;  // tokens [begin, end)
  int end = 0;
  int head = -1;  // gold mentions: the head token
};

// Clusters of one document: each a list of mentions.
using CorefClusters = std::vector<std::vector<CorefMention>>;

struct PrfScore {
  double precision = 0, recall = 0;
  double f1() const { return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0; }
};

struct CorefScores {
  PrfScore muc, b3, ceafe;
  double conll() const { return (muc.f1() + b3.f1() + ceafe.f1()) / 3; }
  size_t gold_clusters = 0, predicted_clusters = 0, gold_mentions = 0, matched_mentions = 0;
};

// Scores over several documents: gold[d] and predicted[d] are document d's
// clusters. Sums are taken over all documents (micro average), in %.
CorefScores ScoreCoreference(const std::vector<CorefClusters>& gold,
                             const std::vector<CorefClusters>& predicted);

}  // namespace kg::extract
