// ORDER BY, SKIP and LIMIT (see sort.h).
#include "query-lang/operators/sort.h"

#include <algorithm>

#include "query-lang/errors.h"
#include "query-lang/eval.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

class Sort : public Unary {
 public:
  Sort(OpPtr child, const std::vector<BoundSortItem>& items, int64_t top_k)
      : Unary(std::move(child)), items_(items), top_k_(top_k) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::vector<Entry> rows = top_k_ >= 0 ? TopK(ctx) : SortAll(ctx);
    for (auto& e : rows)
      if (!Emit(ctx, sink, e.row)) return false;
    return true;
  }

 private:
  struct Entry {
    std::vector<Value> keys;
    int64_t seq;  // arrival order: equal keys keep it (a stable sort)
    Row row;
  };
  // ORDER BY's order, then arrival.
  bool Less(const std::vector<Value>& a, int64_t seq_a, const std::vector<Value>& b, int64_t seq_b) const {
    for (size_t i = 0; i < items_.size(); ++i) {
      int c = OrderCompare(a[i], b[i]);
      if (c != 0) return items_[i].descending ? c > 0 : c < 0;
    }
    return seq_a < seq_b;
  }

  std::vector<Entry> SortAll(ExecContext& ctx) {
    std::vector<Entry> all;
    int64_t seq = 0;
    child_->Produce(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      std::vector<Value> keys;
      keys.reserve(items_.size());
      for (auto& i : items_) keys.push_back(Eval(*i.expr, r, ctx));
      all.push_back({std::move(keys), seq++, r});
      return true;
    });
    std::sort(all.begin(), all.end(),
              [&](const Entry& a, const Entry& b) { return Less(a.keys, a.seq, b.keys, b.seq); });
    return all;
  }

  // A heap of the k first rows so far (its top the last of them): a row
  // that does not beat the top costs one comparison.
  std::vector<Entry> TopK(ExecContext& ctx) {
    std::vector<Entry> heap;
    auto cmp = [&](const Entry& a, const Entry& b) { return Less(a.keys, a.seq, b.keys, b.seq); };
    std::vector<Value> keys(items_.size());
    int64_t seq = 0;
    const auto k = static_cast<size_t>(top_k_);
    child_->Produce(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      for (size_t i = 0; i < items_.size(); ++i) keys[i] = Eval(*items_[i].expr, r, ctx);
      int64_t at = seq++;
      if (heap.size() < k) {
        heap.push_back({keys, at, r});
        std::push_heap(heap.begin(), heap.end(), cmp);
      } else if (k > 0 && Less(keys, at, heap.front().keys, heap.front().seq)) {
        std::pop_heap(heap.begin(), heap.end(), cmp);
        heap.back() = {keys, at, r};
        std::push_heap(heap.begin(), heap.end(), cmp);
      }
      return true;
    });
    std::sort_heap(heap.begin(), heap.end(), cmp);
    return heap;
  }

  const std::vector<BoundSortItem>& items_;
  int64_t top_k_;
};

int64_t EvalCount(const BoundExpr& e, ExecContext& ctx, const char* what, int width) {
  Row empty(static_cast<size_t>(width));
  Value v = Eval(e, empty, ctx);
  if (v.kind() != K::kInt) ThrowSyntax("InvalidArgumentType", std::string(what) + " must be an integer");
  if (v.as_int() < 0) ThrowSyntax("NegativeIntegerArgument", std::string(what) + " must not be negative");
  return v.as_int();
}

class SkipLimit : public Unary {
 public:
  SkipLimit(OpPtr child, const BoundExpr* skip, const BoundExpr* limit, int width)
      : Unary(std::move(child)), skip_e_(skip), limit_e_(limit), width_(width) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    int64_t skip = skip_e_ ? EvalCount(*skip_e_, ctx, "SKIP", width_) : 0;
    int64_t limit = limit_e_ ? EvalCount(*limit_e_, ctx, "LIMIT", width_) : -1;
    if (limit == 0) {
      // Nothing is returned, but an eager input (CREATE) must still run.
      child_->Produce(ctx, [](Row&) { return false; });
      return true;
    }
    int64_t seen = 0, emitted = 0;
    bool stopped = false;
    child_->Produce(ctx, [&](Row& r) {
      if (seen++ < skip) return true;
      if (!Emit(ctx, sink, r)) {
        stopped = true;
        return false;
      }
      return limit < 0 || ++emitted < limit;
    });
    return !stopped;
  }

 private:
  const BoundExpr* skip_e_;
  const BoundExpr* limit_e_;
  int width_;
};

}  // namespace

OpPtr MakeSort(OpPtr child, const std::vector<BoundSortItem>& items, int64_t top_k) {
  return std::make_unique<Sort>(std::move(child), items, top_k);
}

OpPtr MakeSkipLimit(OpPtr child, const BoundExpr* skip, const BoundExpr* limit, int width) {
  return std::make_unique<SkipLimit>(std::move(child), skip, limit, width);
}

}  // namespace kg::query_lang
