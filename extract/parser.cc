// Arc-hybrid dependency parser with a dynamic oracle (see parser.h).
#include "extract/parser.h"

#include "extract/parallel.h"
#include "extract/tree_combiner.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

namespace kg::extract {

namespace {

constexpr int kNone = -1;

// Per-sentence word and tag hashes; index n is the root token.
struct Lexical {
  std::vector<uint64_t> w, p, wp;
  // Running counts of punctuation and verbs (UPOS VERB or AUX) before each
  // position: how many lie between two words, in constant time.
  std::vector<int> punct_before, verbs_before;
  explicit Lexical(const Sentence& s) {
    size_t n = s.tokens.size();
    w.resize(n + 1);
    p.resize(n + 1);
    wp.resize(n + 1);
    punct_before.assign(n + 2, 0);
    verbs_before.assign(n + 2, 0);
    for (size_t i = 0; i < n; ++i) {
      const Token& t = s.tokens[i];
      w[i] = StringHash(NormalizeWord(t.form));
      p[i] = StringHash(t.upos + " " + t.xpos);
      wp[i] = FeatureHash(w[i], p[i]);
      punct_before[i + 1] = punct_before[i] + (t.upos == "PUNCT");
      verbs_before[i + 1] = verbs_before[i] + (t.upos == "VERB" || t.upos == "AUX");
    }
    w[n] = StringHash("<root>");
    p[n] = StringHash("<ROOT>");
    wp[n] = FeatureHash(w[n], p[n]);
    punct_before[n + 1] = punct_before[n];
    verbs_before[n + 1] = verbs_before[n];
  }
  uint64_t W(int i) const { return i < 0 ? 0x51 : w[i]; }
  uint64_t P(int i) const { return i < 0 ? 0x52 : p[i]; }
  uint64_t WP(int i) const { return i < 0 ? 0x53 : wp[i]; }
  // Punctuation marks / verbs strictly between words a and b: 0, 1 or 2 (two
  // or more); 9 when either is missing.
  uint64_t PunctBetween(int a, int b) const { return Between(punct_before, a, b); }
  uint64_t VerbsBetween(int a, int b) const { return Between(verbs_before, a, b); }

 private:
  static uint64_t Between(const std::vector<int>& before, int a, int b) {
    if (a < 0 || b < 0) return 9;
    if (a > b) std::swap(a, b);
    int count = before[b] - before[a + 1];
    return count > 2 ? 2 : static_cast<uint64_t>(count);
  }
};

// Parser configuration: stack, buffer front and the arcs built so far. The
// root is token n. Root last (Ballesteros & Nivre 2013): the buffer is the
// suffix b..n and the root its last token. Root first: the root starts at
// the bottom of the stack and the buffer is b..n-1.
struct State {
  int n = 0;
  bool root_first = false;
  std::vector<int> stack;
  int b = 0;
  std::vector<int> head, label;
  std::vector<int> l1, l2, r1, r2, nl, nr;
  std::vector<uint64_t> lset, rset;

  State(int len, bool root_first_) : n(len), root_first(root_first_) {
    stack.reserve(len + 1);
    if (root_first) stack.push_back(n);
    head.assign(len + 1, kNone);
    label.assign(len + 1, kNone);
    l1.assign(len + 1, kNone);
    l2 = r1 = r2 = l1;
    nl.assign(len + 1, 0);
    nr = nl;
    lset.assign(len + 1, 0);
    rset = lset;
  }
  int S(size_t k) const { return stack.size() > k ? stack[stack.size() - 1 - k] : kNone; }
  int B(int k) const { return b + k < n + !root_first ? b + k : kNone; }
  bool Terminal() const { return b == n && stack.size() == (root_first ? 1u : 0u); }
  // Whether token x (a word or the root) is still in the buffer.
  bool InBuffer(int x) const { return x >= b && (x < n || !root_first); }

