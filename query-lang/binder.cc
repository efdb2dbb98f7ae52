// binder.cc: scopes, slots and compile-time semantic errors (see binder.h).
#include "query-lang/binder.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "query-lang/errors.h"
#include "query-lang/functions.h"
#include "query-lang/regex.h"

namespace kg::query_lang {

BoundExpr::~BoundExpr() {
  std::vector<BoundExprPtr> stack;
  for (auto& c : children)
    if (c && c.use_count() == 1) stack.push_back(std::move(c));
  while (!stack.empty()) {
    BoundExprPtr e = std::move(stack.back());
    stack.pop_back();
    for (auto& c : e->children)
      if (c && c.use_count() == 1) stack.push_back(std::move(c));
  }
}

namespace {

enum class VarType { kAny, kValue, kNode, kRel, kRelList, kPath };

struct Var {
  int slot;
  VarType type;
};

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

using Scope = std::map<std::string, Var>;

BoundExpr::Op BinaryOp(const std::string& name) {
  static const std::map<std::string, BoundExpr::Op> kOps = {
      {"AND", BoundExpr::Op::kAnd}, {"OR", BoundExpr::Op::kOr}, {"XOR", BoundExpr::Op::kXor}, {"=", BoundExpr::Op::kEq},
      {"<>", BoundExpr::Op::kNe}, {"<", BoundExpr::Op::kLt}, {">", BoundExpr::Op::kGt}, {"<=", BoundExpr::Op::kLe},
      {">=", BoundExpr::Op::kGe}, {"IN", BoundExpr::Op::kIn}, {"STARTS WITH", BoundExpr::Op::kStartsWith},
      {"ENDS WITH", BoundExpr::Op::kEndsWith}, {"CONTAINS", BoundExpr::Op::kContains}, {"=~", BoundExpr::Op::kRegex},
      {"+", BoundExpr::Op::kAdd}, {"-", BoundExpr::Op::kSub}, {"*", BoundExpr::Op::kMul}, {"/", BoundExpr::Op::kDiv},
      {"%", BoundExpr::Op::kMod}, {"^", BoundExpr::Op::kPow}};
  auto it = kOps.find(name);
  return it == kOps.end() ? BoundExpr::Op::kNone : it->second;
}

// Resolves what evaluation would otherwise look up per row: the operator,
// and the pattern of `x =~ 'literal'` (compiled here; a bad pattern stays
// for the evaluator to report when it is used, as before).
void ResolveOperator(BoundExpr& e) {
  if (e.kind == BoundExpr::Kind::kUnary) {
    e.op = e.name == "NOT" ? BoundExpr::Op::kNot : e.name == "-" ? BoundExpr::Op::kNegate : BoundExpr::Op::kPlus;
    return;
  }
  e.op = BinaryOp(e.name);
  if (e.op == BoundExpr::Op::kRegex && e.children[1]->kind == BoundExpr::Kind::kLiteral &&
      e.children[1]->value.kind() == Value::Kind::kString) {
    std::string error;
    e.regex = Regex::Compile(e.children[1]->value.as_string(), &error);
  }
}

// The matcher walks variable-length paths recursively: bound its depth.
constexpr int64_t kMaxHops = 1000;

// ---- The bound tree's first form: the AST copied, nothing resolved yet ----

BoundExprPtr Lower(const ExprPtr& e);
BoundPattern Lower(const PatternPart& p);
BoundSingleQuery Lower(const SingleQuery& sq);

BoundExprPtr Lower(const ExprPtr& e) {
  if (!e) return nullptr;
  auto b = std::make_shared<BoundExpr>();
  b->kind = e->kind;
  b->name = e->name;
  b->value = e->value;
  b->children.reserve(e->children.size());
  for (const auto& c : e->children) b->children.push_back(Lower(c));
  b->keys = e->keys;
  b->distinct = e->distinct;
  b->has_subject = e->has_subject;
  b->has_else = e->has_else;
  if (e->pattern) b->pattern = std::make_shared<BoundPattern>(Lower(*e->pattern));
  if (e->patterns) {
    b->patterns = std::make_shared<std::vector<BoundPattern>>();
    for (const auto& p : *e->patterns) b->patterns->push_back(Lower(p));
  }
  if (e->subquery) b->subquery = std::make_shared<BoundSingleQuery>(Lower(*e->subquery));
  b->text = e->text;
  b->line = e->line;
  b->column = e->column;
  return b;
}

BoundPattern Lower(const PatternPart& p) {
  BoundPattern b;
  b.path_variable = p.path_variable;
  b.shortest = p.shortest;
  for (const auto& n : p.nodes) {
    BoundNode bn;
    bn.variable = n.variable;
    bn.labels = n.labels;
    bn.properties = Lower(n.properties);
    bn.line = n.line;
    bn.column = n.column;
    b.nodes.push_back(std::move(bn));
  }
  for (const auto& r : p.rels) {
    BoundRel br;
    br.variable = r.variable;
    br.types = r.types;
    br.properties = Lower(r.properties);
    br.direction = r.direction;
    br.var_length = r.var_length;
    br.min_hops = r.min_hops;
    br.max_hops = r.max_hops;
    br.line = r.line;
    br.column = r.column;
    b.rels.push_back(std::move(br));
  }
  b.line = p.line;
  b.column = p.column;
  return b;
}

std::vector<BoundSetItem> Lower(const std::vector<SetItem>& items) {
  std::vector<BoundSetItem> out;
  for (const auto& i : items) {
    BoundSetItem b;
    b.kind = i.kind;
    b.target = Lower(i.target);
    b.key = i.key;
    b.labels = i.labels;
    b.value = Lower(i.value);
    b.line = i.line;
    b.column = i.column;
    out.push_back(std::move(b));
  }
  return out;
}

BoundSingleQuery Lower(const SingleQuery& sq) {
  BoundSingleQuery out;
  for (const auto& c : sq.clauses) {
    BoundClause b;
    b.kind = c.kind;
    b.optional = c.optional;
    for (const auto& p : c.patterns) b.patterns.push_back(Lower(p));
    b.where = Lower(c.where);
    b.expr = Lower(c.expr);
    b.variable = c.variable;
    const Projection& p = c.projection;
    b.projection.distinct = p.distinct;
    b.projection.star = p.star;
    for (const auto& i : p.items) b.projection.items.push_back({Lower(i.expr), i.alias, i.has_alias, -1});
    for (const auto& o : p.order) b.projection.order.push_back({Lower(o.expr), o.descending});
    b.projection.skip = Lower(p.skip);
    b.projection.limit = Lower(p.limit);
    b.projection.where = Lower(p.where);
    b.set_items = Lower(c.set_items);
    b.on_create = Lower(c.on_create);
    b.on_match = Lower(c.on_match);
    for (const auto& e : c.exprs) b.exprs.push_back(Lower(e));
    b.detach = c.detach;
    b.name = c.name;
    b.line = c.line;
    b.column = c.column;
    out.clauses.push_back(std::move(b));
  }
  return out;
}

BoundQuery Lower(const Query& q) {
  BoundQuery out;
  for (const auto& sq : q.parts) out.parts.push_back(Lower(sq));
  out.union_all = !q.union_all.empty() && q.union_all[0];
  return out;
}

// A list or map of literals (or of such lists and maps) is a value once and
// for all: made here, not per row.
void FoldConstant(BoundExpr& e) {
  for (const auto& c : e.children)
    if (c->kind != BoundExpr::Kind::kLiteral && !c->constant) return;
  if (e.kind == BoundExpr::Kind::kList) {
    ValueList items;
    for (const auto& c : e.children) items.push_back(c->value);
    e.value = Value::List(std::move(items));
  } else {
    ValueMap entries;
    for (size_t i = 0; i < e.children.size(); ++i) entries[e.keys[i]] = e.children[i]->value;
    e.value = Value::Map(std::move(entries));
  }
  e.constant = true;
}

class Binder {
 public:
  // Binds `q` (fresh from Lower) in place: slots, resolutions, checks.
  void Run(BoundQuery& q) {
    BoundQuery& out = q;
    for (size_t i = 0; i < q.parts.size(); ++i) {
      scope_.clear();
      std::vector<std::string> cols;
      std::vector<int> slots;
      BindSingle(q.parts[i], &cols, &slots);
      if (i == 0) {
        out.columns = cols;
        out.column_slots = slots;
      } else {
        if (cols != out.columns)
          ThrowSyntax("DifferentColumnsInUnion", "all parts of a UNION must return the same columns");
        for (size_t k = 0; k < slots.size(); ++k) {
          // Each part writes its RETURN into the first part's slots.
          for (auto& item : q.parts[i].clauses.back().projection.items)
            if (item.slot == slots[k]) item.slot = out.column_slots[k];
        }
      }
    }
    // Relationship variables nothing reads need not be materialized.
    for (auto& part : q.parts)
      for (auto& c : part.clauses)
        if (c.kind == BoundClause::Kind::kMatch)
          for (auto& p : c.patterns)
            for (auto& r : p.rels)
              if (!referenced_.count(r.slot)) r.used = false;
    // So do node variables nothing reads (only their ids are needed to match).
    for (auto& part : q.parts)
      for (auto& c : part.clauses)
        if (c.kind == BoundClause::Kind::kMatch)
          for (auto& p : c.patterns)
            for (auto& n : p.nodes)
              if (!referenced_.count(n.slot)) n.used = false;
    out.num_slots = next_slot_;
  }

