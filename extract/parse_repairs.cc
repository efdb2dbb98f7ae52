// Parse repairs for claim extraction; see parse_repairs.h.
#include "extract/parse_repairs.h"

#include <cctype>
#include <string>
#include <vector>

namespace kg::extract {
namespace {

// "Swedish captain Andreas Granqvist won the award": the parser sometimes
// gives a verb two subjects, a common noun and the name right after it. The
// noun describes the name, as in "White House spokesman Jay Carney said";
// two proper nouns in a row so read are one name.
void RepairNounBeforeNamedSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    Token& noun = t[i];
    const Token& name = t[i + 1];
    bool subject = noun.deprel == "nsubj" || noun.deprel == "nsubj:pass";
    if (!subject || name.upos != "PROPN" || name.deprel != noun.deprel || name.head != noun.head)
      continue;
    if (noun.upos == "NOUN") {
      noun.head = static_cast<int>(i + 1);
      noun.deprel = "nmod:desc";
    } else if (noun.upos == "PROPN") {
      // "Wong Kwok-hing was defeated", read as two subjects: one name.
      t[i + 1].head = static_cast<int>(i);
      t[i + 1].deprel = "flat";
    }
  }
}

// "Lam Cheuk-ting", "Kwok Wai-keung": a capitalized hyphenated word next to
// a proper noun is part of the name, whatever its ending ("-ting" reads as
// a gerund to the tagger).
void RetagHyphenatedNames(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& f = t[i].form;
    size_t hyphen = f.find('-');
    if (f.empty() || f[0] < 'A' || f[0] > 'Z' || hyphen == std::string::npos || hyphen == 0 ||
        hyphen + 1 >= f.size() || t[i].upos == "PROPN")
      continue;
    bool by_name = (i > 0 && t[i - 1].upos == "PROPN") || (i + 1 < t.size() && t[i + 1].upos == "PROPN");
    if (!by_name) continue;
    t[i].upos = "PROPN";
    t[i].xpos = "NNP";
  }
}

// "Yesterday, ..., Sweden defeated South Korea": a day word the parser
// made a second subject is when, not who.
void RepairTimeWordSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  auto is_day_word = [](std::string w) {
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return w == "yesterday" || w == "today" || w == "tonight" || w == "tomorrow";
  };
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].deprel != "nsubj" || !is_day_word(t[i].form)) continue;
    for (size_t j = 0; j < t.size(); ++j)
      if (j != i && t[j].head == t[i].head && (t[j].deprel == "nsubj" || t[j].deprel == "nsubj:pass")) {
        t[i].deprel = "obl:unmarked";
        break;
      }
  }
}

// "Sweden defeated South Korea 1 - 0": the parser often heads the object
// with the score ("1", with "South Korea" hanging on it). The name is the
// argument; the score hangs on it.
void RepairScoreHeadedArgument(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 1; i < t.size(); ++i) {
    Token& number = t[i];
    if (number.upos != "NUM" || (number.deprel != "obj" && number.deprel != "nsubj")) continue;
    size_t name = i - 1;
    if (t[name].upos != "PROPN" || t[name].head != static_cast<int>(i)) continue;
    // A score: "1 - 0", "3-0", "2 – 1" right after.
    bool score = i + 2 < t.size() && t[i + 2].upos == "NUM" &&
                 (t[i + 1].form == "-" || t[i + 1].form == "\xE2\x80\x93");
    if (!score) continue;
    t[name].head = number.head;
    t[name].deprel = number.deprel;
    number.head = static_cast<int>(name);
    number.deprel = "nummod";
  }
}

}  // namespace

void RepairParseForClaims(Sentence& sentence) {
  RetagHyphenatedNames(sentence);
  RepairNounBeforeNamedSubject(sentence);
  RepairTimeWordSubject(sentence);
  RepairScoreHeadedArgument(sentence);
}

}  // namespace kg::extract
