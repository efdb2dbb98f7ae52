// Parse repairs for claim extraction; see parse_repairs.h.
#include "extract/parse_repairs.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "common/text.h"
#include "extract/entities.h"
#include "extract/entity_corpus.h"
#include "extract/wordnet.h"

namespace kg::extract {
namespace {

// The recognizer's name holding token i, or null.
const NamedSpan* NameAt(const std::vector<NamedSpan>& names, int i) {
  for (const NamedSpan& name : names)
    if (i >= name.begin && i < name.end) return &name;
  return nullptr;
}

// Whether token `v` has a subject (nominal or clausal) among `t`.
bool HasSubject(const std::vector<Token>& t, int v) {
  for (const Token& k : t)
    if (k.head == v && (k.deprel.rfind("nsubj", 0) == 0 || k.deprel.rfind("csubj", 0) == 0))
      return true;
  return false;
}

// The index of the root token among `t`, or -1.
int RootOf(const std::vector<Token>& t) {
  int root = -1;
  for (int i = 0; i < static_cast<int>(t.size()); ++i)
    if (t[i].head < 0) root = i;
  return root;
}

// Whether token `i` has a copula ("is" of "Madrid is a city").
bool HasCopula(const std::vector<Token>& t, int i) {
  for (const Token& k : t)
    if (k.head == i && k.deprel == "cop") return true;
  return false;
}

// A verb in the past or present tense.
bool IsFiniteVerb(const Token& t) {
  return t.upos == "VERB" && (t.xpos == "VBD" || t.xpos == "VBZ" || t.xpos == "VBP");
}

// "Swedish captain Andreas Granqvist won the award": the parser sometimes
// gives a verb two subjects (or makes the noun the root), a common noun and
// the name right after it. The
// noun describes the name, as in "White House spokesman Jay Carney said";
// two proper nouns in a row so read are one name.
void RepairNounBeforeNamedSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  // "English defender Kyle Walker was booked": the noun read as the root,
  // with the verb as a relative clause whose subject is the name.
  // (So "American academic and professor Marc Lamont Hill commented": the
  // noun's conjunct between it and the name.)
  auto name_after = [&](size_t i) {
    size_t j = i + 1;
    while (j + 1 < t.size() &&
           ((t[j].upos == "CCONJ" && t[j].deprel == "cc" && t[j].head > static_cast<int>(j)) ||
            (t[j].upos == "NOUN" && t[j].deprel == "conj" && t[j].head == static_cast<int>(i))))
      ++j;
    return j;
  };
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    Token& noun = t[i];
    const size_t name_index = name_after(i);
    const Token& name = t[name_index];
    if (noun.head >= 0 || noun.upos != "NOUN" || name.upos != "PROPN") continue;
    int verb = name.head;
    if (verb < 0 || t[verb].head != static_cast<int>(i) || t[verb].upos != "VERB" ||
        (t[verb].deprel != "acl:relcl" && t[verb].deprel != "acl") ||
        name.deprel.rfind("nsubj", 0) != 0)
      continue;
    t[verb].head = -1;
    t[verb].deprel = "root";
    for (Token& k : t)
      if (&k != &noun && k.head == static_cast<int>(i) && k.upos == "PUNCT") k.head = verb;
    noun.head = static_cast<int>(name_index);
    noun.deprel = "nmod:desc";
    break;
  }
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    Token& noun = t[i];
    const Token& name = t[i + 1];
    bool subject = noun.deprel == "nsubj" || noun.deprel == "nsubj:pass";
    // (So in other places: "at the apartment of his then-girlfriend Julie
    // Couillard", both read as the apartment's. The noun's preposition
    // goes to the name.)
    bool other = (noun.deprel == "nmod" || noun.deprel == "obl" || noun.deprel == "obj") &&
                 noun.upos == "NOUN";
    // ("met his Brazilian counterpart Lula da Silva": the name read as a
    // bare oblique of the noun's verb.)
    bool bare_oblique = noun.deprel == "obj" && name.deprel == "obl:unmarked";
    if (other && name.upos == "PROPN" && (name.deprel == noun.deprel || bare_oblique) &&
        name.head == noun.head) {
      for (Token& k : t)
        if (k.head == static_cast<int>(i) && k.deprel == "case") k.head = static_cast<int>(i + 1);
      if (bare_oblique) t[i + 1].deprel = "obj";
      noun.head = static_cast<int>(i + 1);
      noun.deprel = "nmod:desc";
      continue;
    }
    if (!subject || name.upos != "PROPN" || name.deprel != noun.deprel || name.head != noun.head)
      continue;
    if (noun.upos == "NOUN") {
      noun.head = static_cast<int>(i + 1);
      noun.deprel = "nmod:desc";
    } else if (noun.upos == "PROPN") {
      // "Wong Kwok-hing was defeated", read as two subjects: one name.
      t[i + 1].head = static_cast<int>(i);
      t[i + 1].deprel = "flat";
    }
  }
}

// "Teams from Sudan, Iran, Libya, and Yemen competed in the Challenge":
// the parser ends the list early, reading "and Yemen" as the verb's
// subject, and the noun "Teams" as a second subject or as the root the
// verb's clause joins. The last item joins the list again and the verb
// takes the noun as its subject.
void RepairListEndReadAsSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 0; v < n; ++v) {
    if (t[v].upos != "VERB" || !IsFiniteVerb(t[v])) continue;
    // Its subject: the list's last item, right after "and" (and a comma).
    int item = -1, noun = -1;
    for (int k = 0; k < v; ++k) {
      if (t[k].head != v || t[k].deprel != "nsubj") continue;
      if (item >= 0 && noun < 0) noun = item;
      item = k;
    }
    bool clause_of_noun = false;
    if (noun < 0 && t[v].deprel == "conj" && t[v].head >= 0 && t[t[v].head].head < 0) {
      noun = t[v].head;
      clause_of_noun = true;
    }
    if (item < 2 || noun < 0 || noun >= item || t[item].upos != "PROPN" ||
        (t[noun].upos != "NOUN" && t[noun].upos != "PROPN"))
      continue;
    int first_word = item;
    while (first_word > 0 && t[first_word - 1].head == item) --first_word;  // "the", "South"
    if (first_word < 2 || (t[first_word - 1].form != "and" && t[first_word - 1].form != "or")) continue;
    int cc = first_word - 1;
    int before = t[cc - 1].form == "," ? cc - 2 : cc - 1;
    // The list: the item before is a list's head, or one of its items,
    // inside the noun's phrase.
    if (before <= noun || t[before].upos != "PROPN") continue;
    int list = t[before].deprel == "conj" ? t[before].head : before;
    if (list <= noun) continue;
    bool under_noun = false;
    for (int k = list, guard = 0; k >= 0 && guard < 4; k = t[k].head, ++guard) under_noun |= t[k].head == noun;
    if (!under_noun) continue;
    if (clause_of_noun) {
      t[v].head = -1;
      t[v].deprel = "root";
      for (int k = 0; k < n; ++k)
        if (t[k].head == noun && t[k].upos == "PUNCT" && k > v) t[k].head = v;
      t[noun].head = v;
      t[noun].deprel = "nsubj";
    }
    t[item].head = list;
    t[item].deprel = "conj";
    t[cc].head = item;
    t[cc].deprel = "cc";
    if (t[cc - 1].form == ",") t[cc - 1].head = item;
  }
}

// "Maria Lopez: In 2012 we partnered with Mozilla": a speaker's label
// before an answer in an interview is no subject of the answer.
void RepairSpeakerLabel(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  int colon = -1;
  for (int i = 1; i < n && i <= 4; ++i)
    if (t[i].form == ":") {
      colon = i;
      break;
    }
  if (colon < 0 || colon + 2 >= n) return;
  for (int i = 0; i < colon; ++i)
    if (t[i].upos != "PROPN") return;
  for (int i = 0; i < colon; ++i) {
    int h = t[i].head;
    if ((h < 0 || h > colon) && t[i].deprel.rfind("nsubj", 0) == 0) t[i].deprel = "dep";
  }
}

// "The prototype orbiter, Space Shuttle Enterprise would be relocated": a
// noun subject, a comma and a name read as a second subject of the same
// verb. The name is the noun's apposition.
void RepairNameAfterCommaAsSecondSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int i = 0; i + 2 < n; ++i) {
    Token& noun = t[i];
    bool subject = noun.deprel == "nsubj" || noun.deprel == "nsubj:pass";
    if (!subject || noun.upos != "NOUN" || t[i + 1].form != ",") continue;
    // The name's head: the first word after the comma that hangs on the
    // verb, with only its own modifiers before it.
    int j = i + 2;
    while (j < n && t[j].head > j &&
           (t[j].deprel == "compound" || t[j].deprel == "flat" || t[j].deprel == "amod"))
      j = t[j].head;
    if (j >= n || t[j].upos != "PROPN" || t[j].deprel != noun.deprel || t[j].head != noun.head) continue;
    t[j].head = i;
    t[j].deprel = "appos";
  }
}

// "The Red Cross, which backed the scheme, criticised the Home Office": the
// parser sometimes makes the relative clause's verb an adverbial clause of
// the main verb, with two subjects, the noun and "which". The noun is the
// main verb's subject and the clause relative to it.
void RepairRelativeClauseSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int w = 2; w < n; ++w) {
    if (t[w].deprel != "nsubj" || t[w - 1].form != ",") continue;
    std::string form = text::ToLower(t[w].form);
    if (form != "which" && form != "who") continue;
    int verb = t[w].head;
    if (verb <= w || verb >= n || t[verb].deprel != "advcl") continue;
    int main = t[verb].head;
    if (main <= verb || main >= n) continue;
    int noun = -1;
    for (int i = 0; i < w - 1; ++i)
      if (t[i].head == verb && (t[i].deprel == "nsubj" || t[i].deprel == "nsubj:pass")) noun = i;
    bool main_has_subject = false;
    for (int i = 0; i < n; ++i)
      main_has_subject |= t[i].head == main && (t[i].deprel == "nsubj" || t[i].deprel == "nsubj:pass");
    if (noun < 0 || main_has_subject) continue;
    t[noun].head = main;
    t[verb].head = noun;
    t[verb].deprel = "acl:relcl";
  }
}