  void AddArc(int h, int d, int lab) {
    head[d] = h;
    label[d] = lab;
    if (d < h) {
      // Left children arrive right to left (arc-hybrid LEFT).
      if (l1[h] == kNone || d < l1[h]) {
        l2[h] = l1[h];
        l1[h] = d;
      } else if (l2[h] == kNone || d < l2[h]) {
        l2[h] = d;
      }
      ++nl[h];
      lset[h] |= 1ULL << (lab & 63);
    } else {
      if (r1[h] == kNone || d > r1[h]) {
        r2[h] = r1[h];
        r1[h] = d;
      } else if (r2[h] == kNone || d > r2[h]) {
        r2[h] = d;
      }
      ++nr[h];
      rset[h] |= 1ULL << (lab & 63);
    }
  }
  void Shift() { stack.push_back(b++); }
  void Left(int lab) {
    int s0 = stack.back();
    stack.pop_back();
    AddArc(b, s0, lab);
  }
  void Right(int lab) {
    int s0 = stack.back();
    stack.pop_back();
    AddArc(stack.back(), s0, lab);
  }
};

// Transition ids: 0 shift, 1 + l left-arc with label l, 1 + L + l right-arc.
struct Moves {
  int num_labels;
  int root_label;
  int Count() const { return 1 + 2 * num_labels; }
  bool Valid(const State& s, int t) const {
    if (t == 0) return s.b < s.n;
    bool left = t <= num_labels;
    int lab = left ? t - 1 : t - 1 - num_labels;
    if (s.root_first) {
      // The root takes exactly one word, by a right-arc, once all else is done.
      if (left) return !s.stack.empty() && s.S(0) != s.n && s.b < s.n && lab != root_label;
      if (s.stack.size() < 2) return false;
      if (s.S(1) == s.n) return s.b == s.n && s.stack.size() == 2 && lab == root_label;
      return lab != root_label;
    }
    if (left) {
      if (s.stack.empty()) return false;
      if (s.b == s.n) return s.stack.size() == 1 && lab == root_label;
      return lab != root_label;
    }
    return s.stack.size() >= 2 && lab != root_label;
  }
  void Apply(State& s, int t) const {
    if (t == 0)
      s.Shift();
    else if (t <= num_labels)
      s.Left(t - 1);
    else
      s.Right(t - 1 - num_labels);
  }
};

inline uint64_t Dist(int a, int b) {
  if (a < 0 || b < 0) return 0;
  int d = b - a;
  if (d < 0) d = -d;
  return d > 5 ? (d > 10 ? 7 : 6) : d;
}

void Features(const State& st, const Lexical& x, std::vector<uint64_t>* out) {
  out->clear();
  int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
  int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  if (b0 == st.n)
    b1 = b2 = kNone;
  else if (b1 == st.n)
    b2 = kNone;
  auto C = [&](const std::vector<int>& v, int i) { return i < 0 ? kNone : v[i]; };
  int s0l = C(st.l1, s0), s0l2 = C(st.l2, s0), s0r = C(st.r1, s0), s0r2 = C(st.r2, s0);
  int s1l = C(st.l1, s1), s1r = C(st.r1, s1), s1r2 = C(st.r2, s1);
  int b0l = C(st.l1, b0), b0l2 = C(st.l2, b0);
  auto L = [&](int i) -> uint64_t { return i < 0 ? 0x54 : static_cast<uint64_t>(st.label[i]) + 1; };
  auto W = [&](int i) { return x.W(i); };
  auto P = [&](int i) { return x.P(i); };
  auto WP = [&](int i) { return x.WP(i); };
  uint64_t t = 0;
  auto f1 = [&](uint64_t a) { out->push_back(FeatureHash(++t, a)); };
  auto f2 = [&](uint64_t a, uint64_t b) { out->push_back(FeatureHash(++t, a, b)); };
  auto f3 = [&](uint64_t a, uint64_t b, uint64_t c) { out->push_back(FeatureHash(++t, a, b, c)); };
  auto f4 = [&](uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
    out->push_back(FeatureHash(FeatureHash(++t, a, b, c), d));
  };
  f1(0);
  // Unigrams.
  f1(WP(s0));
  f1(W(s0));
  f1(P(s0));
  f1(WP(b0));
  f1(W(b0));
  f1(P(b0));
  f1(WP(b1));
  f1(W(b1));
  f1(P(b1));
  f1(WP(b2));
  f1(W(b2));
  f1(P(b2));
  f1(WP(s1));
  f1(W(s1));
  f1(P(s1));
  f1(W(s2));
  f1(P(s2));
  // Pairs.
  f2(WP(s0), WP(b0));
  f2(WP(s0), W(b0));
  f2(W(s0), WP(b0));
  f2(WP(s0), P(b0));
  f2(P(s0), WP(b0));
  f2(W(s0), W(b0));
  f2(P(s0), P(b0));
  f2(P(b0), P(b1));
  f2(W(s1), W(s0));
  f2(P(s1), P(s0));
  f2(P(s1), W(s0));
  f2(W(s1), P(s0));
  f2(WP(s1), WP(s0));
  f2(W(b0), W(b1));
  f2(P(s1), P(b0));
  f2(W(s1), W(b0));
  // Triples.
  f3(P(b0), P(b1), P(b2));
  f3(P(s0), P(b0), P(b1));
  f3(P(s1), P(s0), P(b0));
  f3(P(s0), P(s0l), P(b0));
  f3(P(s0), P(s0r), P(b0));
  f3(P(s0), P(b0), P(b0l));
  f3(P(s1), P(s1r), P(s0));
  f3(P(s1), P(s0), P(s0l));
  f3(P(s1), P(s0), P(s0r));
  f3(P(s2), P(s1), P(s0));
  f3(P(s1), P(s1l), P(s0));
  f3(W(s0), P(s1), P(b0));
  f3(W(b0), P(s0), P(s1));
  f3(W(s1), P(s0), P(b0));
  // Distance.
  uint64_t d = Dist(s0, b0), d1 = Dist(s1, s0);
  f2(W(s0), d);
  f2(P(s0), d);
  f2(W(b0), d);
  f2(P(b0), d);
  f3(W(s0), W(b0), d);
  f3(P(s0), P(b0), d);
  f3(P(s1), P(s0), d1);
  f3(W(s1), W(s0), d1);
  f2(W(s0), d1);
  f2(P(s1), d1);
  // Valency.
  auto V = [&](const std::vector<int>& v, int i) -> uint64_t {
    return i < 0 ? 99 : static_cast<uint64_t>(std::min(v[i], 6));
  };
  f2(W(s0), V(st.nr, s0));
  f2(P(s0), V(st.nr, s0));
  f2(W(s0), V(st.nl, s0));
  f2(P(s0), V(st.nl, s0));
  f2(W(b0), V(st.nl, b0));
  f2(P(b0), V(st.nl, b0));
  f2(P(s1), V(st.nr, s1));
  f2(P(s1), V(st.nl, s1));
  f2(W(s1), V(st.nr, s1));
  // Children.
  f1(W(s0l));
  f1(P(s0l));
  f1(L(s0l));
  f1(W(s0r));
  f1(P(s0r));
  f1(L(s0r));
  f1(W(b0l));
  f1(P(b0l));
  f1(L(b0l));
  f1(W(s1l));
  f1(P(s1l));
  f1(L(s1l));
  f1(W(s1r));
  f1(P(s1r));
  f1(L(s1r));
  f2(P(s0), L(s0l));
  f2(P(s0), L(s0r));
  f2(P(b0), L(b0l));
  f2(P(s1), L(s1r));
  // Third order.
  f1(W(s0l2));
  f1(P(s0l2));
  f1(L(s0l2));
  f1(W(s0r2));
  f1(P(s0r2));
  f1(L(s0r2));
  f1(W(b0l2));
  f1(P(b0l2));
  f1(L(b0l2));
  f1(L(s1r2));
  f3(P(s0), P(s0l), P(s0l2));
  f3(P(s0), P(s0r), P(s0r2));
  f3(P(b0), P(b0l), P(b0l2));
  f3(P(s1), P(s1r), P(s1r2));
  // Label sets.
  auto Set = [&](const std::vector<uint64_t>& v, int i) -> uint64_t {
    return i < 0 ? 7 : v[i] + 11;
  };
  f2(W(s0), Set(st.rset, s0));
  f2(P(s0), Set(st.rset, s0));
  f2(W(s0), Set(st.lset, s0));
  f2(P(s0), Set(st.lset, s0));
  f2(W(b0), Set(st.lset, b0));
  f2(P(b0), Set(st.lset, b0));
  f2(P(s1), Set(st.rset, s1));
  f2(P(s1), Set(st.lset, s1));
  // Four-way tag context.
  f4(P(s1), P(s0), P(b0), P(b1));
  f4(P(s0), P(b0), P(b1), P(b2));
  // What lies between the candidate head and dependent: a comma or a verb
  // in between makes an arc less likely (punctuation attachment is the
  // largest single source of head errors on UD EWT dev).
  uint64_t punct = x.PunctBetween(s0, b0), verbs = x.VerbsBetween(s0, b0);
  uint64_t punct1 = x.PunctBetween(s1, s0), verbs1 = x.VerbsBetween(s1, s0);
  f3(P(s0), P(b0), punct);
  f3(P(s0), P(b0), verbs);
  f4(P(s0), P(b0), punct, d);
  f3(P(s1), P(s0), punct1);
  f3(P(s1), P(s0), verbs1);
  f3(W(s0), P(b0), punct);
}

// Cost of the unlabeled moves (shift, left, right) for the dynamic oracle:
// how many gold arcs each makes unreachable.
struct Oracle {
  const std::vector<int>& gold_head;  // n for the root
  const std::vector<std::vector<int>>& deps;
  std::vector<char> in_stack;