 private:
  int NewSlot() { return next_slot_++; }

  void BindSingle(BoundSingleQuery& sq, std::vector<std::string>* cols, std::vector<int>* slots,
                  bool subquery = false) {
    auto& cl = sq.clauses;
    for (size_t i = 0; i < cl.size(); ++i) {
      BoundClause& c = cl[i];
      bool last = i + 1 == cl.size();
      if (c.kind == BoundClause::Kind::kReturn && !last)
        ThrowSyntax("InvalidClauseComposition", "RETURN can only be the last clause", c.line, c.column);
      bool updating = c.kind == BoundClause::Kind::kCreate || c.kind == BoundClause::Kind::kMerge ||
                      c.kind == BoundClause::Kind::kSet || c.kind == BoundClause::Kind::kRemove ||
                      c.kind == BoundClause::Kind::kDelete;
      if (last && !subquery && c.kind != BoundClause::Kind::kReturn && !updating &&
          c.kind != BoundClause::Kind::kUnsupported)
        ThrowSyntax("InvalidClauseComposition", "a query must end with RETURN or an update clause",
                    c.line, c.column);
      if (i > 0 && c.kind == BoundClause::Kind::kMatch && !c.optional) {
        // MATCH after OPTIONAL MATCH is fine; nothing to check.
      }
      switch (c.kind) {
        case BoundClause::Kind::kMatch: BindMatch(c); break;
        case BoundClause::Kind::kUnwind: {
          BindExpr(c.expr, scope_, false);
          if (scope_.count(c.variable))
            ThrowSyntax("VariableAlreadyBound", "variable `" + c.variable + "` already declared",
                        c.line, c.column);
          c.slot = NewSlot();
          scope_[c.variable] = {c.slot, VarType::kAny};
          break;
        }
        case BoundClause::Kind::kWith:
        case BoundClause::Kind::kReturn: BindProjection(c, cols, slots); break;
        case BoundClause::Kind::kCreate: BindCreate(c); break;
        case BoundClause::Kind::kMerge:
          merging_ = true;
          BindCreate(c);  // same rules for new variables
          merging_ = false;
          BindSetItems(c.on_create);
          BindSetItems(c.on_match);
          break;
        case BoundClause::Kind::kSet:
        case BoundClause::Kind::kRemove: BindSetItems(c.set_items); break;
        case BoundClause::Kind::kDelete:
          for (auto& e : c.exprs) {
            BindExpr(e, scope_, false);
            if (e->kind == BoundExpr::Kind::kLabelCheck)
              ThrowSyntax("InvalidDelete", "DELETE removes nodes, relationships and paths, not labels (`" +
                          e->text + "`); use REMOVE", e->line, e->column);
            if (e->kind == BoundExpr::Kind::kBinary || e->kind == BoundExpr::Kind::kUnary || e->kind == BoundExpr::Kind::kList ||
                e->kind == BoundExpr::Kind::kMap || (e->kind == BoundExpr::Kind::kLiteral && !e->value.is_null()))
              ThrowSyntax("InvalidArgumentType", "DELETE needs a node, relationship or path, not `" + e->text + "`",
                          e->line, e->column);
          }
          break;
        case BoundClause::Kind::kUnsupported:
          if (c.name == "CALL")
            ThrowError("ProcedureError", "ProcedureNotFound", "kg has no procedures to CALL", c.line, c.column);
          ThrowError("NotSupported", "", c.name + " is not supported by kg", c.line, c.column);
      }
    }
  }

