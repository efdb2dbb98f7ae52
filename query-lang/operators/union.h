// UNION and UNION ALL. Internal to query-lang/.
#pragma once

#include <vector>

#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// The parts' rows one part after the other; without `all`, a row whose
// `slots` (the RETURN columns, the same slots in every part) equal an
// earlier row's is dropped.
OpPtr MakeUnion(std::vector<OpPtr> parts, bool all, std::vector<int> slots);

}  // namespace kg::query_lang
