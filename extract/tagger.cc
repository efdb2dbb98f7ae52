// Greedy averaged-perceptron POS tagger (see tagger.h).
#include "extract/tagger.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <string_view>
#include <unordered_set>

#include "common/text.h"
#include "extract/wordnet.h"

namespace kg::extract {

namespace {

// A set of the space-separated words of `words`.
std::unordered_set<std::string> WordSet(std::string_view words) {
  std::unordered_set<std::string> out;
  for (std::string& w : text::SpaceSeparatedWords(words)) out.insert(std::move(w));
  return out;
}

// Auxiliaries and pronouns are closed classes: a word is one only if it is
// one of these (the forms UD English EWT tags so at least twice, and their
// standard spellings; \xE2\x80\x99 is the curly apostrophe). Elsewhere the
// model's guess of them is an error of context: "Chelsea beat Arsenal 2-0"
// ("beat" read as "what"), "beat Arsenal by two goals" (as "be").
bool MayBeAuxiliary(const std::string& lower) {
  static const std::unordered_set<std::string> kForms = WordSet(
      "is was be are will can have would do has were been 's could should am did 'm may had 'll "
      "does being 've 're ca s might must 'd wo shall m get r \xE2\x80\x99s ve got getting `s "
      "having re ai ll gets d \xE2\x80\x99ve \xE2\x80\x99m \xE2\x80\x99re \xE2\x80\x99ll "
      "\xE2\x80\x99"
      "d ought need dare wilt art");  // (split: "\x99d" would be one escape)
  return kForms.count(lower) > 0;
}

bool MayBePronoun(const std::string& lower) {
  static const std::unordered_set<std::string> kForms = WordSet(
      "i you it they my we that he your me this their what there his who them our which him "
      "she her us its anyone something anything nothing someone everything those everyone one "
      "yourself these myself itself themselves whom whatever mine himself none 's whose u "
      "everybody yo it's anybody somebody nobody s ourselves herself ur yours ours who's thy "
      "yourselves ye ya theirs noone hers any \xE2\x80\x99s whomever whoever thou 'em em oneself "
      "whichever whatsoever each both all some many few several another other others such "
      "either neither much more most self y'all thee thine");
  return kForms.count(lower) > 0;
}

// Word shape: "Xxxx" -> "Xx", "U.S." -> "X.X.", "2014" -> "d", "e-mail" -> "x-x".
std::string Shape(const std::string& form) {
  std::string out;
  char last = 0;
  for (unsigned char c : form) {
    char s;
    if (c >= 'A' && c <= 'Z')
      s = 'X';
    else if (c >= 'a' && c <= 'z')
      s = 'x';
    else if (c >= '0' && c <= '9')
      s = 'd';
    else if (c >= 0x80)
      s = 'u';
    else
      s = static_cast<char>(c);
    if (s != last) out.push_back(s);
    last = s;
    if (out.size() > 8) break;
  }
  return out;
}

// The last `n` characters (bytes, but not cutting a UTF-8 sequence).
std::string Suffix(const std::string& w, size_t n) {
  if (w.size() <= n) return w;
  size_t b = w.size() - n;
  while (b > 0 && (static_cast<unsigned char>(w[b]) & 0xC0) == 0x80) --b;
  return w.substr(b);
}
std::string Prefix(const std::string& w, size_t n) {
  if (w.size() <= n) return w;
  size_t e = n;
  while (e < w.size() && (static_cast<unsigned char>(w[e]) & 0xC0) == 0x80) ++e;
  return w.substr(0, e);
}

void Shuffle(std::vector<size_t>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) {
    size_t j = rng() % i;
    std::swap(v[i - 1], v[j]);
  }
}

constexpr int kBos = -1;  // previous class before the sentence
constexpr int kBos2 = -2;
constexpr int kEos = -3;  // next class after the sentence

// Tag dictionary: a form seen >= kDictMin times with one class in >= 99.5%.
constexpr int kDictMin = 10;
constexpr int kDictPermille = 995;
// Ambiguity classes for normalized words seen >= kAmbMin times (words seen
// once or twice would carry their training tag: 94.1 UPOS with 1), from
// the classes that make >= kAmbPercent of their occurrences.
constexpr int kAmbMin = 3;
constexpr int kAmbPercent = 5;
// Folds of the first pass that tag the training data for the second.
constexpr int kLookaheadFolds = 4;

// Feature value of a class (or kBos, kBos2, kEos); as in format version 1.
inline uint64_t TagKey(int c) { return static_cast<uint64_t>(c + 3); }

}  // namespace

