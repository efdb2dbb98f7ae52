// The bound query: what the binder (binder.h) makes of a parsed query. The
// AST (ast.h) stays as the parser left it; the bound tree is the binder's
// own, the same shape with everything resolved that evaluation and
// planning need:
//  * every variable a row slot (BoundExpr::slot, BoundNode::slot, ...),
//    whether it was bound before its pattern, and whether anything reads it;
//  * operators as enums, the implementation of each function call, the
//    compiled pattern of `x =~ 'literal'`, list and map literals made values;
//  * which projections aggregate and which calls are aggregates;
//  * the RETURN columns and the row width.
// The planner (planner.h), the matcher and the operators read only this.
// Internal to query-lang/.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "query-lang/ast.h"

namespace kg::query_lang {

struct FunctionInfo;  // functions.h
class Regex;          // regex.h
struct BoundExpr;
using BoundExprPtr = std::shared_ptr<BoundExpr>;
struct BoundPattern;
struct BoundSingleQuery;

struct BoundExpr {
  using Kind = Expr::Kind;
  // The operator of a kUnary / kBinary expression.
  enum class Op : uint8_t {
    kNone,  // not resolved (a hand-made expression: the evaluator reads `name`)
    kAnd, kOr, kXor, kEq, kNe, kLt, kGt, kLe, kGe, kIn, kStartsWith, kEndsWith, kContains, kRegex,
    kAdd, kSub, kMul, kDiv, kMod, kPow,  // binary arithmetic
    kNot, kNegate, kPlus,                // unary
  };

  Kind kind = Kind::kLiteral;
  std::string name;  // variable, property key, function (lower case) or parameter name; operator text
  Value value;       // kLiteral; a kList / kMap of literals: its value (then `constant`)
  std::vector<BoundExprPtr> children;
  std::vector<std::string> keys;  // map keys, labels
  bool distinct = false;
  bool has_subject = false;  // CASE x WHEN ...
  bool has_else = false;
  std::shared_ptr<BoundPattern> pattern;
  std::shared_ptr<std::vector<BoundPattern>> patterns;  // kExists, simple form
  std::shared_ptr<BoundSingleQuery> subquery;           // kExists, full form
  std::string text;  // the source text (for column names and plans)
  int line = 0, column = 0;

  int slot = -1;              // kVariable, comprehension/quantifier variable
  bool is_aggregate = false;  // an aggregating function call
  bool constant = false;      // a kList / kMap whose `value` is already computed
  Op op = Op::kNone;
  const FunctionInfo* function = nullptr;  // kFunction (not an aggregate)
  std::shared_ptr<const Regex> regex;      // `x =~ 'literal'`: compiled once

  BoundExpr() = default;
  BoundExpr(const BoundExpr&) = default;
  BoundExpr& operator=(const BoundExpr&) = default;
  // Iterative, so a long operator chain cannot overflow the stack.
  ~BoundExpr();
};

struct BoundNode {
  std::string variable;  // "" when anonymous
  std::vector<std::string> labels;
  BoundExprPtr properties;  // map or parameter, or null
  int line = 0, column = 0;
  int slot = -1;
  bool bound = false;  // the variable was bound before this pattern
  bool used = true;    // MATCH: false when nothing reads the variable
};

struct BoundRel {
  using Direction = RelPattern::Direction;
  std::string variable;
  std::vector<std::string> types;
  BoundExprPtr properties;
  Direction direction = Direction::kBoth;
  bool var_length = false;
  int64_t min_hops = 1;
  int64_t max_hops = -1;  // -1: the default upper bound
  int line = 0, column = 0;
  int slot = -1;
  bool bound = false;
  bool used = true;
};

struct BoundPattern {
  std::string path_variable;
  int shortest = 0;  // 0: no, 1: shortestPath, 2: allShortestPaths
  std::vector<BoundNode> nodes;
  std::vector<BoundRel> rels;  // rels[i] joins nodes[i] and nodes[i + 1]
  int line = 0, column = 0;
  int path_slot = -1;
};

struct BoundReturnItem {
  BoundExprPtr expr;
  std::string alias;  // the column name
  bool has_alias = false;
  int slot = -1;  // where the projected value goes
};

struct BoundSortItem {
  BoundExprPtr expr;
  bool descending = false;
};

struct BoundProjection {
  bool distinct = false;
  bool star = false;
  std::vector<BoundReturnItem> items;
  std::vector<BoundSortItem> order;
  BoundExprPtr skip, limit;
  BoundExprPtr where;
  bool aggregates = false;
};

struct BoundSetItem {
  using Kind = SetItem::Kind;
  Kind kind = Kind::kSetProperty;
  BoundExprPtr target;
  std::string key;
  std::vector<std::string> labels;
  BoundExprPtr value;
  int line = 0, column = 0;
};

struct BoundClause {
  using Kind = Clause::Kind;
  Kind kind = Kind::kMatch;
  bool optional = false;
  std::vector<BoundPattern> patterns;
  BoundExprPtr where;
  BoundExprPtr expr;     // UNWIND
  std::string variable;  // UNWIND
  int slot = -1;         // UNWIND
  BoundProjection projection;
  std::vector<BoundSetItem> set_items;
  std::vector<BoundSetItem> on_create;
  std::vector<BoundSetItem> on_match;
  std::vector<BoundExprPtr> exprs;  // DELETE
  bool detach = false;
  std::string name;  // kUnsupported
  int line = 0, column = 0;
};

struct BoundSingleQuery {
  std::vector<BoundClause> clauses;
};

struct BoundQuery {
  std::vector<BoundSingleQuery> parts;  // more than one: UNION
  bool union_all = false;               // UNION ALL (all the same: mixing is refused)
  int num_slots = 0;                    // size of every row (planning may add hidden slots)
  std::vector<std::string> columns;     // RETURN column names (empty: no RETURN)
  std::vector<int> column_slots;
};

}  // namespace kg::query_lang
