// eval.cc: expression evaluation and value semantics (see eval.h).
#include "graph/entity_keys.h"
#include "query-lang/eval.h"

#include <cmath>
#include <functional>
#include <limits>

#include "query-lang/errors.h"
#include "query-lang/functions.h"
#include "query-lang/matcher.h"
#include "query-lang/planner.h"
#include "query-lang/regex.h"
#include "query-lang/temporal.h"

namespace kg::query_lang {

using K = Value::Kind;

namespace {

bool IsEntity(const Value& v) { return v.kind() == K::kNode || v.kind() == K::kRelationship; }

std::string TypeOf(const Value& v) { return Value::KindName(v.kind()); }

Value CheckedInt(__int128 v) {
  if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min())
    ThrowArgument("NumberOutOfRange", "integer overflow");
  return Value::Int(static_cast<int64_t>(v));
}

Value Arithmetic(const std::string& op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (op == "+") {
    if (a.kind() == K::kList || b.kind() == K::kList) {
      ValueList out;
      if (a.kind() == K::kList) out = a.as_list(); else out.push_back(a);
      if (b.kind() == K::kList) { for (auto& x : b.as_list()) out.push_back(x); } else out.push_back(b);
      return Value::List(std::move(out));
    }
    if (a.kind() == K::kString && b.kind() == K::kString) return Value::String(a.as_string() + b.as_string());
    if (a.kind() == K::kString && b.is_number()) return Value::String(a.as_string() + b.ToString());
    if (a.is_number() && b.kind() == K::kString) return Value::String(a.ToString() + b.as_string());
  }
  Value temporal_result;
  if (temporal::Arithmetic(op, a, b, &temporal_result)) return temporal_result;
  if (!a.is_number() || !b.is_number())
    ThrowType("InvalidArgumentType", "cannot apply " + op + " to " + TypeOf(a) + " and " + TypeOf(b));
  if (a.kind() == K::kInt && b.kind() == K::kInt) {
    __int128 x = a.as_int(), y = b.as_int();
    if (op == "+") return CheckedInt(x + y);
    if (op == "-") return CheckedInt(x - y);
    if (op == "*") return CheckedInt(x * y);
    if (op == "/") {
      if (y == 0) ThrowArgument("DivisionByZero", "/ by zero");
      return CheckedInt(x / y);
    }
    if (op == "%") {
      if (y == 0) ThrowArgument("DivisionByZero", "% by zero");
      return CheckedInt(x % y);
    }
    if (op == "^") return Value::Float(std::pow(static_cast<double>(x), static_cast<double>(y)));
  }
  double x = a.as_number(), y = b.as_number();
  if (op == "+") return Value::Float(x + y);
  if (op == "-") return Value::Float(x - y);
  if (op == "*") return Value::Float(x * y);
  if (op == "/") return Value::Float(x / y);
  if (op == "%") return Value::Float(std::fmod(x, y));
  return Value::Float(std::pow(x, y));
}

int TypeRank(const Value& v) {
  switch (v.kind()) {
    case K::kMap: return 0;
    case K::kNode: return 1;
    case K::kRelationship: return 2;
    case K::kList: return 3;
    case K::kPath: return 4;
    case K::kDateTime: return 5;
    case K::kLocalDateTime: return 6;
    case K::kDate: return 7;
    case K::kTime: return 8;
    case K::kLocalTime: return 9;
    case K::kDuration: return 10;
    case K::kString: return 11;
    case K::kBool: return 12;
    case K::kInt:
    case K::kFloat: return 13;
    case K::kNull: return 14;
  }
  return 15;
}

int Cmp3(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }

int CompareNumbers(const Value& a, const Value& b) {
  if (a.kind() == K::kInt && b.kind() == K::kInt)
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  if (a.kind() == K::kInt && b.kind() == K::kFloat) {
    // Exact comparison of int64 and double.
    double d = b.as_float();
    long double x = static_cast<long double>(a.as_int());
    return x < d ? -1 : x > d ? 1 : 0;
  }
  if (a.kind() == K::kFloat && b.kind() == K::kInt) return -CompareNumbers(b, a);
  return Cmp3(a.as_float(), b.as_float());
}

Value GetProperty(const Value& target, const std::string& key, ExecContext& ctx) {
  switch (target.kind()) {
    case K::kNull: return Value();
    case K::kMap: {
      auto& m = target.as_map();
      auto it = m.find(key);
      return it == m.end() ? Value() : it->second;
    }
    case K::kNode: {
      auto& props = *ctx.LoadNode(target).properties;
      auto it = props.find(key);
      if (it == props.end() && key == "aliases") {
        // Every name the entity goes by, from the alias index's own rule
        // (graph/entity_keys.h); not a stored property.
        auto aliases = graph::AliasesOf(ctx.graph(), target.as_node().id);
        if (!aliases.ok()) ThrowError("StorageError", "", aliases.status().ToString());
        if (aliases->empty()) return Value();
        ValueList list;
        for (const std::string& a : *aliases) list.push_back(Value::String(a));
        return Value::List(std::move(list));
      }
      return it == props.end() ? Value() : it->second;
    }
    case K::kRelationship: {
      auto& props = *ctx.LoadRel(target).properties;
      auto it = props.find(key);
      return it == props.end() ? Value() : it->second;
    }
    default:
      if (target.is_temporal() || target.kind() == K::kDuration) return temporal::Property(target, key);
      ThrowType("InvalidArgumentType", "cannot read property `" + key + "` of a " + TypeOf(target));
  }
}

int64_t ToIndex(const Value& v, bool* ok) {
  if (v.kind() == K::kInt) { *ok = true; return v.as_int(); }
  *ok = false;
  return 0;
}

Value IndexInto(const Value& target, const Value& index, ExecContext& ctx) {
  if (target.is_null() || index.is_null()) return Value();
  if (target.kind() == K::kList) {
    if (index.kind() != K::kInt)
      ThrowType("InvalidArgumentType", "list index must be an integer, not " + TypeOf(index));
    const auto& l = target.as_list();
    int64_t i = index.as_int();
    if (i < 0) i += static_cast<int64_t>(l.size());
    if (i < 0 || i >= static_cast<int64_t>(l.size())) return Value();
    return l[static_cast<size_t>(i)];
  }
  if (target.kind() == K::kMap || IsEntity(target)) {
    if (index.kind() != K::kString)
      ThrowType("MapElementAccessByNonString", "map key must be a string, not " + TypeOf(index));
    return GetProperty(target, index.as_string(), ctx);
  }
  ThrowType("InvalidArgumentType", "cannot index into a " + TypeOf(target));
}

Value Slice(const Value& target, const Value& from, const Value& to, bool has_from, bool has_to) {
  if (target.is_null()) return Value();
  if ((has_from && from.is_null()) || (has_to && to.is_null())) return Value();
  if (target.kind() != K::kList) ThrowType("InvalidArgumentType", "cannot slice a " + TypeOf(target));
  const auto& l = target.as_list();
  int64_t n = static_cast<int64_t>(l.size());
  bool ok = true;
  int64_t a = has_from ? ToIndex(from, &ok) : 0;
  if (!ok) ThrowType("InvalidArgumentType", "slice bounds must be integers");
  int64_t b = has_to ? ToIndex(to, &ok) : n;
  if (!ok) ThrowType("InvalidArgumentType", "slice bounds must be integers");
  if (a < 0) a += n;
  if (b < 0) b += n;
  a = std::max<int64_t>(0, std::min(a, n));
  b = std::max<int64_t>(0, std::min(b, n));
  ValueList out;
  for (int64_t i = a; i < b; ++i) out.push_back(l[static_cast<size_t>(i)]);
  return Value::List(std::move(out));
}

Value InList(const Value& x, const Value& list) {
  if (list.is_null()) return Value();
  if (list.kind() != K::kList) ThrowType("InvalidArgumentType", "IN needs a list, not " + TypeOf(list));
  bool saw_null = false;
  for (const auto& item : list.as_list()) {
    Value eq = TernaryEquals(x, item);
    if (eq.is_null()) saw_null = true;
    else if (eq.as_bool()) return Value::Bool(true);
  }
  return saw_null ? Value() : Value::Bool(false);
}

Value StringPredicate(BoundExpr::Op op, const Value& a, const Value& b) {
  if (a.kind() != K::kString || b.kind() != K::kString) return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  if (op == BoundExpr::Op::kStartsWith) return Value::Bool(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
  if (op == BoundExpr::Op::kEndsWith)
    return Value::Bool(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
  return Value::Bool(s.find(t) != std::string::npos);
}

Value RegexMatch(const BoundExpr& e, const Value& a, const Value& b, ExecContext& ctx) {
  if (a.kind() != K::kString || b.kind() != K::kString) return Value();
  const Regex& re = e.regex ? *e.regex : ctx.CompiledRegex(b.as_string());
  return Value::Bool(re.Matches(a.as_string()));
}

Value ToBoolOrThrow(const Value& v, const char* op) {
  if (v.is_null() || v.kind() == K::kBool) return v;
  ThrowType("InvalidArgumentType", std::string(op) + " needs booleans, not " + TypeOf(v));
}

Value Logical(BoundExpr::Op op, const BoundExpr& e, Row& row, ExecContext& ctx) {
  const char* name = op == BoundExpr::Op::kAnd ? "AND" : op == BoundExpr::Op::kOr ? "OR" : "XOR";
  Value a = ToBoolOrThrow(Eval(*e.children[0], row, ctx), name);
  Value b = ToBoolOrThrow(Eval(*e.children[1], row, ctx), name);
  if (op == BoundExpr::Op::kAnd) {
    if ((a.kind() == K::kBool && !a.as_bool()) || (b.kind() == K::kBool && !b.as_bool()))
      return Value::Bool(false);
    if (a.is_null() || b.is_null()) return Value();
    return Value::Bool(true);
  }
  if (op == BoundExpr::Op::kOr) {
    if ((a.kind() == K::kBool && a.as_bool()) || (b.kind() == K::kBool && b.as_bool()))
      return Value::Bool(true);
    if (a.is_null() || b.is_null()) return Value();
    return Value::Bool(false);
  }
  if (a.is_null() || b.is_null()) return Value();
  return Value::Bool(a.as_bool() != b.as_bool());
}

// The operator of an expression the binder did not see (made by hand).
BoundExpr::Op OpOf(const BoundExpr& e) {
  static const std::pair<const char*, BoundExpr::Op> kOps[] = {
      {"AND", BoundExpr::Op::kAnd}, {"OR", BoundExpr::Op::kOr}, {"XOR", BoundExpr::Op::kXor}, {"=", BoundExpr::Op::kEq},
      {"<>", BoundExpr::Op::kNe}, {"<", BoundExpr::Op::kLt}, {">", BoundExpr::Op::kGt}, {"<=", BoundExpr::Op::kLe},
      {">=", BoundExpr::Op::kGe}, {"IN", BoundExpr::Op::kIn}, {"STARTS WITH", BoundExpr::Op::kStartsWith},
      {"ENDS WITH", BoundExpr::Op::kEndsWith}, {"CONTAINS", BoundExpr::Op::kContains}, {"=~", BoundExpr::Op::kRegex}};
  for (const auto& [name, op] : kOps)
    if (e.name == name) return op;
  return BoundExpr::Op::kAdd;  // arithmetic: Arithmetic() reads the name
}

Value EvalBinary(const BoundExpr& e, Row& row, ExecContext& ctx) {
  BoundExpr::Op op = e.op != BoundExpr::Op::kNone ? e.op : OpOf(e);
  if (op == BoundExpr::Op::kAnd || op == BoundExpr::Op::kOr || op == BoundExpr::Op::kXor) return Logical(op, e, row, ctx);
  Value a = Eval(*e.children[0], row, ctx);
  Value b = Eval(*e.children[1], row, ctx);
  switch (op) {
    case BoundExpr::Op::kEq: return TernaryEquals(a, b);
    case BoundExpr::Op::kNe: {
      Value eq = TernaryEquals(a, b);
      return eq.is_null() ? eq : Value::Bool(!eq.as_bool());
    }
    case BoundExpr::Op::kLt:
    case BoundExpr::Op::kGt:
    case BoundExpr::Op::kLe:
    case BoundExpr::Op::kGe: {
      int c = CompareForPredicate(a, b);
      if (c == 2) return Value();
      if (c == 3) return Value::Bool(false);  // NaN
      if (op == BoundExpr::Op::kLt) return Value::Bool(c < 0);
      if (op == BoundExpr::Op::kGt) return Value::Bool(c > 0);
      if (op == BoundExpr::Op::kLe) return Value::Bool(c <= 0);
      return Value::Bool(c >= 0);
    }
    case BoundExpr::Op::kIn: return InList(a, b);
    case BoundExpr::Op::kStartsWith:
    case BoundExpr::Op::kEndsWith:
    case BoundExpr::Op::kContains: return StringPredicate(op, a, b);
    case BoundExpr::Op::kRegex: return RegexMatch(e, a, b, ctx);
    default: return Arithmetic(e.name, a, b);
  }
}

Value EvalCase(const BoundExpr& e, Row& row, ExecContext& ctx) {
  size_t i = 0;
  Value subject;
  if (e.has_subject) subject = Eval(*e.children[i++], row, ctx);
  size_t end = e.children.size() - (e.has_else ? 1 : 0);
  for (; i + 1 < end + 1 && i < end; i += 2) {
    Value when = Eval(*e.children[i], row, ctx);
    bool hit = e.has_subject ? IsTrue(TernaryEquals(subject, when)) : IsTrue(when);
    if (hit) return Eval(*e.children[i + 1], row, ctx);
  }
  if (e.has_else) return Eval(*e.children.back(), row, ctx);
  return Value();
}

Value EvalListComprehension(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value list = Eval(*e.children[0], row, ctx);
  if (list.is_null()) return Value();
  if (list.kind() != K::kList) ThrowType("InvalidArgumentType", "expected a list, got " + TypeOf(list));
  ValueList out;
  for (const auto& item : list.as_list()) {
    row[e.slot] = item;
    if (e.children[1] && !IsTrue(Eval(*e.children[1], row, ctx))) continue;
    out.push_back(e.children[2] ? Eval(*e.children[2], row, ctx) : item);
  }
  return Value::List(std::move(out));
}

Value EvalQuantifier(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value list = Eval(*e.children[0], row, ctx);
  if (list.is_null()) return Value();
  if (list.kind() != K::kList) ThrowType("InvalidArgumentType", "expected a list, got " + TypeOf(list));
  int64_t trues = 0, nulls = 0, falses = 0;
  for (const auto& item : list.as_list()) {
    row[e.slot] = item;
    Value p = e.children[1] ? Eval(*e.children[1], row, ctx) : Value();
    if (p.is_null()) ++nulls;
    else if (p.kind() == K::kBool && p.as_bool()) ++trues;
    else ++falses;
  }
  const std::string& q = e.name;
  if (q == "all") {
    if (falses > 0) return Value::Bool(false);
    if (nulls > 0) return Value();
    return Value::Bool(true);
  }
  if (q == "any") {
    if (trues > 0) return Value::Bool(true);
    if (nulls > 0) return Value();
    return Value::Bool(false);
  }
  if (q == "none") {
    if (trues > 0) return Value::Bool(false);
    if (nulls > 0) return Value();
    return Value::Bool(true);
  }
  // single
  if (trues > 1) return Value::Bool(false);
  if (nulls > 0) return Value();
  return Value::Bool(trues == 1);
}

Value EvalMapProjection(const BoundExpr& e, Row& row, ExecContext& ctx) {
  Value base = Eval(*e.children[0], row, ctx);
  if (base.is_null()) return Value();
  ValueMap out;
  for (size_t i = 0; i < e.keys.size(); ++i) {
    const std::string& k = e.keys[i];
    const BoundExprPtr& ch = e.children[i + 1];
    if (k == ".*") {
      if (base.kind() == K::kMap) { for (auto& [kk, vv] : base.as_map()) out[kk] = vv; }
      else if (base.kind() == K::kNode) { for (auto& [kk, vv] : *ctx.LoadNode(base).properties) out[kk] = vv; }
      else if (base.kind() == K::kRelationship) { for (auto& [kk, vv] : *ctx.LoadRel(base).properties) out[kk] = vv; }
    } else if (k[0] == '.') {
      out[k.substr(1)] = GetProperty(base, k.substr(1), ctx);
    } else {
      out[k] = Eval(*ch, row, ctx);
    }
  }
  return Value::Map(std::move(out));
}

}  // namespace

Value TernaryEquals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) {
    if (a.kind() == K::kFloat && std::isnan(a.as_float())) return Value::Bool(false);
    if (b.kind() == K::kFloat && std::isnan(b.as_float())) return Value::Bool(false);
    return Value::Bool(CompareNumbers(a, b) == 0);
  }
  if (a.kind() != b.kind()) return Value::Bool(false);
  switch (a.kind()) {
    case K::kBool: return Value::Bool(a.as_bool() == b.as_bool());
    case K::kString: return Value::Bool(a.as_string() == b.as_string());
    case K::kNode: return Value::Bool(a.as_node().id == b.as_node().id);
    case K::kRelationship: return Value::Bool(a.as_relationship().id == b.as_relationship().id);
    case K::kPath: return Value::Bool(a == b);
    case K::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return Value::Bool(false);
      bool saw_null = false;
      for (size_t i = 0; i < x.size(); ++i) {
        Value eq = TernaryEquals(x[i], y[i]);
        if (eq.is_null()) saw_null = true;
        else if (!eq.as_bool()) return Value::Bool(false);
      }
      return saw_null ? Value() : Value::Bool(true);
    }
    case K::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      if (x.size() != y.size()) return Value::Bool(false);
      bool saw_null = false;
      for (const auto& [k, v] : x) {
        auto it = y.find(k);
        if (it == y.end()) return Value::Bool(false);
        Value eq = TernaryEquals(v, it->second);
        if (eq.is_null()) saw_null = true;
        else if (!eq.as_bool()) return Value::Bool(false);
      }
      return saw_null ? Value() : Value::Bool(true);
    }
    default:
      if (a.is_temporal() || a.kind() == K::kDuration) return Value::Bool(temporal::Equal(a, b));
      return Value::Bool(false);
  }
}

