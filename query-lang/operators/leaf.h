// Leaf operators: where a query's rows start. Internal to query-lang/.
#pragma once

#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// One empty row. `width` is read when run (planning may still add hidden
// slots after this operator is made).
OpPtr MakeStart(const int* width);

// The outer row of a correlated subquery (EXISTS { MATCH ... }), once,
// widened to `*width`. `row` must outlive the run.
OpPtr MakeArgument(const Row* row, const int* width);

}  // namespace kg::query_lang
