// Stub implementation: whitespace tokens, flat trees. Replaced by the trained
// pipeline (tokenizer, tagger, lemmatizer, parser) in the next commits.
#include "extract/pipeline.h"

#include <cstdlib>

namespace kg::extract {

class Tagger {};
class Lemmatizer {};
class DependencyParser {};

namespace {
void FlatTree(Sentence& s) {
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    Token& t = s.tokens[i];
    t.upos = "X";
    t.xpos = "XX";
    t.lemma = t.form;
    t.feats = "_";
    t.head = i == 0 ? -1 : 0;
    t.deprel = i == 0 ? "root" : "dep";
  }
}
}  // namespace

std::string DefaultModelsDir() {
  if (const char* env = std::getenv("KG_MODELS"); env && *env) return env;
  return KG_MODELS_DIR;
}

Pipeline::Pipeline() = default;
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Load(const std::string& models_dir) {
  return std::unique_ptr<Pipeline>(new Pipeline());
}

std::vector<Sentence> Pipeline::Analyze(std::string_view text) const {
  std::vector<Sentence> out;
  Sentence s;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    size_t b = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    if (i > b) {
      Token t;
      t.form = std::string(text.substr(b, i - b));
      t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(i)};
      s.tokens.push_back(t);
    }
  }
  if (!s.tokens.empty()) {
    s.span = {s.tokens.front().span.begin, s.tokens.back().span.end};
    FlatTree(s);
    out.push_back(std::move(s));
  }
  return out;
}

Sentence Pipeline::AnalyzeTokens(const std::vector<std::string>& tokens) const {
  Sentence s;
  uint32_t off = 0;
  for (const std::string& f : tokens) {
    Token t;
    t.form = f;
    t.span = {off, off + static_cast<uint32_t>(f.size())};
    off += f.size() + 1;
    s.tokens.push_back(t);
  }
  if (!s.tokens.empty()) s.span = {0, s.tokens.back().span.end};
  FlatTree(s);
  return s;
}

void Pipeline::AnalyzeInPlace(Sentence& sentence) const { FlatTree(sentence); }
void Pipeline::TagInPlace(Sentence& sentence) const { FlatTree(sentence); }

}  // namespace kg::extract
