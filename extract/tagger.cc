// Greedy averaged-perceptron POS tagger (see tagger.h).
#include "extract/tagger.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <random>

namespace kg::extract {

namespace {

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

}  // namespace

// Per-sentence precomputed hashes.
struct Tagger::Context {
  struct Tok {
    uint64_t w, form, shape, s1, s2, s3, s4, p1, p2, p3;
    bool upper, digit, hyphen;
  };
  std::vector<Tok> toks;
  explicit Context(const Sentence& s) {
    toks.resize(s.tokens.size() + 4);
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
    }
  }
};

void Tagger::Features(const Context& c, size_t i, int p1, int p2,
                      std::vector<uint64_t>* out) const {
  out->clear();
  const auto& T = c.toks;
  size_t k = i + 2;
  const auto& t = T[k];
  auto add = [&](uint64_t tmpl, uint64_t a) { out->push_back(FeatureHash(tmpl, a)); };
  auto add2 = [&](uint64_t tmpl, uint64_t a, uint64_t b) {
    out->push_back(FeatureHash(tmpl, a, b));
  };
  uint64_t h1 = static_cast<uint64_t>(p1 + 3), h2 = static_cast<uint64_t>(p2 + 3);
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
}

void Tagger::Tag(Sentence& sentence) const {
  if (sentence.tokens.empty()) return;
  Context c(sentence);
  std::vector<uint64_t> feats;
  std::vector<float> scores(model_.num_classes());
  int p1 = kBos, p2 = kBos2;
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    int best = 0;
    auto it = tagdict_.find(c.toks[i + 2].form);
    if (it != tagdict_.end()) {
      best = it->second;
    } else {
      Features(c, i, p1, p2, &feats);
      std::fill(scores.begin(), scores.end(), 0.0f);
      model_.Score(feats.data(), feats.size(), scores.data());
      best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    }
    sentence.tokens[i].upos = upos_[best];
    sentence.tokens[i].xpos = xpos_[best];
    p2 = p1;
    p1 = best;
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

std::unique_ptr<Tagger> Tagger::Train(const std::vector<Sentence>& train,
                                      const std::vector<Sentence>& dev,
                                      const TaggerTrainOptions& options) {
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
  // Tag dictionary: frequent words (by exact form) that almost always take
  // one class.
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
    if (total >= 20 && best >= 0.995 * total) tagger->tagdict_[word] = best_class;
  }

  int nc = static_cast<int>(tagger->upos_.size());
  PerceptronTrainer trainer(nc);
  std::vector<int> gold_class;
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<uint64_t> feats;
  std::vector<float> scores(nc);
  double best_dev = -1;
  PerceptronModel best_model;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    Shuffle(order, rng);
    size_t correct = 0, total = 0;
    for (size_t idx : order) {
      const Sentence& s = train[idx];
      Context c(s);
      int p1 = kBos, p2 = kBos2;
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        int gold = class_of[{s.tokens[i].upos, s.tokens[i].xpos}];
        int guess;
        auto it = tagger->tagdict_.find(c.toks[i + 2].form);
        if (it != tagger->tagdict_.end()) {
          guess = it->second;
        } else {
          tagger->Features(c, i, p1, p2, &feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(feats.data(), feats.size(), scores.data());
          guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          trainer.Update(feats.data(), feats.size(), gold, guess);
          trainer.Tick();
        }
        correct += guess == gold;
        ++total;
        p2 = p1;
        p1 = guess;
      }
    }
    tagger->model_ = trainer.Finish(options.prune);
    double dev_score = 0;
    TaggerScores ds;
    if (!dev.empty()) {
      ds = tagger->Evaluate(dev);
      dev_score = ds.upos + ds.xpos;
    } else {
      dev_score = epoch;
    }
    if (options.verbose) {
      std::cerr << "tagger epoch " << (epoch + 1) << ": train "
                << (100.0 * correct / std::max<size_t>(total, 1)) << "%, dev UPOS " << ds.upos
                << " XPOS " << ds.xpos << ", " << tagger->model_.num_features() << " features\n";
    }
    if (dev_score > best_dev) {
      best_dev = dev_score;
      best_model = tagger->model_;
    }
  }
  tagger->model_ = std::move(best_model);
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
  model_.Write(w);
  return ModelWriter::WriteFile(path, "tagger", kFormatVersion, w.data());
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  Result<std::string> body = ModelReader::ReadFile(path, "tagger", kFormatVersion);
  if (!body.ok()) return body.status();
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
  KG_RETURN_IF_ERROR(t->model_.Read(r));
  if (t->model_.num_classes() != static_cast<int>(n)) return r.Error("class count mismatch");
  if (!r.AtEnd()) return r.Error("trailing bytes");
  return t;
}

}  // namespace kg::extract
