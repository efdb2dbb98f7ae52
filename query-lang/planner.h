// Plan(): a bound query -> a logical plan -> physical operators.
//
// The planner decides the logical plan (logical_plan.h): MATCH becomes a
// match step whose pattern parts each start where ChooseAccess says (a
// bound node, the name index, a relationship scan, a label, all nodes), or
// a degree step when only its count is used; WHERE a filter; WITH/RETURN a
// projection or aggregation, DISTINCT, sort (top-k under a literal LIMIT),
// skip/limit; UNWIND an unwind; the updating clauses eager steps (all input
// read before the first write, so a query never sees its own writes); UNION
// a union of the parts. Each step then becomes one physical operator
// (operators/).
#pragma once

#include <memory>

#include "query-lang/binder.h"
#include "query-lang/logical_plan.h"
#include "query-lang/operators/operator.h"

namespace kg::query_lang {

struct PlannedQuery {
  std::unique_ptr<LogicalOp> logical;  // what EXPLAIN / PROFILE print
  OpPtr root;                          // what runs
};

// `bound.num_slots` may grow (hidden slots for aggregates and counts).
// `bound` must outlive the plan.
PlannedQuery Plan(BoundQuery& bound);

// The operators of an EXISTS { ... } subquery for one outer row: its first
// operator yields `*argument` (widened to bound.num_slots, which planning may
// grow). `argument` must outlive the plan's run.
OpPtr PlanSubquery(BoundSingleQuery& subquery, BoundQuery& bound, const Row* argument);

}  // namespace kg::query_lang