  Oracle(const std::vector<int>& gh, const std::vector<std::vector<int>>& dp, int n,
         bool root_first)
      : gold_head(gh), deps(dp), in_stack(n + 1, 0) {
    in_stack[n] = root_first;
  }

  int DepsInBuffer(const State& s, int x) const {
    int c = 0;
    for (int d : deps[x]) c += d >= s.b;
    return c;
  }
  int ShiftCost(const State& s) const {
    int b = s.b, s0 = s.S(0);
    int c = 0;
    for (int d : deps[b]) c += in_stack[d];
    int h = gold_head[b];
    if (h != s0 && in_stack[h]) ++c;
    return c;
  }
  int LeftCost(const State& s) const {
    int s0 = s.S(0), s1 = s.S(1);
    int h = gold_head[s0];
    int c = DepsInBuffer(s, s0);
    if (h != s.b && (h == s1 || s.InBuffer(h))) ++c;
    return c;
  }
  int RightCost(const State& s) const {
    int s0 = s.S(0), s1 = s.S(1);
    int h = gold_head[s0];
    int c = DepsInBuffer(s, s0);
    if (h != s1 && s.InBuffer(h)) ++c;
    return c;
  }
};

void ShuffleOrder(std::vector<size_t>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = rng() % i;
    std::swap(v[i - 1], v[j]);
  }
}

// One direction's tree: head (n = root) and label id per word, and the
// margin by which the move that attached the word beat the next valid move.
struct DirectionalParse {
  std::vector<int> head, label;
  std::vector<float> margin;
};

template <typename Scorer>
DirectionalParse Decode(const Scorer& scorer, const Moves& moves, const Sentence& sentence,
                        bool root_first) {
  int n = static_cast<int>(sentence.tokens.size());
  DirectionalParse out;
  out.margin.assign(n, 0.0f);
  Lexical x(sentence);
  State st(n, root_first);
  std::vector<uint64_t> feats;
  feats.reserve(160);
  std::vector<float> scores(moves.Count());
  std::vector<int> valid;
  valid.reserve(moves.Count());
  while (!st.Terminal()) {
    valid.clear();
    for (int t = 0; t < moves.Count(); ++t) {
      if (moves.Valid(st, t)) valid.push_back(t);
    }
    if (valid.size() == 1) {
      // Nothing to choose (a shift onto an empty stack, the last arc to the
      // root): scores could not change the move, and with no second move
      // the margin is 0, so the model is not asked (6-7% of the moves).
      if (valid[0] != 0) out.margin[st.S(0)] = 0.0f;
      moves.Apply(st, valid[0]);
      continue;
    }
    Features(st, x, &feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    scorer.Score(feats.data(), feats.size(), scores.data());
    int best = -1, second = -1;
    for (int t : valid) {
      if (best < 0 || scores[t] > scores[best]) {
        second = best;
        best = t;
      } else if (second < 0 || scores[t] > scores[second]) {
        second = t;
      }
    }
    if (best != 0) out.margin[st.S(0)] = second < 0 ? 0.0f : scores[best] - scores[second];
    moves.Apply(st, best);
  }
  out.head.assign(st.head.begin(), st.head.begin() + n);
  out.label.assign(st.label.begin(), st.label.begin() + n);
  return out;
}

}  // namespace

// Training loop with access to the parser's private members.
class ParserTraining {
 public:
  static std::unique_ptr<DependencyParser> Run(const std::vector<Sentence>& train,
                                               const std::vector<Sentence>& dev,
                                               const ParserTrainOptions& options);

