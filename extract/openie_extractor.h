// OpenIeExtractor: kg's claim extractor ("kg-openie").
//
// Document -> Pipeline (tokenize, tag, parse) -> Open IE tuples per sentence
// (openie.h) -> names (the recognizer's, entity_recognizer.h, and runs of
// proper nouns it missed), types and within-document resolution (resolution.h)
// -> an Extraction whose entities, claims and spans point into
// Document::text. Claims keep attribution, negation, modality, time and
// place arguments, and a confidence in [0, 1].
//
// It also serves CaRB: ExtractCarb() reads one PTB-tokenized sentence and
// returns tuples made of that sentence's own tokens.
//
// Thread safety: immutable after Load; Extract may run on several threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extract/carb.h"
#include "extract/extractor.h"
#include "extract/openie.h"

namespace kg::extract {

class Pipeline;
class EntityCatalog;
class EntityRecognizer;
struct NamedSpan;

class OpenIeExtractor : public Extractor {
 public:
  static constexpr const char* kName = "kg-openie";
  static constexpr const char* kVersion = "1.0";

  // Loads the NLP models from `models_dir` (empty = default, see Pipeline):
  // tagger, parser and the named-entity recognizer (ner.kgm), and WordNet
  // from /usr/share/wordnet.
  static Result<std::unique_ptr<OpenIeExtractor>> Load(const std::string& models_dir);
  // An extractor without NLP models, for input that is already parsed
  // (ExtractFromSentences, CarbTuplesOf): tests on gold parses. Extract and
  // ExtractCarb must not be called on it.
  static Result<std::unique_ptr<OpenIeExtractor>> LoadForParsedInput();
  ~OpenIeExtractor() override;

  std::string name() const override { return kName; }
  std::string version() const override { return kVersion; }
  Result<Extraction> Extract(const Document& document) const override;

  // CaRB tuples of one space-separated, PTB-tokenized sentence.
  std::vector<CarbTuple> ExtractCarb(const std::string& tokenized_sentence) const;

  // Claims of already analysed sentences of `document` (spans into its
  // text); what Extract does after the pipeline. For tests on gold parses.
  // With `all_mentions`, every entity the document names is kept (not only
  // those in claims), with every mention resolved to it, pronouns included:
  // what `kg eval coref` scores.
  // (The sentences are taken by value: the claims read them with the parse
  // repaired, extract/parse_repairs.h, after the recognizer has read them.)
  Extraction ExtractFromSentences(const Document& document, std::vector<Sentence> sentences,
                                  bool all_mentions = false) const;

  const Pipeline& pipeline() const { return *pipeline_; }

 private:
  OpenIeExtractor() = default;
  // Joins two names of sentence `s` the recognizer cut at a possessive when
  // WordNet knows the whole ("Democratic People's Republic of Korea").
  void JoinKnownPossessiveNames(const Sentence& s, std::vector<NamedSpan>* names) const;
  // Splits "Governor of Washington Chris Gregoire", "Mayor of London Sadiq
  // Khan", read as one name, into the place or organisation and the person.
  void SplitTitleOfNames(const Sentence& s, std::vector<NamedSpan>* names) const;
  // Splits "Colorado State University of the US", "the Evergreen Aviation &
  // Space Museum of McMinnville", read as one name, into the organisation
  // and the place where it is (an official name that spells its country
  // out stays whole: "the Supreme Court of the United States").
  void SplitInstitutionOfPlace(const Sentence& s, std::vector<NamedSpan>* names) const;
  // Drops (and retags) names that are a person's letters or role: "Mark
  // Tedeschi, QC", "John Cornyn, Republican from Texas".
  void DropRoleWordNames(Sentence& s, std::vector<NamedSpan>* names) const;
  // Adds the organisations of two words or more that WordNet
  // knows and the recognizer missed or ran into a neighbour ("told the
  // Associated Press", "the European Union and NATO" read as one person).
  void AddKnownNames(const Sentence& s, std::vector<NamedSpan>* names) const;
  // Adds the people's names of two or three proper nouns the recognizer
  // missed that WordNet or the known-names list knows ("Sergei Lavrov"), or
  // that follow a noun only a person is ("his Russian counterpart Sergei
  // Lavrov").
  void AddMissedPersonNames(const Sentence& s, std::vector<NamedSpan>* names) const;
  // Types entities by the claims they take part in: the organisation a
  // person is founder or chief executive of, both sides of subsidiary_of,
  // a one-word name based somewhere.
  void TypeByClaims(const std::vector<Claim>& claims, std::vector<Entity>* entities) const;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<EntityCatalog> catalog_;
  std::unique_ptr<EntityRecognizer> ner_;  // null: names are proper-noun runs only
  OpenIeOptions options_;
};

// CaRB tuples of an analysed sentence (relation and args from its forms).
std::vector<CarbTuple> CarbTuplesOf(const Sentence& sentence, const OpenIeOptions& options = {});

// One line of CaRB's tabbed format: sentence, confidence, relation, args.
std::string FormatCarbLine(const std::string& sentence, const CarbTuple& tuple);

}  // namespace kg::extract
