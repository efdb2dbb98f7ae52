// Verb links: claims between two names that the parse joins through a verb,
// read from the dependency path between them rather than from a clause's
// argument structure.
//
// The clause reader (extract/openie.h) gives one claim per verb and object
// and hides a name that sits deep in an argument, or behind a second
// oblique ("NASA celebrated the launch ... Tuesday at an event at the
// Kennedy Space Center"), or under a verb chain ("heard of the incident and
// wanted to issue her support to Mohamed"). A verb link needs only the two
// names' places in the tree:
//   - one name is the subject of a verb (or a list item or apposition of
//     the subject);
//   - the other is its object, indirect object or an oblique ("at the
//     Kennedy Space Center"), or a name inside such an argument's noun
//     ("at an event at the Kennedy Space Center", "at Google headquarters");
//   - the object's verb is the subject's, or reached from it through
//     "to"-complements and verbs joined by "and" that have no subject of
//     their own ("wanted to issue", "arrested and questioned").
// A passive with a "by" agent is turned round: "Mohamed was invited by
// Google" links Google to Mohamed. An event noun as the object gives its
// own relation: "Putin held talks with Obama" -> speak_with. A speaker who
// claims, denies, observes or alleges something links to whom the
// statement is about, its clause's subject: "Paris claims that the Church
// imprisoned her" -> Paris -claim-> Church ("said" takes no stance, and
// links nothing).
//
// Pure: a sentence and the heads of its names in, links out.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "extract/sentence.h"

namespace kg::extract {

struct VerbLink {
  int subject = -1;      // head token of the name that acts
  int object = -1;       // head token of the name acted on
  int verb = -1;         // the verb whose lemma is the relation
  std::string relation;  // "celebrate_event_at", "issue_support_to", "invite"
  bool negated = false;  // "did not choose"
  // Read from an event noun the verb takes ("held talks with Obama" ->
  // speak_with): a claim of its own, even when the noun's phrase is
  // already an argument that mentions the name.
  bool event = false;
  // Through the object's noun and a preposition ("signed a deal with
  // OpenAI" -> sign_deal_with): a claim of its own too, though the noun's
  // phrase is an argument that mentions the name.
  bool through_object_noun = false;
};

// Whether a noun (lower-case lemma) names a kind of person ("attorney").
using PersonNounTest = std::function<bool(const std::string&)>;

// Links between the names headed by `names` (token indices). `kids[i]` are
// the dependents of token i. A name that only qualifies a person's noun in
// an oblique is not whom the act reached ("put through to a Scientology
// attorney" is not put through to Scientology), where `is_person_noun`
// (optional) says which nouns those are.
std::vector<VerbLink> FindVerbLinks(const Sentence& sentence, const std::vector<int>& names,
                                    const std::vector<std::vector<int>>& kids,
                                    const PersonNounTest& is_person_noun = nullptr);

}  // namespace kg::extract
