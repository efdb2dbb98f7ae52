// Relation normalization: the lemma-based type of a relation phrase.
//
// The same claim read from several documents must become one edge, whatever
// the tense, voice or auxiliaries: "tipped off", "has tipped off" -> tip_off;
// "spoke with", "was speaking with" -> speak_with; "called" -> call. The
// surface words stay in the claim's provenance; only the type is normalized.
#pragma once

#include <string>
#include <vector>

#include "common/relations.h"
#include "extract/sentence.h"

namespace kg::extract {

// The type of the relation made of `relation` (token indices of `sentence`,
// ascending): lemmas of the content words (verb, particles, prepositions,
// predicative adjectives, "to" of xcomp chains), lower case, joined by '_'.
// Auxiliaries, modals, adverbs ("separately tipped off") and negation are dropped (they are flags of the claim);
// a copula alone gives "be". Never empty when `relation` is not.
std::string NormalizeRelation(const Sentence& sentence, const std::vector<int>& relation,
                              bool copular);

// The canonical relation of a normalized type: synonyms meet in one type so
// that the same fact worded two ways is one edge ("phone", "ring" -> call;
// "talk_with", "confer_with" -> speak_with; "warn", "alert" -> tip_off).
// A small curated table (relation_normalizer.cc); types not in it are
// returned unchanged. The type before canonicalization stays on the claim
// as its lemma.
std::string CanonicalRelation(const std::string& relation_type);

// The relation a type states the other way round, or "": "Tunisia lost to
// England" says England -defeat-> Tunisia ("lose_to", "lose_against" ->
// defeat). The claim is stored that way (its words as written), so that
// one fact is one edge however it was told.
std::string ConverseRelation(const std::string& relation_type);

// Whether a canonical relation holds both ways: kg::IsSymmetricRelation
// (common/relations.h).
using ::kg::IsSymmetricRelation;

// The symmetric relation an intransitive verb makes between coordinated or
// grouped subjects ("Putin and Obama spoke" -> speak_with; "the two leaders
// met" -> meet), or "" for other verbs. `verb_lemma` is lower case.
std::string ReciprocalRelation(const std::string& verb_lemma);

// The relation an event noun makes between its agent and the other party
// ("call" -> call, "meeting" -> meet, "talks" -> speak_with), or "" for
// other nouns. `noun_lemma` is lower case.
std::string NominalEventRelation(const std::string& noun_lemma);

// The symmetric relation a noun for a bond or a contest makes between the
// two names "between" it joins ("the deal between Microsoft and
// Activision" -> deal_with, "the war between Russia and Ukraine" ->
// war_with), or "" for other nouns. `noun_lemma` is lower case.
std::string BondBetween(const std::string& noun_lemma);

// Whether the other party of event relation `relation` (NominalEventRelation)
// follows `preposition`: "to" and "with" for all ("Obama's call to Putin",
// "talks with Iran"), "on" or "against" for an attack or sanctions, "for"
// for support, "into" for an investigation, "over" or "against" for a
// victory.
bool NominalEventTakesPartyAfter(const std::string& relation, const std::string& preposition);

// Whether the party after "of" is the one an event noun acts on
// ("Microsoft's acquisition of LinkedIn", "the arrest of Ahmed Mohamed"),
// as it is not for "a call of two hours".
bool NominalEventActsOnOf(const std::string& noun_lemma);

// Removes a trailing "_by" (the agent marker of a passive whose agent became
// the subject): "shoot_dead_by" -> "shoot_dead".
std::string StripAgentMarker(const std::string& relation_type);

}  // namespace kg::extract
