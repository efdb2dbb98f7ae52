// planner.cc: the physical operators and the planner that wires them.
#include "query-lang/planner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "query-lang/errors.h"
#include "query-lang/eval.h"
#include "query-lang/matcher.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

// ---- Leaf ----------------------------------------------------------------

class Once : public Operator {
 public:
  explicit Once(const int* width) : width_(width) {}
  std::string Describe() const override { return "Start"; }

 protected:
  bool DoNext(Row& row, ExecContext&) override {
    if (done_) return false;
    done_ = true;
    row.assign(static_cast<size_t>(*width_), Value());
    return true;
  }

 private:
  const int* width_;  // read when run: the planner adds hidden slots after building this
  bool done_ = false;
};

// The outer row of a correlated subquery, once.
class Argument : public Operator {
 public:
  Argument(const Row* row, const int* width) : row_(row), width_(width) {}
  std::string Describe() const override { return "Argument"; }

 protected:
  bool DoNext(Row& row, ExecContext&) override {
    if (done_) return false;
    done_ = true;
    row = *row_;
    if (row.size() < static_cast<size_t>(*width_)) row.resize(static_cast<size_t>(*width_));
    return true;
  }

 private:
  const Row* row_;
  const int* width_;
  bool done_ = false;
};

class Unary : public Operator {
 public:
  explicit Unary(OpPtr child) : child_(std::move(child)) {}
  std::vector<const Operator*> Children() const override { return {child_.get()}; }

 protected:
  // How blocking operators read their whole input: streamed, or pulled row
  // by row under PROFILE (so the child's own time is measured).
  void ConsumeChild(ExecContext& ctx, const std::function<bool(Row&)>& f) {
    if (!ctx.profiling()) {
      child_->ForEach(ctx, f);
      return;
    }
    Row row;
    while (child_->Next(row, ctx))
      if (!f(row)) return;
  }

  OpPtr child_;
};

// ---- Pattern matching ----------------------------------------------------

class MatchOp : public Unary {
 public:
  MatchOp(OpPtr child, const Clause& clause, std::vector<int> new_slots)
      : Unary(std::move(child)), clause_(clause), new_slots_(std::move(new_slots)) {}
  std::string Describe() const override {
    std::string s = clause_.optional ? "OptionalMatch" : "Match";
    s += " [";
    for (size_t i = 0; i < clause_.patterns.size(); ++i) {
      if (i) s += ", ";
      s += DescribeAccess(clause_.patterns[i]);
      s += "; expand " + std::to_string(clause_.patterns[i].rels.size()) + " hop(s)";
    }
    s += "]";
    if (clause_.where) s += " where " + clause_.where->text;
    return s;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (pos_ >= buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
      Row in;
      if (!child_->Next(in, ctx)) return false;
      MatchPatterns(clause_.patterns, in, ctx, [&](Row& r) {
        if (clause_.where && !IsTrue(Eval(*clause_.where, r, ctx))) return true;
        buffer_.push_back(r);
        return true;
      });
      if (buffer_.empty() && clause_.optional) {
        for (int s : new_slots_) in[s] = Value();
        buffer_.push_back(std::move(in));
      }
    }
    row = std::move(buffer_[pos_++]);
    return true;
  }

 public:
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& in) {
      bool any = false, go_on = true;
      MatchPatterns(clause_.patterns, in, ctx, [&](Row& r) {
        if (clause_.where && !IsTrue(Eval(*clause_.where, r, ctx))) return true;
        any = true;
        ++rows_;
        go_on = f(r);
        return go_on;
      });
      if (!any && clause_.optional && go_on) {
        Row out = in;
        for (int s : new_slots_) out[s] = Value();
        ++rows_;
        go_on = f(out);
      }
      return go_on;
    });
  }

 private:
  const Clause& clause_;
  std::vector<int> new_slots_;
  std::vector<Row> buffer_;
  size_t pos_ = 0;
};

class FilterOp : public Unary {
 public:
  FilterOp(OpPtr child, const Expr& pred) : Unary(std::move(child)), pred_(pred) {}
  std::string Describe() const override { return "Filter " + pred_.text; }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      if (!IsTrue(Eval(pred_, r, ctx))) return true;
      ++rows_;
      return f(r);
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (child_->Next(row, ctx)) {
      ctx.CheckInterrupt();
      if (IsTrue(Eval(pred_, row, ctx))) return true;
    }
    return false;
  }

 private:
  const Expr& pred_;
};

class UnwindOp : public Unary {
 public:
  UnwindOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}
  std::string Describe() const override { return "Unwind " + c_.expr->text + " AS " + c_.variable; }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& r) {
      Value v = Eval(*c_.expr, r, ctx);
      if (v.is_null()) return true;
      Row out = r;
      if (v.kind() != K::kList) {
        out[c_.slot] = v;
        ++rows_;
        return f(out);
      }
      for (const auto& item : v.as_list()) {
        ctx.CheckInterrupt();
        out[c_.slot] = item;
        ++rows_;
        if (!f(out)) return false;
      }
      return true;
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (true) {
      if (pos_ < items_.size()) {
        row = current_;
        row[c_.slot] = items_[pos_++];
        return true;
      }
      if (!child_->Next(current_, ctx)) return false;
      Value v = Eval(*c_.expr, current_, ctx);
      pos_ = 0;
      if (v.is_null()) items_.clear();
      else if (v.kind() == K::kList) items_ = v.as_list();
      else items_ = {v};
    }
  }

 private:
  const Clause& c_;
  Row current_;
  ValueList items_;
  size_t pos_ = 0;
};