  // SET / REMOVE items: the target and value read the current scope.
  void BindSetItems(std::vector<BoundSetItem>& items) {
    for (auto& si : items) {
      BindExpr(si.target, scope_, false);
      if (si.value && si.value->kind == BoundExpr::Kind::kPatternPredicate)
        ThrowSyntax("UnexpectedSyntax", "a pattern cannot be SET as a value", si.value->line, si.value->column);
      if (si.value) BindExpr(si.value, scope_, false);
      VarType t = VarTypeOf(si.target, scope_);
      if (t == VarType::kPath || t == VarType::kRelList)
        ThrowSyntax("InvalidArgumentType", "cannot set properties or labels of `" + si.target->text + "`",
                    si.line, si.column);
      if ((si.kind == BoundSetItem::Kind::kAddLabels || si.kind == BoundSetItem::Kind::kRemoveLabels) &&
          t == VarType::kRel)
        ThrowSyntax("InvalidArgumentType", "a relationship has no labels", si.line, si.column);
    }
  }

  // ---- Patterns ------------------------------------------------------------

  void BindNodeVar(BoundNode& n, bool create, Scope& scope, std::set<std::string>* declared_here) {
    if (n.variable.empty()) {
      n.slot = NewSlot();
      return;
    }
    auto it = scope.find(n.variable);
    if (it != scope.end()) {
      if (it->second.type != VarType::kNode && it->second.type != VarType::kAny)
        ThrowSyntax("VariableTypeConflict", "`" + n.variable + "` is not a node", n.line, n.column);
      if (create && (!n.labels.empty() || n.properties) && !declared_here->count(n.variable))
        ThrowSyntax("VariableAlreadyBound", "`" + n.variable + "` is already bound", n.line, n.column);
      if (create && (!n.labels.empty() || n.properties) && declared_here->count(n.variable))
        ThrowSyntax("VariableAlreadyBound", "`" + n.variable + "` is already bound", n.line, n.column);
      n.slot = it->second.slot;
      n.bound = !declared_here->count(n.variable);
      referenced_.insert(n.slot);  // matched against, or repeated in this pattern
      return;
    }
    n.slot = NewSlot();
    scope[n.variable] = {n.slot, VarType::kNode};
    declared_here->insert(n.variable);
  }

  void BindPatternPart(BoundPattern& p, bool create, Scope& scope, std::set<std::string>* declared,
                       std::set<std::string>* rels_here, bool allow_params) {
    if (!p.path_variable.empty() && scope.count(p.path_variable))
      ThrowSyntax("VariableAlreadyBound", "`" + p.path_variable + "` is already bound", p.line, p.column);
    for (auto& n : p.nodes) {
      BindNodeVar(n, create, scope, declared);
    }
    for (auto& r : p.rels) {
      if (r.var_length && (r.max_hops > kMaxHops || r.min_hops > kMaxHops))
        ThrowError("ArgumentError", "NumberOutOfRange",
                   "variable-length bounds above " + std::to_string(kMaxHops) + " are not supported",
                   r.line, r.column);
      if (create && !r.variable.empty() && scope.count(r.variable))
        ThrowSyntax("VariableAlreadyBound", "`" + r.variable + "` is already bound", r.line, r.column);
      if (create) {
        if (r.types.size() != 1)
          ThrowSyntax("NoSingleRelationshipType", "CREATE needs exactly one relationship type",
                      r.line, r.column);
        if (r.direction == BoundRel::Direction::kBoth && !merging_)  // MERGE creates it outgoing
          ThrowSyntax("RequiresDirectedRelationship", "CREATE needs a directed relationship",
                      r.line, r.column);
        if (r.var_length)
          ThrowSyntax("CreatingVarLength", "CREATE cannot make variable-length relationships",
                      r.line, r.column);
      }
      if (r.variable.empty()) {
        r.slot = NewSlot();
        continue;
      }
      auto it = scope.find(r.variable);
      if (it != scope.end()) {
        if (create || rels_here->count(r.variable))
          ThrowSyntax("VariableAlreadyBound", "`" + r.variable + "` is already bound", r.line, r.column);
        VarType want = r.var_length ? VarType::kRelList : VarType::kRel;
        if (it->second.type != want && it->second.type != VarType::kAny &&
            !(r.var_length && it->second.type == VarType::kValue))
          ThrowSyntax("VariableTypeConflict", "`" + r.variable + "` is not a relationship", r.line,
                      r.column);
        r.slot = it->second.slot;
        r.bound = true;
        referenced_.insert(r.slot);
        rels_here->insert(r.variable);
        continue;
      }
      r.slot = NewSlot();
      scope[r.variable] = {r.slot, r.var_length ? VarType::kRelList : VarType::kRel};
      rels_here->insert(r.variable);
    }
    // Property maps see the variables bound so far (not the ones being declared).
    auto check_props = [&](BoundExprPtr& e, int line, int column) {
      if (!e) return;
      if (e->kind == BoundExpr::Kind::kParameter && !allow_params)
        ThrowSyntax("InvalidParameterUse", "a parameter cannot be used as a property map here",
                    line, column);
      BindExpr(e, scope, false);
    };
    for (auto& n : p.nodes) check_props(n.properties, n.line, n.column);
    for (auto& r : p.rels) check_props(r.properties, r.line, r.column);
    if (!p.path_variable.empty()) {
      p.path_slot = NewSlot();
      scope[p.path_variable] = {p.path_slot, VarType::kPath};
    }
  }

