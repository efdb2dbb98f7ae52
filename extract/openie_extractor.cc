// The kg-openie extractor; see openie_extractor.h.
#include "extract/openie_extractor.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>

#include "extract/boilerplate.h"
#include "extract/entities.h"
#include "extract/entity_recognizer.h"
#include "extract/pipeline.h"
#include "extract/relation_normalizer.h"
#include "extract/resolution.h"

namespace kg::extract {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsPronounForm(const std::string& lower) {
  static const char* kPronouns[] = {"he", "him", "his", "she", "her", "it", "its", "himself",
                                    "herself", "itself"};
  for (const char* p : kPronouns)
    if (lower == p) return true;
  return false;
}

bool IsCalendarWord(const std::string& w) {
  static const char* kWords[] = {"January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December",
                                 "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                 "Saturday", "Sunday"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

bool IsNameToken(const Token& t) {
  if (IsCalendarWord(t.form)) return false;
  return t.upos == "PROPN" ||
         (t.upos == "NOUN" && !t.form.empty() && IsAcronym(t.form));
}

// Words that may join the capitalized words of one name ("Bank of America",
// "Procter & Gamble", "Charles de Gaulle").
bool IsNameConnector(const std::string& w) {
  return w == "of" || w == "the" || w == "and" || w == "&" || w == "de" || w == "-" ||
         w == "for" || w == "on" || w == "du" || w == "von" || w == "van" || w == "da" ||
         w == "al" || w == "bin" || w == "la" || w == "der" || w == ".";
}

bool NameLike(const Token& t) {
  const std::string& f = t.form;
  if (f.empty()) return false;
  unsigned char c = static_cast<unsigned char>(f[0]);
  return std::isupper(c) || std::isdigit(c) || c >= 0x80 || t.upos == "PROPN";
}

// The recognizer's names, made safe to build nodes from: cut at words that
// cannot be inside a name ("Castlefrank Road in Kanata" -> two names; "Barack
// Obama to Facebook"), in a person's name at a possessive ("Demosisto 's
// Nathan Law" -> Nathan Law; the possessor is a name of its own) and at "of" and "and"
// ("Kwong Chun-yu of the Democratic Party"); trimmed to name-like words at
// both ends; a lone adjective ("Korean") is no name.
std::vector<NamedSpan> CleanNames(const Sentence& s, const std::vector<NamedSpan>& names) {
  std::vector<NamedSpan> out;
  const int n = static_cast<int>(s.tokens.size());
  auto emit = [&](int b, int e, EntityType type) {
    while (b < e && !NameLike(s.tokens[b])) ++b;
    while (e > b && !NameLike(s.tokens[e - 1])) --e;
    if (b >= e) return;
    if (e - b == 1 && s.tokens[b].upos == "ADJ") return;
    out.push_back(NamedSpan{b, e, type});
  };
  for (const NamedSpan& name : names) {
    int b = std::max(0, name.begin), e = std::min(n, name.end);
    int start = b;
    for (int i = b; i < e; ++i) {
      const Token& t = s.tokens[i];
      std::string lower = Lower(t.form);
      bool cut = false;
      if (t.xpos == "POS" || t.form == "'s") {
        // "Demosisto 's Nathan Law", but "Korean People 's Army".
        cut = name.type == EntityType::kPerson;
      } else if (!NameLike(t)) {
        cut = !IsNameConnector(lower) ||
              (name.type == EntityType::kPerson && (lower == "of" || lower == "and" || lower == "the"));
      }
      if (cut) {
        emit(start, i, name.type);
        start = i + 1;
      }
    }
    emit(start, e, name.type);
  }
  return out;
}

// Per-sentence helper: children lists, the recognizer's names, and the
// name runs of heads.
class SentenceView {
 public:
  SentenceView(const Sentence& s, const std::vector<NamedSpan>& recognized)
      : s_(s), kids_(s.tokens.size()), recognized_(recognized), name_at_(s.tokens.size(), -1) {
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      int h = s.tokens[i].head;
      if (h >= 0 && h < static_cast<int>(s.tokens.size())) kids_[h].push_back(static_cast<int>(i));
    }
    for (size_t k = 0; k < recognized.size(); ++k)
      for (int i = recognized[k].begin; i < recognized[k].end && i < static_cast<int>(s.tokens.size()); ++i)
        name_at_[i] = static_cast<int>(k);
  }

  // Whether token i is part of a name: the recognizer's, or a proper noun
  // (or acronym) it missed.
  bool IsName(int i) const { return name_at_[i] >= 0 || IsNameToken(s_.tokens[i]); }

  // The recognizer's name holding token i, or null.
  const NamedSpan* RecognizedAt(int i) const {
    return i >= 0 && name_at_[i] >= 0 ? &recognized_[name_at_[i]] : nullptr;
  }

  // The contiguous name tokens around `head` ("Russian President Vladimir
  // Putin" -> President Vladimir Putin), or empty when head names nothing.
  // A name the recognizer found is taken as it found it.
  std::vector<int> NameRun(int head) const {
    if (head < 0) return {};
    if (const NamedSpan* r = RecognizedAt(head)) {
      std::vector<int> run;
      for (int i = r->begin; i < r->end; ++i) run.push_back(i);
      return run;
    }
    if (!IsNameToken(s_.tokens[head])) return {};
    int lo = head, hi = head;
    // Proper nouns outside the recognizer's names.
    auto joins = [&](int i) { return name_at_[i] < 0 && IsNameToken(s_.tokens[i]); };
    auto attached = [&](int i) {
      // i's head lies inside the run or is the run's head.
      int h = s_.tokens[i].head;
      return h >= lo && h <= hi;
    };
    bool grew = true;
    while (grew) {
      grew = false;
      // A capitalized adjective inside a name: "Federal Bureau of ...".
      auto capitalized_adj = [&](int i) {
        const Token& t = s_.tokens[i];
        return t.upos == "ADJ" && !t.form.empty() &&
               std::isupper(static_cast<unsigned char>(t.form[0])) && i > 0;
      };
      if (lo > 0 && (joins(lo - 1) || (capitalized_adj(lo - 1) && name_at_[lo - 1] < 0)) &&
          attached(lo - 1)) {
        --lo;
        grew = true;
      }
      if (hi + 1 < static_cast<int>(s_.tokens.size()) && joins(hi + 1) && attached(hi + 1)) {
        ++hi;
        grew = true;
      }
      // "Bureau of Investigation": an "of" between two name tokens.
      if (hi + 2 < static_cast<int>(s_.tokens.size()) && Lower(s_.tokens[hi + 1].form) == "of" &&
          joins(hi + 2) && s_.tokens[hi + 2].head >= lo &&
          s_.tokens[hi + 2].head <= hi) {
        hi += 2;
        grew = true;
      }
    }
    // A longer stretch of name words that forms one subtree wins: "U.S.
    // President Barack Obama" parsed as "U.S." with an appositive.
    int a = head, b = head;
    const int n = static_cast<int>(s_.tokens.size());
    while (a > 0 && joins(a - 1)) --a;
    while (b + 1 < n && joins(b + 1)) ++b;
    if (b - a > hi - lo) {
      int external = 0;
      for (int i = a; i <= b; ++i) {
        int h = s_.tokens[i].head;
        if (h < a || h > b) ++external;
      }
      if (external == 1) {
        lo = std::min(lo, a);
        hi = std::max(hi, b);
      }
    }
    std::vector<int> run;
    for (int i = lo; i <= hi; ++i) run.push_back(i);
    return run;
  }

  // head and its coordinated nominal conjuncts: "the FBI and the CIA".
  std::vector<int> Conjuncts(int head) const {
    std::vector<int> out{head};
    for (size_t k = 0; k < out.size() && k < 16; ++k)
      for (int c : kids_[out[k]])
        if (s_.tokens[c].deprel == "conj" && s_.tokens[c].upos != "VERB") out.push_back(c);
    return out;
  }

  const std::vector<int>& kids(int i) const { return kids_[i]; }

 private:
  const Sentence& s_;
  std::vector<std::vector<int>> kids_;
  const std::vector<NamedSpan>& recognized_;
  std::vector<int> name_at_;  // index into recognized_, or -1
};

// A claim side: an entity mention or a value.
struct Side {
  int mention = -1;  // DocumentResolver mention id, or -1 for a value
  ByteSpan span;
  std::string text;
};

struct PendingClaim {
  std::vector<Side> subjects, objects;
  Claim claim;
};

}  // namespace

OpenIeExtractor::~OpenIeExtractor() = default;

Result<std::unique_ptr<OpenIeExtractor>> OpenIeExtractor::Load(const std::string& models_dir) {
  Result<std::unique_ptr<Pipeline>> nlp = Pipeline::Load(models_dir);
  if (!nlp.ok()) return nlp.status();
  Result<std::unique_ptr<EntityCatalog>> catalog = EntityCatalog::Load("");
  if (!catalog.ok()) return catalog.status();
  std::string dir = models_dir.empty() ? DefaultModelsDir() : models_dir;
  Result<std::unique_ptr<EntityRecognizer>> ner = EntityRecognizer::Load(dir + "/ner.kgm");
  if (!ner.ok()) return ner.status();
  std::unique_ptr<OpenIeExtractor> e(new OpenIeExtractor());
  e->pipeline_ = std::move(*nlp);
  e->catalog_ = std::move(*catalog);
  e->ner_ = std::move(*ner);
  return e;
}

Result<std::unique_ptr<OpenIeExtractor>> OpenIeExtractor::LoadForParsedInput() {
  Result<std::unique_ptr<EntityCatalog>> catalog = EntityCatalog::Load("");
  if (!catalog.ok()) return catalog.status();
  std::unique_ptr<OpenIeExtractor> e(new OpenIeExtractor());
  e->catalog_ = std::move(*catalog);
  return e;
}

Result<Extraction> OpenIeExtractor::Extract(const Document& document) const {
  if (!pipeline_) return Status::NotSupported("this extractor was loaded without NLP models");
  // Lines the reader should already have dropped never give claims; they are
  // blanked (same length, so spans stay valid) before analysis.
  std::string text = document.text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl;
    if (IsBoilerplateLine(std::string_view(text).substr(pos, end - pos)))
      for (size_t i = pos; i < end; ++i) text[i] = ' ';
    pos = end + 1;
  }
  std::vector<Sentence> sentences = pipeline_->Analyze(text);
  return ExtractFromSentences(document, sentences);
}

