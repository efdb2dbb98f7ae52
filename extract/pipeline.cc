// The NLP pipeline: tokenizer -> sentence splitter -> tagger -> lemmatizer
// -> dependency parser (see pipeline.h).
#include "extract/pipeline.h"

#include <cctype>
#include <cstdlib>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "common/text.h"
#include "extract/entities.h"
#include "extract/lemmatizer.h"
#include "extract/parser.h"
#include "extract/tagger.h"
#include "extract/tokenizer.h"

namespace kg::extract {

std::string DefaultModelsDir() {
  if (const char* env = std::getenv("KG_MODELS"); env && *env) return env;
#ifdef KG_MODELS_DIR
  return KG_MODELS_DIR;
#else
  return "models";
#endif
}

Pipeline::Pipeline() = default;
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Load(const std::string& models_dir) {
  std::string dir = models_dir.empty() ? DefaultModelsDir() : models_dir;
  std::unique_ptr<Pipeline> p(new Pipeline());
  Result<std::unique_ptr<Tagger>> tagger = Tagger::Load(dir + "/tagger.kgm");
  if (!tagger.ok()) return tagger.status();
  p->tagger_ = std::move(*tagger);
  Result<std::unique_ptr<DependencyParser>> parser = DependencyParser::Load(dir + "/parser.kgm");
  if (!parser.ok()) return parser.status();
  p->parser_ = std::move(*parser);
  Result<std::unique_ptr<Lemmatizer>> lem = Lemmatizer::Load("");
  if (!lem.ok()) return lem.status();
  p->lemmatizer_ = std::move(*lem);
  return p;
}

namespace {
bool IsLowerWord(const std::string& w) {
  if (w.empty()) return false;
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}
}  // namespace

// A hyphenated given name ("Hui Chi-fung", "Yau Wai-ching", "Lee
// Cheuk-yan") is split at the hyphen by the tokenizer, as the treebank
// splits words, and the tagger then reads its lower-case syllable as a verb
// ("ching" as VBG), which breaks the parse around the name. A capitalised
// word glued by a hyphen to a lower-case syllable that WordNet does not know
// is one word. ("US-led" and "Chicago-based" stay apart: WordNet knows
// "led" and "based".)
void Pipeline::JoinHyphenatedNames(Sentence& sentence, std::string_view text) const {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 2; i < t.size(); ++i) {
    const std::string& first = t[i - 2].form;
    if (t[i - 1].form != "-" || t[i - 1].space_after || t[i - 2].space_after) continue;
    if (first.empty() || first[0] < 'A' || first[0] > 'Z' || !IsLowerWord(t[i].form)) continue;
    // (Both halves ordinary words: "Well-known", "Anti-war". One a name's
    // syllable: "Kwok-kin", "Cheuk-yan".)
    std::string first_lower = first;
    for (char& c : first_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // (Or a short syllable after a name's first word, however WordNet
    // reads its halves: "Kim Jong-un", "Kim Il-sung"; not "Saudi
    // Arabia-led".)
    static const std::set<std::string> kParticiples = {"led",  "run",  "born",
                                                       "made", "held", "built"};
    const std::string& syllable = t[i].form;
    bool after_first_name =
        i >= 3 && !t[i - 3].form.empty() &&
        std::isupper(static_cast<unsigned char>(t[i - 3].form[0])) && t[i - 3].form != "The" &&
        t[i - 3].form != "A" && syllable.size() <= 4 && !kParticiples.count(syllable) &&
        !(syllable.size() > 2 && syllable.compare(syllable.size() - 2, 2, "ed") == 0);
    if (lemmatizer_->KnowsWord(t[i].form) && lemmatizer_->KnowsWord(first_lower) &&
        !after_first_name)
      continue;
    Token& joined = t[i - 2];
    joined.span.end = t[i].span.end;
    joined.form = std::string(text.substr(joined.span.begin, joined.span.end - joined.span.begin));
    joined.space_after = t[i].space_after;
    t.erase(t.begin() + (i - 1), t.begin() + (i + 1));
    --i;
  }
}

namespace {

// Where the clause before a speaker's tail ends (", President Christine
// Lagarde said."): the token before the tail's comma, or the sentence's
// length when it has no such tail.
size_t ReportedClauseEnd(const std::vector<Token>& t) {
  static const std::set<std::string> kSaid = {"said", "says",   "added",     "adds",
                                              "told", "stated", "announced", "confirmed"};
  size_t end = t.size();
  while (end > 0 && t[end - 1].upos == "PUNCT") --end;
  if (end < 3) return t.size();
  // ", NAME said" or ", said NAME": the tail is the verb and the speaker.
  size_t comma = end;
  while (comma > 0 && t[comma - 1].form != ",") --comma;
  if (comma == 0) return t.size();
  bool said = false, speaker = false;
  for (size_t k = comma; k < end; ++k) {
    if (kSaid.count(t[k].form))
      said = true;
    else if (t[k].upos == "PROPN" || t[k].upos == "PRON" || t[k].upos == "NOUN" ||
             t[k].upos == "DET")
      speaker = true;
    else
      return t.size();
  }
  return said && speaker ? comma - 1 : t.size();
}

// "Junius Ho defeated Lee Cheuk-yan by 5,000 votes": between two names the
// tagger often reads a past tense as a participle ("the defeated Lee"), and
// the sentence is left without a verb. When a sentence has no finite verb, a
// participle right after its subject's noun and before an object, with no
// auxiliary before it, is the past tense.
// (So is the clause before a speaker's tail: "The European Central Bank
// raised interest rates, President Christine Lagarde said.")
void RetagVerblessParticiple(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const size_t clause_end = ReportedClauseEnd(t);
  for (size_t k = 0; k < clause_end; ++k)
    if (t[k].xpos == "VBD" || t[k].xpos == "VBZ" || t[k].xpos == "VBP" || t[k].xpos == "MD" ||
        t[k].upos == "AUX")
      return;
  for (size_t i = 1; i + 1 < clause_end; ++i) {
    // ("The news shocked Nissan": a past tense read as an adjective, "I was
    // shocked", before a name, an article or a pronoun.)
    const std::string& f = t[i].form;
    bool adjective_in_ed =
        t[i].xpos == "JJ" && f.size() > 4 && f.compare(f.size() - 2, 2, "ed") == 0;
    if (t[i].xpos != "VBN" && !adjective_in_ed) continue;
    const std::string& before = t[i - 1].upos;
    const std::string& after = t[i + 1].upos;
    if (before != "PROPN" && before != "NOUN" && before != "PRON") return;
    // ("Hundreds of protesters marched through Hong Kong": a verb of
    // moving or gathering, with no object, before its preposition.)
    static const std::set<std::string> kGoneSomewhere = {
        "marched",  "rallied",   "gathered", "protested", "demonstrated", "arrived",
        "traveled", "travelled", "walked",   "returned",  "moved",        "converged"};
    if (after == "ADP" && t[i].xpos == "VBN" && kGoneSomewhere.count(f)) {
      t[i].upos = "VERB";
      t[i].xpos = "VBD";
      return;
    }
    if (after != "DET" && after != "PROPN" && after != "NOUN" && after != "PRON" && after != "NUM" &&
        after != "ADJ")
      return;
    if (adjective_in_ed && after != "DET" && after != "PROPN" && after != "PRON" && after != "NUM")
      return;
    t[i].upos = "VERB";
    t[i].xpos = "VBD";
    return;
  }
}

}  // namespace

// "Apple's chief executive, Tim Cook, met Donald Trump": the tagger reads
// "executive" after "chief" as an adjective even where no noun follows it
// (before a comma, a name, "of" or a verb); there it is the noun.
void RetagChiefExecutive(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i].form != "executive" || t[i].upos != "ADJ" || text::ToLower(t[i - 1].form) != "chief")
      continue;
    const Token& next = t[i + 1];
    if (next.upos == "NOUN" || next.upos == "ADJ") continue;  // "chief executive officer"
    t[i].upos = "NOUN";
    t[i].xpos = "NN";
  }
}

