// Training helpers shared by `kg train` and the NLP tests: reading a
// treebank and jackknifing tags so the parser trains on the kind of tags it
// will see at run time.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "extract/sentence.h"
#include "extract/tagger.h"

namespace kg::extract {

// Reads a CoNLL-U file into sentences (gold tags, heads and relations).
Result<std::vector<Sentence>> ReadTreebank(const std::string& path);

// Replaces the tags of `sentences` by those of taggers trained on the other
// folds (`folds` contiguous folds; each fold tagger uses `options`). The
// heads and relations are kept. Deterministic.
void JackknifeTags(std::vector<Sentence>& sentences, int folds, const TaggerTrainOptions& options);

}  // namespace kg::extract