// "Rehabilitation Project Force, which the Church describes as a retreat":
// the parser sometimes reads the relative pronoun of an object relative
// clause as a second subject of its verb. Followed by the clause's own
// subject, the pronoun is the verb's object (when it has none).
void RepairObjectRelativeReadAsSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int w = 0; w + 2 < n; ++w) {
    std::string form = text::ToLower(t[w].form);
    if (t[w].deprel != "nsubj" || (form != "which" && form != "that" && form != "whom")) continue;
    int verb = t[w].head;
    if (verb <= w + 1 || verb >= n || t[verb].deprel != "acl:relcl") continue;
    bool other_subject = false, has_object = false;
    for (int i = 0; i < n; ++i) {
      if (t[i].head != verb || i == w) continue;
      other_subject |= t[i].deprel == "nsubj" && i > w && i < verb;
      has_object |= t[i].deprel == "obj" || t[i].deprel == "ccomp" || t[i].deprel == "xcomp";
    }
    if (other_subject && !has_object) t[w].deprel = "obj";
  }
}

// "The president told reporters that the army would win": the parser
// sometimes reads a "that" clause after a noun as a relative clause on it,
// though its "that" is a conjunction (a relative "that" is a pronoun).
// Nothing is missing from such a clause, so the noun is no argument of it:
// after the hearer of a verb of telling the clause is the verb's
// complement, and after any other noun its content ("an order that the
// units should enter a state of war").
void RepairContentClauseReadAsRelative(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 0; v < n; ++v) {
    if (t[v].deprel != "acl:relcl") continue;
    const int noun = t[v].head;
    if (noun < 0 || noun >= v) continue;
    // Right after the noun: a "that" further on may begin a relative
    // clause on a noun the parser did not pick ("the use of our senses and
    // imagination that reading can produce").
    const int that = noun + 1;
    if (that >= v || t[that].head != v || t[that].deprel != "mark" || t[that].upos != "SCONJ" ||
        text::ToLower(t[that].form) != "that")
      continue;
    bool relative_pronoun = false;
    for (int i = noun + 1; i < v; ++i)
      relative_pronoun |= t[i].head == v && (t[i].xpos == "WDT" || t[i].xpos == "WP");
    if (relative_pronoun) continue;
    const int verb = t[noun].head;
    static const std::set<std::string> kTellVerbs = {"tell",   "inform",  "assure",   "warn",
                                                     "remind", "notify",  "convince", "persuade",
                                                     "advise", "promise", "show",     "teach"};
    if ((t[noun].deprel == "iobj" || t[noun].deprel == "obj") && verb >= 0 && verb < noun &&
        t[verb].upos == "VERB" && kTellVerbs.count(text::ToLower(t[verb].lemma))) {
      t[v].head = verb;
      t[v].deprel = "ccomp";
    } else {
      t[v].deprel = "acl";
    }
  }
}

// "joined Bayern Munich from Tottenham Hotspur": the parser sometimes makes
// a phrase with a preposition a second object of the verb. An object has
// no preposition: it is an oblique.
void RepairObjectWithPreposition(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int i = 1; i < n; ++i) {
    if (t[i].deprel != "obj" || t[i].head < 0 || t[i].head > i) continue;
    // (The preposition may hang on a word of the name: "from" on
    // "Tottenham" of "Tottenham Hotspur". It opens the phrase: not the
    // "of" inside "the Church of Scientology website".)
    auto of_object = [&](int j) {
      int on = t[j].head;
      if (on >= 0 && on < i && (t[on].deprel == "compound" || t[on].deprel == "flat") &&
          t[on].head == i)
        on = i;
      return on == i;
    };
    for (int k = t[i].head + 1; k < i; ++k) {
      if (t[k].deprel != "case" && of_object(k)) break;
      if (of_object(k) && t[k].deprel == "case" && t[k].upos == "ADP") {
        t[i].deprel = "obl";
        t[k].head = i;
        break;
      }
    }
  }
}

// "The team traveled from Kabul, the capital of Afghanistan, to
// Washington": the parser sometimes makes the noun phrase after a name and
// a comma a second oblique (or object) of the verb, though no preposition
// marks it. It is the name's apposition; what follows its own second comma
// ("to Washington") is the verb's again.
void RepairAppositionReadAsOblique(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int a = 2; a < n; ++a) {
    if (t[a].upos != "NOUN" || (t[a].deprel != "obl" && t[a].deprel != "obj") || t[a].head < 0)
      continue;
    const int verb = t[a].head;
    int first = a;  // the phrase's first word: its article and modifiers
    bool article = false, preposition = false;
    for (int k = 0; k < n; ++k) {
      if (t[k].head != a) continue;
      preposition |= t[k].deprel == "case";
      if (k < a && t[k].upos != "PUNCT") {
        first = std::min(first, k);
        article |= t[k].deprel == "det";
      }
    }
    if (!article || preposition || first < 2 || t[first - 1].form != ",") continue;
    // The name right before the comma, an argument of the same verb.
    int name = first - 2;
    if (t[name].upos != "PROPN") continue;
    while (t[name].head > name && t[name].head < first - 1 && t[t[name].head].upos == "PROPN")
      name = t[name].head;
    if (t[name].head != verb || verb == name ||
        (t[name].deprel != "obl" && t[name].deprel != "obj" &&
         t[name].deprel.rfind("nsubj", 0) != 0))
      continue;
    t[a].head = name;
    t[a].deprel = "appos";
    t[first - 1].head = a;
    // After the apposition's closing comma, the verb's phrases again.
    int comma = -1;
    for (int k = a + 1; k < n && comma < 0; ++k)
      if (t[k].form == "," && t[k].head >= a) comma = k;
    if (comma < 0) continue;
    for (int k = comma + 1; k < n; ++k)
      if (t[k].head == a && t[k].deprel == "nmod") {
        t[k].head = verb;
        t[k].deprel = "obl";
      }
    if (t[comma].head == a || (t[comma].head > comma && t[t[comma].head].head == verb))
      t[comma].head = verb;
  }
}

// "Kane scored twice for England against Tunisia", "joined Bayern Munich
// from Tottenham Hotspur": the parser often hangs such a phrase on the name
// before it, the verb's object or oblique. A name is against no one, what
// is joined or bought comes from nowhere, and a person acted on is not
// where the act was ("met Donald Trump in Singapore"): the phrase is the
// verb's.
void RepairVerbPhraseOnName(Sentence& sentence, const std::vector<NamedSpan>& names) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int i = 1; i < n; ++i) {
    if (t[i].deprel != "nmod") continue;
    const int name = t[i].head;
    if (name < 0 || name >= i || t[name].upos != "PROPN") continue;
    const int verb = t[name].head;
    if (verb < 0 || t[verb].upos != "VERB" || (t[name].deprel != "obl" && t[name].deprel != "obj"))
      continue;
    // ("From" after the object of a verb of joining or buying: "bought
    // Instagram from its founders".)
    static const std::set<std::string> kFromVerbs = {"join", "move",    "transfer", "sign",
                                                     "buy",  "acquire", "poach",    "recruit"};
    bool moved_from = t[name].deprel == "obj" && kFromVerbs.count(text::ToLower(t[verb].lemma));
    // ("Kim Jong-un met Donald Trump in Singapore": a person met is not
    // where the meeting was.)
    const NamedSpan* named = NameAt(names, name);
    bool person_met = t[name].deprel == "obj" && named && named->type == EntityType::kPerson;
    bool verbs_phrase = false;
    for (int k = name + 1; k < i; ++k) {
      if (t[k].head != i || t[k].deprel != "case") continue;
      std::string prep = text::ToLower(t[k].form);
      verbs_phrase |= prep == "against" || (prep == "from" && moved_from) ||
                      (person_met && (prep == "in" || prep == "at" || prep == "during"));
    }
    if (!verbs_phrase) continue;
    t[i].head = verb;
    t[i].deprel = "obl";
  }
}