int CompareForPredicate(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return 2;
  if (a.is_number() && b.is_number()) {
    if ((a.kind() == K::kFloat && std::isnan(a.as_float())) ||
        (b.kind() == K::kFloat && std::isnan(b.as_float())))
      return 3;
    return CompareNumbers(a, b);
  }
  if (a.kind() != b.kind()) return 2;
  switch (a.kind()) {
    case K::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case K::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case K::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = CompareForPredicate(x[i], y[i]);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    default: return a.is_temporal() ? temporal::Compare(a, b) : 2;
  }
}

int OrderCompare(const Value& a, const Value& b) {
  int ra = TypeRank(a), rb = TypeRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case K::kNull: return 0;
    case K::kInt:
    case K::kFloat: {
      bool na = a.kind() == K::kFloat && std::isnan(a.as_float());
      bool nb = b.kind() == K::kFloat && std::isnan(b.as_float());
      if (na || nb) return na == nb ? 0 : na ? 1 : -1;
      return CompareNumbers(a, b);
    }
    case K::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case K::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case K::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = OrderCompare(x[i], y[i]);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case K::kNode: return Cmp3(static_cast<double>(a.as_node().id), static_cast<double>(b.as_node().id));
    case K::kRelationship:
      return Cmp3(static_cast<double>(a.as_relationship().id), static_cast<double>(b.as_relationship().id));
    case K::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        int c = i->first.compare(j->first);
        if (c != 0) return c < 0 ? -1 : 1;
        c = OrderCompare(i->second, j->second);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case K::kPath: {
      const auto& x = a.as_path();
      const auto& y = b.as_path();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i)
        if (x.nodes[i].id != y.nodes[i].id) return x.nodes[i].id < y.nodes[i].id ? -1 : 1;
      return x.nodes.size() < y.nodes.size() ? -1 : x.nodes.size() > y.nodes.size() ? 1 : 0;
    }
    case K::kDate:
    case K::kLocalTime:
    case K::kTime:
    case K::kLocalDateTime:
    case K::kDateTime: {
      int c = temporal::Compare(a, b);
      if (c != 0) return c;
      // Same instant, different zones: a stable order all the same.
      return a.as_temporal().zone.compare(b.as_temporal().zone) < 0 ? -1 : a == b ? 0 : 1;
    }
    case K::kDuration: {
      const DurationValue& x = a.as_duration();
      const DurationValue& y = b.as_duration();
      auto cmp = [](int64_t p, int64_t q) { return p < q ? -1 : p > q ? 1 : 0; };
      if (int c = cmp(x.months, y.months)) return c;
      if (int c = cmp(x.days, y.days)) return c;
      if (int c = cmp(x.seconds, y.seconds)) return c;
      return cmp(x.nanos, y.nanos);
    }
  }
  return 0;
}

