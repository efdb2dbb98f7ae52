// Row-at-a-time operators (see projection.h).
#include "query-lang/operators/projection.h"

#include <unordered_set>

#include "query-lang/eval.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

class Filter : public Unary {
 public:
  Filter(OpPtr child, const BoundExpr& pred) : Unary(std::move(child)), pred_(pred) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    return child_->Produce(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      if (!IsTrue(Eval(pred_, r, ctx))) return true;
      return Emit(ctx, sink, r);
    });
  }

 private:
  const BoundExpr& pred_;
};

class Unwind : public Unary {
 public:
  Unwind(OpPtr child, const BoundClause& c) : Unary(std::move(child)), c_(c) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    return child_->Produce(ctx, [&](Row& r) {
      Value v = Eval(*c_.expr, r, ctx);
      if (v.is_null()) return true;
      Row out = r;
      if (v.kind() != K::kList) {
        out[c_.slot] = v;
        return Emit(ctx, sink, out);
      }
      for (const auto& item : v.as_list()) {
        ctx.CheckInterrupt();
        out[c_.slot] = item;
        if (!Emit(ctx, sink, out)) return false;
      }
      return true;
    });
  }

 private:
  const BoundClause& c_;
};

class Project : public Unary {
 public:
  Project(OpPtr child, const BoundProjection& p) : Unary(std::move(child)), p_(p) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::vector<Value> vals;
    return child_->Produce(ctx, [&](Row& r) {
      Row out = r;
      vals.clear();
      for (auto& i : p_.items) vals.push_back(Eval(*i.expr, out, ctx));
      for (size_t k = 0; k < vals.size(); ++k) out[p_.items[k].slot] = std::move(vals[k]);
      return Emit(ctx, sink, out);
    });
  }

 private:
  const BoundProjection& p_;
};

class Distinct : public Unary {
 public:
  Distinct(OpPtr child, std::vector<int> slots) : Unary(std::move(child)), slots_(std::move(slots)) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::unordered_set<std::vector<Value>, RowHash, Eq> seen;
    return child_->Produce(ctx, [&](Row& r) {
      std::vector<Value> key;
      key.reserve(slots_.size());
      for (int s : slots_) key.push_back(r[s]);
      if (!seen.insert(std::move(key)).second) return true;
      return Emit(ctx, sink, r);
    });
  }

 private:
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  std::vector<int> slots_;
};

class Scope : public Unary {
 public:
  Scope(OpPtr child, std::vector<int> keep) : Unary(std::move(child)), keep_(std::move(keep)) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    return child_->Produce(ctx, [&](Row& in) {
      Row out(in.size());
      for (int s : keep_) out[s] = in[s];
      return Emit(ctx, sink, out);
    });
  }

 private:
  std::vector<int> keep_;
};

}  // namespace

OpPtr MakeFilter(OpPtr child, const BoundExpr& predicate) {
  return std::make_unique<Filter>(std::move(child), predicate);
}
OpPtr MakeUnwind(OpPtr child, const BoundClause& unwind) { return std::make_unique<Unwind>(std::move(child), unwind); }
OpPtr MakeProject(OpPtr child, const BoundProjection& projection) {
  return std::make_unique<Project>(std::move(child), projection);
}
OpPtr MakeDistinct(OpPtr child, std::vector<int> slots) {
  return std::make_unique<Distinct>(std::move(child), std::move(slots));
}
OpPtr MakeScope(OpPtr child, std::vector<int> keep) {
  return std::make_unique<Scope>(std::move(child), std::move(keep));
}

}  // namespace kg::query_lang
