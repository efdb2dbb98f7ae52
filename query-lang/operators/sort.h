// ORDER BY, SKIP and LIMIT. Internal to query-lang/.
#pragma once

#include <cstdint>
#include <vector>

#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// The input in ORDER BY order (stable: equal keys keep their input order).
// `top_k` >= 0: only the first top_k rows are wanted (ORDER BY ... LIMIT
// with literals), kept in a heap of that size instead of sorting all.
OpPtr MakeSort(OpPtr child, const std::vector<BoundSortItem>& items, int64_t top_k);

// SKIP / LIMIT (either may be null), evaluated once on a row of `width`
// nulls: a non-integer is an InvalidArgumentType, a negative number a
// NegativeIntegerArgument. LIMIT 0 still runs its input (it may write).
OpPtr MakeSkipLimit(OpPtr child, const BoundExpr* skip, const BoundExpr* limit, int width);

}  // namespace kg::query_lang