// "eHow", "iPhone", "wikiHow", "eBay": a word that starts lower case and
// has a capital later is a name, however rare (the tagger read "eHow" as an
// adverb); so is a hashtag ("#IStandWithAhmed").
void RetagCamelCaseNames(Sentence& sentence) {
  for (Token& t : sentence.tokens) {
    const std::string& f = t.form;
    if (f.size() > 2 && f[0] == '#' && std::isalpha(static_cast<unsigned char>(f[1]))) {
      t.upos = "PROPN";  // a hashtag names a campaign or topic
      t.xpos = "NNP";
      continue;
    }
    if (f.size() < 3 || !std::isalpha(static_cast<unsigned char>(f[0]))) continue;
    // (Or a capital after a lower-case letter in a capitalized word:
    // "SpaceX", "YouTube", "GitHub"; not "PhD".)
    bool letters = true, capital_after = false;
    for (size_t i = 0; i < f.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(f[i]);
      letters &= std::isalnum(c) != 0;
      bool after_lower = i > 0 && std::islower(static_cast<unsigned char>(f[i - 1]));
      capital_after |= i > 0 && std::isupper(c) &&
                       (std::islower(static_cast<unsigned char>(f[0])) || after_lower);
    }
    // (Or letters with digits the tagger read as a verb or a function
    // word: "IE6 shipped with Windows XP", "IE6" an auxiliary.)
    bool capital = false, digit = false;
    for (char c : f) {
      capital |= std::isupper(static_cast<unsigned char>(c)) != 0;
      digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
    static const std::set<std::string> kNotNouns = {"AUX", "VERB",  "ADP",   "DET",  "PRON",
                                                    "ADV", "SCONJ", "CCONJ", "PART", "INTJ"};
    bool model_name = letters && capital && digit && kNotNouns.count(t.upos) > 0;
    if (!letters || (!capital_after && !model_name) || f == "PhD" || f == "PhDs") continue;
    t.upos = "PROPN";
    t.xpos = "NNP";
  }
}

// "Ford Motor Company recalled ...", "the Bank of England Monetary Policy
// Committee": capitalized words the tagger reads as common nouns, between a
// proper noun and an organisation's last word ("Company", "Airways"), are
// the organisation's name. Not in a line written in capitals or title case.
void RetagOrganisationNameWords(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto capitalized = [&](int i) {
    return !t[i].form.empty() && std::isupper(static_cast<unsigned char>(t[i].form[0]));
  };
  int words = 0, capitals = 0;
  for (int i = 0; i < n; ++i) {
    if (t[i].form.empty() || !std::isalpha(static_cast<unsigned char>(t[i].form[0]))) continue;
    ++words;
    capitals += capitalized(i);
  }
  if (capitals * 2 > words) return;
  for (int i = 2; i < n; ++i) {
    if (t[i].upos != "NOUN" || !capitalized(i) || !IsOrganizationHeadWord(t[i].form)) continue;
    int j = i - 1;
    while (j > 0 && capitalized(j) && (t[j].upos == "NOUN" || t[j].upos == "ADJ")) --j;
    if (j == i - 1 || t[j].upos != "PROPN" || !capitalized(j)) continue;
    for (int k = j + 1; k <= i; ++k) {
      t[k].upos = "PROPN";
      t[k].xpos = "NNP";
    }
  }
}

// "Iran's foreign ministry summoned the British ambassador": a word in
// lower case the tagger reads as a proper noun, that WordNet knows as a
// word, is a common noun (not a name's particle, "de Gaulle", "al-Assad";
// not in a line written all in lower case, where names are too).
void Pipeline::RetagLowerCaseProperNouns(Sentence& sentence) const {
  bool capitals = false;
  for (const Token& t : sentence.tokens)
    capitals |= !t.form.empty() && std::isupper(static_cast<unsigned char>(t.form[0]));
  if (!capitals) return;
  std::vector<Token>& tokens = sentence.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token& t = tokens[i];
    if (t.upos != "PROPN" || t.form.size() < 3) continue;
    bool lower = true;
    for (char c : t.form) lower &= std::islower(static_cast<unsigned char>(c)) != 0;
    if (!lower || IsNameParticle(t.form) || !lemmatizer_->KnowsWord(t.form)) continue;
    // (After a capitalized word it may end a name written so: "the
    // Indonesian navy".)
    if (i > 0 && !tokens[i - 1].form.empty() &&
        std::isupper(static_cast<unsigned char>(tokens[i - 1].form[0])))
      continue;
    t.upos = "NOUN";
    t.xpos = t.xpos == "NNPS" ? "NNS" : "NN";
  }
}

