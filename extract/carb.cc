// CaRB scorer; see carb.h and ../shared/data/carb-dev/SCORING.md (section
// numbers below refer to it).
#include "extract/carb.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

namespace kg::extract {
namespace {

// Python's str.isspace() for the ASCII range (the data holds no other
// whitespace; non-ASCII bytes are never whitespace here).
bool IsSpace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

std::string Strip(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Python's str.split() with no separator.
std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> SplitTabs(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = s.find('\t', start);
    if (tab == std::string::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, tab - start));
    start = tab + 1;
  }
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// §2.2: multiset overlap; `pred` becomes the leftover list.
int Overlap(const std::vector<std::string>& gold, std::vector<std::string>& pred) {
  int count = 0;
  for (const std::string& w : gold) {
    auto it = std::find(pred.begin(), pred.end(), w);
    if (it != pred.end()) {
      ++count;
      pred.erase(it);
    }
  }
  return count;
}

// §2.1
std::vector<std::string> Binarize(const std::vector<std::string>& args) {
  if (args.size() < 2) return args;
  std::string rest;
  for (size_t i = 1; i < args.size(); ++i) {
    if (i > 1) rest += ' ';
    rest += args[i];
  }
  return {args[0], rest};
}

// §2.3 on already binarized args.
std::pair<double, double> LenientScore(const std::string& gold_rel,
                                       const std::vector<std::string>& gold_args,
                                       const std::string& pred_rel,
                                       const std::vector<std::string>& pred_args) {
  double pn = 0, pd = 0, rn = 0, rd = 0;
  std::vector<std::string> g = SplitWords(gold_rel);
  std::vector<std::string> p = SplitWords(pred_rel);
  pd += p.size();
  rd += g.size();
  int m = Overlap(g, p);
  auto be = std::find(p.begin(), p.end(), "be");
  if (be != p.end()) {
    static const char* kBeForms[] = {"be", "is", "am", "are", "was", "were", "been", "being"};
    for (const char* form : kBeForms) {
      if (std::find(g.begin(), g.end(), form) != g.end()) {
        ++m;
        p.erase(be);
        break;
      }
    }
  }
  if (m == 0) return {0, 0};
  pn += m;
  rn += m;
  for (size_t i = 0; i < gold_args.size(); ++i) {
    std::vector<std::string> gi = SplitWords(gold_args[i]);
    rd += gi.size();
    if (i >= pred_args.size()) {
      if (i < 2) return {0, 0};
      continue;
    }
    std::vector<std::string> pi = SplitWords(pred_args[i]);
    pd += pi.size();
    int o = Overlap(gi, pi);
    pn += o;
    rn += o;
  }
  return {pd > 0 ? pn / pd : 0.0, rd > 0 ? rn / rd : 0.0};
}

}  // namespace

std::string CarbSentenceKey(const std::string& sentence) {
  std::string s;
  for (char c : sentence)
    if (c != ' ') s += c;
  static const std::pair<const char*, const char*> kEscapes[] = {
      {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"},
      {"-RCB-", "}"}};
  for (const auto& [from, to] : kEscapes) {
    std::string f(from);
    size_t pos = 0;
    while ((pos = s.find(f, pos)) != std::string::npos) {
      s.replace(pos, f.size(), to);
      pos += 1;
    }
  }
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    bool punct = u < 128 && std::ispunct(u);
    if (!punct) out += c;
  }
  return out;
}

std::pair<double, double> CarbMatch(const CarbTuple& gold, const CarbTuple& predicted) {
  std::vector<std::string> gargs = Binarize(gold.args);
  std::pair<double, double> straight =
      LenientScore(gold.relation, gargs, predicted.relation, Binarize(predicted.args));
  static const char* kSaid[] = {"said", "told", "added", "adds", "says"};
  bool said = false;
  for (const char* w : kSaid)
    if (gold.relation.find(w) != std::string::npos) said = true;
  if (!said || predicted.args.size() < 2) return straight;
  std::string rest;
  for (size_t i = 1; i < predicted.args.size(); ++i) {
    if (i > 1) rest += ' ';
    rest += predicted.args[i];
  }
  std::pair<double, double> reversed =
      LenientScore(gold.relation, gargs, predicted.relation, {rest, predicted.args[0]});
  return std::max(straight, reversed);  // lexicographic (P, R)
}

Result<CarbGold> ParseCarbGold(const std::string& content, const std::string& name) {
  CarbGold gold;
  std::unordered_map<std::string, size_t> index;
  std::istringstream in(content);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string stripped = Strip(line);
    if (stripped.empty()) continue;
    std::vector<std::string> fields = SplitTabs(stripped);
    if (fields.size() < 2) {
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) +
                                     ": a gold tuple needs a sentence and a relation");
    }
    CarbTuple t;
    t.relation = Strip(fields[1]);
    for (size_t i = 2; i < fields.size(); ++i) {
      std::string a = Strip(fields[i]);
      if (a.find("C: ") != std::string::npos) continue;
      t.args.push_back(a);
    }
    std::string sentence = Strip(fields[0]);
    auto it = index.find(sentence);
    if (it == index.end()) {
      it = index.emplace(sentence, gold.sentences.size()).first;
      gold.sentences.push_back({sentence, {}});
    }
    gold.sentences[it->second].second.push_back(std::move(t));
    ++gold.tuple_count;
  }
  return gold;
}

