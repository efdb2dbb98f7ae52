// Within-document entity resolution and cross-document canonical names.
//
// The extractor feeds every name it reads (in document order) and every
// acronym the text defines ("Federal Security Service (FSB)"); Resolve()
// then groups them into the document's entities:
//   - an acronym defined in the text goes to its long form;
//   - a one-word name goes to the longer Person name of the document that
//     starts or ends with it (Putin, Mr. Putin -> Vladimir Putin; Tamerlan ->
//     Tamerlan Tsarnaev), when exactly one such name exists;
//   - a name's type is WordNet's when it knows the name, else the type the
//     recognizer gave most of its mentions, else one from cues (titles,
//     words such as Agency or River);
//   - the result is canonicalized across documents by the EntityCatalog
//     (WordNet synonyms and acronyms, the known-names list), so the same
//     entity gets the same name, and so the same node, in every document;
//   - pronouns (he, she, it, they...) and definite descriptions ("the
//     company", "the Russian leader") go to the last compatible entity
//     before them.
// Every surface form stays as a Mention of its entity.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/claim.h"

namespace kg::extract {

class EntityCatalog;

// One name (or pronoun) as read in the text.
struct NameMention {
  Mention mention;          // sentence, span and surface of the name words
  std::string name;         // the name without titles: "Vladimir Putin"
  std::string title;        // the title before it, if any: "President"
  // A noun for a kind of person the sentence gives the name, lower case:
  // "spokeswoman" of "Environment Canada spokeswoman Sujata Raisinghani",
  // "wife" of "his wife Manju Sam". It makes the name a person's, and may
  // say whether a man or a woman (RoleGender).
  std::string role;
  // The kind of entity a noun describing the name names, when it is an
  // organisation, a place or a product ("Microsoft's browser Internet
  // Explorer", "Mecca, Islam's holiest site"): it outweighs the
  // recognizer's type.
  std::optional<EntityType> described;
  bool pronoun = false;     // he / she / it / they ... (name = the pronoun)
  // The recognizer's type for this mention, when it found the name.
  std::optional<EntityType> recognized;
  // The common noun the name qualifies when the noun says what kind of
  // thing the name is, lower case: "constituency" of "the Kowloon West
  // geographical constituency", "party" of "the Labour party". A later
  // "this constituency" refers to the name (not "the drink" to Santorum of
  // "the Santorum drink": a person is no drink).
  std::string kind_word;
  // A definite description ("the company", "the president"; pronoun is
  // set too): the type of entity it refers to.
  std::optional<EntityType> description;
  // A definite description's head noun, lower case ("cyclone" of "this
  // cyclone"): it goes first to the last entity whose name it describes
  // (DescribesName).
  std::string head_word;
  // The description is a bare lower-case noun ("iodine" after "Iodine").
  bool bare = false;
  uint32_t order = 0;       // position in the document (token count)
  // The mention is its clause's subject (or a possessor): the likeliest
  // antecedent of a later "it" or "they".
  bool salient = false;
  // The name follows "a" or "an" ("a blue Marilyn", "a Picasso"): a thing
  // called after a person, not the person.
  bool indefinite = false;
  // The name only qualifies an indefinite person's noun ("a Harvard law
  // student", "a former Google employee"): the text goes on about the
  // person, so the name is no antecedent of a later "it" or "the company"
  // (a person's name still is).
  bool modifier = false;
  // The sentence says where the named place is ("Irving, Texas"): the name
  // is a place's, whatever WordNet says of it (Washington Irving).
  bool located = false;
  // The sentence says where this mention is ("Washington, D.C."), WordNet
  // place or not: it is no part of a person's name ("George Washington").
  bool placed = false;
  // "I" in what a named person is reported to say ("'I was disappointed,'
  // Cornyn said"): the speaker's mention id, which the pronoun stands for;
  // kInterviewee for "I" in an interview, where it is the person
  // interviewed (DocumentResolver::SetInterviewee).
  static constexpr int kInterviewee = -2;
  int speaker = -1;
  // An object pronoun's clause subject, a mention id: "The Tsar employed
  // him" -- "him" is someone other than the Tsar (else "himself").
  int disjoint_from = -1;
};

// The gender a noun for a person gives ("wife", "spokeswoman" -> 'f';
// "husband", "chairman" -> 'm'), else 0.
char RoleGender(const std::string& role);

// Whether `noun` (lower case, singular) names a relative or partner: wife,
// son, child, girlfriend...
bool IsKinshipNoun(const std::string& noun);

// The head nouns by which a definite description can refer back to `name`
// (lower case): "the mosque" -> Grand Mosque, "this cyclone" -> Cyclone
// Phailin (the last word of a longer name, or a first word that says what
// kind of thing it is). A one-word name gets none ("the match" never means
// a name "Match"), but a bare lower-case noun may repeat it: `bare_word`
// ("iodine" -> Iodine), else "".
struct DescriptionWords {
  std::vector<std::string> heads;
  std::string bare_word;
};
DescriptionWords DescriptionWordsOf(const std::string& name);

// Whether a description with head noun `head_word` (lower case; `bare`: a
// lone lower-case noun) can name `name`; see DescriptionWordsOf.
bool DescribesName(const std::string& head_word, bool bare, const std::string& name);

// The description words of the names read so far in a document, for
// finding descriptions while reading it.
class DescribableNames {
 public:
  // `kind_word`: NameMention::kind_word of the name's mention, or "".
  void Add(const std::string& name, const std::string& kind_word = "");
  bool Has(const std::string& head_word, bool bare) const {
    return (bare ? bare_ : heads_).count(head_word) > 0;
  }
  // Whether `head_word` is only some name's NameMention::kind_word.
  bool OnlyKind(const std::string& head_word) const {
    return kinds_.count(head_word) > 0 && heads_.count(head_word) == 0;
  }

