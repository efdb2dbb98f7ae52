// Plan(): a bound query -> a tree of physical operators (operators/).
//
// MATCH becomes a pattern-matching operator that picks its start node by
// index (matcher.h), WHERE a filter, WITH/RETURN a projection, aggregation,
// DISTINCT, sort, skip and limit, UNWIND an unwind, CREATE an eager create
// (all input read before the first write, so a query never sees its own
// writes), UNION a union of the parts' plans.
#pragma once

#include "query-lang/binder.h"
#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// `bound` may grow (hidden slots for aggregates).
OpPtr Plan(Query& query, BoundQuery& bound);

// The plan of an EXISTS { ... } subquery for one outer row: its first
// operator yields `*argument` (widened to bound.num_slots, which planning may
// grow). `argument` must outlive the plan's run.
OpPtr PlanSubquery(SingleQuery& subquery, BoundQuery& bound, const Row* argument);

}  // namespace kg::query_lang
