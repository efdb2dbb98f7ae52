// Training helpers (see nlp_train.h).
#include "extract/nlp_train.h"

#include <iostream>

#include "extract/conllu.h"
#include "extract/parallel.h"

namespace kg::extract {

Result<std::vector<Sentence>> ReadTreebank(const std::string& path) {
  Result<std::vector<ConlluSentence>> doc = ReadConlluFile(path);
  if (!doc.ok()) return doc.status();
  std::vector<Sentence> out;
  out.reserve(doc->size());
  for (ConlluSentence& c : *doc) out.push_back(std::move(c.sentence));
  return out;
}

void JackknifeTags(std::vector<Sentence>& sentences, int folds, const TaggerTrainOptions& options) {
  if (folds < 2) return;
  size_t n = sentences.size();
  std::vector<Sentence> tagged = sentences;
  // Folds are independent (each writes only its own slice of `tagged`), so
  // two run at a time; the result does not depend on their order.
  auto run_fold = [&](int f) {
    size_t begin = n * f / folds, end = n * (f + 1) / folds;
    std::vector<Sentence> rest;
    rest.reserve(n - (end - begin));
    for (size_t i = 0; i < n; ++i) {
      if (i < begin || i >= end) rest.push_back(sentences[i]);
    }
    TaggerTrainOptions o = options;
    o.verbose = false;
    std::unique_ptr<Tagger> tagger = Tagger::Train(rest, {}, o);
    for (size_t i = begin; i < end; ++i) tagger->Tag(tagged[i]);
    if (options.verbose) {
      std::cerr << ("jackknife fold " + std::to_string(f + 1) + "/" + std::to_string(folds) +
                    " tagged\n");
    }
  };
  RunJobs(folds, run_fold);
  sentences = std::move(tagged);
}

}  // namespace kg::extract