  void BindMatch(BoundClause& c) {
    std::set<std::string> declared, rels_here;
    for (auto& p : c.patterns) {
      // A variable both declared as a node and a relationship in one MATCH.
      BindPatternPart(p, false, scope_, &declared, &rels_here, false);
    }
    CheckNodeRelConflicts(c.patterns);
    if (c.where) {
      if (c.where->kind == BoundExpr::Kind::kVariable) {
        auto it = scope_.find(c.where->name);
        if (it != scope_.end() && it->second.type != VarType::kAny && it->second.type != VarType::kValue)
          ThrowSyntax("InvalidArgumentType", "WHERE needs a boolean, not a graph element",
                      c.where->line, c.where->column);
      }
      BindExpr(c.where, scope_, false);
      if (ContainsAggregate(c.where))
        ThrowSyntax("InvalidAggregation", "aggregation is not allowed in WHERE", c.where->line,
                    c.where->column);
    }
  }

  void CheckNodeRelConflicts(const std::vector<BoundPattern>& parts) {
    std::set<std::string> nodes, rels, paths;
    for (auto& p : parts) {
      for (auto& n : p.nodes) if (!n.variable.empty()) nodes.insert(n.variable);
      for (auto& r : p.rels) if (!r.variable.empty()) rels.insert(r.variable);
      if (!p.path_variable.empty()) paths.insert(p.path_variable);
    }
    // A path variable names the whole path: reusing it for a node or
    // relationship of the same pattern binds it twice.
    for (auto& n : nodes)
      if (paths.count(n)) ThrowSyntax("VariableAlreadyBound", "`" + n + "` names both a path and a node");
    for (auto& r : rels)
      if (paths.count(r)) ThrowSyntax("VariableAlreadyBound", "`" + r + "` names both a path and a relationship");
    for (auto& n : nodes)
      if (rels.count(n)) ThrowSyntax("VariableTypeConflict", "`" + n + "` is used as a node and a relationship");
  }

  void BindCreate(BoundClause& c) {
    std::set<std::string> declared, rels_here;
    for (auto& p : c.patterns) {
      for (auto& n : p.nodes) {
        // A bound node in CREATE is referenced, not created (labels/props forbidden).
        (void)n;
      }
      BindPatternPart(p, true, scope_, &declared, &rels_here, !merging_);
      // A lone node pattern that is already bound: `CREATE (a)` with a bound.
      if (p.rels.empty() && !p.nodes[0].variable.empty() &&
          !declared.count(p.nodes[0].variable))
        ThrowSyntax("VariableAlreadyBound", "`" + p.nodes[0].variable + "` is already bound",
                    p.nodes[0].line, p.nodes[0].column);
    }
    CheckNodeRelConflicts(c.patterns);
  }

  // ---- Projections ---------------------------------------------------------

  // ORDER BY an expression that aggregates beside a projected expression
  // more complex than a variable or property (`ORDER BY a.x + b.y +
  // count(*)` after `RETURN a.x + b.y, ...`): ambiguous, as the TCK says,
  // and reported before any other error of the projection.
  void CheckOrderAggregation(const BoundProjection& p) {
    bool aggregating = false;
    for (auto& item : p.items) aggregating = aggregating || ContainsAggregateSyntax(item.expr);
    if (!aggregating) return;
    // (Inner links of an operator chain carry no text: compare the trees.)
    std::function<bool(const BoundExprPtr&, const BoundExprPtr&)> same = [&](const BoundExprPtr& a,
                                                                               const BoundExprPtr& b) {
      if (!a || !b) return a == b;
      if (a->kind != b->kind || a->name != b->name || a->keys != b->keys || !(a->value == b->value) ||
          a->children.size() != b->children.size())
        return false;
      for (size_t i = 0; i < a->children.size(); ++i)
        if (!same(a->children[i], b->children[i])) return false;
      return true;
    };
    auto projected = [&](const BoundExprPtr& x) {
      for (auto& item : p.items)
        if (same(item.expr, x)) return true;
      return false;
    };
    std::function<void(const BoundExprPtr&)> outside = [&](const BoundExprPtr& x) {
      if (!x) return;
      if (x->kind == BoundExpr::Kind::kCountStar) return;
      if (x->kind == BoundExpr::Kind::kFunction && IsAggregateFunction(x->name)) return;
      if (x->kind == BoundExpr::Kind::kVariable || x->kind == BoundExpr::Kind::kProperty) return;
      if (projected(x))
        ThrowSyntax("AmbiguousAggregationExpression",
                    "an expression is used beside an aggregation in ORDER BY; project it with an alias "
                    "and order by that",
                    x->line, x->column);
      for (auto& ch : x->children) outside(ch);
    };
    for (auto& s : p.order)
      if (ContainsAggregateSyntax(s.expr)) outside(s.expr);
  }

