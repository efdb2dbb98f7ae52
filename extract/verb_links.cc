#include "extract/verb_links.h"

#include <optional>
#include <set>

#include "common/text.h"
#include "extract/openie.h"
#include "extract/relation_normalizer.h"

namespace kg::extract {
namespace {

// Prepositions of time, comparison or concession: what follows them is
// when or how, not whom the verb acts on.
bool NoLinkPreposition(const std::string& prep) {
  static const std::set<std::string> kNone = {"since",   "until", "till",   "during", "before",
                                              "after",   "than",  "despite", "amid",  "throughout",
                                              "unlike",  "like",  "except", "without", "according"};
  return kNone.count(prep) > 0;
}

bool Nominal(const Token& t) {
  return t.upos == "NOUN" || t.upos == "PROPN" || t.upos == "PRON" || t.upos == "NUM";
}

class Tree {
 public:
  Tree(const Sentence& s, const std::vector<std::vector<int>>& kids) : s_(s), kids_(kids) {}

  const Token& at(int i) const { return s_.tokens[i]; }

  // The preposition of token i's phrase ("at" in "at the Kennedy Space
  // Center"), lower-cased, or empty.
  std::string CaseOf(int i) const {
    for (int k : kids_[i])
      if (at(k).deprel == "case") return text::ToLower(at(k).form);
    return "";
  }

  bool HasKid(int i, const char* deprel) const {
    for (int k : kids_[i])
      if (at(k).deprel == deprel) return true;
    return false;
  }

  bool Passive(int verb) const { return HasKid(verb, "nsubj:pass") || HasKid(verb, "aux:pass"); }

  bool Negated(int verb) const {
    for (int k : kids_[verb]) {
      std::string w = text::ToLower(at(k).form);
      if (at(k).deprel == "neg" ||
          (at(k).deprel == "advmod" && (w == "not" || w == "n't" || w == "never")))
        return true;
    }
    return false;
  }

  // Whether `content_verb` is the statement `say_verb` reports: its
  // clausal complement, or a verb joined to that by "and".
  bool Reports(int say_verb, int content_verb) const {
    int v = content_verb;
    if (at(v).deprel == "conj" && at(v).head >= 0) v = at(v).head;
    return at(v).deprel == "ccomp" && at(v).head == say_verb;
  }

  // Whether `object_verb` is `subject_verb`, or hangs on it through
  // "to"-complements (whose subject is the controlling verb's when it has
  // no object: "wanted to issue", not "forced him to leave"), verbs joined
  // by "and" and participle clauses, without a subject of their own.
  bool Reaches(int subject_verb, int object_verb) const {
    int v = object_verb;
    for (int step = 0; step < 4 && v >= 0; ++step) {
      if (v == subject_verb) return true;
      const Token& t = at(v);
      if (t.head < 0 || at(t.head).upos != "VERB") return false;
      if (t.deprel == "xcomp") {
        if (HasKid(t.head, "obj") || HasKid(t.head, "iobj")) return false;
      } else if (t.deprel == "conj") {
        if (HasKid(v, "nsubj") || HasKid(v, "nsubj:pass")) return false;
      } else if (t.deprel == "advcl" && (t.xpos == "VBN" || t.xpos == "VBG")) {
        // "Born in Hawaii, Obama studied ...": a participle's subject is
        // the clause's ("ranging from ... to ..." is none's doing).
        if (HasKid(v, "nsubj") || HasKid(v, "nsubj:pass")) return false;
        std::string w = text::ToLower(t.form);
        if (w == "ranging" || w == "including") return false;
        // ("accused Ukraine of shelling": the object's doing.)
        if (GerundController(s_, kids_, v) >= 0) return false;
      } else {
        return false;
      }
      v = t.head;
    }
    return v == subject_verb;
  }

