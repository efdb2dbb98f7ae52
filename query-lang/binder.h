// Bind(): semantic analysis of a parsed query, into a bound tree of its own
// (bound.h); the AST is left as the parser made it.
//
// Resolves every variable to a row slot (BoundExpr::slot, BoundNode::slot...),
// checks scoping and typing rules the TCK classifies as compile-time errors
// (UndefinedVariable, VariableAlreadyBound, VariableTypeConflict,
// InvalidAggregation, NestedAggregation, AmbiguousAggregationExpression,
// NoExpressionAlias, ColumnNameConflict, UnknownFunction,
// InvalidNumberOfArguments, NoSingleRelationshipType,
// RequiresDirectedRelationship, CreatingVarLength, InvalidParameterUse...),
// marks aggregations, and resolves operators, functions and literal regexes
// and lists. Throws QueryException.
#pragma once

#include <string>
#include <vector>

#include "query-lang/ast.h"
#include "query-lang/bound.h"

namespace kg::query_lang {

BoundQuery Bind(const Query& query);

// Whether `name` (case-insensitive) is an aggregating function.
bool IsAggregateFunction(const std::string& name);

}  // namespace kg::query_lang