// "A hacker group called Anonymous attacked the website", "a defector from
// the group called the Sea Org was persuaded to ...", "a startup named Acme
// was bought": the parser often reads "called NAME" as the clause's verb
// and object (or the name as a second subject). The participle describes
// the noun before it, the name completes the participle, and the verb after
// the name is the clause's, with the noun phrase as its subject.
void RepairCalledNameGardenPath(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto kids = [&](int h) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
      if (t[i].head == h) out.push_back(i);
    return out;
  };
  auto subject_of = [&](int verb, int except) {
    for (int k : kids(verb))
      if (k != except && (t[k].deprel == "nsubj" || t[k].deprel == "nsubj:pass")) return k;
    return -1;
  };
  // The subtree's last common noun before `limit` (what "called" names).
  auto named_noun = [&](int subject, int limit) {
    int best = subject;
    for (int i = subject; i < limit; ++i) {
      int h = i;
      while (h >= 0 && h != subject) h = t[h].head;
      if (h == subject && t[i].upos == "NOUN") best = i;
    }
    return best;
  };
  for (int v = 1; v + 1 < n; ++v) {
    std::string form = text::ToLower(t[v].form);
    if (t[v].upos != "VERB" ||
        (form != "called" && form != "named" && form != "dubbed" && form != "nicknamed"))
      continue;
    bool auxiliary = false;
    for (int k : kids(v))
      auxiliary |= t[k].deprel == "aux" || t[k].deprel == "aux:pass" || t[k].deprel == "cop";
    if (auxiliary) continue;
    // "Warhol made a series of screen prints called "Cowboys and
    // Indians"": the participle read as the verb's complement describes
    // the noun right before it.
    if (t[v].deprel == "xcomp" && t[v - 1].upos == "NOUN" && t[v].head >= 0 && t[v].head < v - 1 &&
        subject_of(v, -1) < 0) {
      int h = v - 1;
      while (h >= 0 && h != t[v].head) h = t[h].head;
      if (h == t[v].head) {
        t[v].head = v - 1;
        t[v].deprel = "acl";
      }
    }
    // The name: the proper noun after the participle (past "the"), and the
    // head of its run.
    int first = v + 1;
    if (first < n && t[first].upos == "DET") ++first;
    if (first >= n || t[first].upos != "PROPN") continue;
    int name = first;
    while (t[name].head > v && t[name].head < n && t[t[name].head].upos == "PROPN" &&
           (t[name].deprel == "compound" || t[name].deprel == "flat"))
      name = t[name].head;
    const std::string& name_rel = t[name].deprel;
    if (t[v].deprel == "acl") {
      // "a startup named Acme was bought": the name read as the verb's
      // second subject.
      int noun = t[v].head, verb = t[name].head;
      if ((name_rel == "nsubj" || name_rel == "nsubj:pass") && verb > name && noun >= 0 &&
          t[noun].head == verb && subject_of(verb, name) == noun) {
        t[name].head = v;
        t[name].deprel = "xcomp";
      }
      continue;
    }
    int subject = subject_of(v, -1);
    if (subject < 0 || subject > v || t[subject].upos != "NOUN") continue;
    int verb = -1;
    if ((name_rel == "nsubj" || name_rel == "nsubj:pass") && t[name].head > name &&
        subject_of(t[name].head, name) < 0) {
      // "a defector ... called the Sea Org was persuaded": the name read
      // as the next verb's subject.
      verb = t[name].head;
      t[subject].deprel = name_rel;
    } else if (name_rel == "obj" && t[name].head == v) {
      // "A hacker group called Anonymous attacked the website": the verb
      // after the name read as the participle's complement.
      for (int k : kids(v)) {
        const std::string& d = t[k].deprel;
        if (k <= name || t[k].upos != "VERB" || subject_of(k, -1) >= 0) continue;
        if (d != "xcomp" && d != "ccomp" && d != "conj" && d != "parataxis") continue;
        bool marked = false;
        for (int c : kids(k)) marked |= t[c].deprel == "mark";
        if (!marked && verb < 0) verb = k;
      }
      if (verb < 0) continue;
      t[verb].head = t[v].head;
      t[verb].deprel = t[v].deprel;
      t[subject].deprel = "nsubj";
    } else {
      continue;
    }
    // The participle's other words after the name, and a "that" before
    // the clause, belong to the verb.
    for (int k : kids(v))
      if (k != subject && k != name && (k > name || t[k].deprel == "mark")) t[k].head = verb;
    t[subject].head = verb;
    t[name].head = v;
    t[name].deprel = "xcomp";
    t[v].head = named_noun(subject, v);
    t[v].deprel = "acl";
  }
}

// "The exhibition opened at the Nasher Museum": a verb read as a participle
// on the noun before it, the sentence's root, where the noun with its
// article opens the sentence and nothing else in it is a verb of its own
// (a headline's "Document found on street" has no article).
bool OpensSentenceAsSubject(const std::vector<Token>& t, int noun, int v) {
  bool article = false;
  for (int k = 0; k < noun; ++k) {
    if (t[k].head != noun) return false;
    article |= t[k].upos == "DET";
  }
  for (int k = v + 1; k < static_cast<int>(t.size()); ++k)
    if (t[k].upos == "VERB" || t[k].upos == "AUX") return false;
  return article;
}

// Verbs whose subject undergoes them, used without an object: "the
// exhibition opened", "the stampede happened".
bool IsChangeOfStateVerb(const std::string& lemma) {
  static const std::set<std::string> kVerbs = {
      "open",   "close",  "happen", "occur",   "begin",  "start",  "end",      "finish",
      "die",    "arrive", "fall",   "rise",    "grow",   "break",  "collapse", "erupt",
      "emerge", "sink",   "crash",  "explode", "resign", "retire", "survive",  "return"};
  return kVerbs.count(lemma) > 0;
}

// "The team used Formica fusca, an ant species ...": the parser sometimes
// reads a sentence's verb as a participle on the noun before it (the noun
// the root, "used" its acl), with the object as a passive's agent though
// no "by" marks it. The verb is the sentence's, the noun its subject and
// the agent its object.
void RepairVerbReadAsParticiple(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 1; v < n; ++v) {
    int noun = t[v].head;
    if (t[v].upos != "VERB" || t[v].deprel != "acl" || noun != v - 1 || t[noun].head != -1 ||
        t[noun].upos != "NOUN" || (t[v].xpos != "VBN" && t[v].xpos != "VBD"))
      continue;
    int agent = -1;
    for (int k = v + 1; k < n; ++k) {
      if (t[k].head != v || t[k].deprel != "obl:agent") continue;
      bool by = false;
      for (int c = 0; c < n; ++c) by |= t[c].head == k && t[c].deprel == "case";
      if (!by) agent = k;
    }
    if (agent < 0 && !OpensSentenceAsSubject(t, noun, v)) continue;
    t[v].head = -1;
    t[v].deprel = "root";
    t[noun].head = v;
    if (agent >= 0) {
      t[v].xpos = "VBD";
      t[noun].deprel = "nsubj";
      t[agent].deprel = "obj";
    } else {
      // "The exhibition opened at the Nasher Museum": a verb in the past
      // tense, as the sentence has no other. A participle only where it
      // takes no object and what it names is done to someone ("The man
      // arrested at the scene"): then the noun is its passive subject.
      bool object = false;
      for (const Token& k : t) object |= k.head == v && k.deprel == "obj";
      bool active = object || t[v].xpos == "VBD" || IsChangeOfStateVerb(t[v].lemma);
      if (active) t[v].xpos = "VBD";
      t[noun].deprel = active ? "nsubj" : "nsubj:pass";
    }
    // What hung on the noun after the verb: an apposition is the object's
    // ("Formica fusca, an ant species") or, with no object, the name's
    // before it ("in Durham, North Carolina"); the rest the verb's.
    for (int k = v + 1; k < n; ++k) {
      if (t[k].head != noun) continue;
      int described = agent;
      if (agent < 0)
        for (int p = k - 1; p > v && described < 0; --p)
          if (t[p].head != k && (t[p].upos == "PROPN" || t[p].upos == "NOUN")) described = p;
      t[k].head = (t[k].deprel == "appos" && described >= 0 && k > described) ? described : v;
    }
  }
}

// "photographs of actor Dennis Hopper and musician Nick Rhodes": the parser
// often makes the second title the conjunct and hangs its name on it. The
// name is the conjunct; its title describes it, as the first one does.
void RepairTitledNameConjunct(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int i = 1; i + 1 < n; ++i) {
    Token& title = t[i];
    Token& name = t[i + 1];
    if (title.deprel != "conj" || title.upos != "NOUN" || title.form.empty() ||
        !std::islower(static_cast<unsigned char>(title.form[0])) || name.upos != "PROPN" ||
        name.head != i ||
        (name.deprel != "appos" && name.deprel != "compound" && name.deprel != "flat"))
      continue;
    // (The first conjunct a name too: "actor Dennis Hopper and ...".)
    int first = title.head;
    if (first < 0 || t[first].upos != "PROPN") continue;
    name.head = first;
    name.deprel = "conj";
    title.head = i + 1;
    title.deprel = "nmod:desc";
    for (int k = 0; k < n; ++k)
      if (t[k].head == i && (t[k].deprel == "cc" || t[k].deprel == "punct") && k < i)
        t[k].head = i + 1;
  }
}

// "the United Nations rates the Rohingya among ...": a plural noun with an
// object is a verb in the present tense the tagger took for a noun; the
// proper noun the parser hung before it as a compound is its subject.
void RepairNounWithObject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 1; v < n; ++v) {
    Token& verb = t[v];
    if (verb.upos != "NOUN" || verb.xpos != "NNS" || verb.form.size() < 4 ||
        verb.form.back() != 's')
      continue;
    bool object = false;
    int subject = -1;
    for (int k = 0; k < n; ++k) {
      if (t[k].head != v) continue;
      object |= t[k].deprel == "obj" && k > v;
      if (t[k].deprel == "compound" && k == v - 1 && t[k].upos == "PROPN") subject = k;
    }
    if (!object || subject < 0) continue;
    std::string lemma = text::ToLower(verb.form);
    if (lemma.size() > 4 && lemma.compare(lemma.size() - 3, 3, "ies") == 0) {
      lemma = lemma.substr(0, lemma.size() - 3) + "y";
    } else if (lemma.size() > 4 && (lemma.compare(lemma.size() - 4, 4, "sses") == 0 ||
                                    lemma.compare(lemma.size() - 4, 4, "ches") == 0 ||
                                    lemma.compare(lemma.size() - 4, 4, "shes") == 0 ||
                                    lemma.compare(lemma.size() - 3, 3, "xes") == 0)) {
      lemma = lemma.substr(0, lemma.size() - 2);
    } else {
      lemma.pop_back();
    }
    verb.upos = "VERB";
    verb.xpos = "VBZ";
    verb.lemma = lemma;
    // The words before the subject that hung on the verb are the
    // subject's ("the United" of "the United Nations").
    for (int k = 0; k < subject; ++k)
      if (t[k].head == v) t[k].head = subject;
    t[subject].deprel = "nsubj";
  }
}

