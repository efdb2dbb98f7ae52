// Training helpers (see nlp_train.h).
#include "extract/nlp_train.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>

#include "extract/conllu.h"

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
  std::atomic<int> next_fold{0};
  std::vector<std::thread> workers;
  unsigned lanes = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  for (unsigned lane = 0; lane < std::min<unsigned>(lanes, folds); ++lane) {
    workers.emplace_back([&] {
      for (int f = next_fold++; f < folds; f = next_fold++) run_fold(f);
    });
  }
  for (std::thread& w : workers) w.join();
  sentences = std::move(tagged);
}

}  // namespace kg::extract
