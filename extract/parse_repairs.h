// Parse repairs for claim extraction: fixes of the parser's frequent errors
// on news that decide who did what to whom ("Swedish captain Andreas
// Granqvist won" read as two subjects, "Yesterday, ..., Sweden defeated"
// with "Yesterday" as subject, "South Korea 1 - 0" headed by the score).
//
// They run on the extractor's sentences after the recognizer, not in the
// Pipeline: the recognizer's model was trained on the parser's own output,
// and the tagger and parser are scored (kg eval parse) as they are.
#pragma once

#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "extract/entity_corpus.h"
#include "extract/sentence.h"

namespace kg::extract {

// "Afghan Ambassador to the United States Hamdullah Mohib said": the
// parser and the recognizer run the post's country into the person's name.
// Splits the run after a title and its preposition into the organisation
// or place and the person (the last two words, three with an initial or a
// particle), re-hangs the phrase on the person with the title as its
// description (so the role claim ambassador_to follows), and splits the
// recognizer's names (`names`, kept in order) the same way. A one-word
// post WordNet knows only as a common noun ("Minister of Education") is
// no name (`catalog` may be null: then it is one).
void SplitTitleComplements(Sentence& sentence, std::vector<NamedSpan>* names,
                           const EntityCatalog* catalog);

// "Director of Media and Communications", "Minister of Education of
// Slovenia": the field a post serves, capitalized, is no name. Drops such
// a name the recognizer read after a title and "of" (or "for"), or after
// such a field and "and" (names the recognizer read as no organisation or
// place, whose words WordNet knows as common nouns and not as names;
// "Director of Apple" keeps Apple, an organisation), and keeps what follows an "of" in it ("Slovenia").
void DropPostFields(Sentence& sentence, std::vector<NamedSpan>* names,
                    const EntityCatalog& catalog);

// Applies every repair to `sentence` (tags and tree), in place. `names` are
// the recognizer's names in it (none for CaRB's sentences): some repairs
// need to know who is a person.
void RepairParseForClaims(Sentence& sentence, const std::vector<NamedSpan>& names = {});

// Whether `word` is a score written as one word: "3-2", "1-0".
bool IsWrittenScore(std::string_view word);

}  // namespace kg::extract