// "There are also Warhol Polaroid exhibits at the Tang Teaching Museum":
// a word in "-s" the tagger read as a verb but the parser made a subject or
// an object is a plural noun; what it had as a subject before it is its
// compound.
void RepairVerbAsArgument(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 1; v < n; ++v) {
    Token& noun = t[v];
    const std::string& d = noun.deprel;
    if (noun.upos != "VERB" || noun.xpos != "VBZ" || noun.form.size() < 4 ||
        noun.form.back() != 's' || (d != "nsubj" && d != "nsubj:pass" && d != "obj"))
      continue;
    noun.upos = "NOUN";
    noun.xpos = "NNS";
    for (int k = 0; k < v; ++k)
      if (t[k].head == v && (t[k].deprel == "nsubj" || t[k].deprel == "nsubj:pass"))
        t[k].deprel = "compound";
  }
}

// "the Church of Scientology website", "the Bank of America building": a
// name with "of" inside, modifying a noun, which the parser often reads as
// three modifiers of the noun with "of" its preposition. The "of" joins
// the two halves of the name.
void RepairOfInsideCompoundName(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int c = 1; c + 1 < n; ++c) {
    if (t[c].form != "of" || t[c].deprel != "case") continue;
    int noun = t[c].head;
    if (noun <= c + 1 || t[c - 1].head != noun || t[c + 1].head != noun) continue;
    if (t[c - 1].deprel != "compound" || t[c + 1].deprel != "compound") continue;
    if (t[c - 1].upos != "PROPN" || t[c + 1].upos != "PROPN") continue;
    t[c + 1].head = c - 1;
    t[c + 1].deprel = "nmod";
    t[c].head = c + 1;
  }
}

// "Warren Buffett's Berkshire Hathaway bought shares": a possessor the
// parser made a second subject of the verb is the subject's possessor.
void RepairPossessorAsSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int i = 0; i < n; ++i) {
    if (t[i].deprel != "nsubj" && t[i].deprel != "nsubj:pass") continue;
    bool possessive = false;
    for (int k = i + 1; k < n && k <= i + 3; ++k)
      possessive |= t[k].head == i && t[k].deprel == "case" && (t[k].form == "'s" || t[k].xpos == "POS");
    if (!possessive) continue;
    for (int j = i + 1; j < n; ++j)
      if (t[j].head == t[i].head && t[j].deprel == t[i].deprel) {
        t[i].head = j;
        t[i].deprel = "nmod:poss";
        break;
      }
  }
}

// "Speaking to the BBC, Chancellor Olaf Scholz defended the policy": the
// parser sometimes runs a name across the comma that ends an introductory
// phrase, leaving the verb after it with no subject. The name between the
// comma and the verb is the verb's subject; the words before the comma
// keep their phrase.
void RepairSubjectAfterIntroductoryPhrase(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 2; v < n; ++v) {
    if (t[v].upos != "VERB" || HasSubject(t, v)) continue;
    // The proper nouns right before the verb, after a comma.
    int first = v;
    while (first - 1 >= 0 && t[first - 1].upos == "PROPN") --first;
    int comma = first - 1;
    if (first == v || comma < 1 || t[comma].form != ",") continue;
    int name = -1;  // the name's word whose head lies outside it
    for (int k = first; k < v; ++k)
      if (t[k].head < first || t[k].head >= v) name = name < 0 ? k : -2;
    if (name < 0 || t[name].head == v || t[name].head > comma) continue;
    // The last word before the comma that hangs on the name heads what
    // the name headed there ("BBC" of "to the BBC").
    int before = -1;
    for (int k = comma - 1; k >= 0 && before < 0; --k)
      if (t[k].head >= first && t[k].head < v) before = k;
    if (before < 0) continue;
    for (int k = 0; k < comma; ++k)
      if (k != before && t[k].head >= first && t[k].head < v) t[k].head = before;
    t[before].head = t[name].head;
    t[before].deprel = t[name].deprel;
    t[name].head = v;
    t[name].deprel = "nsubj";
    t[comma].head = v;
  }
}

// "On Monday, Microsoft and Google announced a partnership": the parser may
// read the list of names after the comma as more items of the phrase before
// it ("Monday, Microsoft and Google"), leaving the verb with no subject. The
// list is the verb's subject.
void RepairListSubjectAfterIntroductoryPhrase(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto joins = [&](int i) {
    std::string w = text::ToLower(t[i].form);
    return w == "and" || w == "or" || w == ",";
  };
  for (int v = 4; v < n; ++v) {
    if (t[v].upos != "VERB" || HasSubject(t, v)) continue;
    // Runs of proper nouns joined by "and", "or" and commas, right before
    // the verb, after a comma.
    std::vector<std::pair<int, int>> items;  // [begin, end)
    // (Not a day's or a month's name: "On Monday, ...".)
    auto name_word = [&](int i) { return t[i].upos == "PROPN" && !IsCalendarWord(t[i].form); };
    int k = v;
    while (k - 1 >= 0 && name_word(k - 1)) {
      int end = k;
      while (k - 1 >= 0 && name_word(k - 1)) --k;
      items.insert(items.begin(), {k, end});
      if (k - 2 >= 0 && joins(k - 1) && name_word(k - 2))
        --k;
      else
        break;
    }
    int comma = k - 1;
    bool and_or = false;
    for (int i = k; i < v; ++i) and_or |= t[i].upos == "CCONJ";
    if (items.size() < 2 || !and_or || comma < 1 || t[comma].form != ",") continue;
    // Each item's word whose head lies outside it.
    std::vector<int> heads;
    for (auto [b, e] : items) {
      int head = -1;
      for (int i = b; i < e; ++i)
        if (t[i].head < b || t[i].head >= e) head = head < 0 ? i : -2;
      if (head < 0) break;
      heads.push_back(head);
    }
    if (heads.size() != items.size()) continue;
    // (Read as items of the phrase before the comma, and nothing before it
    // hanging on them.)
    bool before_comma = true;
    for (int h : heads) before_comma &= t[h].head >= 0 && t[h].head < comma;
    for (int i = 0; i < comma && before_comma; ++i) before_comma &= t[i].head < k || t[i].head >= v;
    if (!before_comma) continue;
    t[heads[0]].head = v;
    t[heads[0]].deprel = "nsubj";
    for (size_t j = 1; j < heads.size(); ++j) {
      t[heads[j]].head = heads[0];
      t[heads[j]].deprel = "conj";
    }
    for (int i = k; i < v; ++i)
      if (joins(i)) {
        int next = i + 1;
        t[i].head = next < v ? next : v;
        t[i].deprel = t[i].form == "," ? "punct" : "cc";
      }
    t[comma].head = v;
    t[comma].deprel = "punct";
  }
}

// "Speaking at a press conference in Brussels, NATO Secretary General Jens
// Stoltenberg warned Russia": the parser may read the opening participle's
// clause as the verb's clausal subject, beside the name after the comma,
// and hang the name's first words on the clause. The clause is adverbial;
// the proper nouns after the comma are the name's.
void RepairIntroductoryClauseAsSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int c = 0; c < n; ++c) {
    if (t[c].deprel != "csubj" || (t[c].xpos != "VBG" && t[c].xpos != "VBN")) continue;
    int verb = t[c].head;
    int subject = -1;
    for (int k = c + 1; k < verb && k < n; ++k)
      if (t[k].head == verb && t[k].deprel == "nsubj") subject = k;
    if (subject < 0) continue;
    int comma = -1;
    for (int k = c + 1; k < subject; ++k)
      if (t[k].form == ",") comma = k;
    if (comma < 0) continue;
    t[c].deprel = "advcl";
    for (int k = comma + 1; k < subject; ++k)
      if (t[k].upos == "PROPN" && t[k].head >= 0 && t[k].head < comma) {
        t[k].head = subject;
        t[k].deprel = "nmod:desc";
      }
  }
}

// "Born in Hawaii, Barack Obama studied at Columbia University": the parser
// may keep a sentence-opening participle as the root and hang the clause
// after the comma anywhere. The clause's verb, which has a subject, is the
// sentence's; the participle's phrase is an adverbial clause on it.
void RepairIntroductoryParticipleRoot(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  if (n < 5 || t[0].upos != "VERB" || (t[0].xpos != "VBN" && t[0].xpos != "VBG") || t[0].head >= 0) return;
  int comma = -1;
  for (int i = 1; i < n && comma < 0; ++i)
    if (t[i].form == ",") comma = i;
  if (comma < 0) return;
  for (int v = comma + 1; v < n; ++v) {
    if (!IsFiniteVerb(t[v])) continue;
    bool subject = false;
    for (int k = comma + 1; k < v; ++k) subject |= t[k].head == v && t[k].deprel.rfind("nsubj", 0) == 0;
    if (!subject) return;
    int old_head = t[v].head;
    t[v].head = -1;
    t[v].deprel = "root";
    t[0].head = v;
    t[0].deprel = "advcl";
    for (int k = comma; k < n; ++k)
      if (k != v && (t[k].head == 0 || (t[k].head == old_head && old_head > v && t[k].upos == "PUNCT")))
        t[k].head = v;
    if (old_head > v && t[old_head].upos == "PUNCT") t[old_head].head = v;
    return;
  }
}

