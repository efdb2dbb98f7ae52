// Entity knowledge: which argument words name something, what type it is and
// what its canonical (cross-document) name is.
//
// Types come from WordNet's instance hypernyms (Vladimir Putin -> person,
// FBI -> organization, Sochi -> ...), then from a small list of names newer
// than WordNet 3.0 (2006: Barack Obama, Sochi...), then from cues around the
// name (titles such as President or Minister make a Person; Agency, Service,
// Department an Organization; River, City a Location).
//
// Canonical names make the same entity one node across documents:
//   "Putin"  -> "Vladimir Putin"   (a WordNet synonym ending with the word)
//   "FBI"    -> "Federal Bureau of Investigation" (acronym of a synonym)
//   "Obama"  -> "Barack Obama"     (the known-names list)
// Names WordNet and the list do not know stay as written.
//
// Thread safety: lookups may run concurrently (answers are cached under a
// mutex; WordNet lookups are slow next to the rules).
#pragma once

#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/claim.h"
#include "common/status.h"

namespace kg::extract {

class WordNet;

class EntityCatalog {
 public:
  // `wordnet_dir` empty = /usr/share/wordnet.
  static Result<std::unique_ptr<EntityCatalog>> Load(const std::string& wordnet_dir);
  ~EntityCatalog();

  // Type of `name` from WordNet and the known-names list, kOther if neither
  // knows it (cues are the caller's: see TypeFromCues).
  EntityType KnownType(const std::string& name) const;

  // Cross-document canonical name of `name` (already resolved within its
  // document: "Vladimir Putin", "FBI").
  std::string CanonicalName(const std::string& name) const;

  // Whether WordNet or the list knows `name` at all.
  bool IsKnown(const std::string& name) const;

  // Whether lower-case noun `lemma` names a kind of person in its first
  // WordNet sense ("spokesperson", "editor", "director"): a role a name can
  // hold ("Julie Hahn, spokesperson of Environment Canada").
  bool IsPersonNoun(const std::string& lemma) const;

  // Whether `lemma` names a kind of person in any WordNet sense ("founder",
  // whose first sense is a horse's disease): for a noun that a name's
  // context already makes a role ("Facebook founder Mark Zuckerberg").
  bool CanBePersonNoun(const std::string& lemma) const;

  // Whether lower-case `lemma` is first of all a field of study or
  // thought in WordNet (noun.cognition: "psychology", "biology").
  bool IsFieldNoun(const std::string& lemma) const;

  // Whether every WordNet sense of lower-case `lemma` is a kind of person
  // ("researcher", "curator"; not "affiliate", also a group, nor
  // "publisher", also a firm).
  bool IsOnlyPersonNoun(const std::string& lemma) const;

  // Whether lower-case `lemma` is first of all an activity (noun.act:
  // "football", "trade"): a noun that names no kind of thing.
  bool IsActivityNoun(const std::string& lemma) const;

  // The kind of entity lower-case noun `lemma` names in its first WordNet
  // sense, when it names one: a person ("editor"), an organisation
  // ("company", noun.group), a place ("city", "site"), a product or work
  // ("browser", "camera", noun.artifact; "newspaper", "song",
  // noun.communication). A noun that describes a name gives it its type:
  // "Microsoft's browser Internet Explorer", "Firefox, a web browser".
  std::optional<EntityType> KindOfNoun(const std::string& lemma) const;

  // Whether `name` is first of all a city or a town to WordNet ("Kabul",
  // "Sochi"; not the city-state Singapore, which it also knows as a
  // country): a name that "the country" cannot refer to.
  bool IsCity(const std::string& name) const;

  const WordNet& wordnet() const { return *wordnet_; }

 private:
  EntityCatalog() = default;
  EntityType KnownTypeUncached(const std::string& name) const;
  std::string CanonicalNameUncached(const std::string& name) const;
  std::unique_ptr<WordNet> wordnet_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, EntityType> type_cache_;
  mutable std::unordered_map<std::string, std::string> canonical_cache_;
};

// A title or honorific that precedes a person's name and is not part of it:
// President, Mr., Minister, spokesman, Secretary...
bool IsPersonTitle(const std::string& word);

// A lower-case word inside a person's or a place's name: "da" of "Lula da
// Silva", "von der" of "von der Leyen", "bin" of "Osama bin Laden", "y" of
// "Ortega y Gasset".
bool IsNameParticle(const std::string& word);

// A month's or a weekday's name: "January", "Monday" (no place or
// organisation, though written with a capital).
bool IsCalendarWord(const std::string& word);

// Type suggested by the words of a name and the title before it
// (kOther when none applies).
EntityType TypeFromCues(const std::vector<std::string>& name_words, const std::string& title);

// Whether a name of two or more words ends with a word only organisations
// end with ("Ford Motor Company", "General Motors", "Federal Reserve Bank"),
// or has such a word, or Museum or Church, just before its first "of"
// ("University of Sheffield", "Museum of Flight", "Church of Scientology"):
// a cue that outweighs WordNet and the recognizer.
bool EndsWithOrganizationWord(const std::vector<std::string>& name_words);

// Whether `word` is one of those last words ("Council", "Museum", "Corp.").
bool IsOrganizationHeadWord(const std::string& word);

// Whether lower-case noun `lemma` is a kind of place that a name stands
// next to: "the city of Edinburgh", "the Lombardy region".
bool IsPlaceKindNoun(const std::string& lemma);

// Whether a name of two or more words ends with a word that makes it a place
// whatever the recognizer says ("Castlefrank Road", "Jamarat Bridge").
bool EndsWithPlaceWord(const std::vector<std::string>& name_words);

// "FBI", "U.S.", "FSB": all letters upper case, 2 to 6 letters.
bool IsAcronym(const std::string& word);

// Whether `acronym` spells the initials of `name` ("Federal Bureau of
// Investigation" for FBI; small words may be skipped).
bool AcronymMatches(const std::string& acronym, const std::string& name);

// Whether `word` is one of the small words inside names ("of", "the",
// "and", "for", "on", "de", "&"), which initials skip.
bool IsSmallWord(const std::string& word);

}  // namespace kg::extract
