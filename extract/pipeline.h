// Pipeline: kg's own English NLP, text in, analysed sentences out.
//
// Runs tokenize -> split sentences -> tag (UPOS + XPOS) -> lemmatize ->
// dependency-parse (UD relations) with the models trained on UD English EWT
// (see models/README.md). Claim extraction reads its output.
//
//   kg::Result<std::unique_ptr<kg::extract::Pipeline>> nlp =
//       kg::extract::Pipeline::Load("");  // default models folder
//   if (!nlp.ok()) return nlp.status();
//   for (const kg::extract::Sentence& s : (*nlp)->Analyze(text)) { ... }
//
// Contract of the output (see extract/sentence.h):
//   - every Token::span and Sentence::span are byte offsets into the `text`
//     given to Analyze, half-open, and text.substr(span) == the bytes the
//     token was read from (Token::form may differ only for normalised
//     forms, never in length of the span it covers);
//   - Token::head is an index into the same sentence (-1 for the root);
//     exactly one token per sentence has head == -1 and deprel "root";
//   - upos/xpos/lemma/deprel are never empty; feats is "_".
//
// Thread safety: a loaded Pipeline is immutable; Analyze and AnalyzeTokens
// are const and may be called from several threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extract/sentence.h"

namespace kg::extract {

class Tagger;
class Lemmatizer;
class DependencyParser;

class Pipeline {
 public:
  // Loads the tagger and parser models from `models_dir` (files tagger.kgm
  // and parser.kgm) and the WordNet data from /usr/share/wordnet.
  // An empty `models_dir` means $KG_MODELS, else the build's models/ folder.
  // Fails with NotFound / Corruption naming the file when a model is missing,
  // damaged or of another format version.
  static Result<std::unique_ptr<Pipeline>> Load(const std::string& models_dir);

  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Tokenizes, splits, tags, lemmatizes and parses `text` (UTF-8; invalid
  // bytes and control characters are tolerated, never a crash). Spans point
  // into `text`. Empty or blank text gives no sentences.
  std::vector<Sentence> Analyze(std::string_view text) const;

  // Analyses one pre-tokenized sentence (for example PTB-tokenized CaRB
  // sentences). Spans are offsets into the tokens joined by single spaces.
  Sentence AnalyzeTokens(const std::vector<std::string>& tokens) const;

  // Tags, lemmatizes and parses `sentence` in place. Only Token::form is
  // read; spans are kept as given. Used by `kg eval parse` with gold
  // tokenization.
  void AnalyzeInPlace(Sentence& sentence) const;
  // Parses a tagged clause followed by verbless items after semicolons
  // ("includes X; Y of Z; and W"), each item alone; false (nothing done)
  // when the sentence is not one.
  bool ParseSemicolonList(Sentence& sentence) const;

  // Tags and lemmatizes only (no parse): fills upos, xpos, lemma.
  void TagInPlace(Sentence& sentence) const;

 private:
  Pipeline();
  // "Chi-fung" of "Hui Chi-fung" as one token; see pipeline.cc.
  void JoinHyphenatedNames(Sentence& sentence, std::string_view text) const;
  void RetagUnknownCapitalizedWords(Sentence& sentence) const;
  void RetagLowerCaseProperNouns(Sentence& sentence) const;
  void RetagUnknownAcronyms(Sentence& sentence) const;
  void RetagVerbReadAsPreposition(Sentence& sentence) const;
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
  std::unique_ptr<DependencyParser> parser_;
};

// The folder Pipeline::Load("") uses: $KG_MODELS if set, else the models/
// folder compiled into kg_extract.
std::string DefaultModelsDir();

}  // namespace kg::extract