// ---- Projection ----------------------------------------------------------

class ProjectOp : public Unary {
 public:
  ProjectOp(OpPtr child, const Projection& p) : Unary(std::move(child)), p_(p) {}
  std::string Describe() const override {
    std::string s = "Project";
    for (auto& i : p_.items) s += " " + i.alias;
    return s;
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& r) {
      Row out = r;
      std::vector<Value> vals;
      vals.reserve(p_.items.size());
      for (auto& i : p_.items) vals.push_back(Eval(*i.expr, out, ctx));
      for (size_t k = 0; k < vals.size(); ++k) out[p_.items[k].slot] = std::move(vals[k]);
      ++rows_;
      return f(out);
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!child_->Next(row, ctx)) return false;
    // Evaluate all first: an alias may shadow a name another item reads.
    std::vector<Value> vals;
    vals.reserve(p_.items.size());
    for (auto& i : p_.items) vals.push_back(Eval(*i.expr, row, ctx));
    for (size_t k = 0; k < vals.size(); ++k) row[p_.items[k].slot] = std::move(vals[k]);
    return true;
  }

 private:
  const Projection& p_;
};

class DistinctOp : public Unary {
 public:
  DistinctOp(OpPtr child, std::vector<int> slots) : Unary(std::move(child)), slots_(std::move(slots)) {}
  std::string Describe() const override { return "Distinct"; }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (child_->Next(row, ctx)) {
      std::vector<Value> key;
      for (int s : slots_) key.push_back(row[s]);
      if (seen_.insert(std::move(key)).second) return true;
    }
    return false;
  }

 private:
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  std::vector<int> slots_;
  std::unordered_set<std::vector<Value>, RowHash, Eq> seen_;
};

struct AggSpec {
  const Expr* expr;  // the aggregate call (kFunction with is_aggregate, or kCountStar)
  int slot;          // where its result goes
};

class Accumulator {
 public:
  explicit Accumulator(const Expr* e) : e_(e) {
    name_ = e->kind == Expr::Kind::kCountStar ? "count*" : e->name;
    count_star_ = name_ == "count*";
    plain_count_ = name_ == "count" && !e->distinct;
  }
  void Add(Row& row, ExecContext& ctx) {
    if (count_star_) { ++count_; return; }
    Value v = Eval(*e_->children[0], row, ctx);
    if (plain_count_) {
      if (!v.is_null()) ++count_;
      return;
    }
    if (name_ == "percentiledisc" || name_ == "percentilecont") {
      if (!has_p_) {
        p_ = Eval(*e_->children[1], row, ctx);
        has_p_ = true;
      }
    }
    if (v.is_null()) return;
    if (e_->distinct) {
      if (!seen_.insert(v).second) return;
    }
    ++count_;
    if (name_ == "count") return;
    if (name_ == "sum" || name_ == "avg") {
      if (!v.is_number()) ThrowType("InvalidArgumentType", name_ + "() needs numbers");
      if (v.kind() == K::kInt && all_int_) {
        isum_ += v.as_int();
      } else {
        all_int_ = false;
      }
      fsum_ += v.as_number();
      return;
    }
    if (name_ == "min") {
      if (best_.is_null() || OrderCompare(v, best_) < 0) best_ = v;
      return;
    }
    if (name_ == "max") {
      if (best_.is_null() || OrderCompare(v, best_) > 0) best_ = v;
      return;
    }
    if (name_ == "collect") { items_.push_back(v); return; }
    if (!v.is_number()) ThrowType("InvalidArgumentType", name_ + "() needs numbers");
    nums_.push_back(v.as_number());
  }
  Value Result() const {
    if (name_ == "count*" || name_ == "count") return Value::Int(count_);
    if (name_ == "sum") return all_int_ ? Value::Int(isum_) : Value::Float(fsum_);
    if (name_ == "avg") return count_ ? Value::Float(fsum_ / static_cast<double>(count_)) : Value();
    if (name_ == "min" || name_ == "max") return best_;
    if (name_ == "collect") return Value::List(items_);
    if (name_ == "stdev" || name_ == "stdevp") {
      size_t n = nums_.size();
      if (n == 0 || (name_ == "stdev" && n < 2)) return Value::Float(0);
      double mean = 0;
      for (double d : nums_) mean += d;
      mean /= static_cast<double>(n);
      double ss = 0;
      for (double d : nums_) ss += (d - mean) * (d - mean);
      return Value::Float(std::sqrt(ss / static_cast<double>(name_ == "stdev" ? n - 1 : n)));
    }
    // percentiles
    if (nums_.empty()) return Value();
    if (!p_.is_number()) ThrowArgument("InvalidArgumentValue", "percentile must be a number");
    double p = p_.as_number();
    if (p < 0 || p > 1) ThrowArgument("NumberOutOfRange", "percentile must be in [0, 1]");
    std::vector<double> s = nums_;
    std::sort(s.begin(), s.end());
    if (name_ == "percentiledisc") {
      size_t idx = p == 0 ? 0 : static_cast<size_t>(std::ceil(p * static_cast<double>(s.size()))) - 1;
      double d = s[std::min(idx, s.size() - 1)];
      if (all_ints_percentile()) return Value::Int(static_cast<int64_t>(d));
      return Value::Float(d);
    }
    double pos = p * static_cast<double>(s.size() - 1);
    size_t lo = static_cast<size_t>(std::floor(pos));
    size_t hi = static_cast<size_t>(std::ceil(pos));
    return Value::Float(s[lo] + (s[hi] - s[lo]) * (pos - static_cast<double>(lo)));
  }