Extraction OpenIeExtractor::ExtractFromSentences(const Document& document,
                                                 const std::vector<Sentence>& sentences) const {
  Extraction out;
  out.document = document;
  out.extractor = kName;
  out.extractor_version = kVersion;
  const std::string& text = document.text;
  auto cut = [&](ByteSpan s) {
    if (s.end > text.size() || s.begin > s.end) return std::string();
    return text.substr(s.begin, s.size());
  };

  DocumentResolver resolver(*catalog_);
  std::vector<PendingClaim> pending;
  uint32_t order = 0;
  std::vector<std::vector<NamedSpan>> recognized =
      ner_ ? ner_->Recognize(sentences) : std::vector<std::vector<NamedSpan>>(sentences.size());
  for (size_t si = 0; si < sentences.size(); ++si)
    recognized[si] = CleanNames(sentences[si], recognized[si]);

  for (uint32_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const int n = static_cast<int>(s.tokens.size());
    if (n == 0) continue;
    SentenceView view(s, recognized[si]);
    // 1. Every name run and pronoun of the sentence, in order, as mentions.
    std::map<int, int> mention_at;  // head token -> mention id
    std::vector<bool> in_run(n, false);
    auto add_name = [&](int head) -> int {
      // Any word of a recognized name stands for the name's head word.
      if (const NamedSpan* r = view.RecognizedAt(head)) {
        for (int k = r->begin; k < r->end; ++k) {
          int h = s.tokens[k].head;
          if (h < r->begin || h >= r->end) {
            head = k;
            break;
          }
        }
      }
      auto found = mention_at.find(head);
      if (found != mention_at.end()) return found->second;
      const Token& ht = s.tokens[head];
      std::string lower = Lower(ht.form);
      NameMention m;
      m.order = order + head;
      m.mention.sentence = si;
      if (ht.upos == "PRON" && IsPronounForm(lower)) {
        m.pronoun = true;
        m.name = lower;
        m.mention.span = ht.span;
        m.mention.surface = cut(ht.span);
      } else {
        std::vector<int> run = view.NameRun(head);
        if (run.empty()) return -1;
        // Titles before the name are not part of it.
        size_t first = 0;
        for (size_t k = 0; k + 1 < run.size(); ++k)
          if (IsPersonTitle(s.tokens[run[k]].form)) first = k + 1;
        std::vector<std::string> rest;
        for (size_t k = first; k < run.size(); ++k) rest.push_back(s.tokens[run[k]].form);
        if (first > 0 && TypeFromCues(rest, "") != EntityType::kOther) first = 0;
        if (first > 0) m.title = s.tokens[run[first - 1]].form;
        if (run.size() == first + 1 && IsPersonTitle(s.tokens[run[first]].form)) return -1;
        ByteSpan span{s.tokens[run[first]].span.begin, s.tokens[run.back()].span.end};
        m.mention.span = span;
        m.mention.surface = cut(span);
        m.name = m.mention.surface;
        for (int k : run) in_run[k] = true;
        if (m.name.empty()) return -1;
        if (const NamedSpan* r = view.RecognizedAt(head)) m.recognized = r->type;
      }
      int id = resolver.Add(m);
      mention_at[head] = id;
      return id;
    };
    for (int i = 0; i < n; ++i) {
      const Token& t = s.tokens[i];
      if (in_run[i]) continue;
      if (view.IsName(i)) {
        // The head of the run: the token whose head lies outside it.
        std::vector<int> run = view.NameRun(i);
        int head = i;
        for (int k : run) {
          int h = s.tokens[k].head;
          if (h < run.front() || h > run.back()) head = k;
        }
        add_name(head);
        for (int k : run) in_run[k] = true;
      } else if (t.upos == "PRON" && IsPronounForm(Lower(t.form))) {
        add_name(i);
      }
    }
    // 2. Acronyms the text defines: "Federal Security Service ( FSB )".
    for (int i = 1; i + 2 < n; ++i) {
      if (s.tokens[i].form != "(" || s.tokens[i + 2].form != ")") continue;
      const std::string& acr = s.tokens[i + 1].form;
      if (!IsAcronym(acr)) continue;
      int j = i - 1;
      while (j >= 0 && (IsNameToken(s.tokens[j]) || Lower(s.tokens[j].form) == "of" ||
                        (s.tokens[j].upos == "ADJ" && !s.tokens[j].form.empty() &&
                         std::isupper(static_cast<unsigned char>(s.tokens[j].form[0])))))
        --j;
      std::vector<std::string> words;
      std::string long_name;
      for (int k = j + 1; k < i; ++k) {
        if (!long_name.empty()) long_name += ' ';
        long_name += s.tokens[k].form;
      }
      // Drop leading words until the initials match ("senior Federal...").
      std::istringstream in(long_name);
      std::string w;
      while (in >> w) words.push_back(w);
      bool defined = false;
      for (size_t start = 0; start < words.size() && !defined; ++start) {
        std::string cand;
        for (size_t k = start; k < words.size(); ++k) cand += (cand.empty() ? "" : " ") + words[k];
        if (AcronymMatches(acr, cand)) {
          resolver.DefineAcronym(acr, cand);
          defined = true;
        }
      }
      // A translated acronym ("Federal Security Service (FSB)"): the whole
      // capitalized name just before the brackets.
      if (!defined && words.size() >= 2 && words.front() != "of") resolver.DefineAcronym(acr, long_name);
    }

    // 3. Tuples -> pending claims.
    std::vector<OpenIeTuple> tuples = ExtractTuples(s, options_);
    for (const OpenIeTuple& t : tuples) {
      if (t.objects.empty() || t.clausal_object || t.appositive) continue;
      if (!t.has_object && !(t.passive && t.agent >= 0)) continue;
      auto sides_of = [&](const OpenIeArgument& a) {
        std::vector<Side> sides;
        for (int c : view.Conjuncts(a.head)) {
          int id = -1;
          // "PRESIDENTS Vladimir Putin", "Secretary ... John Kerry": a title
          // heading a name stands for the name.
          if (!view.IsName(c) || IsPersonTitle(s.tokens[c].form)) {
            for (int k : view.kids(c)) {
              const std::string& d = s.tokens[k].deprel;
              if (view.IsName(k) && !IsPersonTitle(s.tokens[k].form) &&
                  (d == "flat" || d == "appos" || d == "compound" || d == "nmod:desc")) {
                c = k;
                break;
              }
            }
          }
          const Token& ct = s.tokens[c];
          if (view.IsName(c) || (ct.upos == "PRON" && IsPronounForm(Lower(ct.form))))
            id = add_name(c);
          if (id >= 0) sides.push_back(Side{id, {}, {}});
        }
        if (!sides.empty()) return sides;
        // A value: the argument's first contiguous stretch of tokens, without
        // its leading preposition ("by the government").
        size_t first = 0;
        while (first + 1 < a.tokens.size() && s.tokens[a.tokens[first]].head == a.head &&
               s.tokens[a.tokens[first]].deprel == "case")
          ++first;
        size_t k = first + 1;
        while (k < a.tokens.size() && a.tokens[k] == a.tokens[k - 1] + 1) ++k;
        Side v;
        v.span = ByteSpan{s.tokens[a.tokens[first]].span.begin,
                          s.tokens[a.tokens[k - 1]].span.end};
        v.text = cut(v.span);
        if (v.text.empty()) return sides;
        // A bare relative or demonstrative pronoun names nothing.
        static const char* kBare[] = {"which", "that", "who", "whom", "what", "this", "these",
                                      "those", "they", "them", "we", "us", "i", "you", "one"};
        std::string lower = Lower(v.text);
        for (const char* b : kBare)
          if (lower == b) return sides;
        sides.push_back(v);
        return sides;
      };
      int object_index = 0;
      const OpenIeArgument* subj = &t.subject;
      const OpenIeArgument* obj = &t.objects[0];
      std::string relation = t.relation_lemma;
      bool swapped = false;
      if (t.passive && t.agent >= 0) {
        subj = &t.objects[t.agent];
        obj = &t.subject;
        object_index = t.agent;
        relation = StripAgentMarker(relation);
        swapped = true;
      }
      PendingClaim pc;
      pc.subjects = sides_of(*subj);
      pc.objects = sides_of(*obj);
      if (pc.subjects.empty() || pc.objects.empty()) continue;
      Claim& c = pc.claim;
      c.relation = relation;
      c.sentence = si;
      c.sentence_span = s.span;
      c.relation_span = ByteSpan{s.tokens[t.relation.front()].span.begin,
                                 s.tokens[t.relation.back()].span.end};
      c.relation_surface = cut(c.relation_span);
      c.confidence = t.confidence;
      c.negated = t.negated;
      c.modality = t.modality;
      if (!t.attribution.empty()) {
        ByteSpan a{s.tokens[t.attribution.front()].span.begin,
                   s.tokens[t.attribution.back()].span.end};
        c.attribution = cut(a);
      }
      for (size_t k = 0; k < t.objects.size(); ++k) {
        if (static_cast<int>(k) == object_index && !swapped) continue;
        if (swapped && static_cast<int>(k) == t.agent) continue;
        if (!swapped && k == 0) continue;
        const OpenIeArgument& a = t.objects[k];
        ClaimArgument arg;
        arg.role = a.role;
        arg.span = ByteSpan{s.tokens[a.tokens.front()].span.begin,
                            s.tokens[a.tokens.back()].span.end};
        arg.text = cut(arg.span);
        c.arguments.push_back(arg);
      }
      pending.push_back(std::move(pc));
    }
    order += static_cast<uint32_t>(n) + 1;
  }

  // 4. Resolve names, then materialize claims.
  resolver.Resolve();
  std::vector<Entity> entities = resolver.entities();
  std::map<std::string, int> value_index;
  auto entity_for = [&](const Side& side, uint32_t sentence) -> std::pair<int, Mention> {
    Mention m;
    m.sentence = sentence;
    if (side.mention >= 0) {
      int e = resolver.EntityOf(side.mention);
      return {e, m};
    }
    m.span = side.span;
    m.surface = side.text;
    std::string key = side.text;
    auto it = value_index.find(key);
    int idx;
    if (it == value_index.end()) {
      idx = static_cast<int>(entities.size());
      Entity v;
      v.name = side.text;
      v.type = EntityType::kValue;
      entities.push_back(v);
      value_index[key] = idx;
    } else {
      idx = it->second;
    }
    entities[idx].mentions.push_back(m);
    return {idx, m};
  };
  for (PendingClaim& pc : pending) {
    for (const Side& sub : pc.subjects) {
      for (const Side& ob : pc.objects) {
        auto [si_, sm] = entity_for(sub, pc.claim.sentence);
        auto [oi, om] = entity_for(ob, pc.claim.sentence);
        if (si_ < 0 || oi < 0 || si_ == oi) continue;
        Claim c = pc.claim;
        c.subject = si_;
        c.object = oi;
        c.subject_span = sub.mention >= 0 ? resolver.mention(sub.mention).mention.span : sub.span;
        c.object_span = ob.mention >= 0 ? resolver.mention(ob.mention).mention.span : ob.span;
        // A resolved pronoun is a mention of its entity too.
        if (sub.mention >= 0 && resolver.mention(sub.mention).pronoun)
          entities[si_].mentions.push_back(resolver.mention(sub.mention).mention);
        if (ob.mention >= 0 && resolver.mention(ob.mention).pronoun)
          entities[oi].mentions.push_back(resolver.mention(ob.mention).mention);
        out.claims.push_back(std::move(c));
      }
    }
  }
  // Keep only entities that take part in a claim; renumber.
  std::vector<int> remap(entities.size(), -1);
  for (const Claim& c : out.claims) {
    if (c.subject >= 0) remap[c.subject] = 0;
    if (c.object >= 0) remap[c.object] = 0;
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    if (remap[i] < 0) continue;
    remap[i] = static_cast<int>(out.entities.size());
    out.entities.push_back(std::move(entities[i]));
  }
  for (Claim& c : out.claims) {
    c.subject = remap[c.subject];
    c.object = remap[c.object];
  }
  return out;
}