  void BindProjection(BoundClause& c, std::vector<std::string>* cols, std::vector<int>* slots) {
    BoundProjection& p = c.projection;
    bool is_return = c.kind == BoundClause::Kind::kReturn;
    CheckOrderAggregation(p);
    Scope old = scope_;
    if (p.star) {
      if (scope_.empty() && p.items.empty() && is_return)
        ThrowSyntax("NoVariablesInScope", "RETURN * needs variables in scope", c.line, c.column);
      std::vector<BoundReturnItem> star_items;
      for (auto& [name, var] : scope_) {
        if (name.rfind("  ", 0) == 0) continue;  // hidden
        BoundReturnItem ri;
        ri.expr = std::make_shared<BoundExpr>();
        ri.expr->kind = BoundExpr::Kind::kVariable;
        ri.expr->name = name;
        ri.expr->text = name;
        ri.alias = name;
        ri.has_alias = true;
        star_items.push_back(ri);
      }
      p.items.insert(p.items.begin(), star_items.begin(), star_items.end());
    }
    std::set<std::string> names;
    for (auto& item : p.items) {
      if (item.expr->kind == BoundExpr::Kind::kPatternPredicate)
        ThrowSyntax("UnexpectedSyntax", "a pattern cannot be returned; use a pattern comprehension",
                    item.expr->line, item.expr->column);
      BindExpr(item.expr, old, true);
      if (!is_return && !item.has_alias && item.expr->kind != BoundExpr::Kind::kVariable)
        ThrowSyntax("NoExpressionAlias", "expression in WITH must be aliased (use AS)",
                    item.expr->line, item.expr->column);
      if (!names.insert(item.alias).second)
        ThrowSyntax("ColumnNameConflict", "multiple result columns with the same name `" + item.alias + "`",
                    item.expr->line, item.expr->column);
      if (ContainsAggregate(item.expr)) p.aggregates = true;
    }
    if (p.aggregates) CheckAmbiguousAggregation(p);
    // New scope: the projected names.
    Scope next;
    for (auto& item : p.items) {
      item.slot = NewSlot();
      // WITH 1 AS x: x's type is known here, so x.num or NOT x fail at compile time.
      std::string known = StaticKind(item.expr);
      if (!known.empty()) static_kinds_[item.slot] = known;
      VarType t = VarType::kAny;
      if (item.expr->kind == BoundExpr::Kind::kVariable) {
        auto it = old.find(item.expr->name);
        if (it != old.end()) t = it->second.type;
      } else if ((item.expr->kind == BoundExpr::Kind::kLiteral && !item.expr->value.is_null()) ||
                 item.expr->kind == BoundExpr::Kind::kList || item.expr->kind == BoundExpr::Kind::kMap ||
                 (item.expr->kind == BoundExpr::Kind::kBinary && item.expr->name != "IN")) {
        t = VarType::kValue;
      }
      next[item.alias] = {item.slot, t};
    }
    // ORDER BY sees the projected names and, unless aggregating or DISTINCT,
    // the incoming ones too.
    Scope order_scope = next;
    if (!p.aggregates && !p.distinct)
      for (auto& [k, v] : old) order_scope.emplace(k, v);
    for (auto& s : p.order) {
      s.expr = ReplaceProjected(s.expr, p);
      if (p.aggregates || p.distinct) {
        CheckOrderScope(s.expr, next, old);
      }
      BindExpr(s.expr, order_scope, true);
      if (ContainsAggregate(s.expr) && !p.aggregates)
        ThrowSyntax("InvalidAggregation", "aggregation in ORDER BY needs an aggregating projection",
                    s.expr->line, s.expr->column);
      if (ContainsAggregate(s.expr))
        ThrowSyntax("InvalidAggregation", "ORDER BY may only aggregate what the projection returns",
                    s.expr->line, s.expr->column);
    }
    Scope empty;
    if (p.skip) BindConstant(p.skip, "SKIP");
    if (p.limit) BindConstant(p.limit, "LIMIT");
    scope_ = next;
    if (p.where) {
      p.where = ReplaceProjected(p.where, p);
      BindExpr(p.where, p.aggregates || p.distinct ? next : order_scope, false);
      if (ContainsAggregate(p.where))
        ThrowSyntax("InvalidAggregation", "aggregation is not allowed in WHERE", p.where->line,
                    p.where->column);
    }
    if (is_return) {
      cols->clear();
      slots->clear();
      for (auto& item : p.items) {
        cols->push_back(item.alias);
        slots->push_back(item.slot);
      }
    }
  }

  void CheckOrderScope(const BoundExprPtr& e, const Scope& next, const Scope& old) {
    // With DISTINCT/aggregation, ORDER BY may only use projected names.
    Walk(e, [&](const BoundExprPtr& x) {
      if (x->kind == BoundExpr::Kind::kVariable && !next.count(x->name) && old.count(x->name) &&
          x->slot < 0)
        ThrowSyntax("UndefinedVariable", "`" + x->name + "` is not projected", x->line, x->column);
    });
  }

  // ORDER BY n.name when the projection returns n.name: use the column.
  BoundExprPtr ReplaceProjected(const BoundExprPtr& e, const BoundProjection& p) {
    if (!e) return e;
    for (auto& item : p.items) {
      if (e->kind != BoundExpr::Kind::kVariable && e->text == item.expr->text) {
        auto v = std::make_shared<BoundExpr>();
        v->kind = BoundExpr::Kind::kVariable;
        v->name = item.alias;
        v->text = e->text;
        v->line = e->line;
        v->column = e->column;
        return v;
      }
    }
    auto copy = std::make_shared<BoundExpr>(*e);
    for (auto& ch : copy->children) ch = ReplaceProjected(ch, p);
    return copy;
  }