 private:
  bool all_ints_percentile() const { return pct_all_int_; }
  const Expr* e_;
  std::string name_;
  bool count_star_ = false, plain_count_ = false;
  int64_t count_ = 0;
  int64_t isum_ = 0;
  double fsum_ = 0;
  bool all_int_ = true;
  bool pct_all_int_ = true;
  Value best_;
  ValueList items_;
  std::vector<double> nums_;
  Value p_;
  bool has_p_ = false;
  std::unordered_set<Value, ValueHash> seen_;
 public:
  void NoteInt(bool is_int) { pct_all_int_ = pct_all_int_ && is_int; }
};

class AggregateOp : public Unary {
 public:
  AggregateOp(OpPtr child, const Projection& p, std::vector<AggSpec> aggs,
              std::vector<ExprPtr> post, const int* width)
      : Unary(std::move(child)), p_(p), aggs_(std::move(aggs)), post_(std::move(post)), width_(width) {}
  std::string Describe() const override {
    std::string s = "Aggregate keys:";
    for (size_t i = 0; i < p_.items.size(); ++i) if (!post_[i]) s += " " + p_.items[i].alias;
    s += " aggregates:";
    for (auto& a : aggs_) s += " " + a.expr->text;
    return s;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) Consume(ctx);
    if (pos_ >= groups_.size()) return false;
    Group& g = groups_[pos_++];
    row = std::move(g.first_row);
    for (size_t i = 0; i < aggs_.size(); ++i) row[aggs_[i].slot] = g.accs[i].Result();
    // Keys were stored; aggregating items are evaluated over the results.
    std::vector<Value> vals(p_.items.size());
    for (size_t i = 0; i < p_.items.size(); ++i)
      vals[i] = post_[i] ? Eval(*post_[i], row, ctx) : g.keys[key_index_[i]];
    for (size_t i = 0; i < p_.items.size(); ++i) row[p_.items[i].slot] = vals[i];
    return true;
  }

 private:
  struct Group {
    std::vector<Value> keys;
    Row first_row;
    std::vector<Accumulator> accs;
  };
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };

  void Consume(ExecContext& ctx) {
    done_ = true;
    key_index_.assign(p_.items.size(), 0);
    size_t nk = 0;
    for (size_t i = 0; i < p_.items.size(); ++i) if (!post_[i]) key_index_[i] = nk++;
    std::unordered_map<std::vector<Value>, size_t, RowHash, Eq> index;
    // With one grouping key of the form n.prop, a node's group is found by
    // its id alone after its first row (Q5-style "per node" aggregations:
    // no key to build, copy or hash).
    int node_key_slot = -1;  // the slot of n, when the only key is n.prop
    for (size_t i = 0; i < p_.items.size() && nk == 1; ++i) {
      const Expr& k = *p_.items[i].expr;
      if (!post_[i] && k.kind == Expr::Kind::kProperty &&
          k.children[0]->kind == Expr::Kind::kVariable) {
        node_key_slot = k.children[0]->slot;
      }
    }
    std::unordered_map<uint64_t, size_t> group_of_node;
    uint64_t last_node = 0;  // rows often come grouped by node (scans by source)
    size_t last_group = SIZE_MAX;
    ConsumeChild(ctx, [&](Row& row) {
      ctx.CheckInterrupt();
      uint64_t node_id = 0;
      bool by_node = node_key_slot >= 0 && row[node_key_slot].kind() == K::kNode;
      if (by_node) {
        node_id = row[node_key_slot].as_node().id;
        if (last_group != SIZE_MAX && node_id == last_node) {
          AddToGroup(last_group, row, ctx);
          return true;
        }
        auto known = group_of_node.find(node_id);
        if (known != group_of_node.end()) {
          last_node = node_id;
          last_group = known->second;
          AddToGroup(known->second, row, ctx);
          return true;
        }
      }
      key_buf_.clear();
      for (size_t i = 0; i < p_.items.size(); ++i) {
        if (post_[i]) continue;
        const Expr& k = *p_.items[i].expr;
        // n.prop keys: read each node's property once, not once per row.
        if (k.kind == Expr::Kind::kProperty && k.children[0]->kind == Expr::Kind::kVariable &&
            row[k.children[0]->slot].kind() == K::kNode) {
          auto& memo = prop_memo_[i];
          uint64_t id = row[k.children[0]->slot].as_node().id;
          auto m = memo.find(id);
          if (m == memo.end()) m = memo.emplace(id, Eval(k, row, ctx)).first;
          key_buf_.push_back(m->second);
          continue;
        }
        key_buf_.push_back(Eval(k, row, ctx));
      }
      auto it = index.find(key_buf_);
      size_t gi;
      if (it == index.end()) {
        gi = groups_.size();
        index.emplace(key_buf_, gi);
        Group g;
        g.keys = key_buf_;
        g.first_row = row;
        for (auto& a : aggs_) g.accs.emplace_back(a.expr);
        groups_.push_back(std::move(g));
      } else {
        gi = it->second;
      }
      if (by_node) {
        group_of_node.emplace(node_id, gi);
        last_node = node_id;
        last_group = gi;
      }
      AddToGroup(gi, row, ctx);
      return true;
    });
    if (groups_.empty() && nk == 0) {
      Group g;
      g.first_row.assign(static_cast<size_t>(*width_), Value());
      for (auto& a : aggs_) g.accs.emplace_back(a.expr);
      groups_.push_back(std::move(g));
    }
  }

  void AddToGroup(size_t gi, Row& row, ExecContext& ctx) {
    for (size_t i = 0; i < aggs_.size(); ++i) {
      auto& acc = groups_[gi].accs[i];
      if (aggs_[i].expr->kind == Expr::Kind::kFunction && !aggs_[i].expr->children.empty() &&
          aggs_[i].expr->name.rfind("percentile", 0) == 0) {
        Value v = Eval(*aggs_[i].expr->children[0], row, ctx);
        if (!v.is_null()) acc.NoteInt(v.kind() == K::kInt);
      }
      acc.Add(row, ctx);
    }
  }

  const Projection& p_;
  std::vector<AggSpec> aggs_;
  std::vector<ExprPtr> post_;  // null: a grouping key
  const int* width_;
  bool done_ = false;
  std::vector<Group> groups_;
  std::vector<size_t> key_index_;
  std::vector<Value> key_buf_;
  std::unordered_map<size_t, std::unordered_map<uint64_t, Value>> prop_memo_;
  size_t pos_ = 0;
};

