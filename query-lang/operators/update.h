// The updating clauses: CREATE, SET / REMOVE, [DETACH] DELETE and MERGE.
// Each is eager: it reads all its input rows before its first write (a
// query never sees its own writes half way), applies them in order, then
// yields the rows. Internal to query-lang/.
#pragma once

#include <vector>

#include "query-lang/matcher.h"
#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// CREATE: the clause's patterns, per row (nodes not already bound, and
// every relationship), bound into the row.
OpPtr MakeCreate(OpPtr child, const BoundClause& create);

// SET / REMOVE: the items in order, each write in the store before the
// next item is evaluated.
OpPtr MakeSet(OpPtr child, const BoundClause& set);

// [DETACH] DELETE: everything the clause names is gathered first; nothing
// is deleted when one of them may not be (a node with relationships left
// without DETACH; a claim or entity a document supports: refused with
// NotSupported / DeleteExtractedClaim, pointing to `kg retract`).
OpPtr MakeDelete(OpPtr child, const BoundClause& del);

// MERGE with ON CREATE / ON MATCH: per row, the pattern's matches (ON MATCH
// applied to each) or, when there is none, the pattern created (then ON
// CREATE). Rows in order: a later row sees what an earlier one created.
// The pattern starts as `access` says (ChooseAccess).
OpPtr MakeMerge(OpPtr child, const BoundClause& merge, std::vector<PartAccess> access);

}  // namespace kg::query_lang
