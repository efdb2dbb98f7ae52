// Aggregation (see aggregate.h).
#include "query-lang/operators/aggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "query-lang/errors.h"
#include "query-lang/eval.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

class Accumulator {
 public:
  explicit Accumulator(const BoundExpr* e) : e_(e) {
    name_ = e->kind == BoundExpr::Kind::kCountStar ? "count*" : e->name;
    count_star_ = name_ == "count*";
    plain_count_ = name_ == "count" && !e->distinct;
  }
  // `weight`: how many rows `row` stands for (only count(*) is ever
  // weighted: see DegreeCount).
  void Add(Row& row, ExecContext& ctx, int64_t weight = 1) {
    if (count_star_) { count_ += weight; return; }
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
  const BoundExpr* e_;
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

class Aggregate : public Unary {
 public:
  // `weight_slot` (>= 0): each input row counts as that slot's integer
  // rows (only count(*) aggregates then; see DegreeCount).
  Aggregate(OpPtr child, const BoundProjection& p, std::vector<AggSpec> aggs,
            std::vector<BoundExprPtr> post, const int* width, int weight_slot)
      : Unary(std::move(child)), p_(p), aggs_(std::move(aggs)), post_(std::move(post)), width_(width),
        weight_slot_(weight_slot) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    Consume(ctx);
    std::vector<Value> vals(p_.items.size());
    for (Group& g : groups_) {
      Row row = std::move(g.first_row);
      for (size_t i = 0; i < aggs_.size(); ++i) row[aggs_[i].slot] = g.accs[i].Result();
      // Keys were stored; aggregating items are evaluated over the results.
      for (size_t i = 0; i < p_.items.size(); ++i)
        vals[i] = post_[i] ? Eval(*post_[i], row, ctx) : g.keys[key_index_[i]];
      for (size_t i = 0; i < p_.items.size(); ++i) row[p_.items[i].slot] = vals[i];
      if (!Emit(ctx, sink, row)) return false;
    }
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
  struct ValueEq {
    bool operator()(const Value& a, const Value& b) const { return a == b; }
  };

  void Consume(ExecContext& ctx) {
    groups_.clear();
    key_index_.assign(p_.items.size(), 0);
    size_t nk = 0;
    for (size_t i = 0; i < p_.items.size(); ++i) if (!post_[i]) key_index_[i] = nk++;
    std::unordered_map<std::vector<Value>, size_t, RowHash, Eq> index;
    std::unordered_map<Value, size_t, ValueHash, ValueEq> single_index;
    // With one grouping key of the form n.prop, a node's group is found by
    // its id alone after its first row (Q5-style "per node" aggregations:
    // no key to build, copy or hash).
    int node_key_slot = -1;  // the slot of n, when the only key is n.prop
    for (size_t i = 0; i < p_.items.size() && nk == 1; ++i) {
      const BoundExpr& k = *p_.items[i].expr;
      if (!post_[i] && k.kind == BoundExpr::Kind::kProperty &&
          k.children[0]->kind == BoundExpr::Kind::kVariable) {
        node_key_slot = k.children[0]->slot;
      }
    }
    std::unordered_map<uint64_t, size_t> group_of_node;
    uint64_t last_node = 0;  // rows often come grouped by node (scans by source)
    size_t last_group = SIZE_MAX;
    child_->Produce(ctx, [&](Row& row) {
      ctx.CheckInterrupt();
      uint64_t node_id = 0;
      // (A node whose record came with the row has its key at hand.)
      bool by_node = node_key_slot >= 0 && row[node_key_slot].kind() == K::kNode &&
                     !row[node_key_slot].as_node().properties;
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
        const BoundExpr& k = *p_.items[i].expr;
        // n.prop keys: read each node's property once, not once per row.
        if (k.kind == BoundExpr::Kind::kProperty && k.children[0]->kind == BoundExpr::Kind::kVariable &&
            row[k.children[0]->slot].kind() == K::kNode && !row[k.children[0]->slot].as_node().properties) {
          auto& memo = prop_memo_[i];
          uint64_t id = row[k.children[0]->slot].as_node().id;
          auto m = memo.find(id);
          if (m == memo.end()) m = memo.emplace(id, Eval(k, row, ctx)).first;
          key_buf_.push_back(m->second);
          continue;
        }
        key_buf_.push_back(Eval(k, row, ctx));
      }
      size_t gi;
      bool fresh;
      if (nk == 1) {  // one key: no vector to hash and copy
        auto [it, added] = single_index.try_emplace(key_buf_[0], groups_.size());
        gi = it->second;
        fresh = added;
      } else {
        auto [it, added] = index.try_emplace(key_buf_, groups_.size());
        gi = it->second;
        fresh = added;
      }
      if (fresh) {
        Group g;
        g.keys = key_buf_;
        g.first_row = row;
        for (auto& a : aggs_) g.accs.emplace_back(a.expr);
        groups_.push_back(std::move(g));
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
    int64_t weight = weight_slot_ >= 0 ? row[weight_slot_].as_int() : 1;
    for (size_t i = 0; i < aggs_.size(); ++i) {
      auto& acc = groups_[gi].accs[i];
      if (aggs_[i].expr->kind == BoundExpr::Kind::kFunction && !aggs_[i].expr->children.empty() &&
          aggs_[i].expr->name.rfind("percentile", 0) == 0) {
        Value v = Eval(*aggs_[i].expr->children[0], row, ctx);
        if (!v.is_null()) acc.NoteInt(v.kind() == K::kInt);
      }
      acc.Add(row, ctx, weight);
    }
  }

  const BoundProjection& p_;
  std::vector<AggSpec> aggs_;
  std::vector<BoundExprPtr> post_;  // null: a grouping key
  const int* width_;
  int weight_slot_;
  std::vector<Group> groups_;
  std::vector<size_t> key_index_;
  std::vector<Value> key_buf_;
  std::unordered_map<size_t, std::unordered_map<uint64_t, Value>> prop_memo_;
};


}  // namespace

OpPtr MakeAggregate(OpPtr child, const BoundProjection& projection, std::vector<AggSpec> aggs,
                    std::vector<BoundExprPtr> post, const int* width, int weight_slot) {
  return std::make_unique<Aggregate>(std::move(child), projection, std::move(aggs), std::move(post), width,
                                     weight_slot);
}

}  // namespace kg::query_lang