size_t ValueHash::operator()(const Value& v) const {
  std::hash<std::string> hs;
  switch (v.kind()) {
    case K::kNull: return 0x9e37;
    case K::kBool: return v.as_bool() ? 1 : 2;
    case K::kInt: return std::hash<double>()(static_cast<double>(v.as_int()));
    case K::kFloat: return std::isnan(v.as_float()) ? 77 : std::hash<double>()(v.as_float());
    case K::kString: return hs(v.as_string());
    case K::kList: {
      size_t h = 31;
      for (auto& x : v.as_list()) h = h * 131 + (*this)(x);
      return h;
    }
    case K::kMap: {
      size_t h = 17;
      for (auto& [k, x] : v.as_map()) h = h * 131 + hs(k) * 7 + (*this)(x);
      return h;
    }
    case K::kNode: return std::hash<uint64_t>()(v.as_node().id) * 3;
    case K::kRelationship: return std::hash<uint64_t>()(v.as_relationship().id) * 5;
    case K::kPath: {
      size_t h = 11;
      for (auto& n : v.as_path().nodes) h = h * 131 + n.id;
      for (auto& r : v.as_path().relationships) h = h * 137 + r.id;
      return h;
    }
    case K::kDate:
    case K::kLocalTime:
    case K::kTime:
    case K::kLocalDateTime:
    case K::kDateTime: {
      const TemporalValue& t = v.as_temporal();
      return (static_cast<size_t>(t.days) * 1000003 + static_cast<size_t>(t.nanos)) * 31 +
             static_cast<size_t>(t.offset_seconds) + static_cast<size_t>(v.kind()) + hs(t.zone);
    }
    case K::kDuration: {
      const DurationValue& d = v.as_duration();
      return ((static_cast<size_t>(d.months) * 131 + static_cast<size_t>(d.days)) * 131 +
              static_cast<size_t>(d.seconds)) * 131 + static_cast<size_t>(d.nanos);
    }
  }
  return 0;
}

