// The NLP pipeline: tokenizer -> sentence splitter -> tagger -> lemmatizer
// -> dependency parser (see pipeline.h).
#include "extract/pipeline.h"

#include <cctype>
#include <cstdlib>

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
    if (lemmatizer_->KnowsWord(t[i].form) && lemmatizer_->KnowsWord(first_lower)) continue;
    Token& joined = t[i - 2];
    joined.span.end = t[i].span.end;
    joined.form = std::string(text.substr(joined.span.begin, joined.span.end - joined.span.begin));
    joined.space_after = t[i].space_after;
    t.erase(t.begin() + (i - 1), t.begin() + (i + 1));
    --i;
  }
}

// "Junius Ho defeated Lee Cheuk-yan by 5,000 votes": between two names the
// tagger often reads a past tense as a participle ("the defeated Lee"), and
// the sentence is left without a verb. When a sentence has no finite verb, a
// participle right after its subject's noun and before an object, with no
// auxiliary before it, is the past tense.
void RetagVerblessParticiple(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (const Token& k : t)
    if (k.xpos == "VBD" || k.xpos == "VBZ" || k.xpos == "VBP" || k.xpos == "MD" || k.upos == "AUX")
      return;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i].xpos != "VBN") continue;
    const std::string& before = t[i - 1].upos;
    const std::string& after = t[i + 1].upos;
    if (before != "PROPN" && before != "NOUN" && before != "PRON") return;
    if (after != "DET" && after != "PROPN" && after != "NOUN" && after != "PRON" && after != "NUM" &&
        after != "ADJ")
      return;
    t[i].upos = "VERB";
    t[i].xpos = "VBD";
    return;
  }
}

void Pipeline::TagInPlace(Sentence& sentence) const {
  tagger_->Tag(sentence);
  RetagVerblessParticiple(sentence);
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

std::vector<Sentence> Pipeline::Analyze(std::string_view text) const {
  std::vector<Sentence> sentences = TokenizeAndSplit(text);
  for (Sentence& s : sentences) {
    JoinHyphenatedNames(s, text);
    AnalyzeInPlace(s);
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