class SortOp : public Unary {
 public:
  SortOp(OpPtr child, const std::vector<SortItem>& items, int64_t top_k)
      : Unary(std::move(child)), items_(items), top_k_(top_k) {}
  std::string Describe() const override {
    std::string s = top_k_ >= 0 ? "Top " + std::to_string(top_k_) : "Sort";
    for (auto& i : items_) s += " " + i.expr->text + (i.descending ? " DESC" : "");
    return s;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      std::vector<std::pair<std::vector<Value>, Row>> all;
      ConsumeChild(ctx, [&](Row& r) {
        ctx.CheckInterrupt();
        std::vector<Value> keys;
        for (auto& i : items_) keys.push_back(Eval(*i.expr, r, ctx));
        all.emplace_back(std::move(keys), r);
        return true;
      });
      auto less = [&](const std::pair<std::vector<Value>, Row>& a,
                      const std::pair<std::vector<Value>, Row>& b) {
        for (size_t i = 0; i < items_.size(); ++i) {
          int c = OrderCompare(a.first[i], b.first[i]);
          if (c != 0) return items_[i].descending ? c > 0 : c < 0;
        }
        return false;
      };
      if (top_k_ >= 0 && static_cast<size_t>(top_k_) < all.size()) {
        std::partial_sort(all.begin(), all.begin() + top_k_, all.end(), less);
        all.resize(static_cast<size_t>(top_k_));
        std::stable_sort(all.begin(), all.end(), less);
      } else {
        std::stable_sort(all.begin(), all.end(), less);
      }
      for (auto& p : all) rows_.push_back(std::move(p.second));
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

 private:
  const std::vector<SortItem>& items_;
  int64_t top_k_;
  bool done_ = false;
  std::vector<Row> rows_;
  size_t pos_ = 0;
};

int64_t EvalCount(const Expr& e, ExecContext& ctx, const char* what, int width) {
  Row empty(static_cast<size_t>(width));
  Value v = Eval(e, empty, ctx);
  if (v.kind() != K::kInt) {
    if (v.kind() == K::kFloat && v.as_float() == std::floor(v.as_float()) && false) {}
    ThrowSyntax("InvalidArgumentType", std::string(what) + " must be an integer");
  }
  if (v.as_int() < 0) ThrowSyntax("NegativeIntegerArgument", std::string(what) + " must not be negative");
  return v.as_int();
}

class SkipLimitOp : public Unary {
 public:
  SkipLimitOp(OpPtr child, const Expr* skip, const Expr* limit, int width)
      : Unary(std::move(child)), skip_e_(skip), limit_e_(limit), width_(width) {}
  std::string Describe() const override {
    std::string s;
    if (skip_e_) s += "Skip " + skip_e_->text;
    if (limit_e_) s += std::string(s.empty() ? "" : " ") + "Limit " + limit_e_->text;
    return s;
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    int64_t skip = skip_e_ ? EvalCount(*skip_e_, ctx, "SKIP", width_) : 0;
    int64_t limit = limit_e_ ? EvalCount(*limit_e_, ctx, "LIMIT", width_) : -1;
    if (limit == 0) {
      // Nothing is returned, but an eager child (CREATE) must still run.
      child_->ForEach(ctx, [](Row&) { return false; });
      return true;
    }
    int64_t seen = 0, emitted = 0;
    bool stopped = false;
    child_->ForEach(ctx, [&](Row& r) {
      if (seen++ < skip) return true;
      ++rows_;
      if (!f(r)) {
        stopped = true;
        return false;
      }
      return limit < 0 || ++emitted < limit;
    });
    return !stopped;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!init_) {
      init_ = true;
      skip_ = skip_e_ ? EvalCount(*skip_e_, ctx, "SKIP", width_) : 0;
      limit_ = limit_e_ ? EvalCount(*limit_e_, ctx, "LIMIT", width_) : -1;
    }
    if (limit_ >= 0 && emitted_ >= limit_) return false;
    while (skipped_ < skip_) {
      if (!child_->Next(row, ctx)) return false;
      ++skipped_;
    }
    if (!child_->Next(row, ctx)) return false;
    ++emitted_;
    return true;
  }

 private:
  const Expr* skip_e_;
  const Expr* limit_e_;
  int width_;
  bool init_ = false;
  int64_t skip_ = 0, limit_ = -1, skipped_ = 0, emitted_ = 0;
};

