// planner.cc: a bound query -> a tree of physical operators (operators/).
#include "query-lang/planner.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "query-lang/errors.h"
#include "query-lang/matcher.h"
#include "query-lang/operators/aggregate.h"
#include "query-lang/operators/degree.h"
#include "query-lang/operators/leaf.h"
#include "query-lang/operators/match.h"
#include "query-lang/operators/projection.h"
#include "query-lang/operators/sort.h"
#include "query-lang/operators/union.h"
#include "query-lang/operators/update.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

class Planner {
 public:
  explicit Planner(BoundQuery& bound) : bound_(bound) {}

  OpPtr PlanSingle(SingleQuery& sq, const Row* argument = nullptr) {
    OpPtr op = argument ? MakeArgument(argument, &bound_.num_slots)
                        : MakeStart(&bound_.num_slots);
    for (size_t i = 0; i < sq.clauses.size(); ++i) {
      Clause& c = sq.clauses[i];
      if (i + 1 < sq.clauses.size()) {
        if (auto count = CountPushdown(c, sq.clauses[i + 1])) {
          Projection& p = sq.clauses[i + 1].projection;
          std::string key_property;
          int key_slot = -1;
          std::vector<int> count_slots;
          if (GroupedInScan(*count, p, &key_property, &key_slot, &count_slots)) {
            bool descending = false;
            int64_t top_k = TopCounts(p, count_slots, &descending);
            op = MakeDegreeGroupCount(std::move(op), *count, key_property, key_slot,
                                                      count_slots, &bound_.num_slots, top_k, descending);
            op = PlanProjection(std::move(op), p, /*aggregated=*/true);
            ++i;  // the projection is planned
            continue;
          }
          count->weight_slot = bound_.num_slots++;
          weight_slot_ = count->weight_slot;
          bool by_scan = !count->node->bound && !NameLookup(*count->node);
          if (by_scan) op = MakeDegreeScan(std::move(op), *count);
          else op = MakeDegreeCount(std::move(op), *count);
          continue;
        }
      }
      op = PlanClause(std::move(op), c);
    }
    return op;
  }

 private:
  static bool OnlyCountStar(const ExprPtr& e) {
    if (!e) return true;
    if (e->kind == Expr::Kind::kCountStar) return true;
    if (e->is_aggregate) return false;
    for (auto& ch : e->children)
      if (!OnlyCountStar(ch)) return false;
    return true;
  }

  // MATCH (a ...)-[:T]->() followed by WITH/RETURN ... count(*): see
  // DegreeCount. Only when nothing but the number of matches is used: the
  // relationship and the far node are anonymous or never read, carry no
  // labels or properties, there is no WHERE, and count(*) is the only
  // aggregate.
  // Whether DegreeGroupCountOp can do the aggregation of `p` over the
  // counts of `count`: a scan over every (labelled) node in one direction,
  // and items that are count(*) or at most one key a.p.
  static bool GroupedInScan(const DegreeCount& count, const Projection& p, std::string* key_property,
                            int* key_slot, std::vector<int>* count_slots) {
    const NodePattern& n = *count.node;
    if (n.bound || NameLookup(n) || count.both || n.labels.size() > 1 || n.properties) return false;
    for (auto& item : p.items) {
      const Expr& e = *item.expr;
      if (e.kind == Expr::Kind::kCountStar) {
        count_slots->push_back(item.slot);
      } else if (e.kind == Expr::Kind::kProperty && e.children[0]->kind == Expr::Kind::kVariable &&
                 e.children[0]->slot == n.slot && *key_slot < 0) {
        *key_property = e.name;
        *key_slot = item.slot;
      } else {
        return false;
      }
    }
    return true;
  }

  // ORDER BY <a count> [DESC] [SKIP s] LIMIT k with literals: s + k, the
  // groups the sort can keep (-1: not that shape).
  static int64_t TopCounts(const Projection& p, const std::vector<int>& count_slots, bool* descending) {
    if (p.order.size() != 1 || p.where || !p.limit) return -1;
    const Expr& key = *p.order[0].expr;
    if (key.kind != Expr::Kind::kVariable ||
        std::find(count_slots.begin(), count_slots.end(), key.slot) == count_slots.end())
      return -1;
    auto literal = [](const ExprPtr& e) {
      return e && e->kind == Expr::Kind::kLiteral && e->value.kind() == K::kInt && e->value.as_int() >= 0
                 ? e->value.as_int()
                 : int64_t{-1};
    };
    int64_t limit = literal(p.limit), skip = p.skip ? literal(p.skip) : 0;
    if (limit < 0 || skip < 0) return -1;
    *descending = p.order[0].descending;
    return limit + skip;
  }

