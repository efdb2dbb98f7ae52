// Expression evaluation and the value semantics operators share: Cypher's
// ternary equality, comparison, ORDER BY's total order, and hashing for
// DISTINCT and grouping. Internal to query-lang/.
#pragma once

#include <cstddef>

#include "query-lang/bound.h"
#include "query-lang/exec_context.h"

namespace kg::query_lang {

// Evaluates `e` over `row` (local variables of comprehensions are written
// into their slots of `row`). Throws QueryException on type/argument errors.
Value Eval(const BoundExpr& e, Row& row, ExecContext& ctx);

// WHERE semantics: only `true` passes (null and false do not).
inline bool IsTrue(const Value& v) { return v.kind() == Value::Kind::kBool && v.as_bool(); }

// Cypher `=`: true, false or null.
Value TernaryEquals(const Value& a, const Value& b);
// Cypher `<`-family: -1/0/1, or 2 when incomparable (the result is null).
int CompareForPredicate(const Value& a, const Value& b);
// ORDER BY's total order (maps < nodes < relationships < lists < paths <
// strings < booleans < numbers < null).
int OrderCompare(const Value& a, const Value& b);

struct ValueHash {
  size_t operator()(const Value& v) const;
};
struct RowHash {
  size_t operator()(const std::vector<Value>& r) const;
};

}  // namespace kg::query_lang
