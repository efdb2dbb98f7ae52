// Annotated corpora for entity recognition and coreference: reading GUM's
// CoNLL-U with `Entity=` brackets and UNER's IOB2 files into documents of
// gold-tokenized sentences with their gold mentions, and writing IOB2.
//
// Used by `kg train ner`, `kg eval ner` and `kg eval coref`; nothing here is
// needed to extract claims from articles.
//
// GUM (CorefUD style) marks every mention, named or not, with its cluster:
//   Entity=(3-organization-new-sssss-cf1-5-coref-Afghan_Girls_Robotics_Team
//   ... Entity=3)
// A mention's fields are cluster id, type, information status, salience,
// centering, minimal span, coref/sgl and, for named entities, a Wikipedia
// identity. GUM spans are whole noun phrases ("U.S. President Donald Trump
// 's"); NamedSpanOf() cuts the name out of one, the way UNER marks names
// ("Donald Trump").
//
//   Result<std::vector<AnnotatedDocument>> docs = ReadGumDirectory("gum/train");
//   Result<std::vector<AnnotatedDocument>> uner = ReadIob2File("en_ewt-ud-dev.iob2");
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "common/claim.h"
#include "common/status.h"
#include "extract/sentence.h"

namespace kg::extract {

// A typed name over tokens [begin, end) of one sentence.
struct NamedSpan {
  int begin = 0;
  int end = 0;
  EntityType type = EntityType::kOther;
  bool operator==(const NamedSpan& o) const {
    return begin == o.begin && end == o.end && type == o.type;
  }
};

// Sorts `names` by where they begin in their sentence.
void SortByBegin(std::vector<NamedSpan>* names);

// One gold mention of a GUM document: tokens [begin, end) of one sentence.
struct GoldMention {
  int sentence = 0;
  int begin = 0;
  int end = 0;
  std::string cluster;   // GUM's cluster id, unique within the document
  std::string gum_type;  // person, place, organization, event, object, abstract, time...
  std::string identity;  // Wikipedia identity ("Donald_Trump"), or ""
  int head = -1;         // token index of the mention's head (gold tree)
};

struct AnnotatedDocument {
  std::string id;  // "# newdoc id"
  std::vector<Sentence> sentences;       // gold tokens (and gold tags/trees where given)
  std::vector<std::string> sent_ids;     // "# sent_id" per sentence
  std::vector<GoldMention> mentions;     // GUM only
  std::vector<std::vector<NamedSpan>> names;  // per sentence: the named-entity spans
  // IOB2 only, to write predictions in the input's own shape: each
  // sentence's comment lines, and each token's columns after the tag.
  std::vector<std::vector<std::string>> comments;
  std::vector<std::vector<std::string>> token_rest;
};

// Reads one GUM CoNLL-U file (one or more documents). `names` is filled with
// the named mentions (a Wikipedia identity or a proper-noun head, not a time
// or quantity), cut by NamedSpanOf, outermost first when they nest.
Result<std::vector<AnnotatedDocument>> ReadGumFile(const std::string& path);
// Every *.conllu file of `dir`, in name order.
Result<std::vector<AnnotatedDocument>> ReadGumDirectory(const std::string& dir);

// Reads an IOB2 file in UNER's columns (id, token, tag over PER/ORG/LOC, ...),
// with "# newdoc id" / "# sent_id" comments. Errors name file and line.
Result<std::vector<AnnotatedDocument>> ReadIob2File(const std::string& path);

// Writes `docs` as read by ReadIob2File, with column 3 replaced by the
// tags of `names` (PER/ORG/LOC; other types are written as O).
void WriteIob2(const std::vector<AnnotatedDocument>& docs,
               const std::vector<std::vector<std::vector<NamedSpan>>>& names, std::ostream& out);

// GUM's entity type as kg's type (person -> kPerson, place -> kPlace,
// organization -> kOrganization, event -> kEvent, object -> kProduct,
// abstract and the rest -> kOther).
EntityType TypeOfGumType(const std::string& gum_type);

// The name inside a GUM mention (gold tags needed): the proper nouns around
// the mention's head, with "of"/"the"/"and" between them, without the
// titles before a person's name. {begin == end} when the mention names
// nothing.
NamedSpan NamedSpanOf(const Sentence& sentence, const GoldMention& mention);

// Exact-span precision, recall and F1 (in %) per type and overall.
struct SpanScore {
  size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? 100.0 * correct / predicted : 0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};
struct NerScores {
  SpanScore overall;
  std::vector<std::pair<EntityType, SpanScore>> by_type;  // types that occur, in enum order
};
// Scores `predicted` against `gold` (both per document, per sentence),
// counting only spans whose type is in `types` (all types when empty).
NerScores ScoreNames(const std::vector<std::vector<std::vector<NamedSpan>>>& gold,
                     const std::vector<std::vector<std::vector<NamedSpan>>>& predicted,
                     const std::vector<EntityType>& types);

}  // namespace kg::extract