 private:
  // One seed's training run: the weights of its best epoch on dev.
  // `train` is already in the direction's reading order; dev is not.
  static PerceptronModel TrainSeed(const DependencyParser& parser,
                                   const std::map<std::string, int>& label_of,
                                   const std::vector<Sentence>& train,
                                   const std::vector<Sentence>& dev,
                                   const ParserTrainOptions& options, bool right_to_left,
                                   bool root_first, uint64_t seed);
};

namespace {
// The sentence with its tokens in reverse order (heads remapped).
Sentence Reversed(const Sentence& s) {
  Sentence r;
  r.span = s.span;
  int n = static_cast<int>(s.tokens.size());
  r.tokens.assign(s.tokens.rbegin(), s.tokens.rend());
  for (Token& t : r.tokens) {
    if (t.head >= 0 && t.head < n) t.head = n - 1 - t.head;
  }
  return r;
}
}  // namespace

void DependencyParser::Parse(Sentence& sentence) const {
  int n = static_cast<int>(sentence.tokens.size());
  if (n == 0 || directions_.empty()) return;
  Moves moves{static_cast<int>(labels_.size()), root_label_};
  // Each direction's tree, in the sentence's own word order.
  std::vector<DirectionalParse> parses;
  for (const Direction& d : directions_) {
    if (!d.right_to_left) {
      parses.push_back(Decode(d.model, moves, sentence, d.root_first));
    } else {
      DirectionalParse r = Decode(d.model, moves, Reversed(sentence), d.root_first);
      DirectionalParse p;
      p.head.resize(n);
      p.label.resize(n);
      p.margin.resize(n);
      for (int i = 0; i < n; ++i) {
        int j = n - 1 - i;
        p.head[i] = r.head[j] == n ? n : n - 1 - r.head[j];
        p.label[i] = r.label[j];
        p.margin[i] = r.margin[j];
      }
      parses.push_back(std::move(p));
    }
    if (n > TreeCombiner::kMaxWords) break;  // only the first tree is used
  }
  std::vector<int> head(n), label(n);
  if (parses.size() == 1) {
    for (int i = 0; i < n; ++i) {
      head[i] = parses[0].head[i] == n ? -1 : parses[0].head[i];
      label[i] = parses[0].label[i];
    }
  } else {
    std::vector<CandidateTree> candidates(parses.size());
    for (size_t c = 0; c < parses.size(); ++c) {
      candidates[c].head.resize(n);
      for (int i = 0; i < n; ++i) {
        candidates[c].head[i] = parses[c].head[i] == n ? -1 : parses[c].head[i];
      }
      candidates[c].confidence = parses[c].margin;
    }
    head = TreeCombiner::Combine(candidates);
    // Each word's relation comes from the surest parser that chose its head
    // (every combined arc was proposed by at least one of them).
    for (int i = 0; i < n; ++i) {
      int from = -1;
      for (size_t c = 0; c < candidates.size(); ++c) {
        if (candidates[c].head[i] != head[i]) continue;
        if (from < 0 || candidates[c].confidence[i] > candidates[from].confidence[i]) {
          from = static_cast<int>(c);
        }
      }
      label[i] = parses[from < 0 ? 0 : from].label[i];
      if (head[i] < 0) label[i] = root_label_;
    }
  }
  auto label_name = [&](int i) -> const std::string& {
    static const std::string kDep = "dep";
    return label[i] >= 0 && label[i] < static_cast<int>(labels_.size()) ? labels_[label[i]] : kDep;
  };
  // A comma heads nothing: a subject or object the trees hung on one
  // ("Acme's coach, Gareth Southgate, praised ...": "coach" as the subject
  // of the comma) hangs on what the comma hangs on, when that makes no
  // cycle. (Not a clause, nor on other punctuation: a clause hung on the
  // full stop is more often a sentence of its own than the main verb's
  // complement.)
  for (int i = 0; i < n; ++i) {
    int h = head[i];
    if (h < 0 || sentence.tokens[h].form != "," || head[h] < 0) continue;
    const std::string& relation = label_name(i);
    if (relation != "nsubj" && relation != "nsubj:pass" && relation != "obj" && relation != "iobj")
      continue;
    bool cycle = false;
    for (int k = head[h], guard = 0; k >= 0 && guard <= n; k = head[k], ++guard) cycle |= k == i;
    if (!cycle) head[i] = head[h];
  }
  for (int i = 0; i < n; ++i) {
    Token& t = sentence.tokens[i];
    t.head = head[i];
    t.deprel = label_name(i);
  }
}

ParserScores DependencyParser::Evaluate(const std::vector<Sentence>& gold) const {
  ParserScores s;
  size_t ua = 0, la = 0;
  for (const Sentence& g : gold) {
    Sentence copy = g;
    Parse(copy);
    for (size_t i = 0; i < g.tokens.size(); ++i) {
      bool h = copy.tokens[i].head == g.tokens[i].head;
      ua += h;
      la += h && copy.tokens[i].deprel == g.tokens[i].deprel;
    }
    s.tokens += g.tokens.size();
  }
  if (s.tokens) {
    s.uas = 100.0 * ua / s.tokens;
    s.las = 100.0 * la / s.tokens;
  }
  return s;
}

std::unique_ptr<DependencyParser> DependencyParser::Train(const std::vector<Sentence>& train,
                                                          const std::vector<Sentence>& dev,
                                                          const ParserTrainOptions& options) {
  return ParserTraining::Run(train, dev, options);
}

PerceptronModel ParserTraining::TrainSeed(const DependencyParser& parser,
                                          const std::map<std::string, int>& label_of,
                                          const std::vector<Sentence>& train,
                                          const std::vector<Sentence>& dev,
                                          const ParserTrainOptions& options,
                                          bool right_to_left, bool root_first,
                                          uint64_t seed) {
  // A parser of our own to score dev with this seed's weights.
  DependencyParser scratch;
  scratch.labels_ = parser.labels_;
  scratch.root_label_ = parser.root_label_;
  scratch.directions_.resize(1);
  scratch.directions_[0].right_to_left = right_to_left;
  scratch.directions_[0].root_first = root_first;
  PerceptronModel& scratch_model = scratch.directions_[0].model;
  Moves moves{static_cast<int>(parser.labels_.size()), 0};
  int L = moves.num_labels;
  auto label_id = [&](const std::string& name) {
    auto it = label_of.find(name);
    return it == label_of.end() ? 0 : it->second;
  };
  PerceptronTrainer trainer(moves.Count());
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<uint64_t> feats;
  std::vector<float> scores(moves.Count());
  std::vector<int> cost(moves.Count());  // per move, refilled at each step
  double best_dev = -1;
  PerceptronModel best_model;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    ShuffleOrder(order, rng);
    size_t correct = 0, total = 0;
    for (size_t idx : order) {
      const Sentence& s = train[idx];
      int n = static_cast<int>(s.tokens.size());
      if (n == 0) continue;
      std::vector<int> gold_head(n + 1, n), gold_label(n + 1, 0);
      std::vector<std::vector<int>> deps(n + 1);
      bool ok = true;
      for (int i = 0; i < n; ++i) {
        int h = s.tokens[i].head;
        if (h >= n) ok = false;
        gold_head[i] = h < 0 ? n : h;
        gold_label[i] = h < 0 ? 0 : label_id(s.tokens[i].deprel);
        if (h >= 0 && gold_label[i] == 0) gold_label[i] = label_id("dep");
        if (ok) deps[gold_head[i]].push_back(i);
      }
      if (!ok) continue;
      Lexical x(s);
      State st(n, root_first);
      Oracle oracle(gold_head, deps, n, root_first);
      while (!st.Terminal()) {
        Features(st, x, &feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats.data(), feats.size(), scores.data());
        int c_shift = st.b < n ? oracle.ShiftCost(st) : 1 << 20;
        int c_left = !st.stack.empty() ? oracle.LeftCost(st) : 1 << 20;
        int c_right = st.stack.size() >= 2 ? oracle.RightCost(st) : 1 << 20;
        int best = -1, best_gold = -1, best_cost = 1 << 30, min_cost = 1 << 30;
        std::fill(cost.begin(), cost.end(), 1 << 20);
        for (int t = 0; t < moves.Count(); ++t) {
          if (!moves.Valid(st, t)) continue;
          int c;
          if (t == 0) {
            c = c_shift;
          } else if (t <= L) {
            int s0 = st.S(0);
            c = c_left + (gold_head[s0] == st.b && gold_label[s0] != t - 1);
          } else {
            int s0 = st.S(0), s1 = st.S(1);
            c = c_right + (gold_head[s0] == s1 && gold_label[s0] != t - 1 - L);
          }
          cost[t] = c;
          min_cost = std::min(min_cost, c);
          if (best < 0 || scores[t] > scores[best]) {
            best = t;
            best_cost = c;
          }
        }
        for (int t = 0; t < moves.Count(); ++t) {
          if (cost[t] == min_cost && moves.Valid(st, t) &&
              (best_gold < 0 || scores[t] > scores[best_gold])) {
            best_gold = t;
          }
        }
        trainer.Update(feats.data(), feats.size(), best_gold,
                       best_cost == min_cost ? best_gold : best);
        trainer.Tick();
        ++total;
        correct += best_cost == min_cost;
        int next = best_gold;
        if (best_cost != min_cost && epoch > 0 && coin(rng) < options.explore) next = best;
        if (best_cost == min_cost) next = best;
        // Keep the oracle's stack membership in step.
        if (next == 0) {
          oracle.in_stack[st.b] = 1;
        } else {
          oracle.in_stack[st.S(0)] = 0;
        }
        moves.Apply(st, next);
      }
    }
    scratch_model = trainer.Finish(0.0f);
    ParserScores ds;
    double dev_score = epoch;
    if (!dev.empty()) {
      ds = scratch.Evaluate(dev);
      dev_score = ds.uas + ds.las;
    }
    if (options.verbose) {
      std::ostringstream line;  // one write, as seeds print from two threads
      line << "parser " << (right_to_left ? "right-to-left" : "left-to-right") << " seed " << seed
           << " epoch " << (epoch + 1) << ": train moves "
           << (100.0 * correct / std::max<size_t>(total, 1)) << "%, dev UAS " << ds.uas
           << " LAS " << ds.las << ", " << scratch_model.num_features() << " features, "
           << scratch_model.num_weights() << " weights\n";
      std::cerr << line.str();
    }
    if (dev_score > best_dev) {
      best_dev = dev_score;
      best_model = scratch_model;
    }
  }
  return best_model;
}