namespace {

// "Lula da Silva", "Ursula von der Leyen": a name's particle between two
// capitalized words is part of the name (the tagger reads "da" as a noun).
void RetagNameParticles(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  auto capitalized = [&](size_t k) {
    return !t[k].form.empty() && std::isupper(static_cast<unsigned char>(t[k].form[0])) &&
           t[k].upos != "PUNCT";
  };
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (!IsNameParticle(t[i].form) || !capitalized(i - 1)) continue;
    size_t next = i + 1;
    while (next + 1 < t.size() && IsNameParticle(t[next].form)) ++next;  // "von der"
    if (!capitalized(next) || (t[i - 1].upos != "PROPN" && t[next].upos != "PROPN")) continue;
    for (size_t k = i - 1; k <= next; ++k) {
      t[k].upos = "PROPN";
      t[k].xpos = "NNP";
    }
  }
}

}  // namespace

// "Boeing builds planes", "Mohamed was a guest": a capitalized word the
// tagger reads as a verb (for its "-ing" or "-ed") that WordNet knows as no
// word nor any word's inflection is a name.
// So is a sentence's first word it reads as a plural before a comma
// ("Germanwings, a subsidiary of Lufthansa, said": "germanwing").
void Pipeline::RetagUnknownCapitalizedWords(Sentence& sentence) const {
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    Token& t = sentence.tokens[i];
    const std::string& f = t.form;
    bool plural_before_comma =
        i == 0 && t.xpos == "NNS" && sentence.tokens.size() > 1 && sentence.tokens[1].form == ",";
    if ((t.upos != "VERB" && !plural_before_comma) || f.size() < 3 ||
        !std::isupper(static_cast<unsigned char>(f[0])))
      continue;
    std::string lower = text::ToLower(f);
    if (lower == f || lemmatizer_->KnowsWord(lower)) continue;
    t.upos = "PROPN";
    t.xpos = "NNP";
  }
}