// "Samsung, the world's largest phone maker, reported record profits", "The
// airline, owned by Lufthansa, cancelled flights": after a subject and a
// phrase between commas, the parser sometimes keeps the noun as the root
// and hangs the verb on the phrase. A verb right after the second comma,
// with no subject of its own, is the sentence's: the root noun is its
// subject and what the verb modified after it is its object.
void RepairVerbAfterApposition(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  const int root = RootOf(t);
  if (root < 0 || (t[root].upos != "NOUN" && t[root].upos != "PROPN")) return;
  // Whether `v` can be the sentence's verb: no subject of its own, and no
  // other finite verb outside a clause modifying a noun.
  // (A clause after it may be its complement: "Tom Molomby, defending
  // Thomas Sam, told the court the parents loved her".)
  auto can_be_main = [&](int v) {
    for (int i = 0; i < n; ++i) {
      if (t[i].head == v && t[i].deprel.rfind("nsubj", 0) == 0) return false;
      bool complement = i > v && t[i].deprel == "ccomp";
      if (i != v && IsFiniteVerb(t[i]) && t[i].deprel != "acl" && t[i].deprel != "acl:relcl" &&
          t[i].deprel != "amod" && !complement)
        return false;
    }
    return true;
  };
  auto make_main = [&](int v) {
    int modified = t[v].head;
    t[v].head = -1;
    t[v].deprel = "root";
    if (t[v].xpos == "VBN") t[v].xpos = "VBD";
    t[root].head = v;
    t[root].deprel = "nsubj";
    // "cancelled flights", read as "flights" modified by "cancelled".
    if (modified > v && (t[modified].upos == "NOUN" || t[modified].upos == "PROPN")) {
      t[modified].head = v;
      t[modified].deprel = "obj";
    }
    for (int k = v + 1; k < n; ++k)
      if (t[k].head == root || (t[k].head == modified && t[k].upos == "PUNCT")) t[k].head = v;
    // The participle between the commas describes the verb's action, its
    // subject the root's ("defending Thomas Sam", "speaking in Berlin").
    for (int k = root + 1; k < v; ++k)
      if (t[k].head == root && t[k].xpos == "VBG" && t[k].deprel != "advcl") {
        t[k].head = v;
        t[k].deprel = "advcl";
      }
  };
  // "Mayor of London Sadiq Khan criticised the plan": no comma, a finite
  // verb hung on the root, a person's title, as a clause modifying it.
  for (int v = root + 1; v < n && IsPersonTitle(t[root].form); ++v) {
    if (t[v].head != root || t[v].deprel != "acl" || !IsFiniteVerb(t[v])) continue;
    if (can_be_main(v)) make_main(v);
    return;
  }
  // After the phrase between commas: "Samsung, the world's largest phone
  // maker, reported", "Greta Thunberg, 16, sailed", "Elon Musk, Tesla's
  // chief executive, bought" (hung on the phrase, or read as a list item).
  int first_comma = -1;
  for (int i = root + 1; i < n && first_comma < 0; ++i)
    if (t[i].form == ",") first_comma = i;
  if (first_comma < 0 || (first_comma != root + 1 && t[first_comma - 1].head != root)) return;
  for (int v = first_comma + 2; v < n; ++v) {
    if (t[v].upos != "VERB" || t[v - 1].form != ",") continue;
    // ("Barack Obama, speaking in Berlin, praised Angela Merkel": a past
    // tense read as a participle, listed after the subject, with an object.)
    bool has_object = false;
    for (int k = v + 1; k < n; ++k) has_object |= t[k].head == v && t[k].deprel == "obj";
    bool participle = t[v].xpos == "VBN" && (t[v].deprel == "acl" || t[v].deprel == "amod" ||
                                              (t[v].deprel == "list" && has_object));
    if ((IsFiniteVerb(t[v]) || participle) && can_be_main(v)) make_main(v);
    return;
  }
}

// "Lam Cheuk-ting", "Kwok Wai-keung": a capitalized hyphenated word next to
// a proper noun is part of the name, whatever its ending ("-ting" reads as
// a gerund to the tagger).
void RetagHyphenatedNames(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& f = t[i].form;
    size_t hyphen = f.find('-');
    if (f.empty() || f[0] < 'A' || f[0] > 'Z' || hyphen == std::string::npos || hyphen == 0 ||
        hyphen + 1 >= f.size() || t[i].upos == "PROPN")
      continue;
    bool by_name = (i > 0 && t[i - 1].upos == "PROPN") || (i + 1 < t.size() && t[i + 1].upos == "PROPN");
    if (!by_name) continue;
    t[i].upos = "PROPN";
    t[i].xpos = "NNP";
  }
}

// "Yesterday, ..., Sweden defeated South Korea": a day word the parser
// made a second subject is when, not who.
void RepairTimeWordSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  auto is_day_word = [](const std::string& form) {
    std::string w = text::ToLower(form);
    return w == "yesterday" || w == "today" || w == "tonight" || w == "tomorrow";
  };
  // "The findings were published Tuesday in the journal": a weekday on
  // the verb as its object or complement is when, not what.
  static const std::set<std::string> kWeekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
  for (Token& k : t)
    if (kWeekdays.count(k.form) &&
        (k.deprel == "obj" || k.deprel == "xcomp" || k.deprel == "iobj") && k.head >= 0 &&
        t[k.head].upos == "VERB")
      k.deprel = "obl:unmarked";
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].deprel != "nsubj" || !is_day_word(t[i].form)) continue;
    for (size_t j = 0; j < t.size(); ++j)
      if (j != i && t[j].head == t[i].head && (t[j].deprel == "nsubj" || t[j].deprel == "nsubj:pass")) {
        t[i].deprel = "obl:unmarked";
        break;
      }
  }
}

// "Sweden defeated South Korea 1 - 0": the parser often heads the object
// with the score ("1", with "South Korea" hanging on it). The name is the
// argument; the score hangs on it.
void RepairScoreHeadedArgument(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  for (size_t i = 1; i < t.size(); ++i) {
    Token& number = t[i];
    if (number.upos != "NUM" || (number.deprel != "obj" && number.deprel != "nsubj")) continue;
    size_t name = i - 1;
    if (t[name].upos != "PROPN" || t[name].head != static_cast<int>(i)) continue;
    // A score: "1 - 0", "2 – 1" right after, or written as one word, "3-2".
    bool score =
        IsWrittenScore(number.form) || (i + 2 < t.size() && t[i + 2].upos == "NUM" &&
                                        (t[i + 1].form == "-" || t[i + 1].form == "\xE2\x80\x93"));
    if (!score) continue;
    t[name].head = number.head;
    t[name].deprel = number.deprel;
    number.head = static_cast<int>(name);
    number.deprel = "nummod";
  }
}

// "Real Madrid beat Liverpool 3-1": the parser sometimes makes the name
// the root and the finite verb right after it a clause hung on the name
// (parataxis, apposition), with no subject. The name is the verb's
// subject, and what hung on the name after the verb is the verb's.
void RepairVerbHungOnItsSubject(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 1; v < n; ++v) {
    int name = t[v].head;
    if (name < 0 || name != v - 1 || t[name].head != -1 || t[name].upos != "PROPN" ||
        !IsFiniteVerb(t[v]) || HasSubject(t, v) ||
        (t[v].deprel != "parataxis" && t[v].deprel != "appos" && t[v].deprel != "dep" &&
         t[v].deprel != "acl"))
      continue;
    if (HasCopula(t, name)) continue;
    t[v].head = -1;
    t[v].deprel = "root";
    t[name].head = v;
    t[name].deprel = "nsubj";
    for (int k = v + 1; k < n; ++k)
      if (t[k].head == name) t[k].head = v;
    break;
  }
}

// "Thomas Sam, 42, and his wife Manju Sam, 36, from Sydney, are undergoing
// trial": with commas around the first item the parser can make it the
// root and the verb its conjunct, with the second item, after "and", as
// the verb's only subject. Both items are the verb's subject.
void RepairSubjectListReadAsConjunctClause(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  const int first = RootOf(t);
  if (first < 0 || (t[first].upos != "PROPN" && t[first].upos != "NOUN") || HasCopula(t, first))
    return;
  for (int v = first + 1; v < n; ++v) {
    if (t[v].head != first || t[v].deprel != "conj" || t[v].upos != "VERB") continue;
    int subject = -1, cc = -1;
    for (int k = first + 1; k < v; ++k) {
      if (t[k].head != v) continue;
      if (t[k].deprel == "cc" && subject < 0) cc = k;
      if (t[k].deprel == "nsubj" || t[k].deprel == "nsubj:pass") subject = k;
    }
    if (subject < 0 || cc < 0) return;
    // (Not two clauses, the first one's verb read as a participle: "The
    // settlement commenced in the 1860s, and in 1911 the completion ...".)
    for (int k = first + 1; k < cc; ++k)
      if (t[k].upos == "VERB" || t[k].upos == "AUX") return;
    t[v].head = -1;
    t[v].deprel = "root";
    t[first].head = v;
    t[first].deprel = t[subject].deprel;
    t[subject].head = first;
    t[subject].deprel = "conj";
    t[cc].head = subject;
    for (int k = 0; k < n; ++k)
      if (k != v && t[k].head == first && k > v) t[k].head = v;
    return;
  }
}

