// Bind(): semantic analysis of a parsed query, in place.
//
// Resolves every variable to a row slot (Expr::slot, NodePattern::slot...),
// checks scoping and typing rules the TCK classifies as compile-time errors
// (UndefinedVariable, VariableAlreadyBound, VariableTypeConflict,
// InvalidAggregation, NestedAggregation, AmbiguousAggregationExpression,
// NoExpressionAlias, ColumnNameConflict, UnknownFunction,
// InvalidNumberOfArguments, NoSingleRelationshipType,
// RequiresDirectedRelationship, CreatingVarLength, InvalidParameterUse...),
// and marks aggregations. Throws QueryException.
#pragma once

#include <string>
#include <vector>

#include "query-lang/ast.h"

namespace kg::query_lang {

struct BoundQuery {
  int num_slots = 0;                 // size of every row
  std::vector<std::string> columns;  // RETURN column names (empty: no RETURN)
  std::vector<int> column_slots;
};

BoundQuery Bind(Query& query);

// Whether `name` (case-insensitive) is an aggregating function.
bool IsAggregateFunction(const std::string& name);

}  // namespace kg::query_lang
