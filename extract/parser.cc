// Arc-hybrid dependency parser with a dynamic oracle (see parser.h).
#include "extract/parser.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

namespace kg::extract {

namespace {

constexpr int kNone = -1;

// Per-sentence word and tag hashes; index n is the root token.
struct Lexical {
  std::vector<uint64_t> w, p, wp;
  explicit Lexical(const Sentence& s) {
    size_t n = s.tokens.size();
    w.resize(n + 1);
    p.resize(n + 1);
    wp.resize(n + 1);
    for (size_t i = 0; i < n; ++i) {
      w[i] = StringHash(NormalizeWord(s.tokens[i].form));
      p[i] = StringHash(s.tokens[i].upos + " " + s.tokens[i].xpos);
      wp[i] = FeatureHash(w[i], p[i]);
    }
    w[n] = StringHash("<root>");
    p[n] = StringHash("<ROOT>");
    wp[n] = FeatureHash(w[n], p[n]);
  }
  uint64_t W(int i) const { return i < 0 ? 0x51 : w[i]; }
  uint64_t P(int i) const { return i < 0 ? 0x52 : p[i]; }
  uint64_t WP(int i) const { return i < 0 ? 0x53 : wp[i]; }
};

// Parser configuration: stack, buffer front (the buffer is always the
// suffix b..n, n being the root) and the arcs built so far.
struct State {
  int n = 0;
  std::vector<int> stack;
  int b = 0;
  std::vector<int> head, label;
  std::vector<int> l1, l2, r1, r2, nl, nr;
  std::vector<uint64_t> lset, rset;

  explicit State(int len) : n(len) {
    stack.reserve(len + 1);
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
  int B(int k) const { return b + k <= n ? b + k : kNone; }
  bool Terminal() const { return stack.empty() && b == n; }

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
}

// Cost of the unlabeled moves (shift, left, right) for the dynamic oracle:
// how many gold arcs each makes unreachable.
struct Oracle {
  const std::vector<int>& gold_head;  // n for the root
  const std::vector<std::vector<int>>& deps;
  std::vector<char> in_stack;