// "Police said the suspect, identified as John Smith, was arrested in
// Dallas": with a phrase between commas after the reported clause's
// subject, the parser can read that subject as the reporting verb's object
// and the clause's verb as a second verb joined to it, with no "and". The
// clause is what was said, and the noun its subject.
void RepairReportedClauseReadAsConjunct(Sentence& sentence) {
  static const std::set<std::string> kReporting = {
      "say",    "report", "announce", "claim",  "confirm", "state",  "believe", "think",
      "insist", "argue",  "reveal",   "allege", "suggest", "add",    "fear",    "hope",
      "expect", "know",   "find",     "show",   "note",    "assert", "explain", "warn"};
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int v = 1; v < n; ++v) {
    int said = t[v].head;
    if (t[v].deprel != "conj" || t[v].upos != "VERB" || said < 0 || said >= v ||
        !kReporting.count(text::ToLower(t[said].lemma)) || HasSubject(t, v))
      continue;
    bool coordinated = false, auxiliary = false, passive = false;
    for (const Token& k : t) {
      if (k.head != v) continue;
      coordinated |= k.deprel == "cc";
      auxiliary |= k.upos == "AUX" && (k.deprel == "aux" || k.deprel == "aux:pass");
      passive |= k.deprel == "aux:pass";
    }
    if (coordinated || !(auxiliary || IsFiniteVerb(t[v]))) continue;
    int object = -1;
    for (int k = said + 1; k < v; ++k)
      if (t[k].head == said && t[k].deprel == "obj" &&
          (t[k].upos == "NOUN" || t[k].upos == "PROPN"))
        object = k;
    if (object < 0) continue;
    t[v].deprel = "ccomp";
    t[object].head = v;
    t[object].deprel = passive ? "nsubj:pass" : "nsubj";
  }
}

// "Co-founder of Google, Sergey Brin, met Mohamed", "A spokesman for
// Gazprom, Sergei Kupriyanov, said": the parser often hangs the person in
// apposition on the organisation ("Google, Sergey Brin") when the role noun
// before it is what the person is. A person's name between commas after
// "NOUN of NAME" (or "for", "at") describes the noun; so does a place's
// after "NOUN of PLACE" ("The capital of France, Paris").
void RepairAppositionAfterRoleOf(Sentence& sentence, const std::vector<NamedSpan>& names) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto name_at = [&](int i) { return NameAt(names, i); };
  for (int p = 1; p < n; ++p) {
    const NamedSpan* person = name_at(p);
    if (t[p].deprel != "appos" || !person) continue;
    // ("The capital of France, Paris": a place after a noun of a place
    // that is not a kind of place.)
    bool place = person->type == EntityType::kPlace;
    if (person->type != EntityType::kPerson && !place) continue;
    if (person->begin < 1 || t[person->begin - 1].form != ",") continue;
    if (person->end < n && t[person->end].form != ",") continue;
    int org = t[p].head;
    if (org < 0 || org >= person->begin || t[org].deprel != "nmod") continue;
    const NamedSpan* organisation = name_at(org);
    if (organisation ? organisation->type == EntityType::kPerson : t[org].upos != "PROPN") continue;
    auto after_of = [&](int i) {
      bool of = false;
      for (int k = 0; k < i; ++k) of |= t[k].head == i && t[k].deprel == "case" && t[k].form == "of";
      return of;
    };
    // (A person's also after "for" and "at": "A spokesman for Gazprom,
    // Sergei Kupriyanov, said".)
    auto after_role_preposition = [&](int i) {
      bool marked = false;
      for (int k = 0; k < i; ++k)
        marked |=
            t[k].head == i && t[k].deprel == "case" && (t[k].form == "for" || t[k].form == "at");
      return marked && person->type == EntityType::kPerson;
    };
    int noun = t[org].head;
    if (!(after_of(org) || after_role_preposition(org)) || noun < 0 || noun >= org ||
        t[noun].upos != "NOUN")
      continue;
    if (place && (!organisation || organisation->type != EntityType::kPlace ||
                  IsPlaceKindNoun(text::ToLower(t[noun].lemma))))
      continue;
    // "The president of the region of Lombardy, Roberto Maroni": the
    // first noun of the chain.
    while (t[noun].deprel == "nmod" && after_of(noun) && t[noun].head >= 0 && t[noun].head < noun &&
           t[t[noun].head].upos == "NOUN")
      noun = t[noun].head;
    t[p].head = noun;
  }
}

// "The Museum of Flight in Seattle, Washington was also proposed": the
// parser can read the state after "City," as the subject of a relative
// clause on the noun before it. The state is the city's apposition; the
// verb is the sentence's, with the noun as its subject.
void RepairStateAsRelativeSubject(Sentence& sentence, const std::vector<NamedSpan>& names) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto place_at = [&](int i) {
    const NamedSpan* name = NameAt(names, i);
    return name && name->type == EntityType::kPlace ? name : nullptr;
  };
  for (int v = 0; v < n; ++v) {
    if (t[v].deprel != "acl:relcl" || t[v].upos != "VERB") continue;
    int root = t[v].head;
    if (root < 0 || root >= v || t[root].head >= 0) continue;
    for (int x = 2; x < v; ++x) {
      if (t[x].head != v || t[x].deprel.rfind("nsubj", 0) != 0 || t[x - 1].form != ",") continue;
      const NamedSpan* state = place_at(x);
      const NamedSpan* city = place_at(x - 2);
      if (!state || !city || state == city || state->begin != x || city->end != x - 1) continue;
      std::string subject = t[x].deprel;
      t[x].head = x - 2;
      t[x].deprel = "appos";
      t[x - 1].head = x;
      t[v].head = -1;
      t[v].deprel = "root";
      t[root].head = v;
      t[root].deprel = subject;
      for (int k = v + 1; k < n; ++k)
        if (t[k].head == root) t[k].head = v;
      return;
    }
  }
}

}  // namespace

// "veteran politician Raymond Wong of the ... Institute": two capitalized
// proper nouns in a row, outside the recognizer's names, that the parser
// hung apart ("Raymond" on "politician", "Wong" on the verb) are one name:
// read apart, each would pass for another person of the story with that
// first or last name. The first becomes part of the second.
void RepairSplitProperNames(Sentence& sentence, const std::vector<NamedSpan>& names) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto proper = [&](int i) {
    const std::string& f = t[i].form;
    return t[i].upos == "PROPN" && !f.empty() && std::isupper(static_cast<unsigned char>(f[0])) &&
           !text::IsAllUpper(f) && !NameAt(names, i);
  };
  for (int i = 0; i + 1 < n; ++i) {
    if (!proper(i) || !proper(i + 1)) continue;
    if (t[i].head == i + 1 || t[i + 1].head == i) continue;
    // Nothing else may hang on the first word ("Raymond" alone).
    bool alone = true;
    for (int k = 0; k < n; ++k) alone &= t[k].head != i || t[k].upos == "PUNCT";
    if (!alone) continue;
    t[i].head = i + 1;
    t[i].deprel = "compound";
  }
}

namespace {

// Titles that name a post by what it serves: "Ambassador to ...",
// "Secretary of ...", "Special Envoy for ...".
bool IsTitleWithComplement(const std::string& word) {
  static const std::set<std::string> kTitles = {
      "Ambassador", "Envoy",     "Secretary",  "Undersecretary", "Minister",  "Representative",
      "Commissioner", "Director", "Chairman", "Chairwoman",     "Chair",     "President",
      "Governor",   "Mayor",     "Head",       "Chief",          "Administrator", "Consul",
      "Delegate",   "General",   "Spokesman",  "Spokeswoman",    "Spokesperson", "Adviser",
      "Advisor",    "Coordinator", "Rapporteur", "Commander",   "Prosecutor"};
  return kTitles.count(word) > 0;
}

}  // namespace