// "a USI instructor", "a second year USI art major": a word of capital
// letters the tagger reads as a common noun or an adjective, before a
// common noun or a verb, that WordNet knows as no word, is an
// organisation's or a place's initials (not "CEO", "TV", "PM": WordNet
// knows them). Not in a line written in capitals.
void Pipeline::RetagUnknownAcronyms(Sentence& sentence) const {
  int lower_words = 0, upper_words = 0;
  auto all_capitals = [](const std::string& f) {
    if (f.size() < 2) return false;
    for (char c : f)
      if (!std::isupper(static_cast<unsigned char>(c))) return false;
    return true;
  };
  for (const Token& t : sentence.tokens) {
    if (t.form.empty() || !std::isalpha(static_cast<unsigned char>(t.form[0]))) continue;
    (all_capitals(t.form) ? upper_words : lower_words)++;
  }
  if (upper_words * 3 > lower_words) return;
  // "The WHO declared ...", "the US": initials after "the" that the tagger
  // read as a function word ("WHO" as "who") are a name.
  for (size_t i = 1; i < sentence.tokens.size(); ++i) {
    Token& t = sentence.tokens[i];
    static const std::set<std::string> kFunctionTags = {"PRON",  "DET", "ADP", "SCONJ",
                                                        "CCONJ", "ADV", "AUX"};
    if (kFunctionTags.count(t.upos) && all_capitals(t.form) &&
        text::ToLower(sentence.tokens[i - 1].form) == "the") {
      t.upos = "PROPN";
      t.xpos = "NNP";
    }
  }
  // "shipped with Windows XP": initials WordNet does not know after a
  // capitalized word past the sentence's first are a name's last word, and
  // the word before is the name's too.
  for (size_t i = 2; i < sentence.tokens.size(); ++i) {
    Token& t = sentence.tokens[i];
    Token& before = sentence.tokens[i - 1];
    if ((t.upos != "NOUN" && t.upos != "ADJ") || !all_capitals(t.form) || t.form.size() > 4 ||
        before.form.empty() || !std::isupper(static_cast<unsigned char>(before.form[0])) ||
        all_capitals(before.form) || (before.upos != "NOUN" && before.upos != "PROPN") ||
        lemmatizer_->KnowsWord(text::ToLower(t.form)))
      continue;
    t.upos = before.upos = "PROPN";
    t.xpos = before.xpos = "NNP";
  }
  for (size_t i = 0; i + 1 < sentence.tokens.size(); ++i) {
    Token& t = sentence.tokens[i];
    if ((t.upos != "NOUN" && t.upos != "ADJ") || !all_capitals(t.form) || t.form.size() > 6)
      continue;
    // (Before a common noun it modifies, as initials do, or before a verb
    // as its subject, "SNY has broadcast": not "web based MMOG ...", an
    // abbreviated noun.)
    const Token& next = sentence.tokens[i + 1];
    bool modifies = next.upos == "NOUN" && !next.form.empty() &&
                    std::islower(static_cast<unsigned char>(next.form[0]));
    if (!modifies && next.upos != "VERB" && next.upos != "AUX") continue;
    std::string lower = text::ToLower(t.form);
    if (lemmatizer_->KnowsWord(lower)) continue;
    t.upos = "PROPN";
    t.xpos = "NNP";
  }
}

