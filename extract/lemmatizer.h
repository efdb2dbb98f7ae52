// Lemmatizer: dictionary forms ("was" -> "be", "bombings" -> "bombing") for
// tagged tokens, following UD English EWT's conventions.
//
// Uses WordNet's morphology (Debian wordnet-base, read at load time): the
// exception lists (noun.exc, verb.exc, adj.exc, adv.exc) and the detachment
// rules of WordNet's morphy, accepted when the result is a lemma in
// index.noun / index.verb / index.adj. Closed-class words (pronouns,
// auxiliaries, clitics such as "n't" and "'s") come from a small table, and
// words WordNet lacks get English suffix rules chosen by the XPOS tag.
//
// Immutable after Load; Lemma() is const and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/status.h"
#include "extract/sentence.h"

namespace kg::extract {

class Lemmatizer {
 public:
  // Reads the WordNet files from `wordnet_dir` (empty = /usr/share/wordnet).
  // Fails with NotFound naming the missing file.
  static Result<std::unique_ptr<Lemmatizer>> Load(const std::string& wordnet_dir);

  // The lemma of `form` tagged `upos` / `xpos` (PTB tag).
  std::string Lemma(const std::string& form, const std::string& upos,
                    const std::string& xpos) const;

  // Fills Token::lemma for every token (needs upos and xpos).
  void Lemmatize(Sentence& sentence) const;

  // Whether WordNet knows lower-case `word` as a noun, verb, adjective or
  // adverb, or as an inflection of one ("ching" and "fung" it does not).
  bool KnowsWord(const std::string& word) const;
  // Whether WordNet knows lower-case `word` as a verb or a verb's
  // inflection ("beat", "led").
  bool KnowsVerb(const std::string& word) const;

 private:
  enum Pos { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3 };
  Lemmatizer() = default;
  // WordNet's morphy: exceptions, then detachment rules checked against the
  // index. Empty when nothing is found.
  std::string Morphy(const std::string& word, Pos pos) const;
  std::string Rules(const std::string& word, const std::string& xpos) const;

  std::unordered_map<std::string, std::string> exceptions_[4];
  std::unordered_set<std::string> lemmas_[4];
};

}  // namespace kg::extract