  void BindConstant(BoundExprPtr& e, const char* what) {
    Scope empty;
    Walk(e, [&](const BoundExprPtr& x) {
      if (x->kind == BoundExpr::Kind::kVariable || x->kind == BoundExpr::Kind::kPatternPredicate)
        ThrowSyntax("NonConstantExpression", std::string(what) + " must be a constant expression",
                    x->line, x->column);
    });
    BindExpr(e, empty, false);
    if (e->kind == BoundExpr::Kind::kLiteral) {
      const Value& v = e->value;
      if (v.kind() == Value::Kind::kInt && v.as_int() < 0)
        ThrowSyntax("NegativeIntegerArgument", std::string(what) + " must not be negative", e->line, e->column);
      if (v.kind() != Value::Kind::kInt)
        ThrowSyntax("InvalidArgumentType", std::string(what) + " must be an integer", e->line, e->column);
    }
  }

  void CheckAmbiguousAggregation(const BoundProjection& p) {
    std::set<std::string> keys;
    std::set<std::string> key_vars;
    for (auto& item : p.items) {
      if (ContainsAggregate(item.expr)) continue;
      keys.insert(item.expr->text);
      if (item.expr->kind == BoundExpr::Kind::kVariable) key_vars.insert(item.expr->name);
    }
    for (auto& item : p.items) {
      if (!ContainsAggregate(item.expr)) continue;
      std::function<void(const BoundExprPtr&)> check = [&](const BoundExprPtr& x) {
        if (!x) return;
        if (x->is_aggregate || x->kind == BoundExpr::Kind::kCountStar) return;
        if (keys.count(x->text) && x->kind != BoundExpr::Kind::kLiteral) return;
        if (x->kind == BoundExpr::Kind::kVariable && x->slot >= 0 && !local_slots_.count(x->slot) &&
            !key_vars.count(x->name))
          ThrowSyntax("AmbiguousAggregationExpression",
                      "`" + x->name + "` is used outside an aggregation but is not a grouping key",
                      x->line, x->column);
        for (auto& ch : x->children) check(ch);
      };
      check(item.expr);
    }
  }

  // ---- Expressions ---------------------------------------------------------

  static void Walk(const BoundExprPtr& e, const std::function<void(const BoundExprPtr&)>& f) {
    if (!e) return;
    f(e);
    for (auto& ch : e->children) Walk(ch, f);
  }

  static bool ContainsAggregate(const BoundExprPtr& e) {
    bool found = false;
    Walk(e, [&](const BoundExprPtr& x) {
      if (x->is_aggregate || x->kind == BoundExpr::Kind::kCountStar) found = true;
    });
    return found;
  }