  Oracle(const std::vector<int>& gh, const std::vector<std::vector<int>>& dp, int n)
      : gold_head(gh), deps(dp), in_stack(n + 1, 0) {}

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
    if (h != s0 && h < s.n && in_stack[h]) ++c;
    return c;
  }
  int LeftCost(const State& s) const {
    int s0 = s.S(0), s1 = s.S(1);
    int h = gold_head[s0];
    int c = DepsInBuffer(s, s0);
    if (h != s.b && (h == s1 || h > s.b)) ++c;
    return c;
  }
  int RightCost(const State& s) const {
    int s0 = s.S(0), s1 = s.S(1);
    int h = gold_head[s0];
    int c = DepsInBuffer(s, s0);
    if (h != s1 && h >= s.b) ++c;
    return c;
  }
};

void ShuffleOrder(std::vector<size_t>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = rng() % i;
    std::swap(v[i - 1], v[j]);
  }
}

template <typename Scorer>
void Decode(const Scorer& scorer, const Moves& moves, Sentence& sentence) {
  int n = static_cast<int>(sentence.tokens.size());
  if (n == 0) return;
  Lexical x(sentence);
  State st(n);
  std::vector<uint64_t> feats;
  feats.reserve(160);
  std::vector<float> scores(moves.Count());
  while (!st.Terminal()) {
    Features(st, x, &feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    scorer.Score(feats.data(), feats.size(), scores.data());
    int best = -1;
    for (int t = 0; t < moves.Count(); ++t) {
      if (moves.Valid(st, t) && (best < 0 || scores[t] > scores[best])) best = t;
    }
    moves.Apply(st, best);
  }
  for (int i = 0; i < n; ++i) {
    sentence.tokens[i].head = st.head[i] == n ? -1 : st.head[i];
  }
  // Labels are filled by the caller (it knows the label names).
  for (int i = 0; i < n; ++i) sentence.tokens[i].deprel = std::to_string(st.label[i]);
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
  static PerceptronModel TrainSeed(const DependencyParser& parser,
                                   const std::map<std::string, int>& label_of,
                                   const std::vector<Sentence>& train,
                                   const std::vector<Sentence>& dev,
                                   const ParserTrainOptions& options, uint64_t seed);
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
  Moves moves{static_cast<int>(labels_.size()), root_label_};
  if (right_to_left_) {
    Sentence r = Reversed(sentence);
    Decode(model_, moves, r);
    int n = static_cast<int>(r.tokens.size());
    for (int i = 0; i < n; ++i) {
      const Token& t = r.tokens[n - 1 - i];
      sentence.tokens[i].head = t.head < 0 ? -1 : n - 1 - t.head;
      sentence.tokens[i].deprel = t.deprel;
    }
  } else {
    Decode(model_, moves, sentence);
  }
  for (Token& t : sentence.tokens) {
    int lab = std::stoi(t.deprel);
    t.deprel = lab >= 0 && lab < static_cast<int>(labels_.size()) ? labels_[lab] : "dep";
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
                                          const ParserTrainOptions& options, uint64_t seed) {
  // A parser of our own to score dev with this seed's weights.
  DependencyParser scratch;
  scratch.labels_ = parser.labels_;
  scratch.root_label_ = parser.root_label_;
  scratch.right_to_left_ = parser.right_to_left_;
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
      State st(n);
      Oracle oracle(gold_head, deps, n);
      while (!st.Terminal()) {
        Features(st, x, &feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats.data(), feats.size(), scores.data());
        int c_shift = st.b < n ? oracle.ShiftCost(st) : 1 << 20;
        int c_left = !st.stack.empty() ? oracle.LeftCost(st) : 1 << 20;
        int c_right = st.stack.size() >= 2 ? oracle.RightCost(st) : 1 << 20;
        int best = -1, best_gold = -1, best_cost = 1 << 30, min_cost = 1 << 30;
        std::vector<int> cost(moves.Count(), 1 << 20);
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
    scratch.model_ = trainer.Finish(0.0f);
    ParserScores ds;
    double dev_score = epoch;
    if (!dev.empty()) {
      ds = scratch.Evaluate(dev);
      dev_score = ds.uas + ds.las;
    }
    if (options.verbose) {
      std::ostringstream line;  // one write, as seeds print from two threads
      line << "parser seed " << seed << " epoch " << (epoch + 1) << ": train moves "
           << (100.0 * correct / std::max<size_t>(total, 1)) << "%, dev UAS " << ds.uas
           << " LAS " << ds.las << ", " << scratch.model_.num_features() << " features, "
           << scratch.model_.num_weights() << " weights\n";
      std::cerr << line.str();
    }
    if (dev_score > best_dev) {
      best_dev = dev_score;
      best_model = scratch.model_;
    }
  }
  return best_model;
}

std::unique_ptr<DependencyParser> ParserTraining::Run(const std::vector<Sentence>& train_in,
                                                      const std::vector<Sentence>& dev,
                                                      const ParserTrainOptions& options) {
  std::unique_ptr<DependencyParser> parser(new DependencyParser());
  parser->right_to_left_ = options.right_to_left;
  std::vector<Sentence> reversed;
  if (options.right_to_left) {
    reversed.reserve(train_in.size());
    for (const Sentence& s : train_in) reversed.push_back(Reversed(s));
  }
  const std::vector<Sentence>& train = options.right_to_left ? reversed : train_in;
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
  // Each seed trains on its own thread (two at a time on two cores); every
  // seed has its own generator, so the result does not depend on timing.
  int num_seeds = std::max(1, options.seeds);
  std::vector<PerceptronModel> seed_models(num_seeds);
  std::vector<std::thread> workers;
  unsigned lanes = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  std::atomic<int> next_seed{0};
  for (unsigned lane = 0; lane < std::min<unsigned>(lanes, num_seeds); ++lane) {
    workers.emplace_back([&] {
      for (int i = next_seed++; i < num_seeds; i = next_seed++) {
        seed_models[i] = TrainSeed(*parser, label_of, train, dev, options,
                                   options.seed + static_cast<uint64_t>(i));
      }
    });
  }
  for (std::thread& w : workers) w.join();
  if (seed_models.size() == 1) {
    parser->model_ = std::move(seed_models[0]);
  } else {
    parser->model_ = PerceptronModel::Average(seed_models);
    if (options.verbose) {
      ParserScores ds = parser->Evaluate(dev);
      std::cerr << "parser: average of " << seed_models.size() << " seeds: dev UAS " << ds.uas
                << " LAS " << ds.las << ", " << parser->model_.num_weights() << " weights\n";
    }
  }
  if (options.prune > 0) parser->model_.Prune(options.prune);
  return parser;
}

Result<std::unique_ptr<DependencyParser>> DependencyParser::Average(
    const std::vector<const DependencyParser*>& parsers) {
  if (parsers.empty()) return Status::InvalidArgument("no parsers to average");
  std::vector<PerceptronModel> models;
  for (const DependencyParser* p : parsers) {
    if (p->labels_ != parsers[0]->labels_ || p->right_to_left_ != parsers[0]->right_to_left_) {
      return Status::InvalidArgument("parsers with different labels or directions");
    }
    models.push_back(p->model_);
  }
  std::unique_ptr<DependencyParser> out(new DependencyParser());
  out->labels_ = parsers[0]->labels_;
  out->root_label_ = parsers[0]->root_label_;
  out->right_to_left_ = parsers[0]->right_to_left_;
  out->model_ = PerceptronModel::Average(models);
  return out;
}

Status DependencyParser::Save(const std::string& path) const {
  ModelWriter w;
  w.VarU(labels_.size());
  for (const std::string& l : labels_) w.Str(l);
  w.VarU(static_cast<uint64_t>(root_label_));
  w.U8(right_to_left_ ? 1 : 0);
  model_.Write(w);
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
  uint8_t r2l;
  if (!r.U8(&r2l) || r2l > 1) return r.Error("bad direction flag");
  p->right_to_left_ = r2l == 1;
  KG_RETURN_IF_ERROR(p->model_.Read(r));
  if (p->model_.num_classes() != static_cast<int>(1 + 2 * n))
    return r.Error("class count mismatch");
  if (!r.AtEnd()) return r.Error("trailing bytes");
  return p;
}

}  // namespace kg::extract
