// Aggregation (WITH / RETURN with count, sum, collect...): groups rows by
// the projection's non-aggregating items and computes each aggregate per
// group. Internal to query-lang/.
#pragma once

#include <vector>

#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// One aggregate call of a projection and the hidden slot its result goes to.
struct AggSpec {
  const BoundExpr* expr;  // kFunction with is_aggregate, or kCountStar
  int slot;
};

// Groups by the items i with post[i] == null (their values are the keys);
// an item with post[i] set is that expression evaluated over the group's
// aggregate slots. With no key, one group even without input. `width`: row
// width, read when run. `weight_slot` >= 0: every input row stands for that
// slot's integer rows (only count(*) aggregates then: see degree.h).
OpPtr MakeAggregate(OpPtr child, const BoundProjection& projection, std::vector<AggSpec> aggs,
                    std::vector<BoundExprPtr> post, const int* width, int weight_slot = -1);

}  // namespace kg::query_lang