size_t RowHash::operator()(const std::vector<Value>& r) const {
  size_t h = 7;
  ValueHash vh;
  for (auto& v : r) h = h * 1000003 + vh(v);
  return h;
}

Value Eval(const BoundExpr& e, Row& row, ExecContext& ctx) {
  switch (e.kind) {
    case BoundExpr::Kind::kLiteral: return e.value;
    case BoundExpr::Kind::kParameter: {
      auto& params = ctx.options().params;
      auto it = params.find(e.name);
      if (it == params.end())
        ThrowError("ParameterMissing", "MissingParameter", "parameter $" + e.name + " was not given",
                   e.line, e.column);
      return it->second;
    }
    case BoundExpr::Kind::kVariable: return row[e.slot];
    case BoundExpr::Kind::kProperty: return GetProperty(Eval(*e.children[0], row, ctx), e.name, ctx);
    case BoundExpr::Kind::kIndex:
      return IndexInto(Eval(*e.children[0], row, ctx), Eval(*e.children[1], row, ctx), ctx);
    case BoundExpr::Kind::kSlice: {
      Value t = Eval(*e.children[0], row, ctx);
      Value a = e.children[1] ? Eval(*e.children[1], row, ctx) : Value();
      Value b = e.children[2] ? Eval(*e.children[2], row, ctx) : Value();
      return Slice(t, a, b, e.children[1] != nullptr, e.children[2] != nullptr);
    }
    case BoundExpr::Kind::kList: {
      if (e.constant) return e.value;
      ValueList out;
      out.reserve(e.children.size());
      for (auto& ch : e.children) out.push_back(Eval(*ch, row, ctx));
      return Value::List(std::move(out));
    }
    case BoundExpr::Kind::kMap: {
      if (e.constant) return e.value;
      ValueMap out;
      for (size_t i = 0; i < e.children.size(); ++i) out[e.keys[i]] = Eval(*e.children[i], row, ctx);
      return Value::Map(std::move(out));
    }
    case BoundExpr::Kind::kUnary: {
      Value v = Eval(*e.children[0], row, ctx);
      if (e.op == BoundExpr::Op::kNot || (e.op == BoundExpr::Op::kNone && e.name == "NOT")) {
        v = ToBoolOrThrow(v, "NOT");
        return v.is_null() ? v : Value::Bool(!v.as_bool());
      }
      if (v.is_null()) return v;
      if (!v.is_number()) ThrowType("InvalidArgumentType", "cannot negate a " + TypeOf(v));
      if (e.op == BoundExpr::Op::kPlus || (e.op == BoundExpr::Op::kNone && e.name == "+")) return v;
      if (v.kind() == K::kInt) return CheckedInt(-static_cast<__int128>(v.as_int()));
      return Value::Float(-v.as_float());
    }
    case BoundExpr::Kind::kBinary: return EvalBinary(e, row, ctx);
    case BoundExpr::Kind::kIsNull: return Value::Bool(Eval(*e.children[0], row, ctx).is_null());
    case BoundExpr::Kind::kIsNotNull: return Value::Bool(!Eval(*e.children[0], row, ctx).is_null());
    case BoundExpr::Kind::kFunction: {
      const FunctionInfo* info = e.function ? e.function : FindFunction(e.name);
      if (!info || !info->fn)
        ThrowSyntax("InvalidAggregation", "aggregation " + e.name + "() used where it cannot be", e.line,
                    e.column);
      std::vector<Value> args;
      args.reserve(e.children.size());
      for (auto& ch : e.children) args.push_back(Eval(*ch, row, ctx));
      return info->fn(args, ctx);
    }
    case BoundExpr::Kind::kCountStar:
      ThrowSyntax("InvalidAggregation", "count(*) used where it cannot be", e.line, e.column);
    case BoundExpr::Kind::kCase: return EvalCase(e, row, ctx);
    case BoundExpr::Kind::kListComprehension: return EvalListComprehension(e, row, ctx);
    case BoundExpr::Kind::kQuantifier: return EvalQuantifier(e, row, ctx);
    case BoundExpr::Kind::kPatternPredicate: {
      bool found = false;
      Row scratch = row;
      std::vector<BoundPattern> parts{*e.pattern};
      MatchPatterns(parts, scratch, ctx, [&](Row&) {
        found = true;
        return false;
      });
      return Value::Bool(found);
    }
    case BoundExpr::Kind::kPatternComprehension: {
      ValueList out;
      Row scratch = row;
      std::vector<BoundPattern> parts{*e.pattern};
      MatchPatterns(parts, scratch, ctx, [&](Row& r) {
        if (e.children[0] && !IsTrue(Eval(*e.children[0], r, ctx))) return true;
        out.push_back(Eval(*e.children[1], r, ctx));
        return true;
      });
      return Value::List(std::move(out));
    }
    case BoundExpr::Kind::kShortestPath: {
      Value result;
      Row scratch = row;
      std::vector<BoundPattern> parts{*e.pattern};
      parts[0].path_slot = parts[0].path_slot >= 0 ? parts[0].path_slot : -1;
      ValueList all;
      MatchPatterns(parts, scratch, ctx, [&](Row& r) {
        if (parts[0].path_slot >= 0) all.push_back(r[parts[0].path_slot]);
        return e.pattern->shortest == 2;
      });
      if (e.pattern->shortest == 2) return Value::List(std::move(all));
      return all.empty() ? Value() : all[0];
    }
    case BoundExpr::Kind::kLabelCheck: {
      Value v = Eval(*e.children[0], row, ctx);
      if (v.is_null()) return v;
      if (v.kind() == K::kRelationship) {
        for (auto& l : e.keys)
          if (l != v.as_relationship().type) return Value::Bool(false);
        return Value::Bool(true);
      }
      if (v.kind() != K::kNode) ThrowType("InvalidArgumentType", "label check on a " + TypeOf(v));
      const auto& labels = ctx.LoadNode(v).labels;
      for (auto& l : e.keys)
        if (std::find(labels.begin(), labels.end(), l) == labels.end()) return Value::Bool(false);
      return Value::Bool(true);
    }
    case BoundExpr::Kind::kMapProjection: return EvalMapProjection(e, row, ctx);
    case BoundExpr::Kind::kExists: {
      if (e.patterns) {
        bool found = false;
        Row scratch = row;
        MatchPatterns(*e.patterns, scratch, ctx, [&](Row& r) {
          if (e.children[0] && !IsTrue(Eval(*e.children[0], r, ctx))) return true;
          found = true;
          return false;
        });
        return Value::Bool(found);
      }
      BoundQuery bound;
      bound.num_slots = static_cast<int>(row.size());
      OpPtr plan = PlanSubquery(*e.subquery, bound, &row);
      bool found = false;
      plan->Produce(ctx, [&](Row&) {
        found = true;
        return false;
      });
      return Value::Bool(found);
    }
  }
  return Value();
}

}  // namespace kg::query_lang
