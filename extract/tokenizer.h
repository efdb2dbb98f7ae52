// Tokenizer and sentence splitter for news English, keeping byte offsets.
//
// Tokenization follows UD English EWT conventions so that the tagger and
// parser see the kind of words they were trained on:
//   - clitics are split: "don't" -> "do" "n't", "Russia's" -> "Russia" "'s",
//     "can't" -> "ca" "n't", "cannot" -> "can" "not", "gonna" -> "gon" "na";
//   - hyphenated words are split at the hyphen: "U.S.-Russian" ->
//     "U.S." "-" "Russian" (a few prefixes such as "e-mail", "co-" stay);
//   - abbreviations and initials keep their period ("U.S.", "Mr.", "Feb.",
//     "J."); numbers keep their inner period and commas ("5.0", "2,000");
//     currency symbols and "%" are separate ("$" "4.25");
//   - quotes (straight and curly), brackets, em/en dashes and bullets ("•")
//     are tokens of their own; URLs and e-mail addresses are one token.
// Whitespace, control characters and invalid UTF-8 bytes separate tokens and
// are never part of one. Every Token::span cuts the original text and
// Token::form equals text.substr(span) (no normalisation).
//
// Sentences end at ".", "!", "?", "..." (with any closing quotes or
// brackets) before a word that may start a sentence, at a blank line, at a
// line break after a short line (headlines, datelines such as
// "WASHINGTON —"), and before a bullet.
//
// Time and memory are linear in the input. Thread-safe (no state).
#pragma once

#include <string_view>
#include <vector>

#include "extract/sentence.h"

namespace kg::extract {

// Splits `text` into tokens: form, span and space_after only.
std::vector<Token> Tokenize(std::string_view text);

// No sentence is longer than this many tokens. A longer run of words (a
// table, a list, a line with no full stops, word soup) is cut at its last
// comma, semicolon or colon in the second half of the bound, else at the
// bound, and the pieces are marked Sentence::cut. Real sentences this long
// are rare (UD EWT's longest has 159 words; 0.1% have more than 80), and a
// parse of one is mostly wrong anyway.
constexpr size_t kMaxSentenceTokens = 120;

// Groups `tokens` (from Tokenize(text)) into sentences; Sentence::span runs
// from the first token's begin to the last token's end.
std::vector<Sentence> SplitSentences(std::string_view text, std::vector<Token> tokens);

// Tokenize then SplitSentences.
std::vector<Sentence> TokenizeAndSplit(std::string_view text);

}  // namespace kg::extract