  static std::optional<DegreeCount> CountPushdown(const Clause& match, const Clause& next) {
    if (match.kind != Clause::Kind::kMatch || match.optional || match.where || match.patterns.size() != 1)
      return std::nullopt;
    if (next.kind != Clause::Kind::kWith && next.kind != Clause::Kind::kReturn) return std::nullopt;
    const Projection& p = next.projection;
    if (!p.aggregates) return std::nullopt;
    for (auto& item : p.items)
      if (!OnlyCountStar(item.expr)) return std::nullopt;
    const PatternPart& part = match.patterns[0];
    if (part.shortest || !part.path_variable.empty() || part.nodes.size() != 2 || part.rels.size() != 1)
      return std::nullopt;
    const RelPattern& r = part.rels[0];
    if (r.var_length || r.bound || r.properties || (!r.variable.empty() && r.used)) return std::nullopt;
    auto free = [](const NodePattern& n) {
      return !n.bound && n.labels.empty() && !n.properties && (n.variable.empty() || !n.used);
    };
    if (part.nodes[0].slot == part.nodes[1].slot) return std::nullopt;  // (a)-->(a)
    size_t counted;
    if (free(part.nodes[1])) counted = 0;
    else if (free(part.nodes[0])) counted = 1;
    else return std::nullopt;
    DegreeCount spec;
    spec.node = &part.nodes[counted];
    spec.types = r.types;
    spec.both = r.direction == RelPattern::Direction::kBoth;
    bool out = r.direction == RelPattern::Direction::kOut;
    if (counted == 1) out = !out;
    spec.direction = out ? graph::EdgeDirection::kOut : graph::EdgeDirection::kIn;
    return spec;
  }
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
        return MakeMatch(std::move(op), c, slots);
      }
      case Clause::Kind::kUnwind: return MakeUnwind(std::move(op), c);
      case Clause::Kind::kCreate: return MakeCreate(std::move(op), c);
      case Clause::Kind::kMerge: return MakeMerge(std::move(op), c);
      case Clause::Kind::kSet:
      case Clause::Kind::kRemove: return MakeSet(std::move(op), c);
      case Clause::Kind::kDelete: return MakeDelete(std::move(op), c);
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

  // `aggregated`: `op` already yields the projection's rows (one per group).
  OpPtr PlanProjection(OpPtr op, Projection& p, bool aggregated = false) {
    std::vector<int> keep;
    for (auto& i : p.items) keep.push_back(i.slot);
    if (aggregated) {
      if (p.distinct) op = MakeDistinct(std::move(op), keep);
    } else if (p.aggregates) {
      std::vector<AggSpec> aggs;
      std::vector<ExprPtr> post;
      for (auto& i : p.items) post.push_back(HasAggregate(i.expr) ? ExtractAggregates(i.expr, &aggs) : nullptr);
      op = MakeAggregate(std::move(op), p, std::move(aggs), std::move(post), &bound_.num_slots,
                                         weight_slot_);
      weight_slot_ = -1;
      if (p.distinct) op = MakeDistinct(std::move(op), keep);
    } else {
      op = MakeProject(std::move(op), p);
      if (p.distinct) op = MakeDistinct(std::move(op), keep);
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
      op = MakeSort(std::move(op), p.order, top_k);
    }
    if (p.skip || p.limit)
      op = MakeSkipLimit(std::move(op), p.skip.get(), p.limit.get(), bound_.num_slots);
    if (p.where) op = MakeFilter(std::move(op), *p.where);
    op = MakeScope(std::move(op), keep);
    return op;
  }

  BoundQuery& bound_;
  int weight_slot_ = -1;  // set by a DegreeCount, read by the next aggregation
};

}  // namespace

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
  return MakeUnion(std::move(parts), all, bound.column_slots);
}

}  // namespace kg::query_lang