// "Barcelona beat Real Madrid on Sunday": in a sentence without a verb, a
// word the tagger read as a preposition that is no preposition but a verb
// to WordNet, between a name or noun and what could be its object, is the
// sentence's verb (its past tense).
void Pipeline::RetagVerbReadAsPreposition(Sentence& sentence) const {
  static const std::set<std::string> kPrepositions = {
      "about",   "above",   "across",  "after",  "against",    "along",    "amid",       "among",
      "around",  "as",      "at",      "before", "behind",     "below",    "beneath",    "beside",
      "besides", "between", "beyond",  "but",    "by",         "despite",  "down",       "during",
      "except",  "for",     "from",    "in",     "inside",     "into",     "like",       "near",
      "of",      "off",     "on",      "onto",   "opposite",   "out",      "outside",    "over",
      "past",    "per",     "round",   "since",  "than",       "through",  "throughout", "till",
      "to",      "toward",  "towards", "under",  "underneath", "unlike",   "until",      "up",
      "upon",    "via",     "with",    "within", "without",    "versus",   "vs",         "vs.",
      "that",    "if",      "because", "while",  "whether",    "although", "though",     "unless"};
  std::vector<Token>& t = sentence.tokens;
  // (Or a clause without one, after a conjunction or a comma: "Messi scored
  // twice as Barcelona beat Real Madrid 3-2".)
  static const std::set<std::string> kClauseStarts = {
      "as",       "when",   "while", "after", "before", "because", "since", "until",
      "although", "though", "and",   "but",   ",",      ";",       ":"};
  auto verbless_clause = [&](size_t i) {
    size_t begin = 0, end = t.size();
    for (size_t j = 0; j < i; ++j)
      if (kClauseStarts.count(text::ToLower(t[j].form))) begin = j + 1;
    for (size_t j = i + 1; j < t.size(); ++j)
      if (kClauseStarts.count(text::ToLower(t[j].form))) {
        end = j;
        break;
      }
    for (size_t j = begin; j < end; ++j)
      if (t[j].upos == "VERB" || t[j].upos == "AUX") return false;
    return true;
  };
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    Token& w = t[i];
    if (w.upos != "ADP" || w.form.empty() || !std::islower(static_cast<unsigned char>(w.form[0])) ||
        kPrepositions.count(w.form) || !lemmatizer_->KnowsVerb(w.form))
      continue;
    const std::string& before = t[i - 1].upos;
    const std::string& after = t[i + 1].upos;
    if ((before != "PROPN" && before != "NOUN") ||
        (after != "DET" && after != "PROPN" && after != "ADJ" && after != "NOUN" &&
         after != "NUM") ||
        !verbless_clause(i))
      continue;
    w.upos = "VERB";
    w.xpos = "VBD";
    // (And the "as" or "when" that opens its clause, read as a
    // preposition, is the conjunction.)
    for (size_t j = i - 1; j > 0; --j) {
      if (!kClauseStarts.count(text::ToLower(t[j].form))) continue;
      if (t[j].upos == "ADP") t[j].upos = "SCONJ";
      break;
    }
    return;
  }
}

