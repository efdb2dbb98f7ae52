// Eisner's algorithm over the parsers' weighted arcs (see tree_combiner.h).
#include "extract/tree_combiner.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace kg::extract {

namespace {

// How much a parser's confidence counts next to its plain vote of 1. The
// margins of kg's parsers are mostly 1..50, so votes only break ties between
// equally sure parsers (tuned on UD EWT dev: 10 and 1000 score the same).
constexpr double kConfidenceWeight = 10.0;

constexpr double kNeg = -std::numeric_limits<double>::infinity();

// Square tables over positions 0..n (0 is the root, word i is position i+1).
struct Table {
  int size;
  std::vector<double> score;
  std::vector<int> split;
  explicit Table(int n) : size(n), score(n * n, kNeg), split(n * n, -1) {}
  double& S(int s, int t) { return score[s * size + t]; }
  int& K(int s, int t) { return split[s * size + t]; }
};

// Whether `head` (over positions 0..n, head[0] unused) is a projective tree
// with exactly one word on the root.
bool IsProjectiveTree(const std::vector<int>& head) {
  int N = static_cast<int>(head.size()), roots = 0;
  for (int d = 1; d < N; ++d) {
    roots += head[d] == 0;
    int h = d, steps = 0;
    while (h != 0 && steps++ < N) h = head[h];
    if (h != 0) return false;  // a cycle
  }
  if (roots != 1) return false;
  for (int d = 1; d < N; ++d) {
    int a = std::min(d, head[d]), b = std::max(d, head[d]);
    for (int k = a + 1; k < b; ++k) {
      if (head[k] < a || head[k] > b) return false;  // an arc leaves the span
    }
  }
  return true;
}

}  // namespace

std::vector<int> TreeCombiner::Combine(const std::vector<CandidateTree>& candidates) {
  int n = static_cast<int>(candidates.empty() ? 0 : candidates[0].head.size());
  if (n == 0) return {};
  int N = n + 1;
  // arc[h * N + d]: weight of head position h over dependent position d.
  // Arcs no parser proposed are ruled out (every candidate is itself a
  // projective tree, so a tree of proposed arcs always exists).
  std::vector<double> arc(N * N, kNeg);
  for (size_t c = 0; c < candidates.size(); ++c) {
    const CandidateTree& tree = candidates[c];
    double tie_break = 1e-6 * static_cast<double>(candidates.size() - c);
    for (int i = 0; i < n; ++i) {
      double& w = arc[(tree.head[i] + 1) * N + i + 1];
      w = std::max(w, 0.0) + 1.0 + kConfidenceWeight * tree.confidence[i] + tie_break;
    }
  }
  // When every word's heaviest arc already makes a projective tree, that
  // tree is the answer (most sentences: the parsers agree or one is surer
  // throughout); Eisner is only needed where the best arcs conflict.
  std::vector<int> best_head(N, 0);
  for (int d = 1; d < N; ++d) {
    for (int h = 0; h < N; ++h) {
      if (h != d && arc[h * N + d] > arc[best_head[d] * N + d]) best_head[d] = h;
    }
  }
  if (IsProjectiveTree(best_head)) {
    std::vector<int> out(n);
    for (int i = 0; i < n; ++i) out[i] = best_head[i + 1] - 1;
    return out;
  }
  // Complete spans (head at one end, span finished) and incomplete spans (an
  // arc between the two ends), for the words 1..n; the root is added last.
  Table left_complete(N), right_complete(N), left_arc(N), right_arc(N);
  for (int s = 1; s < N; ++s) left_complete.S(s, s) = right_complete.S(s, s) = 0.0;
  for (int width = 1; width < n; ++width) {
    for (int s = 1; s + width < N; ++s) {
      int t = s + width;
      double best = kNeg;
      int best_r = -1;
      for (int r = s; r < t; ++r) {
        double v = right_complete.S(s, r) + left_complete.S(r + 1, t);
        if (v > best) best = v, best_r = r;
      }
      left_arc.S(s, t) = best + arc[t * N + s];  // t -> s
      left_arc.K(s, t) = best_r;
      right_arc.S(s, t) = best + arc[s * N + t];  // s -> t
      right_arc.K(s, t) = best_r;
      best = kNeg;
      for (int r = s; r < t; ++r) {
        double v = left_complete.S(s, r) + left_arc.S(r, t);
        if (v > best) best = v, best_r = r;
      }
      left_complete.S(s, t) = best;
      left_complete.K(s, t) = best_r;
      best = kNeg;
      for (int r = s + 1; r <= t; ++r) {
        double v = right_arc.S(s, r) + right_complete.S(r, t);
        if (v > best) best = v, best_r = r;
      }
      right_complete.S(s, t) = best;
      right_complete.K(s, t) = best_r;
    }
  }
  // Exactly one word hangs on the root: the one whose two complete halves
  // and root arc weigh most.
  double best = kNeg;
  int root_word = 1;
  for (int r = 1; r < N; ++r) {
    double v = arc[0 * N + r] + left_complete.S(1, r) + right_complete.S(r, n);
    if (v > best) best = v, root_word = r;
  }
  std::vector<int> head(N, 0);
  head[root_word] = 0;
  // Unwind the back pointers: (kind, s, t) with kind 0 left complete,
  // 1 right complete, 2 left arc, 3 right arc.
  std::vector<std::tuple<int, int, int>> todo = {{0, 1, root_word}, {1, root_word, n}};
  while (!todo.empty()) {
    auto [kind, s, t] = todo.back();
    todo.pop_back();
    if (s == t) continue;
    if (kind == 0) {
      int r = left_complete.K(s, t);
      todo.push_back({0, s, r});
      todo.push_back({2, r, t});
    } else if (kind == 1) {
      int r = right_complete.K(s, t);
      todo.push_back({3, s, r});
      todo.push_back({1, r, t});
    } else {
      int r = (kind == 2 ? left_arc : right_arc).K(s, t);
      if (kind == 2)
        head[s] = t;
      else
        head[t] = s;
      todo.push_back({1, s, r});
      todo.push_back({0, r + 1, t});
    }
  }
  std::vector<int> out(n);
  for (int i = 0; i < n; ++i) out[i] = head[i + 1] - 1;
  return out;
}

}  // namespace kg::extract