Result<CarbGold> ReadCarbGold(const std::string& path) {
  Result<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  return ParseCarbGold(*content, path);
}

Result<CarbPredictions> ParseCarbTabbed(const std::string& content, const std::string& name) {
  CarbPredictions out;
  std::istringstream in(content);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string stripped = Strip(line);
    if (stripped.empty()) continue;
    std::vector<std::string> fields = SplitTabs(stripped);
    std::string where = name + ":" + std::to_string(line_no);
    if (fields.size() < 3) {
      return Status::InvalidArgument(where +
                                     ": expected sentence, confidence, relation and args");
    }
    CarbTuple t;
    std::string conf = Strip(fields[1]);
    char* end = nullptr;
    t.confidence = std::strtod(conf.c_str(), &end);
    if (conf.empty() || end != conf.c_str() + conf.size() || std::isnan(t.confidence)) {
      return Status::InvalidArgument(where + ": bad confidence '" + fields[1] + "'");
    }
    t.relation = fields[2];
    for (size_t i = 3; i < fields.size(); ++i) t.args.push_back(fields[i]);
    out.tuples.push_back({fields[0], std::move(t)});
  }
  return out;
}

Result<CarbPredictions> ReadCarbTabbed(const std::string& path) {
  Result<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  return ParseCarbTabbed(*content, path);
}

