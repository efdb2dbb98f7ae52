// An analysed sentence: what the NLP pipeline (tokenize -> split -> tag ->
// lemmatize -> parse) produces and what claim extraction reads.
//
// Tokens keep byte offsets into the original text, so every claim can point
// at its exact words. Heads and relations follow Universal Dependencies.
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"

namespace kg::extract {

struct Token {
  std::string form;    // as in the text ("n't", "'s" for split clitics)
  ByteSpan span;       // bytes of the original text this token covers
  std::string upos;    // "PROPN"
  std::string xpos;    // "NNP"
  std::string lemma;   // "be"
  std::string feats;   // UD features, "_" when none
  int head = -1;       // index of the head token in Sentence::tokens, -1 = root
  std::string deprel;  // "nsubj", "obl:tmod", ...
  bool space_after = true;
};

struct Sentence {
  ByteSpan span;  // the sentence's bytes in the text
  std::vector<Token> tokens;
  // The splitter cut a longer run of words here (kMaxSentenceTokens): the
  // piece's ends are not a sentence's, and its claims are less sure.
  bool cut = false;
};

}  // namespace kg::extract