// Drops everything but the projected slots (so later DISTINCT/aggregation
// and memory see only what is in scope).
class ScopeOp : public Unary {
 public:
  ScopeOp(OpPtr child, std::vector<int> keep)
      : Unary(std::move(child)), keep_(std::move(keep)) {}
  std::string Describe() const override { return "Scope"; }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& in) {
      Row out(in.size());
      for (int s : keep_) out[s] = in[s];
      ++rows_;
      return f(out);
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    Row in;
    if (!child_->Next(in, ctx)) return false;
    row.assign(in.size(), Value());
    for (int s : keep_) row[s] = std::move(in[s]);
    return true;
  }

 private:
  std::vector<int> keep_;
};

// ---- CREATE --------------------------------------------------------------

graph::Properties Props(const ExprPtr& e, Row& row, ExecContext& ctx) {
    graph::Properties props;
    if (!e) return props;
    Value m = Eval(*e, row, ctx);
    if (m.is_null()) return props;
    if (m.kind() != K::kMap) ThrowType("InvalidArgumentType", "properties must be a map");
    for (auto& [k, v] : m.as_map()) {
      if (v.is_null()) continue;
      props[k] = ToProperty(v);
    }
    return props;
  }

// Creates the nodes (not already bound) and relationships of `parts` for one row.
void CreatePatterns(const std::vector<PatternPart>& parts, Row& row, ExecContext& ctx) {
    std::unordered_set<int> created;
    for (auto& p : parts) {
      std::vector<uint64_t> ids;
      for (auto& n : p.nodes) {
        bool exists = n.bound || created.count(n.slot);
        if (exists) {
          const Value& v = row[n.slot];
          if (v.kind() != K::kNode)
            ThrowError("SemanticError", "CreateNodeOnNull", "cannot create a relationship to a null node");
          ids.push_back(v.as_node().id);
          continue;
        }
        auto props = Props(n.properties, row, ctx);
        auto id = ctx.graph().CreateNode(n.labels, props);
        if (!id.ok()) ThrowError("StorageError", "", id.status().ToString());
        ctx.counters().nodes_created++;
        ctx.counters().labels_added += static_cast<int64_t>(n.labels.size());
        ctx.counters().properties_set += static_cast<int64_t>(props.size());
        row[n.slot] = ExecContext::NodeRef(*id);
        created.insert(n.slot);
        ids.push_back(*id);
      }
      PathValue path;
      path.nodes.push_back(ExecContext::NodeRef(ids[0]).as_node());
      for (size_t j = 0; j < p.rels.size(); ++j) {
        const RelPattern& r = p.rels[j];
        uint64_t a = ids[j], b = ids[j + 1];
        if (r.direction == RelPattern::Direction::kIn) std::swap(a, b);
        auto props = Props(r.properties, row, ctx);
        auto id = ctx.graph().CreateEdge(a, b, r.types[0], props);
        if (!id.ok()) ThrowError("StorageError", "", id.status().ToString());
        ctx.counters().relationships_created++;
        ctx.counters().properties_set += static_cast<int64_t>(props.size());
        RelationshipValue rv;
        rv.id = *id;
        rv.source = a;
        rv.target = b;
        rv.type = r.types[0];
        Value rel = Value::Relationship(rv);
        row[r.slot] = rel;
        path.relationships.push_back(rel.as_relationship());
        path.nodes.push_back(ExecContext::NodeRef(ids[j + 1]).as_node());
      }
      if (p.path_slot >= 0) row[p.path_slot] = Value::Path(std::move(path));
    }
  }


class CreateOp : public Unary {
 public:
  CreateOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}
  std::string Describe() const override {
    size_t n = 0, r = 0;
    for (auto& p : c_.patterns) { n += p.nodes.size(); r += p.rels.size(); }
    return "Create " + std::to_string(n) + " node pattern(s), " + std::to_string(r) + " relationship(s)";
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      std::vector<Row> in;
      ConsumeChild(ctx, [&](Row& r) {
        in.push_back(r);
        return true;
      });
      for (auto& x : in) {
        CreatePatterns(c_.patterns, x, ctx);
        out_.push_back(std::move(x));
      }
    }
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }

 private:
  const Clause& c_;
  bool done_ = false;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

// ---- SET / REMOVE ----------------------------------------------------------

[[noreturn]] void ThrowStorage(const Status& s, const std::string& what) {
  if (s.IsNotFound())
    ThrowError("EntityNotFound", "DeletedEntityAccess", what + ": " + s.ToString());
  if (s.code() == Status::Code::kNotSupported)
    ThrowError("NotSupported", "", what + ": " + s.message() +
                                       " (extracted entities follow their documents: see kg retract)");
  ThrowError("StorageError", "", what + ": " + s.ToString());
}

ValueMap PropertiesOf(const Value& v, ExecContext& ctx) {
  switch (v.kind()) {
    case K::kMap: return v.as_map();
    case K::kNode: return *ctx.LoadNode(v).properties;
    case K::kRelationship: return *ctx.LoadRel(v).properties;
    default:
      ThrowType("InvalidArgumentType", std::string("SET ... = needs a map, node or relationship, not a ") +
                                           Value::KindName(v.kind()));
  }
}