// Per-sentence precomputed hashes.
struct Tagger::Context {
  struct Tok {
    uint64_t w, form, shape, s1, s2, s3, s4, p1, p2, p3, amb, wn;
    bool upper, digit, hyphen;
    bool may_be_auxiliary = true, may_be_pronoun = true;  // closed classes
  };
  std::vector<Tok> toks;
  // Classes predicted by the first pass (kEos past the end), read by the
  // second pass's lookahead features.
  std::vector<int> ahead;
  Context(const Sentence& s, const Tagger& tagger) {
    toks.resize(s.tokens.size() + 4);
    ahead.assign(s.tokens.size() + 4, kEos);
    // Padding: two before, two after.
    for (size_t i = 0; i < toks.size(); ++i) {
      Tok& t = toks[i];
      std::string form;
      if (i < 2)
        form = i == 0 ? "<s2>" : "<s1>";
      else if (i >= s.tokens.size() + 2)
        form = i == s.tokens.size() + 2 ? "</s1>" : "</s2>";
      else
        form = s.tokens[i - 2].form;
      std::string norm = NormalizeWord(form);
      t.w = StringHash(norm);
      t.form = StringHash(form);
      t.shape = StringHash(Shape(form));
      t.s1 = StringHash(Suffix(norm, 1));
      t.s2 = StringHash(Suffix(norm, 2));
      t.s3 = StringHash(Suffix(norm, 3));
      t.s4 = StringHash(Suffix(norm, 4));
      t.p1 = StringHash(Prefix(norm, 1));
      t.p2 = StringHash(Prefix(norm, 2));
      t.p3 = StringHash(Prefix(norm, 3));
      t.upper = !form.empty() && form[0] >= 'A' && form[0] <= 'Z';
      t.digit = form.find_first_of("0123456789") != std::string::npos;
      t.hyphen = form.find('-') != std::string::npos;
      if (i >= 2 && i < s.tokens.size() + 2) {
        // (ASCII lower case: the closed classes' forms are ASCII but for
        // their curly apostrophes, which lowering leaves alone.)
        std::string lower = form;
        for (char& ch : lower)
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        t.may_be_auxiliary = MayBeAuxiliary(lower);
        t.may_be_pronoun = MayBePronoun(lower);
      }
      auto it = tagger.ambiguity_.find(t.w);
      // Unknown words: their shape stands in for the class set.
      t.amb = it != tagger.ambiguity_.end() ? it->second : FeatureHash(99, t.shape);
      t.wn = it != tagger.ambiguity_.end() ? 0 : tagger.WordNetSignature(norm);
    }
  }
};

