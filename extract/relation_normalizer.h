// Relation normalization: the lemma-based type of a relation phrase.
//
// The same claim read from several documents must become one edge, whatever
// the tense, voice or auxiliaries: "tipped off", "has tipped off" -> tip_off;
// "spoke with", "was speaking with" -> speak_with; "called" -> call. The
// surface words stay in the claim's provenance; only the type is normalized.
#pragma once

#include <string>
#include <vector>

#include "extract/sentence.h"

namespace kg::extract {

// The type of the relation made of `relation` (token indices of `sentence`,
// ascending): lemmas of the content words (verb, particles, prepositions,
// predicative adjectives, "to" of xcomp chains), lower case, joined by '_'.
// Auxiliaries, modals, adverbs ("separately tipped off") and negation are dropped (they are flags of the claim);
// a copula alone gives "be". Never empty when `relation` is not.
std::string NormalizeRelation(const Sentence& sentence, const std::vector<int>& relation,
                              bool copular);

// Removes a trailing "_by" (the agent marker of a passive whose agent became
// the subject): "shoot_dead_by" -> "shoot_dead".
std::string StripAgentMarker(const std::string& relation_type);

}  // namespace kg::extract
