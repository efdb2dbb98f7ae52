// WordNet (noun database) lookups for entity typing and canonical names.
//
// Reads index.noun and data.noun of WordNet 3.0 (Debian's wordnet-base,
// /usr/share/wordnet) into memory once; lookups are binary searches in the
// sorted index and direct reads at a synset's byte offset in data.noun (the
// offset IS the synset id in WordNet's format). Immutable after Load, so
// safe to share between threads.
//
//   Result<std::unique_ptr<WordNet>> wn = WordNet::Load("/usr/share/wordnet");
//   (*wn)->Synsets("Vladimir Putin")  // {11249322: Putin, Vladimir Putin, ...}
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/claim.h"
#include "common/status.h"

namespace kg::extract {

struct WordNetSynset {
  uint32_t offset = 0;
  std::vector<std::string> words;      // "Vladimir Putin" (underscores as spaces)
  std::vector<uint32_t> hypernyms;     // @ pointers
  std::vector<uint32_t> instance_of;   // @i pointers
};

class WordNet {
 public:
  // `dir` holds index.noun and data.noun; empty = /usr/share/wordnet.
  static Result<std::unique_ptr<WordNet>> Load(const std::string& dir);

  // Noun synsets of `lemma` (any case; spaces or underscores), most frequent
  // sense first. Empty when WordNet does not know it.
  std::vector<WordNetSynset> Synsets(const std::string& lemma) const;

  // The synset stored at `offset`, or an empty one (offset 0).
  WordNetSynset SynsetAt(uint32_t offset) const;

  // Person / Organization / Location / Event for a name whose sense is an
  // instance (or kind) under those roots; kOther when unknown or elsewhere.
  // Only the first `max_senses` senses are tried.
  EntityType TypeOf(const std::string& lemma, int max_senses = 2) const;

 private:
  WordNet() = default;
  EntityType TypeOfSynset(const WordNetSynset& synset) const;
  std::string index_;
  std::string data_;
  std::vector<uint32_t> line_starts_;  // index.noun lines (not the license header)
};

}  // namespace kg::extract