// What WordNet says a rare word can be: its classes as a lemma or
// irregular form, and which regular inflections lead to a lemma ("walked"
// -> verb "walk" by -ed; "boxes" -> noun "box" by -es). 0 = nothing known.
uint64_t Tagger::WordNetSignature(const std::string& w) const {
  if (wordnet_.empty()) return 0;
  auto bits = [&](const std::string& lemma) -> uint8_t {
    auto it = wordnet_.find(static_cast<uint32_t>(StringHash(lemma)));
    return it == wordnet_.end() ? 0 : it->second;
  };
  struct Rule {
    const char* suffix;
    const char* repl;
    uint8_t cls;
  };
  // WordNet's morphy rules.
  static const Rule kRules[] = {
      {"s", "", kWnNoun},      {"ses", "s", kWnNoun},   {"xes", "x", kWnNoun},
      {"zes", "z", kWnNoun},   {"ches", "ch", kWnNoun}, {"shes", "sh", kWnNoun},
      {"men", "man", kWnNoun}, {"ies", "y", kWnNoun},   {"s", "", kWnVerb},
      {"ies", "y", kWnVerb},   {"es", "e", kWnVerb},    {"es", "", kWnVerb},
      {"ed", "e", kWnVerb},    {"ed", "", kWnVerb},     {"ing", "e", kWnVerb},
      {"ing", "", kWnVerb},    {"er", "", kWnAdj},      {"est", "", kWnAdj},
      {"er", "e", kWnAdj},     {"est", "e", kWnAdj}};
  uint64_t sig = bits(w);
  int r = 0;
  for (const Rule& rule : kRules) {
    ++r;
    size_t n = std::strlen(rule.suffix);
    if (w.size() <= n + 1 || w.compare(w.size() - n, n, rule.suffix) != 0) continue;
    if (bits(w.substr(0, w.size() - n) + rule.repl) & rule.cls) sig |= uint64_t{1} << (7 + r);
  }
  return sig;
}

void Tagger::Features(const Context& c, size_t i, int p1, int p2, bool second,
                      std::vector<uint64_t>* out) const {
  out->clear();
  const auto& T = c.toks;
  size_t k = i + 2;
  const auto& t = T[k];
  auto add = [&](uint64_t tmpl, uint64_t a) { out->push_back(FeatureHash(tmpl, a)); };
  auto add2 = [&](uint64_t tmpl, uint64_t a, uint64_t b) {
    out->push_back(FeatureHash(tmpl, a, b));
  };
  auto add3 = [&](uint64_t tmpl, uint64_t a, uint64_t b, uint64_t d) {
    out->push_back(FeatureHash(tmpl, a, b, d));
  };
  uint64_t h1 = TagKey(p1), h2 = TagKey(p2);
  add(1, 0);
  add(2, t.w);
  add(3, t.s1);
  add(4, t.s2);
  add(5, t.s3);
  add(6, t.s4);
  add(7, t.p1);
  add(8, t.p2);
  add(9, t.p3);
  add(10, t.shape);
  add(11, h1);
  add(12, h2);
  add2(13, h1, h2);
  add2(14, h1, t.w);
  add(15, T[k - 1].w);
  add(16, T[k - 1].s3);
  add(17, T[k - 2].w);
  add(18, T[k + 1].w);
  add(19, T[k + 1].s3);
  add(20, T[k + 2].w);
  add2(21, T[k - 1].w, t.w);
  add2(22, t.w, T[k + 1].w);
  add(23, T[k + 1].shape);
  add(24, T[k - 1].shape);
  add(25, t.form);
  add2(26, h1, t.s3);
  add2(27, i == 0, t.upper);
  add2(28, h1, T[k + 1].w);
  add(29, T[k + 1].s2);
  add(30, T[k + 2].s3);
  add2(31, t.upper + 2 * t.digit + 4 * t.hyphen, h1);
  add2(32, T[k - 1].w, T[k + 1].w);
  add2(33, t.shape, T[k + 1].shape);
  add2(34, h1, t.shape);
  // Ambiguity classes: the set of classes a word took in training. They
  // generalize across words that behave alike ("can"/"will"; "saw"/"left")
  // and, on the right, stand in for the tags not yet predicted.
  add(40, t.amb);
  add(41, T[k + 1].amb);
  add(42, T[k + 2].amb);
  add(43, T[k - 1].amb);
  add2(44, t.amb, T[k + 1].amb);
  add2(45, h1, t.amb);
  add3(46, h1, t.amb, T[k + 1].amb);
  add2(47, t.amb, T[k + 1].w);
  add2(48, T[k + 1].amb, T[k + 2].amb);
  // WordNet classes of rare and unknown words (0 for the others), which
  // the training data cannot tell.
  if (t.wn) {
    add(90, t.wn);
    add2(91, t.wn, t.s2);
    add2(92, t.wn, h1);
    add2(93, t.wn, t.upper);
  }
  if (!second) return;
  // Second pass: the first pass's tags of the next two words give the
  // right context the left-to-right pass lacks (bidirectional decoding).
  uint64_t n1 = TagKey(c.ahead[k + 1]), n2 = TagKey(c.ahead[k + 2]);
  uint64_t n0 = TagKey(c.ahead[k]);
  add(60, n1);
  add(61, n2);
  add2(62, n1, n2);
  add2(63, h1, n1);
  add2(64, t.w, n1);
  add2(65, t.amb, n1);
  add2(66, t.s3, n1);
  add3(67, h1, n1, n2);
  add(68, n0);
  add2(69, n0, n1);
}