void SplitTitleComplements(Sentence& sentence, std::vector<NamedSpan>* names,
                           const EntityCatalog* catalog) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto capitalized = [&](int i) {
    const std::string& f = t[i].form;
    return !f.empty() && (std::isupper(static_cast<unsigned char>(f[0])) ||
                          static_cast<unsigned char>(f[0]) >= 0x80);
  };
  auto particle = [&](int i) { return IsNameParticle(t[i].form); };
  for (int j = 1; j + 3 < n; ++j) {
    const std::string prep = t[j].form;
    if ((prep != "to" && prep != "of" && prep != "for") || !IsTitleWithComplement(t[j - 1].form))
      continue;
    // The capitalized run after the preposition: the post's organisation
    // or place, then the person ("to the United States Hamdullah Mohib").
    int begin = j + 1;
    if (t[begin].form == "the") ++begin;
    int end = begin;
    while (end < n && (capitalized(end) ||
                       ((t[end].form == "of" || t[end].form == "and" || t[end].form == "&" ||
                         particle(end)) &&
                        end + 1 < n && capitalized(end + 1) && end > begin)))
      ++end;
    if (end >= n || end - begin < 3 || capitalized(end)) continue;
    // The person: what follows the longest run of words WordNet knows as
    // a place or an organisation ("the United States", "Germany"), or as
    // a post's field ("State" of "Secretary of State Hillary Rodham
    // Clinton"); else the last two words, three with an initial or a
    // particle ("Steven F. Udvar", "Staffan de Mistura").
    int person = end - 2;
    const std::string& middle = t[end - 2].form;
    if (particle(end - 2) || (middle.size() == 2 && middle[1] == '.')) person = end - 3;
    if (catalog) {
      for (int p = end - 2; p > begin; --p) {
        std::string words;
        for (int k = begin; k < p; ++k) words += (k > begin ? " " : "") + t[k].form;
        bool known = catalog->KnownType(words) == EntityType::kPlace ||
                     catalog->KnownType(words) == EntityType::kOrganization ||
                     (p == begin + 1 && catalog->KnownType(words) == EntityType::kOther &&
                      !catalog->wordnet().Synsets(text::ToLower(words)).empty());
        if (known) {
          person = p;
          break;
        }
      }
    }
    if (person - begin < 1 || !capitalized(person) || particle(person - 1) ||
        t[person - 1].form == "of" || t[person - 1].form == "and" || t[person - 1].form == "&")
      continue;
    bool names_a_person = true;
    for (int k = person; k < end; ++k)
      if (t[k].upos != "PROPN" || IsOrganizationHeadWord(t[k].form) || IsAcronym(t[k].form))
        names_a_person = false;
    // The recognizer read the organisation and the person's first word as
    // one organisation or place: trust it.
    const NamedSpan* across = NameAt(*names, person);
    if (across && across->type != EntityType::kPerson && across->begin < person) names_a_person = false;
    if (!names_a_person) continue;

    // Where the whole phrase hangs: on the one word of it whose head lies
    // outside, the title's modifiers included.
    int first = j - 1;
    while (first > 0 && t[first - 1].head >= first - 1 && t[first - 1].head < end &&
           t[first - 1].upos != "PUNCT" && t[first - 1].upos != "VERB")
      --first;
    int phrase_head = -1;
    std::string phrase_deprel;
    for (int k = first; k < end; ++k) {
      if (t[k].head >= first && t[k].head < end) continue;
      if (phrase_head < 0 || t[k].deprel.rfind("nsubj", 0) == 0 || t[k].deprel == "obj") {
        phrase_head = t[k].head;
        phrase_deprel = t[k].deprel;
      }
    }
    if (phrase_deprel.empty()) continue;
    // Words outside the phrase that hung on a word of it hang on the person.
    for (int k = 0; k < n; ++k)
      if ((k < first || k >= end) && t[k].head >= j - 1 && t[k].head < end) t[k].head = person;
    t[person].head = phrase_head;
    t[person].deprel = phrase_deprel;
    // "Mayor of London Sadiq Khan criticised the plan", read as a noun
    // phrase with the verb as its clause: the verb is the root, the person
    // its subject.
    if (phrase_head < 0 && end < n && IsFiniteVerb(t[end]) && t[end].head == person) {
      for (int k = 0; k < n; ++k)
        if (k != end && t[k].head == person && (k < first || k > end) && t[k].upos == "PUNCT") t[k].head = end;
      t[end].head = -1;
      t[end].deprel = "root";
      t[person].head = end;
      t[person].deprel = "nsubj";
    }
    for (int k = person + 1; k < end; ++k) {
      t[k].head = person;
      t[k].deprel = "flat";
    }
    t[j - 1].head = person;
    t[j - 1].deprel = "nmod:desc";
    for (int k = first; k < j - 1; ++k)
      if (t[k].head < first || t[k].head >= j) t[k].head = j - 1;
    int organisation = person - 1;
    t[organisation].head = j - 1;
    t[organisation].deprel = "nmod";
    t[j].head = organisation;
    t[j].deprel = "case";
    for (int k = j + 1; k < organisation; ++k) {
      t[k].head = organisation;
      t[k].deprel = t[k].form == "the" ? "det" : t[k].form == "of" || t[k].form == "and" ? "case" : "compound";
    }
    // The recognizer's names, split at the person.
    EntityType organisation_type = EntityType::kOther;
    std::vector<NamedSpan> kept;
    for (const NamedSpan& name : *names) {
      if (name.end <= begin || name.begin >= end) {
        kept.push_back(name);
      } else if (name.begin < person && name.type != EntityType::kPerson) {
        organisation_type = name.type;
      }
    }
    // ("Minister of Foreign Affairs Sergei Lavrov", "Minister of Education
    // Stefania Giannini": a ministry's field is no name.)
    bool proper = false;
    for (int k = begin; k < person; ++k) proper |= t[k].upos == "PROPN";
    if (proper && person - begin == 1 && organisation_type == EntityType::kOther && catalog) {
      const std::string& word = t[begin].form;
      proper = catalog->KnownType(word) != EntityType::kOther ||
               catalog->wordnet().Synsets(text::ToLower(word)).empty();
    }
    if (proper) kept.push_back(NamedSpan{begin, person, organisation_type});
    kept.push_back(NamedSpan{person, end, EntityType::kPerson});
    SortByBegin(&kept);
    *names = std::move(kept);
    j = end;
  }
}

// "opened at the Tang Teaching Museum at Skidmore College", "met at the
// White House in Washington": the parser hangs both places on the verb; the
// second, right after the first, says where the first is.
void RepairPlaceOfPlace(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  auto preposition = [&](int k) -> std::string {
    for (int c = 0; c < k; ++c)
      if (t[c].head == k && t[c].deprel == "case") return text::ToLower(t[c].form);
    return "";
  };
  auto last_word = [&](int k) {  // the last token of k's phrase
    int last = k;
    for (int c = k + 1; c < n; ++c) {
      int h = c;
      for (int guard = 0; guard < n && h >= 0 && h != k; ++guard) h = t[h].head;
      if (h == k) last = c;
    }
    return last;
  };
  for (int first = 0; first < n; ++first) {
    if (t[first].deprel != "obl" || t[first].upos != "PROPN") continue;
    std::string p1 = preposition(first);
    if (p1 != "at" && p1 != "in") continue;
    int end = last_word(first);
    int case2 = end + 1;
    if (case2 + 1 >= n || t[case2].deprel != "case") continue;
    int second = t[case2].head;
    std::string p2 = text::ToLower(t[case2].form);
    if (second <= case2 || t[second].head != t[first].head || t[second].deprel != "obl" ||
        t[second].upos != "PROPN" || (p2 != "at" && p2 != "in") || IsCalendarWord(t[second].form))
      continue;
    t[second].head = first;
    t[second].deprel = "nmod";
  }
}

void DropPostFields(Sentence& sentence, std::vector<NamedSpan>* names,
                    const EntityCatalog& catalog) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  // Whether capitalized word `w` is, first of all, a field, an activity or
  // a body of them in WordNet (lexicographer files noun.act, attribute,
  // cognition, communication, group, possession and state: "Education",
  // "Communications", "Finance", "Affairs"), and no name it knows.
  auto field_word = [&](const std::string& w) {
    static const std::set<int> kFieldFiles = {4, 7, 9, 10, 14, 21, 26};
    if (!std::isupper(static_cast<unsigned char>(w[0])) || catalog.KnownType(w) != EntityType::kOther)
      return false;
    std::string lower = text::ToLower(w);
    if (lower == "media") return true;  // WordNet has only "medium"
    std::vector<WordNetSynset> senses = catalog.wordnet().Synsets(lower);
    return !senses.empty() && kFieldFiles.count(senses[0].lex_file) > 0;
  };
  // Whether tokens [begin, end) are such fields ("Media and
  // Communications", "Foreign Affairs": adjectives may qualify them).
  auto field = [&](int begin, int end) {
    if (begin >= end || !field_word(t[end - 1].form)) return false;
    std::string words;
    for (int k = begin; k < end; ++k) {
      const std::string& w = t[k].form;
      words += (words.empty() ? "" : " ") + w;
      if (w == "and" || w == "&" || (t[k].upos == "ADJ" && k + 1 < end)) continue;
      if (!field_word(w)) return false;
    }
    return catalog.KnownType(words) == EntityType::kOther;
  };
  std::vector<NamedSpan> kept;
  int field_end = -1;  // where the last post's field ended ("Media" of "Media and Communications")
  for (const NamedSpan& name : *names) {
    int b = name.begin;
    while (b < name.end && (t[b].form == "of" || t[b].form == "the")) ++b;
    // (The recognizer's name may hold the title: "Director of
    // Communications".)
    bool title_inside = b + 2 < name.end && IsTitleWithComplement(t[b].form) &&
                        (t[b + 1].form == "of" || t[b + 1].form == "for");
    if (title_inside) b += 2;
    // After a title and its "of", maybe past other fields ("Director of
    // Media and Communications": "Media" may be no name of the recognizer).
    int p = b - 1;
    while (p > 0 && (t[p].form == "and" || t[p].form == "&" || t[p].form == "," || t[p].upos == "ADJ" ||
                     field_word(t[p].form)))
      --p;
    bool after_title = title_inside || (p >= 1 && (t[p].form == "of" || t[p].form == "for") &&
                                        IsTitleWithComplement(t[p - 1].form));
    bool after_field = b >= 1 && field_end >= 0 && b - field_end <= 2 &&
                       (t[b - 1].form == "and" || t[b - 1].form == "&" || t[b - 1].form == ",");
    bool typed = name.type == EntityType::kOrganization || name.type == EntityType::kPlace;
    if (b == name.end || typed || !(after_title || after_field)) {
      kept.push_back(name);
      continue;
    }
    // The field runs to the name's end or its "of": "Education of Slovenia"
    // keeps "Slovenia".
    int of = b;
    while (of < name.end && t[of].form != "of") ++of;
    if (!field(b, of)) {
      kept.push_back(name);
      continue;
    }
    // The fields coordinated after it, recognized or not ("and
    // Communications").
    field_end = of;
    if (of == name.end)
      while (field_end + 1 < n && (t[field_end].form == "and" || t[field_end].form == "&") &&
             field(field_end + 1, field_end + 2))
        field_end += 2;
    for (int k = b; k < field_end; ++k)
      if (t[k].upos == "PROPN") t[k].upos = "NOUN";  // nor a name to the sentence's reader
    if (of + 1 < name.end) kept.push_back(NamedSpan{of + 1, name.end, name.type});
  }
  *names = std::move(kept);
}

