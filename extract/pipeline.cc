// The NLP pipeline: tokenizer -> sentence splitter -> tagger -> lemmatizer
// -> dependency parser (see pipeline.h).
#include "extract/pipeline.h"

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

void Pipeline::TagInPlace(Sentence& sentence) const {
  tagger_->Tag(sentence);
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
  for (Sentence& s : sentences) AnalyzeInPlace(s);
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