std::unique_ptr<DependencyParser> ParserTraining::Run(const std::vector<Sentence>& train,
                                                      const std::vector<Sentence>& dev,
                                                      const ParserTrainOptions& options) {
  std::unique_ptr<DependencyParser> parser(new DependencyParser());
  std::map<std::string, int> label_of;
  label_of["root"] = 0;
  parser->labels_.push_back("root");
  for (const Sentence& s : train) {
    for (const Token& t : s.tokens) {
      if (!label_of.count(t.deprel)) {
        label_of[t.deprel] = static_cast<int>(parser->labels_.size());
        parser->labels_.push_back(t.deprel);
      }
    }
  }
  parser->root_label_ = 0;
  std::vector<Sentence> reversed;
  if (options.both_directions) {
    reversed.reserve(train.size());
    for (const Sentence& s : train) reversed.push_back(Reversed(s));
  }
  // One job per (direction, seed), two at a time on two cores; every job
  // has its own generator, so the result does not depend on timing.
  int num_seeds = std::max(1, options.seeds);
  int num_directions = options.both_directions ? 2 : 1;
  int num_jobs = num_seeds * num_directions;
  std::vector<PerceptronModel> job_models(num_jobs);
  RunJobs(num_jobs, [&](int j) {
    bool right_to_left = j >= num_seeds;
    job_models[j] = TrainSeed(*parser, label_of, right_to_left ? reversed : train, dev, options,
                              right_to_left, /*root_first=*/right_to_left,
                              options.seed + static_cast<uint64_t>(j % num_seeds));
  });
  for (int d = 0; d < num_directions; ++d) {
    DependencyParser::Direction direction;
    direction.right_to_left = d == 1;
    // Right to left, the root waits at the bottom of the stack: with the root
    // at the buffer's end that parser misplaces the root and the final
    // punctuation far more often (UD EWT dev, one epoch on gold tags: 81.4
    // UAS root first, 80.1 root last; the combined trees 87.0 and 86.7).
    // Left to right the two are even, and root last is kept.
    direction.root_first = d == 1;
    std::vector<PerceptronModel> seeds(job_models.begin() + d * num_seeds,
                                       job_models.begin() + (d + 1) * num_seeds);
    direction.model = seeds.size() == 1 ? std::move(seeds[0]) : PerceptronModel::Average(seeds);
    if (options.prune > 0) direction.model.Prune(options.prune);
    parser->directions_.push_back(std::move(direction));
  }
  if (options.verbose) {
    ParserScores ds = parser->Evaluate(dev);
    std::cerr << "parser: " << num_directions << " direction(s) x " << num_seeds
              << " seed(s): dev UAS " << ds.uas << " LAS " << ds.las << ", "
              << parser->num_weights() << " weights\n";
  }
  return parser;
}

