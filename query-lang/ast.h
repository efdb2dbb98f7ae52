// The abstract syntax tree of a query: what parser.cc builds from ANTLR's
// parse tree, as written. The binder reads it and makes a bound tree of its
// own (bound.h); nothing changes the AST after parsing. Internal to
// query-lang/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query-lang/query_engine.h"

namespace kg::query_lang {

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;
struct PatternPart;
struct SingleQuery;

// One expression node. A small generic shape keeps the parser, binder and
// evaluator short: `kind` says which fields matter.
struct Expr {
  enum class Kind {
    kLiteral,        // value
    kParameter,      // name
    kVariable,       // name
    kProperty,       // children[0].name
    kIndex,          // children[0][children[1]]
    kSlice,          // children[0][children[1]..children[2]] (null child: open end)
    kList,           // children
    kMap,            // keys[i]: children[i]
    kUnary,          // op ("-", "+", "NOT") children[0]
    kBinary,         // op ("+","-","*","/","%","^","AND","OR","XOR","=","<>","<",">","<=",">=",
                     //     "STARTS WITH","ENDS WITH","CONTAINS","=~","IN") children[0], children[1]
    kIsNull,         // children[0] IS NULL
    kIsNotNull,      // children[0] IS NOT NULL
    kFunction,       // name(children), distinct
    kCountStar,      // count(*)
    kCase,           // children: [subject?] whens/thens pairs, else? (see case_* fields)
    kListComprehension,  // [var IN children[0] WHERE children[1] | children[2]] (null: absent)
    kQuantifier,     // name (all/any/none/single)(var IN children[0] WHERE children[1])
    kPatternComprehension,  // [pattern WHERE children[0] | children[1]]
    kPatternPredicate,      // a pattern used as a boolean
    kLabelCheck,     // children[0]:labels
    kMapProjection,  // name{keys: children; key "." + prop, ".*" for all, "" for variable}
    kShortestPath,   // shortestPath(pattern) in an expression
    kExists,         // EXISTS { patterns WHERE children[0] } or EXISTS { subquery }
  };
  Kind kind = Kind::kLiteral;
  std::string name;  // variable, property key, function or parameter name; operator
  Value value;       // literal value
  std::vector<ExprPtr> children;
  std::vector<std::string> keys;  // map keys, labels
  bool distinct = false;
  bool has_subject = false;  // CASE x WHEN ...
  bool has_else = false;
  std::shared_ptr<PatternPart> pattern;
  std::shared_ptr<std::vector<PatternPart>> patterns;  // kExists, simple form
  std::shared_ptr<SingleQuery> subquery;               // kExists, full form
  std::string text;  // the source text (for column names)
  int line = 0, column = 0;

  Expr() = default;
  Expr(const Expr&) = default;
  Expr& operator=(const Expr&) = default;
  // Iterative, so a long operator chain cannot overflow the stack.
  ~Expr();
};

struct NodePattern {
  std::string variable;  // "" when anonymous (the binder names it)
  std::vector<std::string> labels;
  ExprPtr properties;  // map literal or parameter, or null
  int line = 0, column = 0;
};

struct RelPattern {
  enum class Direction { kOut, kIn, kBoth };
  std::string variable;
  std::vector<std::string> types;
  ExprPtr properties;
  Direction direction = Direction::kBoth;
  bool var_length = false;
  int64_t min_hops = 1;
  int64_t max_hops = -1;  // -1: the default upper bound
  int line = 0, column = 0;
};

struct PatternPart {
  std::string path_variable;
  int shortest = 0;  // 0: no, 1: shortestPath, 2: allShortestPaths
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;  // rels[i] joins nodes[i] and nodes[i + 1]
  int line = 0, column = 0;
};

struct ReturnItem {
  ExprPtr expr;
  std::string alias;  // the column name: the alias, or the expression text
  bool has_alias = false;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ReturnItem> items;
  std::vector<SortItem> order;
  ExprPtr skip, limit;
  ExprPtr where;  // WITH ... WHERE
};

// One item of SET or REMOVE (also MERGE's ON CREATE SET / ON MATCH SET).
struct SetItem {
  enum class Kind {
    kSetProperty,        // target.key = value
    kReplaceProperties,  // target = value (a map, node or relationship)
    kMergeProperties,    // target += value
    kAddLabels,          // target:labels
    kRemoveProperty,     // REMOVE target.key
    kRemoveLabels,       // REMOVE target:labels
  };
  Kind kind = Kind::kSetProperty;
  ExprPtr target;  // the node or relationship
  std::string key;
  std::vector<std::string> labels;
  ExprPtr value;
  int line = 0, column = 0;
};

struct Clause {
  enum class Kind { kMatch, kUnwind, kWith, kReturn, kCreate, kMerge, kSet, kRemove, kDelete, kUnsupported };
  Kind kind = Kind::kMatch;
  bool optional = false;
  std::vector<PatternPart> patterns;  // MATCH, CREATE, MERGE (one part)
  ExprPtr where;                      // MATCH
  ExprPtr expr;                       // UNWIND
  std::string variable;               // UNWIND
  Projection projection;              // WITH, RETURN
  std::vector<SetItem> set_items;     // SET, REMOVE
  std::vector<SetItem> on_create;     // MERGE ... ON CREATE SET
  std::vector<SetItem> on_match;      // MERGE ... ON MATCH SET
  std::vector<ExprPtr> exprs;         // DELETE
  bool detach = false;                // DETACH DELETE
  std::string name;                   // kUnsupported: the clause keyword
  int line = 0, column = 0;
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Query {
  bool explain = false;
  bool profile = false;
  std::vector<SingleQuery> parts;  // more than one: UNION
  std::vector<bool> union_all;
};

}  // namespace kg::query_lang