void Tagger::Predict(const Context& c, size_t n, bool second, std::vector<int>* out) const {
  const PerceptronModel& model = second ? second_ : model_;
  std::vector<uint64_t> feats;
  std::vector<float> scores(model.num_classes());
  out->resize(n);
  int p1 = kBos, p2 = kBos2;
  for (size_t i = 0; i < n; ++i) {
    int best = 0;
    auto it = tagdict_.find(c.toks[i + 2].form);
    if (it != tagdict_.end()) {
      best = it->second;
    } else {
      Features(c, i, p1, p2, second, &feats);
      std::fill(scores.begin(), scores.end(), 0.0f);
      model.Score(feats.data(), feats.size(), scores.data());
      best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      const Context::Tok& tok = c.toks[i + 2];
      auto excluded = [&](size_t k) {
        return (!tok.may_be_auxiliary && upos_[k] == "AUX") || (!tok.may_be_pronoun && upos_[k] == "PRON");
      };
      if (excluded(best)) {
        for (size_t k = 0; k < scores.size(); ++k)
          if (excluded(k)) scores[k] = -std::numeric_limits<float>::infinity();
        best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      }
    }
    (*out)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

void Tagger::Tag(Sentence& sentence) const {
  size_t n = sentence.tokens.size();
  if (n == 0) return;
  Context c(sentence, *this);
  std::vector<int> tags;
  Predict(c, n, false, &tags);
  if (second_.num_classes() > 0) {
    std::copy(tags.begin(), tags.end(), c.ahead.begin() + 2);
    Predict(c, n, true, &tags);
  }
  for (size_t i = 0; i < n; ++i) {
    sentence.tokens[i].upos = upos_[tags[i]];
    sentence.tokens[i].xpos = xpos_[tags[i]];
  }
}

TaggerScores Tagger::Evaluate(const std::vector<Sentence>& gold) const {
  TaggerScores s;
  size_t up = 0, xp = 0;
  for (const Sentence& g : gold) {
    Sentence copy = g;
    Tag(copy);
    for (size_t i = 0; i < g.tokens.size(); ++i) {
      up += copy.tokens[i].upos == g.tokens[i].upos;
      xp += copy.tokens[i].xpos == g.tokens[i].xpos;
    }
    s.tokens += g.tokens.size();
  }
  if (s.tokens) {
    s.upos = 100.0 * up / s.tokens;
    s.xpos = 100.0 * xp / s.tokens;
  }
  return s;
}

// Trains the first pass: classes, tag dictionary, ambiguity classes and
// model_.
std::unique_ptr<Tagger> Tagger::TrainFirst(const std::vector<Sentence>& train,
                                           const std::vector<Sentence>& dev,
                                           const TaggerTrainOptions& options, int epochs) {
  std::unique_ptr<Tagger> tagger(new Tagger());
  // Classes, in order of first appearance (deterministic).
  std::map<std::pair<std::string, std::string>, int> class_of;
  for (const Sentence& s : train) {
    for (const Token& t : s.tokens) {
      auto key = std::make_pair(t.upos, t.xpos);
      if (!class_of.count(key)) {
        int id = static_cast<int>(tagger->upos_.size());
        class_of[key] = id;
        tagger->upos_.push_back(t.upos);
        tagger->xpos_.push_back(t.xpos);
      }
    }
  }
  // Tag dictionary: words (by exact form) seen at least kDictMin times that
  // (nearly) always take one class are tagged without the model. With the
  // ambiguity classes and the second pass, 10 scored a little better than
  // 20 (dev UPOS 95.45 vs 95.36, seed 1).
  std::unordered_map<uint64_t, std::map<int, int>> counts;
  for (const Sentence& s : train) {
    for (const Token& t : s.tokens) counts[StringHash(t.form)][class_of[{t.upos, t.xpos}]]++;
  }
  for (const auto& [word, by_class] : counts) {
    int total = 0, best = 0, best_class = 0;
    for (const auto& [cls, n] : by_class) {
      total += n;
      if (n > best) {
        best = n;
        best_class = cls;
      }
    }
    if (total >= kDictMin && best * 1000 >= kDictPermille * total)
      tagger->tagdict_[word] = best_class;
  }
  // Ambiguity classes (by normalized word): the classes a word seen at
  // least kAmbMin times took, ignoring rare ones (< kAmbPercent of its
  // occurrences, mostly annotation noise).
  std::unordered_map<uint64_t, std::map<int, int>> norm_counts;
  for (const Sentence& s : train) {
    for (const Token& t : s.tokens)
      norm_counts[StringHash(NormalizeWord(t.form))][class_of[{t.upos, t.xpos}]]++;
  }
  for (const auto& [word, by_class] : norm_counts) {
    int total = 0;
    for (const auto& [cls, n] : by_class) total += n;
    if (total < kAmbMin) continue;
    uint64_t h = 7;
    for (const auto& [cls, n] : by_class) {
      // Sets by tag names, so that they agree between taggers trained on
      // different data (jackknifing).
      if (n * 100 >= kAmbPercent * total)
        h = FeatureHash(h, StringHash(tagger->upos_[cls]), StringHash(tagger->xpos_[cls]));
    }
    tagger->ambiguity_[word] = h;
  }
  // WordNet, read once per process (Train is called once per jackknife fold).
  static const std::unordered_map<uint32_t, uint8_t> lexicon =
      ReadWordNetWordClasses("/usr/share/wordnet");
  tagger->wordnet_ = lexicon;
  if (lexicon.empty() && options.verbose)
    std::cerr << "tagger: no WordNet in /usr/share/wordnet; training without its word classes\n";
  std::vector<std::vector<int>> gold(train.size());
  for (size_t s = 0; s < train.size(); ++s) {
    for (const Token& t : train[s].tokens) gold[s].push_back(class_of[{t.upos, t.xpos}]);
  }
  tagger->model_ = tagger->TrainPass(train, gold, nullptr, dev, options, epochs, false);
  return tagger;
}

// Trains one greedy left-to-right pass (model_ or, with `ahead`, second_);
// `ahead` holds first-pass classes for the lookahead features.
PerceptronModel Tagger::TrainPass(const std::vector<Sentence>& train,
                                  const std::vector<std::vector<int>>& gold,
                                  const std::vector<std::vector<int>>* ahead,
                                  const std::vector<Sentence>& dev,
                                  const TaggerTrainOptions& options, int epochs, bool second) {
  int nc = static_cast<int>(upos_.size());
  PerceptronTrainer trainer(nc);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<uint64_t> feats;
  std::vector<float> scores(nc);
  double best_dev = -1;
  PerceptronModel best_model;
  std::vector<Context> contexts;
  contexts.reserve(train.size());
  for (size_t s = 0; s < train.size(); ++s) {
    contexts.emplace_back(train[s], *this);
    if (ahead) std::copy((*ahead)[s].begin(), (*ahead)[s].end(), contexts[s].ahead.begin() + 2);
  }
  PerceptronModel& target = second ? second_ : model_;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    Shuffle(order, rng);
    size_t correct = 0, total = 0;
    for (size_t idx : order) {
      const Sentence& s = train[idx];
      const Context& c = contexts[idx];
      int p1 = kBos, p2 = kBos2;
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        int g = gold[idx][i];
        int guess;
        auto it = tagdict_.find(c.toks[i + 2].form);
        if (it != tagdict_.end()) {
          guess = it->second;
        } else {
          Features(c, i, p1, p2, second, &feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(feats.data(), feats.size(), scores.data());
          guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          trainer.Update(feats.data(), feats.size(), g, guess);
          trainer.Tick();
        }
        correct += guess == g;
        ++total;
        p2 = p1;
        p1 = guess;
      }
    }
    target = trainer.Finish(options.prune);
    double dev_score = 0;
    TaggerScores ds;
    if (!dev.empty()) {
      ds = Evaluate(dev);
      dev_score = ds.upos + ds.xpos;
    } else {
      dev_score = epoch;
    }
    if (options.verbose) {
      std::cerr << "tagger " << (second ? "pass 2" : "pass 1") << " epoch " << (epoch + 1)
                << ": train " << (100.0 * correct / std::max<size_t>(total, 1)) << "%, dev UPOS "
                << ds.upos << " XPOS " << ds.xpos << ", " << target.num_features() << " features\n";
    }
    if (dev_score > best_dev) {
      best_dev = dev_score;
      best_model = target;
    }
  }
  return best_model;
}

std::unique_ptr<Tagger> Tagger::Train(const std::vector<Sentence>& train,
                                      const std::vector<Sentence>& dev,
                                      const TaggerTrainOptions& options) {
  std::unique_ptr<Tagger> tagger = TrainFirst(train, dev, options, options.epochs);
  if (train.size() < 2 * kLookaheadFolds) return tagger;  // too little to split: one pass
  // Lookahead tags for the second pass's training data come from first-pass
  // taggers that did not see the sentence (jackknifing), so that they are
  // as wrong as at tagging time.
  std::map<std::pair<std::string, std::string>, int> class_of;
  for (size_t i = 0; i < tagger->upos_.size(); ++i)
    class_of[{tagger->upos_[i], tagger->xpos_[i]}] = static_cast<int>(i);
  std::vector<std::vector<int>> ahead(train.size()), gold(train.size());
  size_t n = train.size();
  for (int f = 0; f < kLookaheadFolds; ++f) {
    size_t begin = n * f / kLookaheadFolds, end = n * (f + 1) / kLookaheadFolds;
    std::vector<Sentence> rest;
    for (size_t i = 0; i < n; ++i) {
      if (i < begin || i >= end) rest.push_back(train[i]);
    }
    TaggerTrainOptions o = options;
    o.verbose = false;
    o.seed = options.seed + 1 + f;
    std::unique_ptr<Tagger> sub = TrainFirst(rest, {}, o, options.epochs);
    for (size_t i = begin; i < end; ++i) {
      Context c(train[i], *sub);
      std::vector<int> tags;
      sub->Predict(c, train[i].tokens.size(), false, &tags);
      for (int t : tags) ahead[i].push_back(class_of.at({sub->upos_[t], sub->xpos_[t]}));
    }
  }
  for (size_t s = 0; s < n; ++s) {
    for (const Token& t : train[s].tokens) gold[s].push_back(class_of.at({t.upos, t.xpos}));
  }
  tagger->second_ = tagger->TrainPass(train, gold, &ahead, dev, options, options.epochs, true);
  return tagger;
}

Status Tagger::Save(const std::string& path) const {
  ModelWriter w;
  w.VarU(upos_.size());
  for (size_t i = 0; i < upos_.size(); ++i) {
    w.Str(upos_[i]);
    w.Str(xpos_[i]);
  }
  std::vector<std::pair<uint64_t, int>> dict(tagdict_.begin(), tagdict_.end());
  std::sort(dict.begin(), dict.end());
  w.VarU(dict.size());
  for (const auto& [word, cls] : dict) {
    w.U64(word);
    w.VarU(static_cast<uint64_t>(cls));
  }
  std::vector<std::pair<uint64_t, uint64_t>> amb(ambiguity_.begin(), ambiguity_.end());
  std::sort(amb.begin(), amb.end());
  w.VarU(amb.size());
  for (const auto& [word, set] : amb) {
    w.U64(word);
    w.U64(set);
  }
  std::vector<std::pair<uint32_t, uint8_t>> lex(wordnet_.begin(), wordnet_.end());
  std::sort(lex.begin(), lex.end());
  w.VarU(lex.size());
  for (const auto& [word, bits] : lex) {
    w.U32(word);
    w.U8(bits);
  }
  model_.Write(w);
  w.U8(second_.num_classes() > 0);
  if (second_.num_classes() > 0) second_.Write(w);
  return ModelWriter::WriteFile(path, "tagger", kFormatVersion, w.data());
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  Result<std::string> body = ModelReader::ReadFile(path, "tagger", kFormatVersion);
  // Version 1 (one pass, no ambiguity classes or lexicon) is a prefix of
  // version 2 and its features are a subset: it still loads, and tags as
  // before.
  uint32_t version = kFormatVersion;
  if (!body.ok()) {
    Result<std::string> v1 = ModelReader::ReadFile(path, "tagger", 1);
    if (!v1.ok()) return body.status();
    body = std::move(v1);
    version = 1;
  }
  ModelReader r(*body, path);
  std::unique_ptr<Tagger> t(new Tagger());
  uint64_t n;
  if (!r.VarU(&n) || n == 0 || n > 10000) return r.Error("bad class count");
  t->upos_.resize(n);
  t->xpos_.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.Str(&t->upos_[i]) || !r.Str(&t->xpos_[i])) return r.Error("truncated classes");
  }
  uint64_t nd;
  if (!r.VarU(&nd)) return r.Error("truncated dictionary");
  for (uint64_t i = 0; i < nd; ++i) {
    uint64_t word, cls;
    if (!r.U64(&word) || !r.VarU(&cls) || cls >= n) return r.Error("bad dictionary entry");
    t->tagdict_[word] = static_cast<int>(cls);
  }
  if (version == 1) {
    KG_RETURN_IF_ERROR(t->model_.Read(r));
    if (t->model_.num_classes() != static_cast<int>(n)) return r.Error("class count mismatch");
    if (!r.AtEnd()) return r.Error("trailing bytes");
    return t;
  }
  uint64_t na;
  if (!r.VarU(&na)) return r.Error("truncated ambiguity classes");
  for (uint64_t i = 0; i < na; ++i) {
    uint64_t word, set;
    if (!r.U64(&word) || !r.U64(&set)) return r.Error("truncated ambiguity classes");
    t->ambiguity_[word] = set;
  }
  uint64_t nl;
  if (!r.VarU(&nl)) return r.Error("truncated lexicon");
  t->wordnet_.reserve(nl);
  for (uint64_t i = 0; i < nl; ++i) {
    uint32_t word;
    uint8_t bits;
    if (!r.U32(&word) || !r.U8(&bits)) return r.Error("truncated lexicon");
    t->wordnet_[word] = bits;
  }
  KG_RETURN_IF_ERROR(t->model_.Read(r));
  if (t->model_.num_classes() != static_cast<int>(n)) return r.Error("class count mismatch");
  uint8_t has_second;
  if (!r.U8(&has_second)) return r.Error("truncated second pass");
  if (has_second) {
    KG_RETURN_IF_ERROR(t->second_.Read(r));
    if (t->second_.num_classes() != static_cast<int>(n)) return r.Error("class count mismatch");
  }
  if (!r.AtEnd()) return r.Error("trailing bytes");
  return t;
}

}  // namespace kg::extract