Result<std::unique_ptr<DependencyParser>> DependencyParser::Average(
    const std::vector<const DependencyParser*>& parsers) {
  if (parsers.empty()) return Status::InvalidArgument("no parsers to average");
  const DependencyParser& first = *parsers[0];
  std::unique_ptr<DependencyParser> out(new DependencyParser());
  out->labels_ = first.labels_;
  out->root_label_ = first.root_label_;
  for (size_t d = 0; d < first.directions_.size(); ++d) {
    std::vector<PerceptronModel> models;
    for (const DependencyParser* p : parsers) {
      if (p->labels_ != first.labels_ || p->directions_.size() != first.directions_.size() ||
          p->directions_[d].right_to_left != first.directions_[d].right_to_left ||
          p->directions_[d].root_first != first.directions_[d].root_first) {
        return Status::InvalidArgument("parsers with different labels or directions");
      }
      models.push_back(p->directions_[d].model);
    }
    Direction averaged;
    averaged.right_to_left = first.directions_[d].right_to_left;
    averaged.root_first = first.directions_[d].root_first;
    averaged.model = PerceptronModel::Average(models);
    out->directions_.push_back(std::move(averaged));
  }
  return out;
}

void DependencyParser::Prune(float threshold) {
  for (Direction& d : directions_) d.model.Prune(threshold);
}