void Pipeline::TagInPlace(Sentence& sentence) const {
  tagger_->Tag(sentence);
  RetagVerblessParticiple(sentence);
  RetagChiefExecutive(sentence);
  RetagCamelCaseNames(sentence);
  RetagOrganisationNameWords(sentence);
  RetagUnknownCapitalizedWords(sentence);
  RetagLowerCaseProperNouns(sentence);
  RetagNameParticles(sentence);
  RetagUnknownAcronyms(sentence);
  RetagVerbReadAsPreposition(sentence);
  lemmatizer_->Lemmatize(sentence);
  for (Token& t : sentence.tokens) {
    if (t.feats.empty()) t.feats = "_";
  }
}

namespace {
// List bullets ("•" and friends) start sentences of their own (see
// tokenizer.h); the treebank has almost none, so they are parsed apart.
bool IsBullet(const std::string& form) {
  return form == "\xE2\x80\xA2" || form == "\xC2\xB7" || form == "\xE2\x96\xAA" ||
         form == "\xE2\x96\xBA" || form == "\xE2\x97\xA6" || form == "\xE2\x80\xA3" ||
         form == "\xE2\x97\x8F" || form == "\xE2\x96\xA0" || form == "\xE2\x81\x83";
}
}  // namespace

void Pipeline::AnalyzeInPlace(Sentence& sentence) const {
  if (sentence.tokens.size() > 1 && IsBullet(sentence.tokens[0].form)) {
    // Parse the item without its bullet, then hang the bullet on the root.
    Sentence rest;
    rest.span = sentence.span;
    rest.tokens.assign(sentence.tokens.begin() + 1, sentence.tokens.end());
    TagInPlace(rest);
    parser_->Parse(rest);
    Token bullet = sentence.tokens[0];
    bullet.upos = "PUNCT";
    bullet.xpos = "NFP";
    bullet.lemma = bullet.form;
    bullet.feats = "_";
    bullet.deprel = "punct";
    bullet.head = 0;
    for (size_t i = 0; i < rest.tokens.size(); ++i) {
      Token& t = rest.tokens[i];
      if (t.head >= 0) {
        ++t.head;
      } else {
        bullet.head = static_cast<int>(i) + 1;
      }
    }
    sentence.tokens.clear();
    sentence.tokens.push_back(std::move(bullet));
    for (Token& t : rest.tokens) sentence.tokens.push_back(std::move(t));
    return;
  }
  TagInPlace(sentence);
  parser_->Parse(sentence);
}

namespace {
// The semicolons of `s` outside quotations that end a piece of five tokens
// or more (token indexes).
std::vector<size_t> SemicolonsBetweenPieces(const Sentence& s) {
  constexpr size_t kMinPiece = 5;
  const size_t n = s.tokens.size();
  std::vector<size_t> out;
  bool in_quote = false;
  size_t last = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string& f = s.tokens[i].form;
    if (f == "\"" || f == "\xE2\x80\x9C" || f == "\xE2\x80\x9D")
      in_quote = f == "\"" ? !in_quote : f == "\xE2\x80\x9C";
    if (f != ";" || in_quote || i + 1 - last < kMinPiece) continue;
    out.push_back(i);
    last = i + 1;
  }
  return out;
}

