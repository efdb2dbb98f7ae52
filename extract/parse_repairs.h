// Parse repairs for claim extraction: fixes of the parser's frequent errors
// on news that decide who did what to whom ("Swedish captain Andreas
// Granqvist won" read as two subjects, "Yesterday, ..., Sweden defeated"
// with "Yesterday" as subject, "South Korea 1 - 0" headed by the score).
//
// They run on the extractor's sentences after the recognizer, not in the
// Pipeline: the recognizer's model was trained on the parser's own output,
// and the tagger and parser are scored (kg eval parse) as they are.
#pragma once

#include <vector>

#include "extract/entity_corpus.h"
#include "extract/sentence.h"

namespace kg::extract {

// Applies every repair to `sentence` (tags and tree), in place. `names` are
// the recognizer's names in it (none for CaRB's sentences): some repairs
// need to know who is a person.
void RepairParseForClaims(Sentence& sentence, const std::vector<NamedSpan>& names = {});

}  // namespace kg::extract
