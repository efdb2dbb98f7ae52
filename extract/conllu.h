// CoNLL-U: the Universal Dependencies file format, read into and written from
// extract::Sentence.
//
// Reading keeps one Sentence per block; multiword-token lines ("1-2 don't")
// and empty nodes ("8.1") are skipped, words are kept. Token spans are byte
// offsets into the block's "# text" line when the word can be found there in
// order, else into the words joined by single spaces (then `text` is that
// join). Errors name the file and line: "dev.conllu:1234: bad HEAD 'x'".
//
//   kg::Result<std::vector<kg::extract::ConlluSentence>> doc =
//       kg::extract::ReadConlluFile("en_ewt-ud-dev.conllu");
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extract/sentence.h"

namespace kg::extract {

// One sentence block of a CoNLL-U file.
struct ConlluSentence {
  std::string sent_id;         // "# sent_id = ..." or ""
  std::string text;            // "# text = ..." (or the words joined by spaces)
  bool has_text = false;       // whether the block had a "# text" line
  bool new_paragraph = false;  // "# newpar" or "# newdoc" seen before it
  bool spans_in_text = false;  // token spans cut `text` (else the words joined by spaces)
  Sentence sentence;           // words; head -1 = root
  std::vector<std::string> misc;  // each word's MISC column as written ("_" when empty)
};

// Parses CoNLL-U from `content`; `name` is used in error messages.
Result<std::vector<ConlluSentence>> ParseConllu(std::string_view content, const std::string& name);

// Reads and parses a CoNLL-U file.
Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path);

// Writes `sentence` as one CoNLL-U block (comment lines, words, blank line).
// `text` is printed as "# text = ..." when non-empty (newlines become spaces);
// `sent_id` likewise. Empty fields are written as "_".
void WriteConllu(const Sentence& sentence, std::string_view text, const std::string& sent_id,
                 std::ostream& out);

}  // namespace kg::extract