bool HasVerb(const Sentence& s, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i)
    if (s.tokens[i].upos == "VERB" || s.tokens[i].upos == "AUX") return true;
  return false;
}

// "Sweden defeated South Korea 1 – 0; Belgium defeated debutants Panama
// 3 – 0; and Tunisia lost 1 – 2 to England": clauses joined by semicolons
// are sentences of their own (the parser reads each far better alone). But
// "includes Polaroids of actor Dennis Hopper; publishers Jann Wenner of
// Rolling Stone and ...; fashion designer Halston" is one list (see
// Pipeline::ParseSemicolonList). So a semicolon splits a tagged sentence
// only between two pieces of five tokens or more that each have a verb.
std::vector<Sentence> SplitClausesAtSemicolons(Sentence s) {
  constexpr size_t kMinPiece = 5;
  const size_t n = s.tokens.size();
  std::vector<size_t> semicolons = SemicolonsBetweenPieces(s);
  std::vector<size_t> cuts;  // token index after which to cut
  size_t last = 0;           // first token of the current piece
  for (size_t k = 0; k < semicolons.size(); ++k) {
    size_t i = semicolons[k];
    size_t next = k + 1 < semicolons.size() ? semicolons[k + 1] : n;
    if (next - (i + 1) < kMinPiece || !HasVerb(s, last, i) || !HasVerb(s, i + 1, next)) continue;
    cuts.push_back(i);
    last = i + 1;
  }
  std::vector<Sentence> out;
  if (cuts.empty()) {
    out.push_back(std::move(s));
    return out;
  }
  size_t begin = 0;
  cuts.push_back(n - 1);
  for (size_t cut : cuts) {
    Sentence piece;
    piece.cut = s.cut;
    piece.tokens.assign(std::make_move_iterator(s.tokens.begin() + begin),
                        std::make_move_iterator(s.tokens.begin() + cut + 1));
    piece.span = {piece.tokens.front().span.begin, piece.tokens.back().span.end};
    out.push_back(std::move(piece));
    begin = cut + 1;
  }
  return out;
}
}  // namespace