// Applies SET / REMOVE items to one row, in order: each item's write is in
// the store before the next item is evaluated.
void ApplySetItems(const std::vector<SetItem>& items, Row& row, ExecContext& ctx) {
  for (const SetItem& si : items) {
    Value target = Eval(*si.target, row, ctx);
    if (target.is_null()) continue;
    bool node = target.kind() == K::kNode;
    if (!node && target.kind() != K::kRelationship)
      ThrowType("InvalidArgumentType", "SET and REMOVE need a node or relationship, not a " +
                                           std::string(Value::KindName(target.kind())));
    if (!node && (si.kind == SetItem::Kind::kAddLabels || si.kind == SetItem::Kind::kRemoveLabels))
      ThrowType("InvalidArgumentType", "a relationship has no labels");
    uint64_t id = node ? target.as_node().id : target.as_relationship().id;
    graph::Properties props;
    std::vector<std::string> labels;
    if (node) {
      auto rec = ctx.graph().GetNode(id);
      if (!rec.ok()) ThrowStorage(rec.status(), "SET");
      props = std::move(rec->properties);
      labels = std::move(rec->labels);
    } else {
      auto rec = ctx.graph().GetEdge(id);
      if (!rec.ok()) ThrowStorage(rec.status(), "SET");
      props = std::move(rec->properties);
    }
    QueryCounters& n = ctx.counters();
    auto put = [&](const std::string& key, const Value& v) {
      if (v.is_null()) {
        if (props.erase(key)) ++n.properties_set;
        return;
      }
      props[key] = ToProperty(v);
      ++n.properties_set;
    };
    switch (si.kind) {
      case SetItem::Kind::kSetProperty: put(si.key, Eval(*si.value, row, ctx)); break;
      case SetItem::Kind::kReplaceProperties:
      case SetItem::Kind::kMergeProperties: {
        Value v = Eval(*si.value, row, ctx);
        ValueMap m = v.is_null() ? ValueMap{} : PropertiesOf(v, ctx);
        if (si.kind == SetItem::Kind::kReplaceProperties) {
          for (auto& [k, old] : props)
            if (!m.count(k)) ++n.properties_set;
          props.clear();
        }
        for (auto& [k, x] : m) put(k, x);
        break;
      }
      case SetItem::Kind::kAddLabels:
        for (auto& l : si.labels) {
          if (std::find(labels.begin(), labels.end(), l) != labels.end()) continue;
          labels.push_back(l);
          ++n.labels_added;
        }
        break;
      case SetItem::Kind::kRemoveProperty:
        if (props.erase(si.key)) ++n.properties_set;
        break;
      case SetItem::Kind::kRemoveLabels:
        for (auto& l : si.labels) {
          auto it = std::find(labels.begin(), labels.end(), l);
          if (it == labels.end()) continue;
          labels.erase(it);
          ++n.labels_removed;
        }
        break;
    }
    Status st = node ? ctx.graph().UpdateNode(id, labels, props) : ctx.graph().UpdateEdge(id, props);
    if (!st.ok()) ThrowStorage(st, "SET");
    ctx.Invalidate();
  }
}

// An eager updating operator: reads all its input, applies `Apply` to each
// row in order, then yields the rows.
class UpdateOp : public Unary {
 public:
  UpdateOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}

 protected:
  virtual void Apply(std::vector<Row>& rows, ExecContext& ctx) = 0;
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      ConsumeChild(ctx, [&](Row& r) {
        out_.push_back(r);
        return true;
      });
      Apply(out_, ctx);
    }
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }
  const Clause& c_;

 private:
  bool done_ = false;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

class SetOp : public UpdateOp {
 public:
  using UpdateOp::UpdateOp;
  std::string Describe() const override {
    return std::string(c_.kind == Clause::Kind::kSet ? "Set" : "Remove") + " " +
           std::to_string(c_.set_items.size()) + " item(s)";
  }

 protected:
  void Apply(std::vector<Row>& rows, ExecContext& ctx) override {
    for (auto& r : rows) ApplySetItems(c_.set_items, r, ctx);
  }
};

// ---- DELETE ----------------------------------------------------------------

[[noreturn]] void RefuseExtracted(const std::string& what, uint64_t id, const Status& why, const Clause& c) {
  ThrowError("NotSupported", "DeleteExtractedClaim",
             "cannot delete " + what + " " + std::to_string(id) + ": " + why.message() +
                 ". Extracted claims keep their provenance: remove a document's claims with "
                 "`kg retract DOCUMENT` (curate the source and ingest it again to change them); "
                 "Cypher deletes only what CREATE or MERGE made",
             c.line, c.column);
}

class DeleteOp : public UpdateOp {
 public:
  using UpdateOp::UpdateOp;
  std::string Describe() const override {
    return std::string(c_.detach ? "DetachDelete " : "Delete ") + std::to_string(c_.exprs.size()) + " item(s)";
  }