  void BindExpr(BoundExprPtr& e, const Scope& scope, bool allow_aggregate, bool in_aggregate = false) {
    if (!e) return;
    switch (e->kind) {
      case BoundExpr::Kind::kVariable: {
        auto it = scope.find(e->name);
        if (it == scope.end())
          ThrowSyntax("UndefinedVariable", "variable `" + e->name + "` not defined", e->line, e->column);
        e->slot = it->second.slot;
        referenced_.insert(e->slot);
        return;
      }
      case BoundExpr::Kind::kCountStar:
        if (!allow_aggregate)
          ThrowSyntax("InvalidAggregation", "count(*) is not allowed here", e->line, e->column);
        if (in_aggregate)
          ThrowSyntax("NestedAggregation", "aggregations cannot be nested", e->line, e->column);
        return;
      case BoundExpr::Kind::kFunction: {
        std::string lname = Lower(e->name);
        const FunctionInfo* info = FindFunction(lname);
        if (!info) ThrowSyntax("UnknownFunction", "unknown function `" + e->name + "`", e->line, e->column);
        int n = static_cast<int>(e->children.size());
        if (n < info->min_args || (info->max_args >= 0 && n > info->max_args))
          ThrowSyntax("InvalidNumberOfArguments",
                      "wrong number of arguments to " + e->name + "()", e->line, e->column);
        e->name = lname;
        if (info->aggregate) {
          if (!allow_aggregate)
            ThrowSyntax("InvalidAggregation", "aggregation " + e->name + "() is not allowed here",
                        e->line, e->column);
          if (in_aggregate)
            ThrowSyntax("NestedAggregation", "aggregations cannot be nested", e->line, e->column);
          e->is_aggregate = true;
          for (auto& ch : e->children) {
            if (ch->kind == BoundExpr::Kind::kFunction && Lower(ch->name) == "rand")
              ThrowSyntax("NonConstantExpression", "cannot aggregate rand()", ch->line, ch->column);
            BindExpr(ch, scope, allow_aggregate, true);
          }
          return;
        }
        if (e->distinct)
          ThrowSyntax("InvalidArgumentPassingMode", "DISTINCT only applies to aggregations", e->line, e->column);
        e->function = info;
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        CheckFunctionTypes(e);
        return;
      }
      case BoundExpr::Kind::kListComprehension:
      case BoundExpr::Kind::kQuantifier: {
        BindExpr(e->children[0], scope, allow_aggregate, in_aggregate);
        Scope inner = scope;
        std::string var = e->kind == BoundExpr::Kind::kQuantifier ? e->keys[0] : e->name;
        e->slot = NewSlot();
        local_slots_.insert(e->slot);
        inner[var] = {e->slot, VarType::kAny};
        if (e->children[0]->kind == BoundExpr::Kind::kList && !e->children[0]->children.empty()) {
          // [x IN ['a', 'b'] ...]: x is known to be a STRING.
          std::string k = StaticKind(e->children[0]->children[0]);
          for (auto& item : e->children[0]->children)
            if (StaticKind(item) != k) k.clear();
          if (!k.empty()) static_kinds_[e->slot] = k;
        }
        for (size_t i = 1; i < e->children.size(); ++i) {
          if (e->children[i] && ContainsAggregateSyntax(e->children[i]))
            ThrowSyntax("InvalidAggregation", "aggregation not allowed in a predicate", e->line, e->column);
          BindExpr(e->children[i], inner, allow_aggregate, in_aggregate);
        }
        return;
      }
      case BoundExpr::Kind::kPatternPredicate:
      case BoundExpr::Kind::kPatternComprehension:
      case BoundExpr::Kind::kShortestPath: {
        Scope inner = scope;
        std::set<std::string> declared, rels_here;
        BoundPattern& p = *e->pattern;
        if (e->kind == BoundExpr::Kind::kPatternPredicate) {
          // A pattern predicate may not introduce new named variables.
          for (auto& n : p.nodes)
            if (!n.variable.empty() && !scope.count(n.variable))
              ThrowSyntax("UndefinedVariable", "variable `" + n.variable + "` not defined", n.line, n.column);
          for (auto& r : p.rels)
            if (!r.variable.empty() && !scope.count(r.variable))
              ThrowSyntax("UndefinedVariable", "variable `" + r.variable + "` not defined", r.line, r.column);
        }
        BindPatternPart(p, false, inner, &declared, &rels_here, true);
        if (p.path_slot < 0 && e->kind == BoundExpr::Kind::kShortestPath) p.path_slot = NewSlot();
        for (auto& ch : e->children) BindExpr(ch, inner, allow_aggregate, in_aggregate);
        return;
      }
      case BoundExpr::Kind::kExists: {
        if (e->patterns) {
          // EXISTS { pattern WHERE ... }: new variables live inside only.
          Scope inner = scope;
          std::set<std::string> declared, rels_here;
          for (auto& p : *e->patterns) BindPatternPart(p, false, inner, &declared, &rels_here, true);
          CheckNodeRelConflicts(*e->patterns);
          if (e->children[0]) BindExpr(e->children[0], inner, false);
          return;
        }
        // EXISTS { MATCH ... RETURN ... }: a read-only query that sees the
        // outer variables.
        Scope saved = scope_;
        scope_ = scope;
        std::vector<std::string> cols;
        std::vector<int> slots;
        for (auto& c : e->subquery->clauses) {
          bool updating = c.kind == BoundClause::Kind::kCreate || c.kind == BoundClause::Kind::kMerge ||
                          c.kind == BoundClause::Kind::kSet || c.kind == BoundClause::Kind::kRemove ||
                          c.kind == BoundClause::Kind::kDelete;
          if (updating)
            ThrowSyntax("InvalidClauseComposition", "an EXISTS subquery cannot update the graph", c.line,
                        c.column);
        }
        BindSingle(*e->subquery, &cols, &slots, /*subquery=*/true);
        scope_ = saved;
        return;
      }
      case BoundExpr::Kind::kMapProjection:
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        return;
      case BoundExpr::Kind::kBinary:
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        CheckBinaryTypes(e);
        ResolveOperator(*e);
        return;
      case BoundExpr::Kind::kUnary:
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        CheckUnaryTypes(e);
        ResolveOperator(*e);
        return;
      case BoundExpr::Kind::kProperty:
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        if (VarTypeOf(e->children[0], scope) == VarType::kPath)
          ThrowSyntax("InvalidArgumentType", "a path has no properties (`" + e->text + "`)", e->line, e->column);
        if (std::string k = StaticKind(e->children[0]); k == "NUMBER" || k == "STRING" || k == "BOOLEAN" ||
                                                         k == "LIST")
          ThrowError("TypeError", "InvalidArgumentType", "a " + k + " has no properties (`" + e->text + "`)",
                     e->line, e->column);
        return;
      case BoundExpr::Kind::kList:
      case BoundExpr::Kind::kMap:
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        FoldConstant(*e);
        return;
      default:
        for (auto& ch : e->children) BindExpr(ch, scope, allow_aggregate, in_aggregate);
        return;
    }
  }

  static bool ContainsAggregateSyntax(const BoundExprPtr& e) {
    bool found = false;
    Walk(e, [&](const BoundExprPtr& x) {
      if (x->kind == BoundExpr::Kind::kCountStar) found = true;
      if (x->kind == BoundExpr::Kind::kFunction) {
        const FunctionInfo* info = FindFunction(Lower(x->name));
        if (info && info->aggregate) found = true;
      }
    });
    return found;
  }

  // The static kind of a literal operand; kNull when unknown.
  std::string StaticKind(const BoundExprPtr& x) const {
    if (x->kind == BoundExpr::Kind::kVariable) {
      auto it = static_kinds_.find(x->slot);
      return it == static_kinds_.end() ? "" : it->second;
    }
    if (x->kind == BoundExpr::Kind::kList) return "LIST";
    if (x->kind == BoundExpr::Kind::kMap) return "MAP";
    if (x->kind == BoundExpr::Kind::kLiteral && !x->value.is_null()) {
      if (x->value.is_number()) return "NUMBER";
      return Value::KindName(x->value.kind());
    }
    return "";
  }

