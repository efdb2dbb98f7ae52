// planner.cc: a bound query -> a logical plan (logical_plan.h) -> physical
// operators (operators/).
#include "query-lang/planner.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/relations.h"
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
using Step = std::unique_ptr<LogicalOp>;

Step NewStep(LogicalOp::Kind kind, Step input) {
  auto s = std::make_unique<LogicalOp>();
  s->kind = kind;
  if (input) s->inputs.push_back(std::move(input));
  return s;
}

// Decides the logical plan of a bound query.
class Planner {
 public:
  explicit Planner(BoundQuery& bound) : bound_(bound) {}

  Step PlanSingle(BoundSingleQuery& sq, const Row* argument = nullptr) {
    Step op = NewStep(argument ? LogicalOp::Kind::kArgument : LogicalOp::Kind::kStart, nullptr);
    op->argument = argument;
    for (size_t i = 0; i < sq.clauses.size(); ++i) {
      BoundClause& c = sq.clauses[i];
      if (i + 1 < sq.clauses.size()) {
        if (auto count = CountPushdown(c, sq.clauses[i + 1])) {
          BoundProjection& p = sq.clauses[i + 1].projection;
          std::string key_property;
          int key_slot = -1;
          std::vector<int> count_slots;
          if (GroupedInScan(*count, p, &key_property, &key_slot, &count_slots)) {
            op = NewStep(LogicalOp::Kind::kDegreeGroupCount, std::move(op));
            op->degree = *count;
            op->key_property = key_property;
            op->key_slot = key_slot;
            op->count_slots = count_slots;
            op->top_k = TopCounts(p, count_slots, &op->descending);
            op = PlanProjection(std::move(op), p, /*aggregated=*/true);
            ++i;  // the projection is planned
            continue;
          }
          count->weight_slot = bound_.num_slots++;
          weight_slot_ = count->weight_slot;
          bool by_scan = !count->node->bound && !NameLookup(*count->node);
          op = NewStep(by_scan ? LogicalOp::Kind::kDegreeScan : LogicalOp::Kind::kDegreeCount, std::move(op));
          op->degree = *count;
          continue;
        }
      }
      op = PlanClause(std::move(op), c);
    }
    return op;
  }

 private:
  static bool OnlyCountStar(const BoundExprPtr& e) {
    if (!e) return true;
    if (e->kind == BoundExpr::Kind::kCountStar) return true;
    if (e->is_aggregate) return false;
    for (auto& ch : e->children)
      if (!OnlyCountStar(ch)) return false;
    return true;
  }