std::vector<CarbTuple> CarbTuplesOf(const Sentence& sentence, const OpenIeOptions& options) {
  std::vector<CarbTuple> out;
  for (const OpenIeTuple& t : ExtractTuples(sentence, options)) {
    CarbTuple c;
    c.relation = t.relation_text;
    c.args.push_back(JoinForms(sentence, t.subject.tokens));
    for (const OpenIeArgument& a : t.objects) c.args.push_back(JoinForms(sentence, a.tokens));
    c.confidence = t.confidence;
    bool dup = false;
    for (const CarbTuple& o : out)
      if (o.relation == c.relation && o.args == c.args) dup = true;
    if (!dup) out.push_back(std::move(c));
  }
  return out;
}

std::vector<CarbTuple> OpenIeExtractor::ExtractCarb(const std::string& line) const {
  std::vector<std::string> tokens;
  std::istringstream in(line);
  std::string w;
  while (in >> w) tokens.push_back(w);
  if (tokens.empty() || !pipeline_) return {};
  Sentence s = pipeline_->AnalyzeTokens(tokens);
  return CarbTuplesOf(s, options_);
}

std::string FormatCarbLine(const std::string& sentence, const CarbTuple& t) {
  char conf[32];
  std::snprintf(conf, sizeof conf, "%.4f", t.confidence);
  std::string line = sentence + "\t" + conf + "\t" + t.relation;
  for (const std::string& a : t.args) line += "\t" + a;
  return line;
}

}  // namespace kg::extract