  // Literal operands of the wrong type, caught before running.
  void CheckBinaryTypes(const BoundExprPtr& e) {
    const BoundExprPtr& a = e->children[0];
    const BoundExprPtr& b = e->children[1];
    std::string ka = StaticKind(a), kb = StaticKind(b);
    const std::string& op = e->name;
    auto fail = [&] {
      ThrowSyntax("InvalidArgumentType", "invalid operand types for " + op + ": " + ka + " and " + kb,
                  e->line, e->column);
    };
    if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%" || op == "^") {
      if (ka.empty() || kb.empty()) return;
      if (ka == "NUMBER" && kb == "NUMBER") return;
      if (op == "+") {
        if (ka == "LIST" || kb == "LIST") return;
        if ((ka == "STRING" || ka == "NUMBER") && (kb == "STRING" || kb == "NUMBER")) return;
      }
      fail();
    }
    if (op == "IN" && !kb.empty() && kb != "LIST") fail();
    if (op == "AND" || op == "OR" || op == "XOR") {
      if ((!ka.empty() && ka != "BOOLEAN") || (!kb.empty() && kb != "BOOLEAN")) fail();
    }
  }

  // The declared type of a variable operand; kAny for anything else.
  static VarType VarTypeOf(const BoundExprPtr& x, const Scope& scope) {
    if (x->kind != BoundExpr::Kind::kVariable) return VarType::kAny;
    auto it = scope.find(x->name);
    return it == scope.end() ? VarType::kAny : it->second.type;
  }

  // NOT 1, NOT 'x', NOT [], -'a': a literal operand of the wrong type.
  void CheckUnaryTypes(const BoundExprPtr& e) {
    std::string k = StaticKind(e->children[0]);
    if (k.empty()) return;
    bool ok = e->name == "NOT" ? k == "BOOLEAN" : k == "NUMBER";
    if (!ok)
      ThrowSyntax("InvalidArgumentType", "invalid operand type for " + e->name + ": " + k, e->line, e->column);
  }

  void CheckFunctionTypes(const BoundExprPtr& e) {
    auto node_or_rel_only = [&](const BoundExprPtr& x, bool allow_node, bool allow_rel) {
      if (x->kind == BoundExpr::Kind::kLiteral && !x->value.is_null())
        ThrowSyntax("InvalidArgumentType", "invalid argument type for " + e->name + "()", e->line, e->column);
      if (x->kind == BoundExpr::Kind::kList || x->kind == BoundExpr::Kind::kMap)
        ThrowSyntax("InvalidArgumentType", "invalid argument type for " + e->name + "()", e->line, e->column);
      if (x->kind == BoundExpr::Kind::kVariable) {
        for (auto& [name, var] : scope_) {
          if (var.slot != x->slot) continue;
          if ((var.type == VarType::kNode && !allow_node) || (var.type == VarType::kRel && !allow_rel) ||
              var.type == VarType::kPath || var.type == VarType::kRelList)
            ThrowSyntax("InvalidArgumentType", "invalid argument type for " + e->name + "()", e->line,
                        e->column);
        }
      }
    };
    if (e->children.empty()) return;
    if (e->name == "size" && e->children[0]->kind == BoundExpr::Kind::kPatternPredicate)
      ThrowSyntax("UnexpectedSyntax", "size() of a pattern; use a pattern comprehension", e->line, e->column);
    // A pattern is a predicate, not a list of paths: only exists() takes one.
    if (e->name != "exists")
      for (auto& ch : e->children)
        if (ch && ch->kind == BoundExpr::Kind::kPatternPredicate)
          ThrowSyntax("UnexpectedSyntax", e->name + "() of a pattern; use a pattern comprehension [p = ... | p]",
                      ch->line, ch->column);
    if (e->name == "size" && e->children[0]->kind == BoundExpr::Kind::kVariable) {
      for (auto& [name, var] : scope_)
        if (var.slot == e->children[0]->slot && var.type == VarType::kPath)
          ThrowSyntax("InvalidArgumentType", "size() of a path; use length()", e->line, e->column);
    }
    if (e->name == "properties") {
      const BoundExprPtr& x = e->children[0];
      if ((x->kind == BoundExpr::Kind::kLiteral && !x->value.is_null()) || x->kind == BoundExpr::Kind::kList)
        ThrowSyntax("InvalidArgumentType", "properties() needs a node, relationship or map", e->line, e->column);
    }
    if (e->name == "type") node_or_rel_only(e->children[0], false, true);
    if (e->name == "length") {
      VarType t = VarTypeOf(e->children[0], scope_);
      const BoundExprPtr& x = e->children[0];
      if (t == VarType::kNode || t == VarType::kRel ||
          (x->kind == BoundExpr::Kind::kLiteral && !x->value.is_null()) || x->kind == BoundExpr::Kind::kMap)
        ThrowSyntax("InvalidArgumentType", "length() needs a path", e->line, e->column);
    }
    if (e->name == "labels") node_or_rel_only(e->children[0], true, false);
    if (e->name == "startnode" || e->name == "endnode") node_or_rel_only(e->children[0], false, true);
  }

  Scope scope_;
  bool merging_ = false;  // binding MERGE's pattern: undirected allowed, no parameter maps
  int next_slot_ = 0;
  std::set<int> local_slots_;
  std::set<int> referenced_;  // slots some expression reads
  std::map<int, std::string> static_kinds_;  // variables known to hold a literal's kind
};

}  // namespace

bool IsAggregateFunction(const std::string& name) {
  const FunctionInfo* info = FindFunction(Lower(name));
  return info && info->aggregate;
}

BoundQuery Bind(const Query& query) {
  for (size_t i = 1; i < query.union_all.size(); ++i)
    if (query.union_all[i] != query.union_all[0])
      ThrowSyntax("InvalidClauseComposition", "UNION and UNION ALL cannot be mixed in one query");
  BoundQuery bound = Lower(query);
  Binder b;
  b.Run(bound);
  return bound;
}

}  // namespace kg::query_lang
