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
#include <unordered_map>
#include <vector>

#include "common/claim.h"
#include "common/status.h"

namespace kg::extract {

struct WordNetSynset {
  uint32_t offset = 0;
  int lex_file = 0;                    // lexicographer file: 18 noun.person, 15 noun.location...
  std::vector<std::string> words;      // "Vladimir Putin" (underscores as spaces)
  std::vector<uint32_t> hypernyms;     // @ pointers
  std::vector<uint32_t> instance_of;   // @i pointers
};

// WordNet's word classes as bits of a lexicon entry: a lemma of that class
// (low nibble), or an irregular inflection of one (high nibble, from the
// *.exc lists: "went" -> verb).
constexpr uint8_t kWnNoun = 1, kWnVerb = 2, kWnAdj = 4, kWnAdv = 8;

// The one-word lemmas of WordNet's index.{noun,verb,adj,adv} and the
// irregular forms of its *.exc files in `dir`, keyed by the 32-bit
// StringHash of NormalizeWord(word), with their word-class bits. Empty when
// `dir` has no WordNet. The tagger's and the entity recognizer's lexicon of
// ordinary English words.
std::unordered_map<uint32_t, uint8_t> ReadWordNetWordClasses(const std::string& dir);

class WordNet {
 public:
  // `dir` holds index.noun and data.noun; empty = /usr/share/wordnet.
  static Result<std::unique_ptr<WordNet>> Load(const std::string& dir);

  // Noun synsets of `lemma` (any case; spaces or underscores), most frequent
  // sense first. Empty when WordNet does not know it.
  std::vector<WordNetSynset> Synsets(const std::string& lemma) const;

  // The synset stored at `offset`, or an empty one (offset 0).
  WordNetSynset SynsetAt(uint32_t offset) const;

  // Calls `fn` with every noun synset, in file order (for building lexicons
  // at training time; slow: it parses all 82,115 synsets).
  template <typename Fn>
  void ForEachSynset(Fn fn) const {
    for (uint32_t offset : SynsetOffsets()) fn(SynsetAt(offset));
  }

  // Person / Organization / Location / Event for a name whose sense is an
  // instance (or kind) under those roots; kOther when unknown or elsewhere.
  // Only the first `max_senses` senses are tried.
  EntityType TypeOf(const std::string& lemma, int max_senses = 2) const;
  // The same for one sense.
  EntityType TypeOfSynset(const WordNetSynset& synset) const;

 private:
  WordNet() = default;
  std::vector<uint32_t> SynsetOffsets() const;
  std::string index_;
  std::string data_;
  std::vector<uint32_t> line_starts_;  // index.noun lines (not the license header)
};

}  // namespace kg::extract