  // Whether DegreeGroupCount can do the aggregation of `p` over the
  // counts of `count`: a scan over every (labelled) node in one direction,
  // and items that are count(*) or at most one key a.p.
  static bool GroupedInScan(const DegreeCount& count, const BoundProjection& p, std::string* key_property,
                            int* key_slot, std::vector<int>* count_slots) {
    const BoundNode& n = *count.node;
    if (n.bound || NameLookup(n) || count.both || n.labels.size() > 1 || n.properties) return false;
    // Its scan reads one direction: a relation that holds both ways
    // (speak_with), which a directed pattern matches both ways, is counted
    // by DegreeScan instead (any type may be one when none is named).
    if (count.types.empty()) return false;
    for (const std::string& t : count.types)
      if (IsSymmetricRelation(t)) return false;
    for (auto& item : p.items) {
      const BoundExpr& e = *item.expr;
      if (e.kind == BoundExpr::Kind::kCountStar) {
        count_slots->push_back(item.slot);
      } else if (e.kind == BoundExpr::Kind::kProperty && e.children[0]->kind == BoundExpr::Kind::kVariable &&
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
  static int64_t TopCounts(const BoundProjection& p, const std::vector<int>& count_slots, bool* descending) {
    if (p.order.size() != 1 || p.where || !p.limit) return -1;
    const BoundExpr& key = *p.order[0].expr;
    if (key.kind != BoundExpr::Kind::kVariable ||
        std::find(count_slots.begin(), count_slots.end(), key.slot) == count_slots.end())
      return -1;
    auto literal = [](const BoundExprPtr& e) {
      return e && e->kind == BoundExpr::Kind::kLiteral && e->value.kind() == K::kInt && e->value.as_int() >= 0
                 ? e->value.as_int()
                 : int64_t{-1};
    };
    int64_t limit = literal(p.limit), skip = p.skip ? literal(p.skip) : 0;
    if (limit < 0 || skip < 0) return -1;
    *descending = p.order[0].descending;
    return limit + skip;
  }

  // MATCH (a ...)-[:T]->() followed by WITH/RETURN ... count(*): see
  // operators/degree.h. Only when nothing but the number of matches is
  // used: the relationship and the far node are anonymous or never read,
  // carry no labels or properties, there is no WHERE, and count(*) is the
  // only aggregate.
  static std::optional<DegreeCount> CountPushdown(const BoundClause& match, const BoundClause& next) {
    if (match.kind != BoundClause::Kind::kMatch || match.optional || match.where || match.patterns.size() != 1)
      return std::nullopt;
    if (next.kind != BoundClause::Kind::kWith && next.kind != BoundClause::Kind::kReturn) return std::nullopt;
    const BoundProjection& p = next.projection;
    if (!p.aggregates) return std::nullopt;
    for (auto& item : p.items)
      if (!OnlyCountStar(item.expr)) return std::nullopt;
    const BoundPattern& part = match.patterns[0];
    if (part.shortest || !part.path_variable.empty() || part.nodes.size() != 2 || part.rels.size() != 1)
      return std::nullopt;
    const BoundRel& r = part.rels[0];
    if (r.var_length || r.bound || r.properties || (!r.variable.empty() && r.used)) return std::nullopt;
    auto free = [](const BoundNode& n) {
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
    spec.both = r.direction == BoundRel::Direction::kBoth;
    bool out = r.direction == BoundRel::Direction::kOut;
    if (counted == 1) out = !out;
    spec.direction = out ? graph::EdgeDirection::kOut : graph::EdgeDirection::kIn;
    return spec;
  }
  static void PatternSlots(const BoundPattern& p, std::vector<int>* out) {
    for (auto& n : p.nodes) if (!n.bound) out->push_back(n.slot);
    for (auto& r : p.rels) if (!r.bound) out->push_back(r.slot);
    if (p.path_slot >= 0) out->push_back(p.path_slot);
  }

  Step PlanClause(Step op, BoundClause& c) {
    using Kind = LogicalOp::Kind;
    Kind kind;
    switch (c.kind) {
      case BoundClause::Kind::kMatch: {
        op = NewStep(Kind::kMatch, std::move(op));
        op->clause = &c;
        op->access = ChooseAccess(c.patterns);
        for (auto& p : c.patterns) PatternSlots(p, &op->slots);
        return op;
      }
      case BoundClause::Kind::kMerge:
        op = NewStep(Kind::kMerge, std::move(op));
        op->clause = &c;
        op->access = ChooseAccess(c.patterns);
        return op;
      case BoundClause::Kind::kUnwind: kind = Kind::kUnwind; break;
      case BoundClause::Kind::kCreate: kind = Kind::kCreate; break;
      case BoundClause::Kind::kSet:
      case BoundClause::Kind::kRemove: kind = Kind::kSet; break;
      case BoundClause::Kind::kDelete: kind = Kind::kDelete; break;
      case BoundClause::Kind::kWith:
      case BoundClause::Kind::kReturn: return PlanProjection(std::move(op), c.projection);
      case BoundClause::Kind::kUnsupported:
      default: ThrowError("NotSupported", "", "unsupported clause");
    }
    op = NewStep(kind, std::move(op));
    op->clause = &c;
    return op;
  }

  // Replaces aggregate calls in `e` with variables reading hidden slots.
  BoundExprPtr ExtractAggregates(const BoundExprPtr& e, std::vector<AggSpec>* aggs) {
    if (!e) return e;
    if (e->is_aggregate || e->kind == BoundExpr::Kind::kCountStar) {
      int slot = bound_.num_slots++;
      aggs->push_back({e.get(), slot});
      auto v = std::make_shared<BoundExpr>();
      v->kind = BoundExpr::Kind::kVariable;
      v->slot = slot;
      v->text = e->text;
      return v;
    }
    auto copy = std::make_shared<BoundExpr>(*e);
    for (auto& ch : copy->children) ch = ExtractAggregates(ch, aggs);
    return copy;
  }

  static bool HasAggregate(const BoundExprPtr& e) {
    if (!e) return false;
    if (e->is_aggregate || e->kind == BoundExpr::Kind::kCountStar) return true;
    for (auto& ch : e->children) if (HasAggregate(ch)) return true;
    return false;
  }

  // `aggregated`: `op` already yields the projection's rows (one per group).
  Step PlanProjection(Step op, BoundProjection& p, bool aggregated = false) {
    using Kind = LogicalOp::Kind;
    std::vector<int> keep;
    for (auto& i : p.items) keep.push_back(i.slot);
    if (!aggregated && p.aggregates) {
      op = NewStep(Kind::kAggregate, std::move(op));
      op->projection = &p;
      for (auto& i : p.items)
        op->post.push_back(HasAggregate(i.expr) ? ExtractAggregates(i.expr, &op->aggs) : nullptr);
      op->weight_slot = weight_slot_;
      weight_slot_ = -1;
    } else if (!aggregated) {
      op = NewStep(Kind::kProject, std::move(op));
      op->projection = &p;
    }
    if (p.distinct) {
      op = NewStep(Kind::kDistinct, std::move(op));
      op->slots = keep;
    }
    if (!p.order.empty()) {
      int64_t top_k = -1;
      if (p.limit && p.limit->kind == BoundExpr::Kind::kLiteral && p.limit->value.kind() == K::kInt) {
        top_k = p.limit->value.as_int();
        if (p.skip && p.skip->kind == BoundExpr::Kind::kLiteral && p.skip->value.kind() == K::kInt)
          top_k += p.skip->value.as_int();
        else if (p.skip)
          top_k = -1;
      }
      op = NewStep(Kind::kSort, std::move(op));
      op->projection = &p;
      op->top_k = top_k;
    }
    if (p.skip || p.limit) {
      op = NewStep(Kind::kSkipLimit, std::move(op));
      op->projection = &p;
    }
    if (p.where) {
      op = NewStep(Kind::kFilter, std::move(op));
      op->predicate = p.where.get();
    }
    op = NewStep(Kind::kScope, std::move(op));
    op->slots = keep;
    return op;
  }

  BoundQuery& bound_;
  int weight_slot_ = -1;  // set by a degree step, read by the next aggregation
};

// The physical operator of each step (remembered in the step for PROFILE).
OpPtr Build(LogicalOp& step, BoundQuery& bound) {
  using Kind = LogicalOp::Kind;
  std::vector<OpPtr> in;
  for (auto& s : step.inputs) in.push_back(Build(*s, bound));
  OpPtr child = in.empty() ? nullptr : std::move(in[0]);
  OpPtr op;
  switch (step.kind) {
    case Kind::kStart: op = MakeStart(&bound.num_slots); break;
    case Kind::kArgument: op = MakeArgument(step.argument, &bound.num_slots); break;
    case Kind::kMatch: op = MakeMatch(std::move(child), *step.clause, step.access, step.slots); break;
    case Kind::kDegreeCount: op = MakeDegreeCount(std::move(child), step.degree); break;
    case Kind::kDegreeScan: op = MakeDegreeScan(std::move(child), step.degree); break;
    case Kind::kDegreeGroupCount:
      op = MakeDegreeGroupCount(std::move(child), step.degree, step.key_property, step.key_slot, step.count_slots,
                                &bound.num_slots, step.top_k, step.descending);
      break;
    case Kind::kUnwind: op = MakeUnwind(std::move(child), *step.clause); break;
    case Kind::kFilter: op = MakeFilter(std::move(child), *step.predicate); break;
    case Kind::kProject: op = MakeProject(std::move(child), *step.projection); break;
    case Kind::kAggregate:
      op = MakeAggregate(std::move(child), *step.projection, step.aggs, step.post, &bound.num_slots,
                         step.weight_slot);
      break;
    case Kind::kDistinct: op = MakeDistinct(std::move(child), step.slots); break;
    case Kind::kSort: op = MakeSort(std::move(child), step.projection->order, step.top_k); break;
    case Kind::kSkipLimit:
      op = MakeSkipLimit(std::move(child), step.projection->skip.get(), step.projection->limit.get(),
                         bound.num_slots);
      break;
    case Kind::kScope: op = MakeScope(std::move(child), step.slots); break;
    case Kind::kCreate: op = MakeCreate(std::move(child), *step.clause); break;
    case Kind::kSet: op = MakeSet(std::move(child), *step.clause); break;
    case Kind::kDelete: op = MakeDelete(std::move(child), *step.clause); break;
    case Kind::kMerge: op = MakeMerge(std::move(child), *step.clause, step.access); break;
    case Kind::kUnion: {
      in[0] = std::move(child);
      op = MakeUnion(std::move(in), step.all, step.slots);
      break;
    }
  }
  step.physical = op.get();
  return op;
}

}  // namespace

OpPtr PlanSubquery(BoundSingleQuery& subquery, BoundQuery& bound, const Row* argument) {
  Planner planner(bound);
  Step logical = planner.PlanSingle(subquery, argument);
  return Build(*logical, bound);
}

PlannedQuery Plan(BoundQuery& bound) {
  Planner planner(bound);
  PlannedQuery out;
  if (bound.parts.size() == 1) {
    out.logical = planner.PlanSingle(bound.parts[0]);
  } else {
    out.logical = NewStep(LogicalOp::Kind::kUnion, nullptr);
    for (auto& sq : bound.parts) out.logical->inputs.push_back(planner.PlanSingle(sq));
    out.logical->all = bound.union_all;
    out.logical->slots = bound.column_slots;
  }
  out.root = Build(*out.logical, bound);
  return out;
}

}  // namespace kg::query_lang
