// Row-at-a-time operators of WHERE, UNWIND, WITH and RETURN: filtering,
// unwinding lists, projecting, DISTINCT, and dropping what went out of
// scope. Internal to query-lang/.
#pragma once

#include <vector>

#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// Rows for which `predicate` is true (null and false drop the row).
OpPtr MakeFilter(OpPtr child, const BoundExpr& predicate);

// UNWIND: one row per item of the list (a non-list value: one row; null:
// none), the item in the clause's slot.
OpPtr MakeUnwind(OpPtr child, const BoundClause& unwind);

// The projection's items evaluated into their slots (all evaluated before
// any is written: an alias may shadow a name another item reads).
OpPtr MakeProject(OpPtr child, const BoundProjection& projection);

// The first row of each distinct combination of `slots`.
OpPtr MakeDistinct(OpPtr child, std::vector<int> slots);

// Rows with every slot but `keep` set to null (what the next clause sees).
OpPtr MakeScope(OpPtr child, std::vector<int> keep);

}  // namespace kg::query_lang
