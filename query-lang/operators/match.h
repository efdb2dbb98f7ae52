// MATCH and OPTIONAL MATCH: pattern matching (query-lang/matcher.h) for each
// input row, filtered by the clause's WHERE. Internal to query-lang/.
#pragma once

#include <vector>

#include "query-lang/matcher.h"
#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// Each pattern part starts as `access` says (one per part, ChooseAccess).
// `new_slots`: the slots the clause binds, set to null on the one row an
// OPTIONAL MATCH yields for an input row without a match.
OpPtr MakeMatch(OpPtr child, const BoundClause& match, std::vector<PartAccess> access, std::vector<int> new_slots);

}  // namespace kg::query_lang
