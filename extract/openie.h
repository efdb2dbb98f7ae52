// Open IE over Universal Dependencies: subject-relation-object tuples from
// one parsed Sentence, by rules on its dependency tree.
//
// Each verbal or copular predicate yields a tuple: the subject (nsubj,
// inherited through conj / xcomp / advcl, or the antecedent of a relative
// clause), the relation phrase (verb with aux, negation, particles, an
// xcomp chain "agreed to maintain", and the preposition of its first
// prepositional argument "spoke with"), the object and extra arguments (time,
// place, other prepositional phrases). Appositives, possessives and located
// names give implied tuples ("X, a spy" -> X be a spy; "Russia 's help" ->
// Russia has help; "Hall in Glasgow" -> Hall be in Glasgow) with a low
// confidence and no relation tokens (`appositive` is set on them).
// Attribution ("..., the Kremlin said"), negation and modality are flags on
// the tuple, never words of its arguments.
//
// Tuples are token indices into the sentence, so callers can print them as
// CaRB strings (the sentence's own tokens) or turn them into byte spans.
//
// Cost: linear in the sentence length. Arguments longer than
// OpenIeOptions::max_argument_tokens are dropped with their tuple.
#pragma once

#include <string>
#include <vector>

#include "extract/sentence.h"

namespace kg::extract {

struct OpenIeArgument {
  int head = -1;            // the argument's head token
  std::vector<int> tokens;  // token indices, ascending (may have gaps)
  std::string role;         // "subject", "object", "time", "place", "clause", or a preposition
};

struct OpenIeTuple {
  int predicate = -1;          // the predicate's token (for copulas, the nominal)
  std::vector<int> relation;   // relation phrase tokens, ascending
  std::string relation_text;   // CaRB relation ("be", "has" for implied tuples, which have no token)
  std::string relation_lemma;  // normalized type: "tip_off", "speak_with", "be"
  OpenIeArgument subject;
  std::vector<OpenIeArgument> objects;  // objects[0] the main object, then extra args
  std::vector<int> attribution;         // the speaker's tokens ("the Kremlin")
  bool passive = false;                 // subject is the patient (nsubj:pass)
  int agent = -1;       // index into objects of the "by" agent of a passive, or -1
  bool negated = false;
  std::string modality;  // "may", "could", ... or ""
  bool appositive = false;
  bool clausal_object = false;  // objects[0] is a whole clause (said-type verbs)
  bool has_object = false;      // objects[0] is a true object (else only extra args)
  double confidence = 0.5;
};

struct OpenIeOptions {
  int max_argument_tokens = 48;  // longer arguments drop their tuple
  bool emit_object_less = true;  // tuples with a subject and no object
  // When set, receives the number of tree nodes and child links visited:
  // a machine-independent measure of the work (tests check it is linear).
  size_t* work = nullptr;
};

// All tuples of `sentence`, in predicate order. Never fails: a sentence it
// cannot read (no parse, a cycle) gives no tuples.
std::vector<OpenIeTuple> ExtractTuples(const Sentence& sentence,
                                       const OpenIeOptions& options = {});

// The object whose doing gerund clause `gerund` (an advcl) says, or -1:
// after an object, the gerund of "of" ("Russia accused Ukraine of shelling
// Donetsk": Ukraine shells), or of "for" or "with" after a verb of blame
// or praise ("praised the workers for saving lives"), or of "against" after
// a verb of warning, "from" after one of preventing. `kids`: each token's
// dependents.
int GerundController(const Sentence& sentence, const std::vector<std::vector<int>>& kids,
                     int gerund);

// The party after a preposition whose doing a "to" clause says, or -1:
// "The United Nations called on Myanmar to release Aung San Suu Kyi"
// (Myanmar releases), "appealed to Iran to free", "relied on Turkey to
// broker". `clause`: the infinitive (an advcl or xcomp of the verb).
int PrepositionalController(const Sentence& sentence, const std::vector<std::vector<int>>& kids,
                            int clause);

// Verbs whose object is warned against a gerund ("warned the United States
// against interfering") or kept from one ("barred Google from using").
bool IsWarnAgainstVerb(const std::string& lemma);
bool IsPreventFromVerb(const std::string& lemma);

// Joins the forms of `tokens` with single spaces.
std::string JoinForms(const Sentence& sentence, const std::vector<int>& tokens);

}  // namespace kg::extract