 protected:
  void Apply(std::vector<Row>& rows, ExecContext& ctx) override {
    // Everything this clause deletes, gathered first: nothing is deleted when
    // one of them may not be.
    std::set<uint64_t> nodes, rels;
    std::function<void(const Value&)> add = [&](const Value& v) {
      switch (v.kind()) {
        case K::kNull: return;
        case K::kNode: nodes.insert(v.as_node().id); return;
        case K::kRelationship: rels.insert(v.as_relationship().id); return;
        case K::kPath:
          for (auto& n : v.as_path().nodes) nodes.insert(n.id);
          for (auto& r : v.as_path().relationships) rels.insert(r.id);
          return;
        case K::kList:
          for (auto& x : v.as_list()) add(x);
          return;
        default:
          ThrowType("InvalidArgumentType", std::string("DELETE needs a node, relationship or path, not a ") +
                                               Value::KindName(v.kind()));
      }
    };
    for (auto& r : rows)
      for (auto& e : c_.exprs) add(Eval(*e, r, ctx));
    graph::Graph& g = ctx.graph();
    for (uint64_t n : nodes) {
      for (bool out : {true, false}) {
        auto cur = out ? g.OutEdges(n) : g.InEdges(n);
        for (; cur->Valid(); cur->Next()) {
          if (rels.count(cur->edge().id)) continue;
          if (!c_.detach)
            ThrowError("ConstraintVerificationFailed", "DeleteConnectedNode",
                       "cannot delete node " + std::to_string(n) +
                           ": it still has relationships (DETACH DELETE removes them too)",
                       c_.line, c_.column);
          rels.insert(cur->edge().id);
        }
        if (!cur->status().ok()) ThrowStorage(cur->status(), "DELETE");
      }
      auto docs = g.NodeDocumentCount(n);
      if (docs.ok() && *docs > 0)
        RefuseExtracted("node", n, Status::NotSupported("it is an entity mentioned in " + std::to_string(*docs) +
                                                        " document(s)"), c_);
    }
    for (uint64_t r : rels) {
      auto e = g.GetEdge(r);
      if (!e.ok()) continue;  // already deleted
      auto prov = g.EdgeProvenance(r);
      if (!prov.ok()) ThrowStorage(prov.status(), "DELETE");
      std::set<std::string> docs;
      for (auto& p : *prov)
        if (p.document_id != "manual") docs.insert(p.document_id);
      if (!docs.empty())
        RefuseExtracted("relationship", r, Status::NotSupported("it is a claim extracted from " +
                                                                std::to_string(docs.size()) + " document(s), e.g. " +
                                                                *docs.begin()), c_);
    }
    for (uint64_t r : rels) {
      Status st = g.DeleteEdge(r);
      if (st.IsNotFound()) continue;
      if (!st.ok()) ThrowStorage(st, "DELETE");
      ctx.counters().relationships_deleted++;
    }
    for (uint64_t n : nodes) {
      Status st = g.DeleteNode(n);
      if (st.IsNotFound()) continue;
      if (!st.ok()) ThrowStorage(st, "DELETE");
      ctx.counters().nodes_deleted++;
    }
    ctx.Invalidate();
  }
};

// MERGE: per input row, the matches of the pattern, or (when there are none)
// the pattern created. Rows are handled in order, so a later row sees what an
// earlier one created.
class MergeOp : public Unary {
 public:
  MergeOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}
  std::string Describe() const override { return "Merge [" + DescribeAccess(c_.patterns[0]) + "]"; }

 protected:
  // MERGE ({x: null}) could never match what it creates.
  void CheckNoNullProperties(Row& row, ExecContext& ctx) {
    auto check = [&](const ExprPtr& e) {
      if (!e) return;
      Value m = Eval(*e, row, ctx);
      if (m.kind() != K::kMap) return;
      for (auto& [k, v] : m.as_map())
        if (v.is_null())
          ThrowError("SemanticError", "MergeReadOwnWrites",
                     "MERGE cannot use null for property `" + k + "`: what it creates would not match",
                     c_.line, c_.column);
    };
    for (auto& p : c_.patterns) {
      for (auto& n : p.nodes) if (!n.bound) check(n.properties);
      for (auto& r : p.rels) check(r.properties);
    }
  }

  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      std::vector<Row> in;
      ConsumeChild(ctx, [&](Row& r) {
        in.push_back(r);
        return true;
      });
      for (auto& x : in) {
        CheckNoNullProperties(x, ctx);
        size_t first = out_.size();
        MatchPatterns(c_.patterns, x, ctx, [&](Row& r) {
          out_.push_back(r);
          return true;
        });
        if (out_.size() > first) {
          for (size_t k = first; k < out_.size(); ++k) ApplySetItems(c_.on_match, out_[k], ctx);
        } else {
          CreatePatterns(c_.patterns, x, ctx);
          ctx.Invalidate();
          ApplySetItems(c_.on_create, x, ctx);
          out_.push_back(std::move(x));
        }
      }
    }
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }

 private:
  const Clause& c_;
  bool done_ = false;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

class UnionOp : public Operator {
 public:
  UnionOp(std::vector<OpPtr> parts, bool all, std::vector<int> slots)
      : parts_(std::move(parts)), all_(all), slots_(std::move(slots)) {}
  std::string Describe() const override { return all_ ? "UnionAll" : "Union"; }
  std::vector<const Operator*> Children() const override {
    std::vector<const Operator*> c;
    for (auto& p : parts_) c.push_back(p.get());
    return c;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (cur_ < parts_.size()) {
      if (!parts_[cur_]->Next(row, ctx)) { ++cur_; continue; }
      if (all_) return true;
      std::vector<Value> key;
      for (int s : slots_) key.push_back(row[s]);
      if (seen_.insert(key).second) return true;
    }
    return false;
  }

 private:
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  std::vector<OpPtr> parts_;
  bool all_;
  std::vector<int> slots_;
  size_t cur_ = 0;
  std::unordered_set<std::vector<Value>, RowHash, Eq> seen_;
};

// ---- Planner -------------------------------------------------------------

class Planner {
 public:
  explicit Planner(BoundQuery& bound) : bound_(bound) {}

  OpPtr PlanSingle(SingleQuery& sq, const Row* argument = nullptr) {
    OpPtr op = argument ? OpPtr(std::make_unique<Argument>(argument, &bound_.num_slots))
                        : OpPtr(std::make_unique<Once>(&bound_.num_slots));
    for (auto& c : sq.clauses) op = PlanClause(std::move(op), c);
    return op;
  }

