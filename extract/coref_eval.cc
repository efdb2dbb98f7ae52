// Coreference scores; see coref_eval.h. Formulas as in Pradhan et al.
// (2014), "Scoring coreference partitions of predicted mentions".
#include "extract/coref_eval.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace kg::extract {
namespace {

using Cluster = std::set<int>;  // mention ids

// The assignment maximizing the summed similarity (Hungarian algorithm on
// the negated matrix, padded square).
double MaxAssignment(const std::vector<std::vector<double>>& sim) {
  size_t rows = sim.size(), cols = rows ? sim[0].size() : 0;
  size_t n = std::max(rows, cols);
  if (n == 0) return 0;
  std::vector<std::vector<double>> cost(n + 1, std::vector<double>(n + 1, 0));
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) cost[i + 1][j + 1] = -sim[i][j];
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1), v(n + 1);
  std::vector<size_t> p(n + 1), way(n + 1);
  for (size_t i = 1; i <= n; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<bool> used(n + 1, false);
    do {
      used[j0] = true;
      size_t i0 = p[j0], j1 = 0;
      double delta = inf;
      for (size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        double cur = cost[i0][j] - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (size_t j = 0; j <= n; ++j) {
        if (used[j]) u[p[j]] += delta, v[j] -= delta;
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  double total = 0;
  for (size_t j = 1; j <= n; ++j)
    if (p[j] >= 1 && p[j] <= rows && j <= cols) total += sim[p[j] - 1][j - 1];
  return total;
}

struct Sums {
  double muc_rn = 0, muc_rd = 0, muc_pn = 0, muc_pd = 0;
  double b3_r = 0, b3_rd = 0, b3_p = 0, b3_pd = 0;
  double ceaf = 0, ceaf_k = 0, ceaf_r = 0;
};

// MUC numerator/denominator of `a` partitioned by `b`.
void Muc(const std::vector<Cluster>& a, const std::vector<Cluster>& b, double* num, double* den) {
  std::map<int, int> of;
  for (size_t i = 0; i < b.size(); ++i)
    for (int m : b[i]) of[m] = static_cast<int>(i);
  for (const Cluster& k : a) {
    std::set<int> parts;
    int singles = 0;
    for (int m : k) {
      auto it = of.find(m);
      if (it == of.end()) ++singles;
      else parts.insert(it->second);
    }
    *num += static_cast<double>(k.size()) - (parts.size() + singles);
    *den += static_cast<double>(k.size()) - 1;
  }
}

// B-cubed over the mentions of `a`, against `b`.
void B3(const std::vector<Cluster>& a, const std::vector<Cluster>& b, double* num, double* den) {
  std::map<int, const Cluster*> of;
  for (const Cluster& c : b)
    for (int m : c) of[m] = &c;
  for (const Cluster& k : a)
    for (int m : k) {
      auto it = of.find(m);
      double common = 1;  // a mention alone in `b` shares only itself
      if (it != of.end()) {
        common = 0;
        for (int x : *it->second) common += k.count(x);
      }
      *num += common / k.size();
      *den += 1;
    }
}

}  // namespace

CorefScores ScoreCoreference(const std::vector<CorefClusters>& gold,
                             const std::vector<CorefClusters>& predicted) {
  CorefScores out;
  Sums s;
  for (size_t d = 0; d < gold.size(); ++d) {
    // Gold mentions get ids 0..; predicted ones take the id of the gold
    // mention they match, else a fresh id.
    std::vector<CorefMention> gold_mentions;
    std::vector<Cluster> key, response;
    for (const auto& cluster : gold[d]) {
      Cluster c;
      for (const CorefMention& m : cluster) {
        c.insert(static_cast<int>(gold_mentions.size()));
        gold_mentions.push_back(m);
      }
      if (!c.empty()) key.push_back(c);
    }
    int next = static_cast<int>(gold_mentions.size());
    std::set<int> taken;
    if (d < predicted.size()) {
      for (const auto& cluster : predicted[d]) {
        Cluster c;
        for (const CorefMention& p : cluster) {
          int best = -1;
          for (size_t g = 0; g < gold_mentions.size(); ++g) {
            const CorefMention& gm = gold_mentions[g];
            if (gm.sentence != p.sentence || gm.head < p.begin || gm.head >= p.end) continue;
            if (p.begin < gm.begin || p.end > gm.end || taken.count(static_cast<int>(g))) continue;
            if (best < 0 || gm.end - gm.begin < gold_mentions[best].end - gold_mentions[best].begin)
              best = static_cast<int>(g);
          }
          if (best >= 0) {
            taken.insert(best);
            c.insert(best);
            ++out.matched_mentions;
          } else {
            c.insert(next++);
          }
        }
        if (!c.empty()) response.push_back(c);
      }
    }
    out.gold_clusters += key.size();
    out.predicted_clusters += response.size();
    out.gold_mentions += gold_mentions.size();
    Muc(key, response, &s.muc_rn, &s.muc_rd);
    Muc(response, key, &s.muc_pn, &s.muc_pd);
    B3(key, response, &s.b3_r, &s.b3_rd);
    B3(response, key, &s.b3_p, &s.b3_pd);
    std::vector<std::vector<double>> sim(key.size(), std::vector<double>(response.size()));
    for (size_t i = 0; i < key.size(); ++i)
      for (size_t j = 0; j < response.size(); ++j) {
        double common = 0;
        for (int m : key[i]) common += response[j].count(m);
        sim[i][j] = 2 * common / (key[i].size() + response[j].size());
      }
    s.ceaf += MaxAssignment(sim);
    s.ceaf_k += key.size();
    s.ceaf_r += response.size();
  }
  auto ratio = [](double a, double b) { return b > 0 ? 100.0 * a / b : 0.0; };
  out.muc = {ratio(s.muc_pn, s.muc_pd), ratio(s.muc_rn, s.muc_rd)};
  out.b3 = {ratio(s.b3_p, s.b3_pd), ratio(s.b3_r, s.b3_rd)};
  out.ceafe = {ratio(s.ceaf, s.ceaf_r), ratio(s.ceaf, s.ceaf_k)};
  return out;
}

}  // namespace kg::extract