bool Pipeline::ParseSemicolonList(Sentence& s) const {
  // "The exhibit at USI includes Polaroids of actor Dennis Hopper; musician
  // Nick Rhodes of Duran Duran; publishers Jann Wenner of Rolling Stone ...;
  // and athletes Vitas Gerulaitis and Jack Nicklaus": a clause, then items
  // with no verb. Read whole, the parser loses its way in the items; each
  // item is parsed alone and joined as a conjunct of the clause's last
  // noun phrase before the first semicolon.
  std::vector<size_t> semicolons = SemicolonsBetweenPieces(s);
  if (semicolons.empty() || !HasVerb(s, 0, semicolons[0])) return false;
  const size_t n = s.tokens.size();
  std::vector<std::pair<size_t, size_t>> items;  // [begin, end) after each semicolon
  for (size_t k = 0; k < semicolons.size(); ++k) {
    size_t begin = semicolons[k] + 1;
    size_t end = k + 1 < semicolons.size() ? semicolons[k + 1] : n;
    if (begin >= end || HasVerb(s, begin, end)) return false;
    items.emplace_back(begin, end);
  }
  // The last piece ends the sentence: its final punctuation is the clause's.
  size_t final_punct = n;
  if (s.tokens[n - 1].upos == "PUNCT" && items.back().second - items.back().first > 1) {
    final_punct = n - 1;
    items.back().second = n - 1;
  }
  auto parse_part = [&](size_t begin, size_t end) {
    Sentence part;
    part.tokens.assign(s.tokens.begin() + begin, s.tokens.begin() + end);
    part.span = {part.tokens.front().span.begin, part.tokens.back().span.end};
    parser_->Parse(part);
    for (size_t i = 0; i < part.tokens.size(); ++i) {
      Token& t = s.tokens[begin + i];
      t.head = part.tokens[i].head < 0 ? -1 : part.tokens[i].head + static_cast<int>(begin);
      t.deprel = part.tokens[i].deprel;
    }
  };
  parse_part(0, semicolons[0]);
  int root = -1;
  for (size_t i = 0; i < semicolons[0]; ++i)
    if (s.tokens[i].head < 0) root = static_cast<int>(i);
  // The noun phrase the items continue: the last noun before the first
  // semicolon, up to the head of its name ("Dennis" of "Dennis Hopper").
  int anchor = -1;
  for (size_t i = semicolons[0]; i-- > 0 && anchor < 0;)
    if (s.tokens[i].upos == "NOUN" || s.tokens[i].upos == "PROPN" || s.tokens[i].upos == "NUM")
      anchor = static_cast<int>(i);
  while (anchor >= 0 && (s.tokens[anchor].deprel == "flat" || s.tokens[anchor].deprel == "compound") &&
         s.tokens[anchor].head >= 0)
    anchor = s.tokens[anchor].head;
  if (anchor < 0 || root < 0) return false;
  for (size_t k = 0; k < items.size(); ++k) {
    auto [begin, end] = items[k];
    parse_part(begin, end);
    int item_root = -1;
    for (size_t i = begin; i < end; ++i)
      if (s.tokens[i].head < 0) item_root = static_cast<int>(i);
    // "musician Nick Rhodes of Duran Duran", read as the noun with the
    // name in apposition: the name is the item, the noun describes it.
    int next = item_root + 1;
    if (s.tokens[item_root].upos == "NOUN" && static_cast<size_t>(next) < end &&
        s.tokens[next].upos == "PROPN" && s.tokens[next].head == item_root &&
        s.tokens[next].deprel == "appos") {
      for (size_t i = begin; i < end; ++i)
        if (s.tokens[i].head == item_root && static_cast<int>(i) != next &&
            static_cast<int>(i) > next)
          s.tokens[i].head = next;
      s.tokens[item_root].head = next;
      s.tokens[item_root].deprel = "nmod:desc";
      item_root = next;
    }
    s.tokens[item_root].head = anchor;
    s.tokens[item_root].deprel = "conj";
    Token& semicolon = s.tokens[semicolons[k]];
    semicolon.head = item_root;
    semicolon.deprel = "punct";
  }
  if (final_punct < n) {
    s.tokens[final_punct].head = root;
    s.tokens[final_punct].deprel = "punct";
  }
  return true;
}

std::vector<Sentence> Pipeline::Analyze(std::string_view text) const {
  std::vector<Sentence> sentences;
  for (Sentence& s : TokenizeAndSplit(text)) {
    JoinHyphenatedNames(s, text);
    if (s.tokens.size() > 1 && IsBullet(s.tokens[0].form)) {
      AnalyzeInPlace(s);
      sentences.push_back(std::move(s));
      continue;
    }
    TagInPlace(s);
    if (ParseSemicolonList(s)) {
      sentences.push_back(std::move(s));
      continue;
    }
    std::vector<Sentence> pieces = SplitClausesAtSemicolons(std::move(s));
    for (Sentence& piece : pieces) {
      // A clause is tagged again on its own, as the tagger was trained.
      if (pieces.size() > 1) TagInPlace(piece);
      parser_->Parse(piece);
      sentences.push_back(std::move(piece));
    }
  }
  return sentences;
}

Sentence Pipeline::AnalyzeTokens(const std::vector<std::string>& tokens) const {
  Sentence s;
  uint32_t offset = 0;
  for (const std::string& form : tokens) {
    if (form.empty()) continue;
    Token t;
    t.form = form;
    t.span = {offset, offset + static_cast<uint32_t>(form.size())};
    offset = t.span.end + 1;
    s.tokens.push_back(std::move(t));
  }
  if (!s.tokens.empty()) s.span = {0, s.tokens.back().span.end};
  AnalyzeInPlace(s);
  return s;
}

}  // namespace kg::extract