CarbScore ScoreCarb(const CarbGold& gold, const CarbPredictions& predictions) {
  CarbScore score;
  score.predictions = predictions.tuples.size();

  // §1.3: re-key both sides; a later original key replaces an earlier one.
  std::map<std::string, const std::vector<CarbTuple>*> gold_by_key;
  for (const auto& [sentence, tuples] : gold.sentences)
    gold_by_key[CarbSentenceKey(sentence)] = &tuples;
  std::vector<std::pair<std::string, std::vector<const CarbTuple*>>> pred_groups;
  {
    std::unordered_map<std::string, size_t> by_sentence;
    for (const auto& [sentence, tuple] : predictions.tuples) {
      auto it = by_sentence.find(sentence);
      if (it == by_sentence.end()) {
        it = by_sentence.emplace(sentence, pred_groups.size()).first;
        pred_groups.push_back({sentence, {}});
      }
      pred_groups[it->second].second.push_back(&tuple);
    }
  }
  std::map<std::string, const std::vector<const CarbTuple*>*> pred_by_key;
  for (const auto& [sentence, tuples] : pred_groups)
    pred_by_key[CarbSentenceKey(sentence)] = &tuples;

  // §3: thresholds.
  std::vector<double> thresholds;
  for (const auto& [sentence, t] : predictions.tuples) thresholds.push_back(t.confidence);
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  const size_t k_count = thresholds.size();
  auto index_of = [&](double c) {
    return static_cast<size_t>(std::lower_bound(thresholds.begin(), thresholds.end(), c) -
                               thresholds.begin());
  };

  // Difference arrays over threshold indices for Pnum, Pden, Rnum (§5).
  std::vector<double> d_pnum(k_count + 1, 0), d_pden(k_count + 1, 0), d_rnum(k_count + 1, 0);
  double rden = 0;
  for (const auto& [key, gold_tuples] : gold_by_key) {
    ++score.gold_sentences;
    rden += gold_tuples->size();
    auto pit = pred_by_key.find(key);
    if (pit == pred_by_key.end()) continue;
    const std::vector<const CarbTuple*>& preds = *pit->second;
    const size_t ng = gold_tuples->size(), np = preds.size();
    std::vector<std::pair<double, double>> m(ng * np);
    for (size_t i = 0; i < ng; ++i)
      for (size_t j = 0; j < np; ++j) m[i * np + j] = CarbMatch((*gold_tuples)[i], *preds[j]);
    std::vector<double> levels;
    for (const CarbTuple* p : preds) levels.push_back(p->confidence);
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    size_t prev_index = 0;  // thresholds [prev_index, index_of(level)] use this level
    for (double level : levels) {
      std::vector<size_t> selected;
      for (size_t j = 0; j < np; ++j)
        if (preds[j]->confidence >= level) selected.push_back(j);
      // §4 recall: many-to-one.
      double rnum = 0;
      for (size_t i = 0; i < ng; ++i) {
        double best = 0;
        for (size_t j : selected) best = std::max(best, m[i * np + j].second);
        rnum += best;
      }
      // §4 precision: greedy one-to-one on P.
      double pnum = 0;
      std::vector<bool> row_used(ng, false), col_used(selected.size(), false);
      size_t rounds = std::min(ng, selected.size());
      for (size_t r = 0; r < rounds; ++r) {
        double best = -1;
        size_t bi = 0, bj = 0;
        for (size_t i = 0; i < ng; ++i) {
          if (row_used[i]) continue;
          for (size_t s = 0; s < selected.size(); ++s) {
            if (col_used[s]) continue;
            double p = m[i * np + selected[s]].first;
            if (p > best) {
              best = p;
              bi = i;
              bj = s;
            }
          }
        }
        row_used[bi] = true;
        col_used[bj] = true;
        pnum += best;
      }
      size_t hi = index_of(level);
      d_pnum[prev_index] += pnum;
      d_pnum[hi + 1] -= pnum;
      d_pden[prev_index] += selected.size();
      d_pden[hi + 1] -= selected.size();
      d_rnum[prev_index] += rnum;
      d_rnum[hi + 1] -= rnum;
      prev_index = hi + 1;
    }
  }
  score.gold_tuples = static_cast<size_t>(rden);
  if (k_count == 0) return score;

  double pnum = 0, pden = 0, rnum = 0;
  double best_f1 = -1;
  for (size_t k = 0; k < k_count; ++k) {
    pnum += d_pnum[k];
    pden += d_pden[k];
    rnum += d_rnum[k];
    CarbPoint pt;
    pt.threshold = thresholds[k];
    pt.precision = pden > 0.5 ? pnum / pden : 1.0;
    pt.recall = rden > 0 ? rnum / rden : 0.0;
    score.curve.push_back(pt);
    double denom = pt.precision + pt.recall;
    if (denom > 0) {
      double f1 = 2 * pt.precision * pt.recall / denom;
      if (f1 > best_f1) {
        best_f1 = f1;
        score.precision = pt.precision;
        score.recall = pt.recall;
        score.f1 = f1;
      }
    }
  }
  // §6 AUC, with the closing point (recall 0, precision 1).
  double auc = 0;
  for (size_t k = 0; k < k_count; ++k) {
    double r0 = score.curve[k].recall, p0 = score.curve[k].precision;
    double r1 = k + 1 < k_count ? score.curve[k + 1].recall : 0.0;
    double p1 = k + 1 < k_count ? score.curve[k + 1].precision : 1.0;
    auc += (r0 - r1) * (p0 + p1) / 2;
  }
  score.auc = auc;
  return score;
}

}  // namespace kg::extract