 private:
  static void PatternSlots(const PatternPart& p, std::vector<int>* out) {
    for (auto& n : p.nodes) if (!n.bound) out->push_back(n.slot);
    for (auto& r : p.rels) if (!r.bound) out->push_back(r.slot);
    if (p.path_slot >= 0) out->push_back(p.path_slot);
  }

  OpPtr PlanClause(OpPtr op, Clause& c) {
    switch (c.kind) {
      case Clause::Kind::kMatch: {
        std::vector<int> slots;
        for (auto& p : c.patterns) PatternSlots(p, &slots);
        return std::make_unique<MatchOp>(std::move(op), c, slots);
      }
      case Clause::Kind::kUnwind: return std::make_unique<UnwindOp>(std::move(op), c);
      case Clause::Kind::kCreate: return std::make_unique<CreateOp>(std::move(op), c);
      case Clause::Kind::kMerge: return std::make_unique<MergeOp>(std::move(op), c);
      case Clause::Kind::kSet:
      case Clause::Kind::kRemove: return std::make_unique<SetOp>(std::move(op), c);
      case Clause::Kind::kDelete: return std::make_unique<DeleteOp>(std::move(op), c);
      case Clause::Kind::kWith:
      case Clause::Kind::kReturn: return PlanProjection(std::move(op), c.projection);
      case Clause::Kind::kUnsupported: break;
    }
    ThrowError("NotSupported", "", "unsupported clause");
  }

  // Replaces aggregate calls in `e` with variables reading hidden slots.
  ExprPtr ExtractAggregates(const ExprPtr& e, std::vector<AggSpec>* aggs) {
    if (!e) return e;
    if (e->is_aggregate || e->kind == Expr::Kind::kCountStar) {
      int slot = bound_.num_slots++;
      aggs->push_back({e.get(), slot});
      auto v = std::make_shared<Expr>();
      v->kind = Expr::Kind::kVariable;
      v->slot = slot;
      v->text = e->text;
      return v;
    }
    auto copy = std::make_shared<Expr>(*e);
    for (auto& ch : copy->children) ch = ExtractAggregates(ch, aggs);
    return copy;
  }

  static bool HasAggregate(const ExprPtr& e) {
    if (!e) return false;
    if (e->is_aggregate || e->kind == Expr::Kind::kCountStar) return true;
    for (auto& ch : e->children) if (HasAggregate(ch)) return true;
    return false;
  }

  OpPtr PlanProjection(OpPtr op, Projection& p) {
    std::vector<int> keep;
    for (auto& i : p.items) keep.push_back(i.slot);
    if (p.aggregates) {
      std::vector<AggSpec> aggs;
      std::vector<ExprPtr> post;
      for (auto& i : p.items) post.push_back(HasAggregate(i.expr) ? ExtractAggregates(i.expr, &aggs) : nullptr);
      op = std::make_unique<AggregateOp>(std::move(op), p, std::move(aggs), std::move(post), &bound_.num_slots);
      if (p.distinct) op = std::make_unique<DistinctOp>(std::move(op), keep);
    } else {
      op = std::make_unique<ProjectOp>(std::move(op), p);
      if (p.distinct) op = std::make_unique<DistinctOp>(std::move(op), keep);
    }
    if (!p.order.empty()) {
      int64_t top_k = -1;
      if (p.limit && p.limit->kind == Expr::Kind::kLiteral && p.limit->value.kind() == K::kInt) {
        top_k = p.limit->value.as_int();
        if (p.skip && p.skip->kind == Expr::Kind::kLiteral && p.skip->value.kind() == K::kInt)
          top_k += p.skip->value.as_int();
        else if (p.skip)
          top_k = -1;
      }
      op = std::make_unique<SortOp>(std::move(op), p.order, top_k);
    }
    if (p.skip || p.limit)
      op = std::make_unique<SkipLimitOp>(std::move(op), p.skip.get(), p.limit.get(), bound_.num_slots);
    if (p.where) op = std::make_unique<FilterOp>(std::move(op), *p.where);
    op = std::make_unique<ScopeOp>(std::move(op), keep);
    return op;
  }

  BoundQuery& bound_;
};

void PlanTextRec(const Operator& op, bool profile, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(op.Describe());
  if (profile) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  (rows: %lld, time: %.3f ms)", static_cast<long long>(op.rows()),
                  op.time_ms());
    out->append(buf);
  }
  out->append("\n");
  for (auto* c : op.Children()) PlanTextRec(*c, profile, depth + 1, out);
}

}  // namespace

std::string PlanText(const Operator& root, bool profile) {
  std::string out;
  PlanTextRec(root, profile, 0, &out);
  return out;
}

OpPtr PlanSubquery(SingleQuery& subquery, BoundQuery& bound, const Row* argument) {
  Planner planner(bound);
  return planner.PlanSingle(subquery, argument);
}

OpPtr Plan(Query& query, BoundQuery& bound) {
  Planner planner(bound);
  if (query.parts.size() == 1) return planner.PlanSingle(query.parts[0]);
  std::vector<OpPtr> parts;
  for (auto& sq : query.parts) parts.push_back(planner.PlanSingle(sq));
  bool all = std::all_of(query.union_all.begin(), query.union_all.end(), [](bool b) { return b; });
  return std::make_unique<UnionOp>(std::move(parts), all, bound.column_slots);
}

}  // namespace kg::query_lang