size_t DependencyParser::num_features() const {
  size_t n = 0;
  for (const Direction& d : directions_) n += d.model.num_features();
  return n;
}

size_t DependencyParser::num_weights() const {
  size_t n = 0;
  for (const Direction& d : directions_) n += d.model.num_weights();
  return n;
}

Status DependencyParser::Save(const std::string& path) const {
  ModelWriter w;
  w.VarU(labels_.size());
  for (const std::string& l : labels_) w.Str(l);
  w.VarU(static_cast<uint64_t>(root_label_));
  w.VarU(directions_.size());
  for (const Direction& d : directions_) {
    w.U8((d.right_to_left ? 1 : 0) | (d.root_first ? 2 : 0));
    d.model.Write(w);
  }
  return ModelWriter::WriteFile(path, "parser", kFormatVersion, w.data());
}

Result<std::unique_ptr<DependencyParser>> DependencyParser::Load(const std::string& path) {
  Result<std::string> body = ModelReader::ReadFile(path, "parser", kFormatVersion);
  if (!body.ok()) return body.status();
  ModelReader r(*body, path);
  std::unique_ptr<DependencyParser> p(new DependencyParser());
  uint64_t n, root;
  if (!r.VarU(&n) || n == 0 || n > 1000) return r.Error("bad label count");
  p->labels_.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.Str(&p->labels_[i])) return r.Error("truncated labels");
  }
  if (!r.VarU(&root) || root >= n) return r.Error("bad root label");
  p->root_label_ = static_cast<int>(root);
  uint64_t num_directions;
  if (!r.VarU(&num_directions) || num_directions < 1 || num_directions > 2)
    return r.Error("bad direction count");
  p->directions_.resize(num_directions);
  for (Direction& d : p->directions_) {
    uint8_t r2l;
    if (!r.U8(&r2l) || r2l > 3) return r.Error("bad direction flags");
    d.right_to_left = (r2l & 1) != 0;
    d.root_first = (r2l & 2) != 0;
    KG_RETURN_IF_ERROR(d.model.Read(r));
    if (d.model.num_classes() != static_cast<int>(1 + 2 * n))
      return r.Error("class count mismatch");
  }
  if (!r.AtEnd()) return r.Error("trailing bytes");
  return p;
}

}  // namespace kg::extract