 private:
  std::unordered_set<std::string> heads_, bare_, kinds_;
};

class DocumentResolver {
 public:
  explicit DocumentResolver(const EntityCatalog& catalog) : catalog_(catalog) {}

  // Adds a mention; returns its id (for EntityOf after Resolve).
  int Add(NameMention mention);

  // Mentions added so far (ids are 0..size()-1, in document order).
  int size() const { return static_cast<int>(mentions_.size()); }

  // "Federal Security Service (FSB)": `acronym` names `long_name` here.
  void DefineAcronym(const std::string& acronym, const std::string& long_name);

  // Groups mentions into entities; call once, after every Add.
  void Resolve();

  // Index into entities() of mention `id`, or -1 (an unresolved pronoun).
  int EntityOf(int id) const { return id >= 0 && id < (int)entity_of_.size() ? entity_of_[id] : -1; }

  // The resolved entities, each with all its mentions.
  const std::vector<Entity>& entities() const { return entities_; }

  // Mention `id` as added.
  const NameMention& mention(int id) const { return mentions_[id]; }

  // Mention `id` names a place the sentence locates (NameMention::located).
  void MarkLocated(int id) { mentions_[id].located = true; }
  void MarkPlaced(int id) { mentions_[id].placed = true; }

  // Pronoun mention `id` is said by the person of mention `speaker`
  // (NameMention::speaker).
  void MarkSpeaker(int id, int speaker) { mentions_[id].speaker = speaker; }

  // "We" said by a person who speaks for an organisation ("'We will
  // appeal,' said Jane Roe, the company's lawyer"; in an interview, the
  // interviewee's "we"): that organisation. `organisation_of` maps a person
  // entity to the one organisation the document gives them a role in. Call
  // after Resolve.
  void ResolveWeOfSpeakers(const std::map<int, int>& organisation_of);

  // The document is an interview with the person so named ("Hugh McGuire"):
  // the "I" of its answers (mentions marked NameMention::kInterviewee).
  // The name may be only the title's ("Wikinews interviews Marymegan Daly
  // on ..."): then a person of the text named by its first or last word
  // alone ("Frank" of Frank Messina) is that person, or, with none, the
  // person is an entity of the answers alone.
  void SetInterviewee(const std::string& name) { interviewee_ = name; }
  bool HasInterviewee() const { return !interviewee_.empty(); }

 private:
  std::string DocumentName(const std::string& name) const;
  // The entity of the person interviewed (SetInterviewee), or -1: the one
  // named so, else the one a first or last name alone names (who takes the
  // whole name), else a new one when the answers say "I". Part of Resolve.
  int IntervieweeEntity();
  const EntityCatalog& catalog_;
  std::string interviewee_;
  int interviewee_entity_ = -1;  // set by Resolve
  std::vector<NameMention> mentions_;
  std::unordered_map<std::string, std::string> acronyms_;
  std::vector<int> entity_of_;
  std::vector<Entity> entities_;
};

}  // namespace kg::extract