 private:
  const Sentence& s_;
  const std::vector<std::vector<int>>& kids_;
};

// Verbs of saying that take a stance: the speaker claims, denies or
// observes something of whom the statement is about.
bool IsStanceVerb(const std::string& lemma) {
  static const std::set<std::string> kStance = {
      "claim", "allege", "assert", "insist", "contend", "charge", "observe", "note",
      "deny",  "argue",  "accuse", "report"};
  return kStance.count(text::ToLower(lemma)) > 0;
}

// Where a name stands in its clause.
struct Attachment {
  enum Role { kSubject, kPassiveSubject, kObject, kAgent } role = kObject;
  int verb = -1;
  std::string words;  // relation words after the verb: "", "at", "launch_of"
  std::string event;  // "held talks with Obama": speak_with
  bool through_object_noun = false;  // "signed a deal with OpenAI"
};

std::optional<Attachment> AttachmentOf(const Tree& tree, int name,
                                       const PersonNounTest& is_person_noun) {
  int x = name;
  // A list item or an apposition stands where its head stands.
  for (int guard = 0; guard < 4; ++guard) {
    const Token& t = tree.at(x);
    if ((t.deprel == "conj" || t.deprel == "appos") && t.head >= 0 && Nominal(tree.at(t.head)))
      x = t.head;
    else
      break;
  }
  const Token& t = tree.at(x);
  if (t.head < 0) return std::nullopt;
  int p = t.head;
  const Token& parent = tree.at(p);
  Attachment a;
  if (parent.upos == "VERB") {
    a.verb = p;
    const std::string& d = t.deprel;
    if (d == "nsubj") {
      a.role = Attachment::kSubject;
    } else if (d == "nsubj:pass") {
      a.role = Attachment::kPassiveSubject;
    } else if (d == "obj") {
      a.role = Attachment::kObject;
    } else if (d == "iobj") {
      a.words = "to";
    } else if (d == "obl" || d == "obl:agent") {
      std::string prep = tree.CaseOf(x);
      if (prep.empty() || prep == "of" || NoLinkPreposition(prep)) return std::nullopt;
      if (prep == "by") {
        if (!tree.Passive(p)) return std::nullopt;
        a.role = Attachment::kAgent;
      } else {
        a.words = prep;
      }
    } else {
      return std::nullopt;
    }
    return a;
  }
  // A name inside an object's or oblique's noun: "celebrated the launch of
  // Discovery", "at an event at the Kennedy Space Center", "at Google
  // headquarters". Only a proper name, or a description as possessor ("the
  // court's judgement"), not a pronoun: "in her opening remarks" says
  // nothing of whom "her" stands for.
  const std::string& d = t.deprel;
  if (parent.upos != "NOUN" || (d != "nmod" && d != "compound" && d != "nmod:poss")) return std::nullopt;
  const std::string& upos = tree.at(name).upos;
  if (upos != "PROPN" && !(upos == "NOUN" && d == "nmod:poss")) return std::nullopt;
  if (parent.head < 0 || tree.at(parent.head).upos != "VERB") return std::nullopt;
  a.verb = parent.head;
  std::string noun = text::ToLower(parent.lemma);
  std::string inner = d == "nmod" ? tree.CaseOf(x) : "";
  if (parent.deprel == "obj") {
    // "described the court's judgement", "issued her support to Mohamed";
    // not "made attempts from Kane" (the name is no one acted on).
    // ("won the election against Marine Le Pen".)
    static const std::set<std::string> kInner = {"of", "to", "for",  "at",
                                                 "in", "on", "with", "against"};
    if (d == "nmod" && !kInner.count(inner)) return std::nullopt;
    a.words = inner.empty() ? noun : noun + "_" + inner;
    a.through_object_noun =
        inner == "with" || inner == "to" || inner == "against" || inner == "for";
    // ("called the Scientology organization", "sued the Obama
    // administration": the name and the body it names are one.)
    static const std::set<std::string> kBodies = {
        "organization", "organisation", "company",    "government", "administration", "firm",
        "group",        "ministry",     "department", "agency",     "church",         "party"};
    if (d == "compound" && kBodies.count(noun)) a.words.clear();
    // "held talks with Obama", "made a call to Putin": the event's own
    // relation, whoever the light verb is. ("continue discussions on
    // Syria": "on" is a talk's topic, an attack's target.)
    std::string event = d == "nmod" ? NominalEventRelation(noun) : "";
    if (inner == "with" || inner == "to" || (inner == "on" && event == "attack")) a.event = event;
    return a;
  }
  if (parent.deprel == "obl") {
    // "at an event at the Kennedy Space Center", "to a Scientology
    // attorney": where the act took place, or whose the noun is; not "in the
    // words of the prosecutor", "with a late goal from Harry Kane".
    std::string outer = tree.CaseOf(p);
    if (outer.empty() || outer == "by" || outer == "of" || NoLinkPreposition(outer)) return std::nullopt;
    if (d == "nmod" && inner != "at" && inner != "in") return std::nullopt;
    if (d != "nmod" && is_person_noun && is_person_noun(noun)) return std::nullopt;
    a.words = outer;
    return a;
  }
  return std::nullopt;
}

}  // namespace

std::vector<VerbLink> FindVerbLinks(const Sentence& sentence, const std::vector<int>& names,
                                    const std::vector<std::vector<int>>& kids,
                                    const PersonNounTest& is_person_noun) {
  Tree tree(sentence, kids);
  std::set<int> named(names.begin(), names.end());
  std::vector<std::optional<Attachment>> where;
  for (int name : names) {
    // "the Kennedy Space Center (KSC)": a name in apposition to another
    // is linked through that one.
    const Token& t = tree.at(name);
    bool restates = t.deprel == "appos" && named.count(t.head);
    where.push_back(restates ? std::nullopt : AttachmentOf(tree, name, is_person_noun));
  }
  std::vector<VerbLink> out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!where[i]) continue;
    const Attachment& subject = *where[i];
    if (subject.role != Attachment::kSubject && subject.role != Attachment::kPassiveSubject) continue;
    for (size_t j = 0; j < names.size(); ++j) {
      if (j == i || !where[j]) continue;
      const Attachment& object = *where[j];
      if (subject.role == Attachment::kSubject && IsStanceVerb(tree.at(subject.verb).lemma) &&
          (object.role == Attachment::kSubject || object.role == Attachment::kPassiveSubject) &&
          tree.Reports(subject.verb, object.verb)) {
        // "Paris claims that the Church imprisoned her": the speaker's
        // stance on whom the statement is about.
        VerbLink link;
        link.subject = names[i];
        link.object = names[j];
        link.verb = subject.verb;
        link.relation = text::ToLower(tree.at(subject.verb).lemma);
        link.negated = tree.Negated(subject.verb);
        out.push_back(std::move(link));
        continue;
      }
      if (object.role == Attachment::kSubject || object.role == Attachment::kPassiveSubject) continue;
      if (!tree.Reaches(subject.verb, object.verb)) continue;
      VerbLink link;
      link.verb = object.verb;
      link.negated = tree.Negated(object.verb) || tree.Negated(subject.verb);
      std::string lemma = text::ToLower(tree.at(object.verb).lemma);
      if (object.role == Attachment::kAgent) {
        // "Mohamed was invited by Google": Google invited Mohamed.
        if (subject.role != Attachment::kPassiveSubject) continue;
        link.subject = names[j];
        link.object = names[i];
        link.relation = lemma;
      } else {
        link.subject = names[i];
        link.object = names[j];
        link.relation = object.words.empty() ? lemma : lemma + "_" + object.words;
        link.through_object_noun = object.through_object_noun && !object.words.empty();
        if (!object.event.empty()) {
          link.relation = object.event;
          link.event = true;
        }
      }
      out.push_back(std::move(link));
    }
  }
  return out;
}

}  // namespace kg::extract
