// Open IE rules on UD trees; see openie.h.
#include "extract/openie.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "common/text.h"
#include "extract/relation_normalizer.h"

namespace kg::extract {
namespace {

bool StartsWith(const std::string& s, const char* prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsOneOf(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (s == w) return true;
  return false;
}

// Verbs whose clausal complement is reported speech or belief: the
// complement's claims are attributed to their subject.
bool IsSayVerb(const std::string& lemma) {
  return IsOneOf(lemma, {"say", "tell", "report", "announce", "claim", "add", "state", "note",
                         "insist", "believe", "think", "argue", "warn", "confirm", "deny",
                         "explain", "write", "suggest", "acknowledge", "allege", "declare",
                         "assert", "indicate", "show", "reveal", "recall", "stress", "remark"});
}

bool IsModal(const std::string& lemma) {
  return IsOneOf(lemma, {"may", "might", "could", "should", "would", "can", "must", "will",
                         "shall", "ought"});
}

bool IsNegation(const Token& t) {
  std::string l = Lower(t.lemma);
  std::string f = Lower(t.form);
  return (t.deprel == "advmod" || t.deprel == "neg" || t.deprel == "det") &&
         (l == "not" || f == "n't" || f == "not" || l == "never" ||
          (t.deprel != "det" && f == "no"));
}

bool IsTimeWord(const Token& t) {
  static const char* kWords[] = {
      "today",    "yesterday", "tomorrow", "year",     "years",   "month",    "months",
      "week",     "weeks",     "day",      "days",     "time",    "morning",  "evening",
      "night",    "afternoon", "decade",   "century",  "january", "february", "march",
      "april",    "may",       "june",     "july",     "august",  "september", "october",
      "november", "december",  "monday",   "tuesday",  "wednesday", "thursday", "friday",
      "saturday", "sunday",    "season",   "hour",     "hours",   "period",   "era",
      "summer",   "winter",    "spring",   "autumn",   "fall",    "minute",   "minutes"};
  std::string f = Lower(t.form);
  for (const char* w : kWords)
    if (f == w) return true;
  if (t.upos == "NUM" && f.size() == 4 && std::isdigit(static_cast<unsigned char>(f[0])) &&
      (f[0] == '1' || f[0] == '2'))
    return true;
  return false;
}

class TreeRules {
 public:
  TreeRules(const Sentence& s, const OpenIeOptions& o) : s_(s), opt_(o) {
    const int n = static_cast<int>(s.tokens.size());
    kids_.assign(n, {});
    valid_ = true;
    for (int i = 0; i < n; ++i) {
      int h = s.tokens[i].head;
      if (h >= n || h < -1 || h == i) {
        valid_ = false;
        return;
      }
      if (h >= 0) kids_[h].push_back(i);
    }
    // Reject cycles: every token must reach the root within n steps.
    depth_.assign(n, -1);
    for (int i = 0; i < n && valid_; ++i) {
      int steps = 0, j = i;
      std::vector<int> path;
      while (j >= 0 && depth_[j] < 0 && steps <= n) {
        path.push_back(j);
        j = s.tokens[j].head;
        ++steps;
      }
      if (steps > n) {
        valid_ = false;
        break;
      }
      int base = j >= 0 ? depth_[j] : -1;
      for (auto it = path.rbegin(); it != path.rend(); ++it) depth_[*it] = ++base;
    }
  }

  std::vector<OpenIeTuple> Run() {
    std::vector<OpenIeTuple> out;
    if (!valid_) return out;
    const int n = static_cast<int>(s_.tokens.size());
    consumed_.assign(n, false);
    for (int p = 0; p < n; ++p) {
      if (consumed_[p]) continue;
      if (!IsPredicate(p)) continue;
      OpenIeTuple t;
      if (BuildPredicateTuple(p, &t)) out.push_back(std::move(t));
    }
    for (int a = 0; a < n; ++a) {
      if (s_.tokens[a].deprel != "appos") continue;
      OpenIeTuple t;
      if (BuildAppositive(a, &t)) out.push_back(std::move(t));
    }
    for (int m = 0; m < n; ++m) {
      OpenIeTuple t;
      if (BuildImplied(m, &t)) out.push_back(std::move(t));
    }
    std::stable_sort(out.begin(), out.end(), [](const OpenIeTuple& x, const OpenIeTuple& y) {
      return x.predicate < y.predicate;
    });
    if (opt_.work) *opt_.work += work_ + n;
    return out;
  }

 private:
  const Token& T(int i) const { return s_.tokens[i]; }

  bool HasChild(int p, const char* deprel) const {
    for (int c : kids_[p])
      if (T(c).deprel == deprel) return true;
    return false;
  }

  int Child(int p, const char* deprel) const {
    for (int c : kids_[p])
      if (T(c).deprel == deprel) return c;
    return -1;
  }

  bool IsCopular(int p) const { return HasChild(p, "cop"); }

  // A means of sending or travel with no determiner ("by mail", "by
  // phone", "by air"): after a passive's "by" it is how, not who.
  bool IsBareMeans(int c) const {
    static const char* kMeans[] = {"mail",  "post",   "email", "e-mail", "phone", "telephone",
                                   "fax",   "hand",   "air",   "sea",    "road",  "rail",
                                   "train", "bus",    "car",   "boat",   "ship",  "plane",
                                   "foot",  "courier", "text", "letter", "video", "satellite"};
    if (T(c).upos != "NOUN" || HasChild(c, "det") || HasChild(c, "nmod:poss")) return false;
    std::string lemma = Lower(T(c).lemma);
    for (const char* m : kMeans)
      if (lemma == m) return true;
    return false;
  }

  bool IsPredicate(int p) const {
    const Token& t = T(p);
    if (IsOneOf(t.deprel, {"aux", "aux:pass", "cop", "amod", "compound", "fixed", "flat",
                           "goeswith", "case", "mark", "det", "reparandum"}))
      return false;
    if (t.upos == "VERB") return true;
    if (IsCopular(p)) return true;
    // "has" / "is" as a main verb tagged AUX with its own subject.
    if (t.upos == "AUX" && (t.deprel == "root" || StartsWith(t.deprel, "conj") ||
                            StartsWith(t.deprel, "ccomp")) && Subject(p) >= 0)
      return true;
    return false;
  }

  // The subject child of p, or -1.
  int Subject(int p) const {
    for (int c : kids_[p]) {
      const std::string& d = T(c).deprel;
      if (StartsWith(d, "nsubj") || StartsWith(d, "csubj")) return c;
    }
    return -1;
  }

  bool IsRelativePronoun(int i) const {
    const Token& t = T(i);
    if (t.feats.find("PronType=Rel") != std::string::npos) return true;
    std::string l = Lower(t.form);
    return (t.xpos == "WDT" || t.xpos == "WP" || t.xpos == "WP$") &&
           IsOneOf(l, {"who", "which", "that", "whom"});
  }

  // Whether conjunct `c` is joined by "but" after a comma.
  bool ContrastConjunct(int c) const {
    for (int k : kids_[c])
      if (T(k).deprel == "cc" && Lower(T(k).form) == "but" && k > 0 && T(k - 1).form == ",") return true;
    return false;
  }

  // Collects the subtree of `h` (skipping subtrees of children whose deprel
  // is excluded) into `out`; false when longer than the limit.
  bool Collect(int h, std::vector<int>* out, bool clause, int skip = -1) const {
    std::vector<int> stack{h};
    const bool h_is_clause = Subject(h) >= 0 || HasChild(h, "cop");
    while (!stack.empty()) {
      int i = stack.back();
      stack.pop_back();
      out->push_back(i);
      if (static_cast<int>(out->size()) > opt_.max_argument_tokens) return false;
      work_ += 1 + kids_[i].size();
      for (int c : kids_[i]) {
        const std::string& d = T(c).deprel;
        // A nominal that is itself a predicate: its clause is not the argument.
        if (c == skip) continue;
        if (!clause && i == h && h_is_clause &&
            (StartsWith(d, "nsubj") || StartsWith(d, "csubj") || d == "cop" ||
             StartsWith(d, "aux") || d == "mark" || d == "advcl" || d == "ccomp" ||
             d == "expl" || (d == "conj" && IsPredicateLike(c) && Subject(c) >= 0)))
          continue;
        // ", but teams from Sudan ...": a contrast after a comma starts
        // another clause, however the parser joined it.
        if (!clause && d == "conj" && ContrastConjunct(c)) continue;
        if (!clause && (d == "acl:relcl" || d == "appos" || d == "parataxis" ||
                        d == "advcl:relcl" || d == "dep" || d == "reparandum" ||
                        d == "vocative" || d == "discourse"))
          continue;
        if (clause && (d == "parataxis")) continue;
        stack.push_back(c);
      }
    }
    return true;
  }

  // Removes punctuation, conjunctions and markers from the edges.
  void TrimEdges(std::vector<int>* tokens) const {
    std::sort(tokens->begin(), tokens->end());
    auto edge = [&](int i) {
      const Token& t = T(i);
      if (t.upos == "PUNCT") {
        // Keep closing quotes/brackets that pair with one inside.
        return true;
      }
      return t.deprel == "cc" || t.deprel == "mark" || t.deprel == "cc:preconj";
    };
    while (!tokens->empty() && edge(tokens->front())) tokens->erase(tokens->begin());
    while (!tokens->empty() && edge(tokens->back())) tokens->pop_back();
  }

  // An argument headed by `h`; `drop_case` moves no words, it only strips
  // the leading case marker(s) of h (returned in `case_tokens`).
  bool MakeArg(int h, const std::string& role, bool drop_case, OpenIeArgument* arg,
               std::vector<int>* case_tokens = nullptr, bool clause = false,
               int skip = -1) const {
    arg->head = h;
    arg->role = role;
    arg->tokens.clear();
    if (!Collect(h, &arg->tokens, clause, skip)) return false;
    if (role == "subject" || role == "object") drop_case = true;
    if (drop_case) {
      std::vector<int> keep;
      for (int i : arg->tokens) {
        bool is_case = T(i).head == h && (T(i).deprel == "case" || T(i).deprel == "mark") && i < h;
        if (is_case && case_tokens) {
          case_tokens->push_back(i);
          // "out of": fixed children of the case word come along.
          for (int f : kids_[i])
            if (T(f).deprel == "fixed") case_tokens->push_back(f);
        }
        if (!is_case) keep.push_back(i);
      }
      if (case_tokens) {
        std::vector<int> k2;
        for (int i : keep)
          if (std::find(case_tokens->begin(), case_tokens->end(), i) == case_tokens->end())
            k2.push_back(i);
        keep.swap(k2);
      }
      arg->tokens.swap(keep);
    }
    TrimEdges(&arg->tokens);
    return !arg->tokens.empty();
  }

  // The subject argument of predicate p (following conj / xcomp / advcl /
  // relative clauses). `inherited` tells whether it came from elsewhere.
  bool FindSubject(int p, OpenIeArgument* arg, bool* inherited, int depth = 0) const {
    if (depth > 8) return false;
    int subj = Subject(p);
    const Token& t = T(p);
    if (subj >= 0) {
      // "According to the Saudi Interior Ministry over 345 pilgrims have
      // been killed": a phrase with a preposition is no subject.
      for (int c : kids_[subj])
        if (c < subj && T(c).deprel == "case" &&
            (T(c).upos == "ADP" || Lower(T(c).form) == "according"))
          return false;
      if (IsRelativePronoun(subj) && (t.deprel == "acl:relcl" || t.deprel == "advcl:relcl") &&
          t.head >= 0) {
        *inherited = true;
        return MakeArg(WhoAntecedent(subj, t.head), "subject", false, arg, nullptr, false, p);
      }
      return MakeArg(subj, "subject", false, arg);
    }
    if (t.head < 0) return false;
    *inherited = true;
    const std::string& d = t.deprel;
    if (d == "conj") {
      // Only between predicates of the same kind.
      if (IsPredicateLike(t.head)) return FindSubject(t.head, arg, inherited, depth + 1);
      return false;
    }
    if (int party = PrepositionalController(s_, kids_, p); party >= 0)
      return MakeArg(party, "subject", false, arg);
    if (d == "xcomp") {
      int obj = Child(t.head, "obj");
      if (obj < 0) obj = Child(t.head, "iobj");  // "asked the FSB to continue"
      if (obj >= 0 && obj < p) return MakeArg(obj, "subject", false, arg);
      return FindSubject(t.head, arg, inherited, depth + 1);
    }
    if (d == "advcl") {
      // "received support ranging from Obama to Zuckerberg": the range is
      // the support's, not the subject's doing.
      std::string w = Lower(T(p).form);
      if (w == "ranging" || w == "including") return false;
      if (int obj = GerundController(s_, kids_, p); obj >= 0)
        return MakeArg(obj, "subject", false, arg);
      if (T(p).xpos == "VBG" || T(p).xpos == "VBN" || HasChild(p, "mark"))
        if (IsPredicateLike(t.head)) return FindSubject(t.head, arg, inherited, depth + 1);
      return false;
    }
    if (d == "acl") {
      const Token& h = T(t.head);
      // "defectors from the organization including Tom Devocht": "including"
      // names examples of a noun the parser may have picked wrongly, not
      // something its head does.
      if (Lower(t.form) == "including") return false;
      if ((h.upos == "NOUN" || h.upos == "PROPN" || h.upos == "PRON") &&
          (t.xpos == "VBN" || t.xpos == "VBG"))
        return MakeArg(t.head, "subject", false, arg, nullptr, false, p);
      return false;
    }
    if (d == "acl:relcl") {
      // "the Olympics that Russia is hosting": the antecedent is the object,
      // not the subject; a relative clause without a subject gets none.
      return false;
    }
    return false;
  }

  // "the two countries over Syria and Edward Snowden, who leaked ...": a
  // parser often hangs the clause on the wrong noun. "who" stands for a
  // person: the name just before it wins over a common-noun head.
  int WhoAntecedent(int pronoun, int head) const {
    std::string w = T(pronoun).form;
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((w != "who" && w != "whom") || T(head).upos == "PROPN" || T(head).upos == "PRON")
      return head;
    int k = pronoun - 1;
    if (k >= 0 && T(k).upos == "PUNCT") --k;
    if (k < 0 || k >= head + 20 || T(k).upos != "PROPN") return head;
    // Climb the name's flat/compound links to its head word.
    for (int guard = 0; guard < 4; ++guard) {
      const std::string& d = T(k).deprel;
      int h = T(k).head;
      if ((d == "flat" || d == "compound") && h >= 0 && std::abs(h - k) <= 3) k = h;
      else break;
    }
    return k;
  }

  // Verbs whose "to" clause is the rest of the relation ("agreed to
  // maintain", "vowed to work").
  static bool IsControlVerb(const std::string& lemma) {
    static const char* kVerbs[] = {"agree", "promise", "vow", "decide", "refuse", "try",
                                   "plan", "want", "threaten", "pledge", "seek", "fail"};
    for (const char* v : kVerbs)
      if (lemma == v) return true;
    return false;
  }

  bool HasToMark(int c) const {
    for (int k : kids_[c])
      if (T(k).deprel == "mark" && Lower(T(k).form) == "to" && k < c) return true;
    return false;
  }

  bool IsPredicateLike(int p) const {
    return T(p).upos == "VERB" || IsCopular(p) || T(p).upos == "AUX";
  }

  // Relation words of predicate p itself: aux, negation, particles (and p
  // for verbs). Sets flags on `t`.
  void RelationCore(int p, bool copular, OpenIeTuple* t) const {
    for (int c : kids_[p]) {
      const Token& k = T(c);
      if (k.deprel == "aux" || k.deprel == "aux:pass" || k.deprel == "cop") {
        t->relation.push_back(c);
        if (k.deprel == "aux:pass") t->passive = true;
        if (k.deprel == "aux" && IsModal(Lower(k.lemma)) && t->modality.empty())
          t->modality = Lower(k.form == "ca" ? std::string("can") : k.form);
        if (k.deprel == "aux" && Lower(k.lemma) == "will" && t->modality == "will")
          t->modality.clear();  // future tense, not a modality
      } else if (IsNegation(k) && k.deprel != "det") {
        t->relation.push_back(c);
        t->negated = true;
      } else if (k.deprel == "compound:prt") {
        t->relation.push_back(c);
      } else if (k.deprel == "advmod" && k.upos == "ADV" && c < p && c + 3 >= p &&
                 kids_[c].empty() && !IsTimeWord(k) && k.xpos != "WRB") {
        // "often refers to", "also suggests": adverbs inside the verb group.
        bool inside = true;
        for (int j = c + 1; j < p; ++j) {
          const std::string& dj = T(j).deprel;
          if (!(StartsWith(dj, "aux") || dj == "advmod" || dj == "cop" || IsNegation(T(j))))
            inside = false;
        }
        if (inside) t->relation.push_back(c);
      }
    }
    if (!copular) t->relation.push_back(p);
    // The mark of the clause (or of the first of verbs joined by "and") says
    // what was not simply done:
    //   - "If Putin calls Obama, ...", "unless he returned and cooperated
    //     with Moxon": a condition's clause says what may happen ("if",
    //     "unless");
    //   - "Russia accused Ukraine of shelling Donetsk", "The parents are
    //     accused of taking her on a trip and leaving her": what one is
    //     accused of is alleged;
    //   - "warned against interfering", "barred from using": what one is
    //     warned against or kept from is not done ("against", "from").
    if (t->modality.empty()) {
      int clause = p;
      for (int guard = 0; guard < 4 && T(clause).deprel == "conj" && T(clause).head >= 0; ++guard)
        clause = T(clause).head;
      const Token& c = T(clause);
      static const std::set<std::string> kAllege = {"accuse", "charge", "suspect",
                                                    "blame",  "indict", "sue"};
      bool gerund = c.deprel == "advcl" && c.xpos == "VBG" && c.head >= 0;
      std::string verb = gerund ? Lower(T(c.head).lemma) : "";
      std::string condition, other;
      for (int k : kids_[clause]) {
        if (T(k).deprel != "mark") continue;
        std::string mark = Lower(T(k).form);
        if (mark == "if" || mark == "unless") condition = mark;
        if (!gerund) continue;
        if ((mark == "of" || mark == "for" || mark == "with") && kAllege.count(verb))
          other = "alleged";
        if ((mark == "against" && IsWarnAgainstVerb(verb)) ||
            (mark == "from" && IsPreventFromVerb(verb)))
          other = mark;
      }
      t->modality = !condition.empty() ? condition : other;
    }
    if (StartsWith(T(p).deprel, "nsubj") || HasChild(p, "nsubj:pass")) {
      if (HasChild(p, "nsubj:pass")) t->passive = true;
    }
    // "the organization founded by L. Ron Hubbard", "a blog written by
    // Rathbun": a participle describing a noun is passive.
    if (T(p).deprel == "acl" && T(p).xpos == "VBN") t->passive = true;
    // "Hassen was substituted off and replaced by Ben Mustapha": a
    // participle sharing a passive verb's subject is passive too.
    if (T(p).deprel == "conj" && T(p).xpos == "VBN" && T(p).head >= 0 && Subject(p) < 0 &&
        (HasChild(T(p).head, "aux:pass") || HasChild(T(p).head, "nsubj:pass")))
      t->passive = true;
  }

  bool BuildPredicateTuple(int p, OpenIeTuple* t) {
    work_ += 8 * (1 + kids_[p].size());  // the loops over p's children below
    bool copular = IsCopular(p);
    t->predicate = p;
    bool inherited = false;
    if (!FindSubject(p, &t->subject, &inherited)) return false;
    RelationCore(p, copular, t);
    // "were able to reinforce X": a predicative adjective with an xcomp verb
    // joins the relation; the arguments come from the verb.
    if (copular && T(p).upos == "ADJ") {
      for (int c : kids_[p]) {
        if (T(c).deprel == "xcomp" && T(c).upos == "VERB" && Subject(c) < 0 && c > p) {
          t->relation.push_back(p);
          copular = false;
          break;
        }
      }
    }

    // xcomp chain: "agreed to maintain X" -> relation "agreed to maintain".
    int head = p;
    std::vector<int> chain_mark;
    for (int hop = 0; hop < 4 && !copular; ++hop) {
      int x = -1;
      for (int c : kids_[head]) {
        if (T(c).deprel == "xcomp" && T(c).upos == "VERB" && Subject(c) < 0 && c > head) x = c;
        // "agreed today to maintain X": parsers often make the controlled
        // clause of these verbs an advcl.
        if (T(c).deprel == "advcl" && T(c).upos == "VERB" && Subject(c) < 0 && c > head &&
            c <= head + 3 && IsControlVerb(Lower(T(head).lemma)) && HasToMark(c))
          x = c;
      }
      if (x < 0 || Child(head, "obj") >= 0 || Child(head, "iobj") >= 0) break;
      // "the technology that Frank is using to explore the ice": in a
      // relative clause whose object is the noun it describes, a verb
      // after "to" with an object of its own is what the noun is used
      // for; the noun is the first verb's object ("use the technology").
      if (head == p && T(p).deprel == "acl:relcl" && Child(x, "obj") >= 0 && Subject(p) >= 0 &&
          !IsRelativePronoun(Subject(p))) {
        // (Not "a lawsuit in which he tried to void his contract".)
        bool adverbial = false;
        for (int c : kids_[p])
          adverbial |=
              T(c).xpos == "WRB" || (T(c).deprel.rfind("obl", 0) == 0 && IsRelativePronoun(c));
        if (!adverbial) break;
      }
      for (int c : kids_[x]) {
        const Token& k = T(c);
        if (k.deprel == "mark" && c < x) t->relation.push_back(c);
      }
      RelationCore(x, false, t);
      consumed_[x] = true;
      head = x;
    }

    // Arguments of the (last) predicate in the chain, plus extra args of p.
    std::vector<int> arg_parents{head};
    if (head != p) arg_parents.push_back(p);
    OpenIeArgument main;
    bool have_main = false;
    std::vector<OpenIeArgument> extra;
    const int subj_head = t->subject.head;

    // Relative clause whose pronoun is the object: the antecedent.
    if ((T(p).deprel == "acl:relcl") && T(p).head >= 0) {
      // "the time that Obama had thanked Putin": with an object of its own,
      // the clause's "that" is no object.
      bool own_object = false;
      for (int c : kids_[p]) own_object |= T(c).deprel == "obj" && !IsRelativePronoun(c);
      for (int c : kids_[p]) {
        if (T(c).deprel == "obj" && IsRelativePronoun(c) && !own_object) {
          if (!MakeArg(T(p).head, "object", false, &main, nullptr, false, p)) return false;
          have_main = true;
        }
      }
      bool adverbial = false;  // "countries where ...", "the day when ..."
      for (int c : kids_[p])
        if (T(c).xpos == "WRB" || (T(c).deprel == "obl" && IsRelativePronoun(c)))
          adverbial = true;
      if (!have_main && !adverbial && Subject(p) >= 0 && !IsRelativePronoun(Subject(p)) &&
          Child(p, "obj") < 0 && Child(p, "ccomp") < 0) {
        if (!MakeArg(T(p).head, "object", false, &main, nullptr, false, p)) return false;
        have_main = true;
      }
    }

    if (copular) {
      // The nominal itself is the object, minus subject, cop, aux...
      main.head = p;
      main.role = "object";
      std::vector<int> toks{p};
      std::vector<int> case_tokens;
      for (int c : kids_[p]) {
        const std::string& d = T(c).deprel;
        if (StartsWith(d, "nsubj") || StartsWith(d, "csubj") || d == "cop" || d == "aux" ||
            d == "aux:pass" || d == "punct" || d == "mark" || d == "advcl" || d == "parataxis" ||
            d == "ccomp" || d == "acl:relcl" || d == "appos" || d == "cc" || d == "discourse" ||
            d == "vocative" || d == "expl" || IsNegation(T(c)))
          continue;
        if (d == "conj" && (IsPredicateLike(c) || Subject(c) >= 0 || ContrastConjunct(c))) continue;
        if (d == "case" && c < p) {
          case_tokens.push_back(c);
          continue;
        }
        bool measure = (d == "obl:unmarked" || d == "obl:npmod") && c < p &&
                       T(p).upos == "ADJ";  // "nine inches long"
        if ((d == "obl" || StartsWith(d, "obl:")) && !measure) continue;  // the obl loop below
        if (d == "advmod" && c < p) continue;
        std::vector<int> sub;
        if (!Collect(c, &sub, false)) return false;
        toks.insert(toks.end(), sub.begin(), sub.end());
      }
      t->relation.insert(t->relation.end(), case_tokens.begin(), case_tokens.end());
      TrimEdges(&toks);
      main.tokens = toks;
      if (main.tokens.empty()) return false;
      have_main = true;
    }

    // "X, she said": the speaker is the attribution, not an object.
    for (int parent : arg_parents)
      for (int c : kids_[parent])
        if (IsTrailingSayer(parent, c) && t->attribution.empty()) {
          OpenIeArgument a;
          if (MakeArg(Subject(c), "attribution", false, &a)) t->attribution = a.tokens;
        }

    // Core objects.
    for (int parent : arg_parents) {
      for (int c : kids_[parent]) {
        const std::string& d = T(c).deprel;
        if (c == subj_head) continue;
        if (parent != head && d != "obl" && !StartsWith(d, "obl:") && d != "advmod") continue;
        if ((d == "obj" || d == "iobj") && !IsRelativePronoun(c)) {
          OpenIeArgument a;
          if (!MakeArg(c, "object", false, &a)) return false;
          if (!have_main && d == "obj") {
            main = a;
            have_main = true;
          } else if (!have_main && d == "iobj" && Child(parent, "obj") < 0) {
            main = a;
            have_main = true;
          } else {
            extra.push_back(a);
          }
        } else if (IsTrailingSayer(parent, c)) {
          continue;  // attribution, below
        } else if (d == "ccomp" || (d == "xcomp" && !(T(c).upos == "VERB" && consumed_[c]))) {
          if (d == "xcomp" && T(c).upos == "VERB" && Subject(c) < 0 &&
              (Child(parent, "obj") >= 0 || Child(parent, "iobj") >= 0))
            continue;  // object control: the xcomp makes its own tuple
          if (d == "xcomp" && T(c).upos == "ADJ" && c == parent + 1 && kids_[c].empty()) {
            t->relation.push_back(c);  // "shot dead"
            continue;
          }
          if (d == "xcomp" && IsCopular(c) && Subject(c) < 0 && !have_main) {
            // "was considered to be X": "to be" joins the relation, X is the
            // object, and X makes no tuple of its own.
            OpenIeArgument a;
            std::vector<int> words;
            main.head = c;
            main.role = "object";
            main.tokens.clear();
            std::vector<int> all;
            if (!Collect(c, &all, false)) return false;
            for (int i : all) {
              bool rel_word = T(i).head == c && (T(i).deprel == "cop" || T(i).deprel == "mark" ||
                                                 T(i).deprel == "aux");
              if (rel_word) t->relation.push_back(i);
              else main.tokens.push_back(i);
            }
            TrimEdges(&main.tokens);
            if (main.tokens.empty()) return false;
            have_main = true;
            consumed_[c] = true;
            continue;
          }
          OpenIeArgument a;
          std::vector<int> marks;
          bool clause = d == "ccomp" || T(c).upos == "VERB";
          if (!MakeArg(c, clause ? "clause" : "object", clause, &a, &marks, clause)) return false;
          if (d == "ccomp") t->clausal_object = true;
          if (!have_main) {
            t->relation.insert(t->relation.end(), marks.begin(), marks.end());
            main = a;
            have_main = true;
          } else {
            extra.push_back(a);
          }
        }
      }
    }

    // "Police arrested and questioned the student": a verb with no object
    // of its own, right before "and" and a second verb with one, shares it.
    if (!have_main && T(p).upos == "VERB") {
      for (int c : kids_[p]) {
        if (T(c).deprel != "conj" || T(c).upos != "VERB" || c != p + 2 || T(p + 1).deprel != "cc" ||
            Subject(c) >= 0)
          continue;
        int obj = Child(c, "obj");
        if (obj < 0 || IsRelativePronoun(obj)) continue;
        OpenIeArgument a;
        if (!MakeArg(obj, "object", false, &a)) return false;
        main = a;
        have_main = true;
      }
    }

    // "X, she said": the say-verb's object is the clause it follows.
    if (!have_main && (T(p).deprel == "parataxis" || T(p).deprel == "ccomp") &&
        IsSayVerb(Lower(T(p).lemma)) && T(p).head >= 0 && T(p).head < p) {
      std::vector<int> clause_tokens, own;
      if (!Collect(T(p).head, &clause_tokens, true)) return false;
      Collect(p, &own, true);
      std::sort(own.begin(), own.end());
      main.head = T(p).head;
      main.role = "clause";
      for (int i : clause_tokens)
        if (!std::binary_search(own.begin(), own.end(), i)) main.tokens.push_back(i);
      TrimEdges(&main.tokens);
      if (!main.tokens.empty()) {
        have_main = true;
        t->clausal_object = true;
      }
    }

    // Prepositional and temporal arguments, in sentence order.
    std::vector<int> obls;
    for (int parent : arg_parents)
      for (int c : kids_[parent]) {
        const std::string& d = T(c).deprel;
        if (c == subj_head || IsRelativePronoun(c)) continue;
        if (d == "obl" || StartsWith(d, "obl:")) obls.push_back(c);
      }
    std::sort(obls.begin(), obls.end());
    int agent_index = -1;
    for (int c : obls) {
      bool has_case = false;
      for (int k : kids_[c])
        if (T(k).deprel == "case" && k < c) has_case = true;
      bool is_agent = T(c).deprel == "obl:agent";
      if (!is_agent && t->passive) {
        for (int k : kids_[c])
          if (T(k).deprel == "case" && Lower(T(k).form) == "by") is_agent = true;
      }
      // "returned by mail", "contacted by phone": a bare means of sending
      // or travel after "by" is how, not who.
      if (is_agent && IsBareMeans(c)) is_agent = false;
      // "According to X": X is the attribution, not an argument.
      bool according = false;
      for (int k : kids_[c])
        if (T(k).deprel == "case" && Lower(T(k).form) == "according") according = true;
      if (according) {
        std::vector<int> att;
        if (Collect(c, &att, false)) {
          std::sort(att.begin(), att.end());
          std::vector<int> keep;
          for (int i : att)
            if (!(T(i).head == c && T(i).deprel == "case") && T(i).deprel != "fixed") keep.push_back(i);
          TrimEdges(&keep);
          if (t->attribution.empty()) t->attribution = keep;
        }
        continue;
      }
      if (!have_main && has_case && c > p) {
        OpenIeArgument a;
        std::vector<int> case_tokens;
        if (!MakeArg(c, "object", true, &a, &case_tokens)) return false;
        t->relation.insert(t->relation.end(), case_tokens.begin(), case_tokens.end());
        main = a;
        have_main = true;
        if (is_agent) agent_index = 0;
        continue;
      }
      OpenIeArgument a;
      if (!MakeArg(c, RoleOf(c), false, &a)) return false;
      if (is_agent) agent_index = static_cast<int>(extra.size()) + 1;
      extra.push_back(a);
    }
    // "In Boston, Jane Smith was arrested": a verb with no object and no
    // phrase after it happened where the place put before its subject is,
    // as "Jane Smith was arrested in Boston" says.
    std::string fronted_preposition;
    if (!have_main && !copular && subj_head >= 0) {
      for (size_t k = 0; k < extra.size() && !have_main; ++k) {
        int c = extra[k].head;
        if (c < 0 || c >= subj_head) continue;
        // (A place's name, or a phrase with one: "In the Kowloon West
        // constituency"; not "In the first half".)
        bool named = extra[k].role == "place";
        if (extra[k].role == "in" || extra[k].role == "at")
          for (int i : extra[k].tokens) named |= T(i).upos == "PROPN";
        if (!named) continue;
        OpenIeArgument a;
        std::vector<int> case_tokens;
        if (!MakeArg(c, "object", true, &a, &case_tokens) || case_tokens.empty()) continue;
        fronted_preposition = Lower(T(case_tokens.front()).form);
        main = a;
        have_main = true;
        extra.erase(extra.begin() + static_cast<long>(k));
      }
    }
    // Temporal advmods ("today", "last week" are obl:unmarked already).
    for (int c : kids_[head]) {
      if (T(c).deprel == "advmod" && IsTimeWord(T(c))) {
        OpenIeArgument a;
        if (MakeArg(c, "time", false, &a)) extra.push_back(a);
      }
    }

    if (have_main) t->objects.push_back(main);
    t->has_object = have_main;
    std::sort(extra.begin(), extra.end(), [](const OpenIeArgument& a, const OpenIeArgument& b) {
      return a.tokens.front() < b.tokens.front();
    });
    if (!have_main && !extra.empty()) {
      // No object: the first extra argument stands as the object.
      agent_index = agent_index > 0 ? agent_index - 1 : agent_index;
    }
    for (auto& e : extra) t->objects.push_back(e);
    t->agent = t->passive ? agent_index : -1;
    if (t->agent >= static_cast<int>(t->objects.size())) t->agent = -1;

    // Attribution from a governing say-verb: "X, the Kremlin said".
    int gov = T(p).head;
    int cur = p;
    for (int hop = 0; hop < 3 && gov >= 0 && t->attribution.empty(); ++hop) {
      const std::string& d = T(cur).deprel;
      if ((d == "ccomp" || d == "parataxis") && IsSayVerb(Lower(T(gov).lemma))) {
        int sp = Subject(gov);
        if (sp >= 0) {
          OpenIeArgument a;
          if (MakeArg(sp, "attribution", false, &a)) t->attribution = a.tokens;
        }
        break;
      }
      if (d != "conj" && d != "xcomp") break;
      cur = gov;
      gov = T(gov).head;
    }

    std::sort(t->relation.begin(), t->relation.end());
    t->relation.erase(std::unique(t->relation.begin(), t->relation.end()), t->relation.end());
    if (t->relation.empty()) return false;
    t->relation_text = JoinForms(s_, t->relation);
    t->relation_lemma = NormalizeRelation(s_, t->relation, copular);
    if (!fronted_preposition.empty()) t->relation_lemma += "_" + fronted_preposition;
    if (t->objects.empty() && !opt_.emit_object_less) return false;

    t->confidence = Confidence(*t, inherited, copular);
    return true;
  }

  // Whether child c of `parent` is a say-verb after it with its own subject
  // ("..., the Kremlin said").
  bool IsTrailingSayer(int parent, int c) const {
    const std::string& d = T(c).deprel;
    return (d == "ccomp" || d == "parataxis") && c > parent + 1 &&
           IsSayVerb(Lower(T(c).lemma)) && Subject(c) >= 0 && T(c - 1).upos != "VERB";
  }

  std::string RoleOf(int c) const {
    const Token& t = T(c);
    if (t.deprel == "obl:tmod" || IsTimeWord(t)) return "time";
    for (int k : kids_[c]) {
      if (T(k).deprel == "case" && k < c) {
        std::string prep = Lower(T(k).form);
        if ((prep == "in" || prep == "at" || prep == "near") && t.upos == "PROPN") return "place";
        return prep;
      }
    }
    if (t.deprel == "obl:unmarked" || t.deprel == "obl:npmod") {
      for (int k : kids_[c])
        if (IsTimeWord(T(k))) return "time";
    }
    return "argument";
  }

  bool BuildAppositive(int a, OpenIeTuple* t) {
    int h = T(a).head;
    if (h < 0) return false;
    const std::string& hu = T(h).upos;
    if (hu != "PROPN" && hu != "NOUN" && hu != "PRON") return false;
    t->predicate = a;
    t->appositive = true;
    if (!MakeArg(h, "subject", false, &t->subject)) return false;
    OpenIeArgument o;
    if (!MakeArg(a, "object", false, &o)) return false;
    t->objects.push_back(o);
    t->relation_text = "be";
    t->relation_lemma = "be";
    t->confidence = 0.55;
    return true;
  }

  // Relations implied by a noun phrase: "the RSNO 's base" -> (the RSNO;
  // has; base); "Henry Wood Hall in Glasgow" -> (Henry Wood Hall; be in;
  // Glasgow). Low confidence: a reader infers them, the text does not say.
  bool BuildImplied(int m, OpenIeTuple* t) {
    const Token& mt = T(m);
    int h = mt.head;
    if (h < 0) return false;
    const std::string& hu = T(h).upos;
    if (hu != "NOUN" && hu != "PROPN") return false;
    t->predicate = m;
    t->appositive = true;  // no relation words of its own in the text
    if (mt.deprel == "nmod:poss") {
      if (mt.upos != "PROPN" && mt.upos != "NOUN") return false;
      if (!MakeArg(m, "subject", true, &t->subject)) return false;
      std::vector<int> owner;
      for (int i : t->subject.tokens)
        if (!(T(i).head == m && T(i).deprel == "case")) owner.push_back(i);
      t->subject.tokens.swap(owner);
      if (t->subject.tokens.empty()) return false;
      // The possessed noun without its possessor.
      OpenIeArgument o;
      if (!MakeArg(h, "object", false, &o, nullptr, false, m)) return false;
      std::vector<int> keep;
      for (int i : o.tokens)
        if (!(T(i).head == h && T(i).deprel == "det")) keep.push_back(i);
      o.tokens.swap(keep);
      TrimEdges(&o.tokens);
      if (o.tokens.empty()) return false;
      t->objects.push_back(o);
      t->relation_text = "has";
      t->relation_lemma = "have";
      t->confidence = 0.3;
      return true;
    }
    if (mt.deprel == "nmod" && mt.upos == "PROPN") {
      std::string prep;
      for (int k : kids_[m])
        if (T(k).deprel == "case" && k < m) prep = Lower(T(k).form);
      if (prep != "in" && prep != "at" && prep != "near" && prep != "from" && prep != "on")
        return false;
      if (!MakeArg(h, "subject", false, &t->subject, nullptr, false, m)) return false;
      OpenIeArgument o;
      if (!MakeArg(m, "object", true, &o)) return false;
      t->objects.push_back(o);
      t->relation_text = "be " + prep;
      t->relation_lemma = "be_" + prep;
      t->confidence = 0.3;
      return true;
    }
    return false;
  }

  // A score whose order means something: how likely the tuple is right.
  // The weights come from an error analysis of CaRB dev (mean token
  // precision per feature bucket, then AUC): object-less tuples, inherited
  // subjects, clausal objects and long arguments are wrong more often.
  double Confidence(const OpenIeTuple& t, bool inherited, bool copular) const {
    double c = 0.85;
    if (inherited) c -= 0.12;
    if (t.objects.empty()) c -= 0.6;
    if (copular) c -= 0.05;
    if (t.clausal_object) c -= 0.15;
    if (!t.attribution.empty()) c -= 0.03;
    if (IsRelativePronoun(t.subject.head)) c -= 0.1;  // a "which" left unresolved
    size_t len = 0;
    for (const auto& o : t.objects) len += o.tokens.size();
    if (len > 15) c -= 0.005 * std::min<size_t>(len - 15, 30);
    if (T(t.predicate).deprel == "acl" || T(t.predicate).deprel == "acl:relcl") c -= 0.08;
    return std::max(0.01, std::min(0.99, c));
  }


  const Sentence& s_;
  const OpenIeOptions& opt_;
  std::vector<std::vector<int>> kids_;
  std::vector<int> depth_;
  std::vector<bool> consumed_;
  mutable size_t work_ = 0;
  bool valid_ = false;
};

}  // namespace

bool IsWarnAgainstVerb(const std::string& lemma) {
  static const std::set<std::string> kWarn = {"warn", "caution", "advise", "urge", "counsel"};
  return kWarn.count(lemma) > 0;
}

bool IsPreventFromVerb(const std::string& lemma) {
  static const std::set<std::string> kPrevent = {"prevent", "stop",       "bar",      "ban",
                                                 "block",   "keep",       "prohibit", "forbid",
                                                 "deter",   "discourage", "restrain", "exclude"};
  return kPrevent.count(lemma) > 0;
}

int GerundController(const Sentence& sentence, const std::vector<std::vector<int>>& kids,
                     int gerund) {
  const Token& g = sentence.tokens[gerund];
  if (g.deprel != "advcl" || g.xpos != "VBG" || g.head < 0) return -1;
  int obj = -1;
  for (int c : kids[g.head])
    if (sentence.tokens[c].deprel == "obj" && c < gerund) obj = c;
  if (obj < 0) return -1;
  std::string mark;
  for (int c : kids[gerund])
    if (sentence.tokens[c].deprel == "mark" && c < gerund)
      mark = text::ToLower(sentence.tokens[c].form);
  static const std::set<std::string> kBlameOrPraise = {
      "accuse",       "charge",  "blame",  "criticize", "criticise", "condemn",  "praise",
      "thank",        "sue",     "fine",   "punish",    "arrest",    "convict",  "commend",
      "credit",       "fault",   "jail",   "sentence",  "reward",    "honour",   "honor",
      "congratulate", "suspect", "indict", "prosecute", "reprimand", "penalize", "penalise"};
  std::string verb = text::ToLower(sentence.tokens[g.head].lemma);
  bool blame_or_praise = kBlameOrPraise.count(verb) > 0;
  if (mark == "of" || ((mark == "for" || mark == "with") && blame_or_praise)) return obj;
  // "China warned the United States against interfering in Taiwan", "The
  // court barred Google from using the data".
  if ((mark == "against" && IsWarnAgainstVerb(verb)) || (mark == "from" && IsPreventFromVerb(verb)))
    return obj;
  return -1;
}

int PrepositionalController(const Sentence& sentence, const std::vector<std::vector<int>>& kids,
                            int clause) {
  const Token& c = sentence.tokens[clause];
  if ((c.deprel != "advcl" && c.deprel != "xcomp") || c.head < 0 || c.upos != "VERB") return -1;
  bool to = false;
  for (int k : kids[clause])
    to |= k < clause && sentence.tokens[k].deprel == "mark" &&
          text::ToLower(sentence.tokens[k].form) == "to";
  if (!to) return -1;
  // Verb -> the prepositions after which its party is the doer.
  static const std::map<std::string, std::set<std::string>> kVerbs = {
      {"call", {"on", "upon"}}, {"prevail", {"on", "upon"}}, {"rely", {"on", "upon"}},
      {"count", {"on"}},        {"depend", {"on", "upon"}},  {"appeal", {"to"}},
      {"look", {"to"}},         {"wait", {"for"}},           {"press", {"on"}}};
  auto verb = kVerbs.find(text::ToLower(sentence.tokens[c.head].lemma));
  if (verb == kVerbs.end()) return -1;
  for (int k : kids[c.head]) {
    if (k > clause || sentence.tokens[k].deprel != "obl") continue;
    for (int m : kids[k])
      if (sentence.tokens[m].deprel == "case" &&
          verb->second.count(text::ToLower(sentence.tokens[m].form)))
        return k;
  }
  return -1;
}

std::string JoinForms(const Sentence& sentence, const std::vector<int>& tokens) {
  std::string out;
  for (int i : tokens) {
    if (!out.empty()) out += ' ';
    out += sentence.tokens[i].form;
  }
  return out;
}

std::vector<OpenIeTuple> ExtractTuples(const Sentence& sentence, const OpenIeOptions& options) {
  if (sentence.tokens.empty()) return {};
  TreeRules rules(sentence, options);
  return rules.Run();
}

}  // namespace kg::extract