// "The bill was signed into law by President Obama": the parser often hangs
// a passive verb's agent, "by" and a name, on the noun of the verb's other
// oblique or object ("law by President Obama"). The agent is the verb's.
void RepairPassiveAgentOnOblique(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int by = 0; by + 1 < n; ++by) {
    if (text::ToLower(t[by].form) != "by" || t[by].deprel != "case") continue;
    int agent = t[by].head;
    if (agent <= by || t[agent].deprel != "nmod" || t[agent].upos != "PROPN") continue;
    int noun = t[agent].head;
    // (Or on an amount: "was fined $5 billion by the Federal Trade
    // Commission".)
    if (noun < 0 || noun >= by || (t[noun].deprel != "obl" && t[noun].deprel != "obj") ||
        (t[noun].upos != "NOUN" && t[noun].upos != "SYM" && t[noun].upos != "NUM"))
      continue;
    int verb = t[noun].head;
    if (verb < 0 || verb >= noun || t[verb].xpos != "VBN") continue;
    bool passive = false;
    for (int k = 0; k < n; ++k)
      passive |= t[k].head == verb && (t[k].deprel == "aux:pass" || t[k].deprel == "nsubj:pass");
    if (!passive) continue;
    t[agent].head = verb;
    t[agent].deprel = "obl:agent";
  }
}

// "condemned by Britain, the United States and France": the parser often
// hangs a list's second item, after a comma, on the verb as a conjunct. It
// is the conjunct of the verb's argument just before the comma.
void RepairListItemOnVerb(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int c = 1; c < n; ++c) {
    Token& item = t[c];
    int verb = item.head;
    if (item.deprel != "conj" || (item.upos != "PROPN" && item.upos != "NOUN") || verb < 0 ||
        verb >= c || t[verb].upos != "VERB")
      continue;
    // (Not a phrase of its own, with its own preposition: "as Charles
    // Ryder in ..., and as Ozymandias in ...".)
    int comma = -1;
    bool own_preposition = false;
    for (int k = verb + 1; k < c; ++k) {
      if (t[k].head == c && t[k].form == ",") comma = k;
      own_preposition |= t[k].head == c && t[k].deprel == "case";
    }
    if (comma < 0 || own_preposition) continue;
    // The verb's last nominal argument before the comma, with no verb
    // between it and the item.
    int argument = -1;
    for (int k = verb + 1; k < comma; ++k) {
      const std::string& d = t[k].deprel;
      if (t[k].head == verb && (t[k].upos == "PROPN" || t[k].upos == "NOUN") &&
          (d == "obj" || d == "obl" || d == "obl:agent" || d == "iobj"))
        argument = k;
    }
    if (argument < 0) continue;
    // (An item of a list: "and" or a further item hangs on it; no
    // preposition comes between: "in favour of Peter, and against the
    // Regent, Tsarevna Sophia".)
    bool verb_between = false, preposition_between = false, continues = false;
    for (int k = argument + 1; k < c; ++k) {
      verb_between |= t[k].upos == "VERB" || t[k].upos == "AUX";
      preposition_between |= t[k].upos == "ADP" && t[k].head != argument;
    }
    for (int k = c + 1; k < n; ++k)
      continues |= t[k].head == c && (t[k].deprel == "conj" || t[k].deprel == "cc");
    if (verb_between || preposition_between || !continues) continue;
    item.head = argument;
  }
}

// "a former member of the national team known as the Gliders": the parser
// often hangs a naming participle ("known as", "called", "named") on the
// noun the "of" phrase modifies. It names the noun right before it, unless
// the first noun says what kind of thing that is ("a form of energy called
// latent heat").
void RepairNamingParticipleOnModified(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int p = 2; p < n; ++p) {
    std::string lemma = text::ToLower(t[p].lemma);
    if (t[p].deprel != "acl" || t[p].upos != "VERB" ||
        (lemma != "know" && lemma != "call" && lemma != "name" && lemma != "dub"))
      continue;
    int noun = p - 1;
    int modified = t[p].head;
    if (modified < 0 || modified >= noun || t[noun].upos != "NOUN" || t[noun].deprel != "nmod" ||
        t[noun].head != modified)
      continue;
    static const std::set<std::string> kKindNouns = {
        "form",    "figure", "kind",    "type",  "sort",  "series", "family", "class",
        "variety", "genre",  "species", "style", "piece", "work",   "set",    "collection"};
    if (kKindNouns.count(text::ToLower(t[modified].lemma))) continue;
    t[p].head = noun;
  }
}

// "Harry Kane scored a second goal as England won a corner kick": the
// parser often reads a conjunction ("as", "after", "before", "since",
// "until") as a preposition on the noun after it, leaving the verb after
// that noun with no subject. The noun is the verb's subject, and the
// conjunction marks the verb's clause.
void RepairConjunctionReadAsPreposition(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  static const std::set<std::string> kConjunctions = {"as", "after", "before", "since", "until"};
  for (int c = 0; c + 2 < n; ++c) {
    if (t[c].deprel != "case" || !kConjunctions.count(text::ToLower(t[c].form))) continue;
    int noun = t[c].head;
    if (noun <= c || (t[noun].upos != "PROPN" && t[noun].upos != "NOUN")) continue;
    // (On a noun: "cast as Dean Forester in the series", on the verb, is
    // a role.)
    if (t[noun].deprel != "nmod") continue;
    // The finite verb right after the noun's phrase, with no subject.
    int end = noun;
    for (int k = c + 1; k < n; ++k) {
      int up = k;
      for (int steps = 0; steps < n && up >= 0 && up != noun; ++steps) up = t[up].head;
      if (up == noun) end = std::max(end, k);
    }
    int verb = end + 1;
    if (verb >= n || !IsFiniteVerb(t[verb]) || HasSubject(t, verb)) continue;
    // (The verb hangs above the noun: on the clause the noun's phrase is in.)
    int up = t[noun].head;
    bool above = false;
    for (int steps = 0; steps < n && up >= 0; ++steps, up = t[up].head) above |= up == t[verb].head;
    if (!above && t[verb].head != -1) continue;
    t[noun].head = verb;
    t[noun].deprel = "nsubj";
    t[c].head = verb;
    t[c].deprel = "mark";
    t[c].upos = "SCONJ";
    t[c].xpos = "IN";
  }
}

// "Shiu Ka-chun defeated their opponents, hence the pan-democrats' seats
// increased": a noun after a comma and "hence", "thus" or "therefore" that
// the parser joined to the object as another item begins a clause of its
// own, not an item of the object.
void RepairConnectiveClauseAsConjunct(Sentence& sentence) {
  std::vector<Token>& t = sentence.tokens;
  const int n = static_cast<int>(t.size());
  for (int c = 0; c < n; ++c) {
    if (t[c].deprel != "conj" || (t[c].upos != "NOUN" && t[c].upos != "PROPN")) continue;
    bool connective = false;  // on the noun or a word of its phrase before it
    for (int k = 0; k < c; ++k) {
      std::string w = text::ToLower(t[k].form);
      if (t[k].deprel != "advmod" || (w != "hence" && w != "thus" && w != "therefore")) continue;
      int up = t[k].head;
      for (int steps = 0; steps < n && up >= 0 && up != c && up < c; ++steps) up = t[up].head;
      connective |= up == c;
    }
    if (!connective) continue;
    int root = RootOf(t);
    if (root < 0 || root == c) continue;
    t[c].head = root;
    t[c].deprel = "parataxis";
  }
}

bool IsWrittenScore(std::string_view word) {
  size_t dash = word.find('-');
  return dash != std::string_view::npos && dash > 0 && dash + 1 < word.size() &&
         text::IsDigits(word.substr(0, dash)) && text::IsDigits(word.substr(dash + 1));
}

void RepairParseForClaims(Sentence& sentence, const std::vector<NamedSpan>& names) {
  RetagHyphenatedNames(sentence);
  RepairSpeakerLabel(sentence);
  RepairNounBeforeNamedSubject(sentence);
  RepairNameAfterCommaAsSecondSubject(sentence);
  RepairListEndReadAsSubject(sentence);
  RepairRelativeClauseSubject(sentence);
  RepairObjectRelativeReadAsSubject(sentence);
  RepairContentClauseReadAsRelative(sentence);
  RepairObjectWithPreposition(sentence);
  RepairAppositionReadAsOblique(sentence);
  RepairVerbPhraseOnName(sentence, names);
  RepairCalledNameGardenPath(sentence);
  RepairVerbReadAsParticiple(sentence);
  RepairTitledNameConjunct(sentence);
  RepairNounWithObject(sentence);
  RepairVerbAsArgument(sentence);
  RepairPossessorAsSubject(sentence);
  RepairSubjectAfterIntroductoryPhrase(sentence);
  RepairListSubjectAfterIntroductoryPhrase(sentence);
  RepairIntroductoryClauseAsSubject(sentence);
  RepairIntroductoryParticipleRoot(sentence);
  RepairVerbAfterApposition(sentence);
  RepairOfInsideCompoundName(sentence);
  RepairTimeWordSubject(sentence);
  RepairScoreHeadedArgument(sentence);
  RepairVerbHungOnItsSubject(sentence);
  RepairSubjectListReadAsConjunctClause(sentence);
  RepairReportedClauseReadAsConjunct(sentence);
  RepairSplitProperNames(sentence, names);
  RepairPlaceOfPlace(sentence);
  RepairPassiveAgentOnOblique(sentence);
  RepairListItemOnVerb(sentence);
  RepairNamingParticipleOnModified(sentence);
  RepairConjunctionReadAsPreposition(sentence);
  RepairConnectiveClauseAsConjunct(sentence);
  if (!names.empty()) {
    RepairAppositionAfterRoleOf(sentence, names);
    RepairStateAsRelativeSubject(sentence, names);
  }
}

}  // namespace kg::extract
