// Value: construction, accessors, Cypher-literal printing and equivalence.
#include <cassert>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "query-lang/query_engine.h"
#include "query-lang/temporal.h"

namespace kg::query_lang {

namespace {
template <typename T>
const T& Payload(const std::shared_ptr<const void>& p) {
  return *static_cast<const T*>(p.get());
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string QuoteString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += "'";
  return out;
}

std::string PropsToString(const ValueMap& m) {
  if (m.empty()) return "";
  std::string out = " {";
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out += ", ";
    first = false;
    out += k + ": " + v.ToString();
  }
  return out + "}";
}

std::string NodeToString(const NodeValue& n) {
  std::string out = "(";
  for (const auto& l : n.labels) out += ":" + l;
  if (n.properties) {
    std::string p = PropsToString(*n.properties);
    if (n.labels.empty() && !p.empty()) p = p.substr(1);
    out += p;
  }
  return out + ")";
}

std::string RelToString(const RelationshipValue& r) {
  return "[:" + r.type + (r.properties ? PropsToString(*r.properties) : "") + "]";
}
}  // namespace

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.b_ = b;
  return v;
}
Value Value::Int(int64_t i) {
  Value v;
  v.kind_ = Kind::kInt;
  v.i_ = i;
  return v;
}
Value Value::Float(double d) {
  Value v;
  v.kind_ = Kind::kFloat;
  v.f_ = d;
  return v;
}
Value Value::String(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.ptr_ = std::make_shared<const std::string>(std::move(s));
  return v;
}
Value Value::List(ValueList items) {
  Value v;
  v.kind_ = Kind::kList;
  v.ptr_ = std::make_shared<const ValueList>(std::move(items));
  return v;
}
Value Value::Map(ValueMap entries) {
  Value v;
  v.kind_ = Kind::kMap;
  v.ptr_ = std::make_shared<const ValueMap>(std::move(entries));
  return v;
}
Value Value::Node(NodeValue node) {
  Value v;
  v.kind_ = Kind::kNode;
  v.ptr_ = std::make_shared<const NodeValue>(std::move(node));
  return v;
}
Value Value::Relationship(RelationshipValue rel) {
  Value v;
  v.kind_ = Kind::kRelationship;
  v.ptr_ = std::make_shared<const RelationshipValue>(std::move(rel));
  return v;
}
Value Value::Path(PathValue path) {
  Value v;
  v.kind_ = Kind::kPath;
  v.ptr_ = std::make_shared<const PathValue>(std::move(path));
  return v;
}

Value Value::Temporal(Kind kind, TemporalValue t) {
  assert(kind >= Kind::kDate && kind <= Kind::kDateTime);
  Value v;
  v.kind_ = kind;
  v.ptr_ = std::make_shared<const TemporalValue>(std::move(t));
  return v;
}
Value Value::Duration(DurationValue d) {
  Value v;
  v.kind_ = Kind::kDuration;
  v.ptr_ = std::make_shared<const DurationValue>(d);
  return v;
}

bool Value::as_bool() const {
  assert(kind_ == Kind::kBool);
  return b_;
}
int64_t Value::as_int() const {
  assert(kind_ == Kind::kInt);
  return i_;
}
double Value::as_float() const {
  assert(kind_ == Kind::kFloat);
  return f_;
}
double Value::as_number() const {
  assert(is_number());
  return kind_ == Kind::kInt ? static_cast<double>(i_) : f_;
}
const std::string& Value::as_string() const {
  assert(kind_ == Kind::kString);
  return Payload<std::string>(ptr_);
}
const ValueList& Value::as_list() const {
  assert(kind_ == Kind::kList);
  return Payload<ValueList>(ptr_);
}
const ValueMap& Value::as_map() const {
  assert(kind_ == Kind::kMap);
  return Payload<ValueMap>(ptr_);
}
const NodeValue& Value::as_node() const {
  assert(kind_ == Kind::kNode);
  return Payload<NodeValue>(ptr_);
}
const RelationshipValue& Value::as_relationship() const {
  assert(kind_ == Kind::kRelationship);
  return Payload<RelationshipValue>(ptr_);
}
const PathValue& Value::as_path() const {
  assert(kind_ == Kind::kPath);
  return Payload<PathValue>(ptr_);
}

const TemporalValue& Value::as_temporal() const {
  assert(is_temporal());
  return Payload<TemporalValue>(ptr_);
}
const DurationValue& Value::as_duration() const {
  assert(kind_ == Kind::kDuration);
  return Payload<DurationValue>(ptr_);
}

std::string Value::TemporalText() const { return temporal::Format(*this); }

const char* Value::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "NULL";
    case Kind::kBool: return "BOOLEAN";
    case Kind::kInt: return "INTEGER";
    case Kind::kFloat: return "FLOAT";
    case Kind::kString: return "STRING";
    case Kind::kList: return "LIST";
    case Kind::kMap: return "MAP";
    case Kind::kNode: return "NODE";
    case Kind::kRelationship: return "RELATIONSHIP";
    case Kind::kPath: return "PATH";
    case Kind::kDate: return "DATE";
    case Kind::kLocalTime: return "LOCAL TIME";
    case Kind::kTime: return "TIME";
    case Kind::kLocalDateTime: return "LOCAL DATETIME";
    case Kind::kDateTime: return "DATETIME";
    case Kind::kDuration: return "DURATION";
  }
  return "?";
}

std::string Value::ToString() const {
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return b_ ? "true" : "false";
    case Kind::kInt: return std::to_string(i_);
    case Kind::kFloat: return FormatFloat(f_);
    case Kind::kString: return QuoteString(as_string());
    case Kind::kList: {
      std::string out = "[";
      bool first = true;
      for (const auto& v : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += v.ToString();
      }
      return out + "]";
    }
    case Kind::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : as_map()) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + v.ToString();
      }
      return out + "}";
    }
    case Kind::kNode: return NodeToString(as_node());
    case Kind::kRelationship: return RelToString(as_relationship());
    case Kind::kPath: {
      const PathValue& p = as_path();
      std::string out = "<";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out += NodeToString(p.nodes[i]);
        if (i < p.relationships.size()) {
          const auto& r = p.relationships[i];
          bool forward = r.source == p.nodes[i].id;
          out += forward ? "-" : "<-";
          out += RelToString(r);
          out += forward ? "->" : "-";
        }
      }
      return out + ">";
    }
    case Kind::kDate:
    case Kind::kLocalTime:
    case Kind::kTime:
    case Kind::kLocalDateTime:
    case Kind::kDateTime:
    case Kind::kDuration: return "'" + temporal::Format(*this) + "'";
  }
  return "?";
}

bool Value::operator==(const Value& o) const {
  if (is_number() && o.is_number()) {
    if (kind_ == Kind::kInt && o.kind_ == Kind::kInt) return i_ == o.i_;
    double a = as_number(), b = o.as_number();
    if (std::isnan(a) && std::isnan(b)) return true;
    return a == b;
  }
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kNull: return true;
    case Kind::kBool: return b_ == o.b_;
    case Kind::kString: return as_string() == o.as_string();
    case Kind::kList: return as_list() == o.as_list();
    case Kind::kMap: return as_map() == o.as_map();
    case Kind::kNode: return as_node().id == o.as_node().id;
    case Kind::kRelationship: return as_relationship().id == o.as_relationship().id;
    case Kind::kPath: {
      const auto& a = as_path();
      const auto& b = o.as_path();
      if (a.nodes.size() != b.nodes.size() || a.relationships.size() != b.relationships.size())
        return false;
      for (size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].id != b.nodes[i].id) return false;
      for (size_t i = 0; i < a.relationships.size(); ++i)
        if (a.relationships[i].id != b.relationships[i].id) return false;
      return true;
    }
    case Kind::kDuration: return as_duration() == o.as_duration();
    case Kind::kDate:
    case Kind::kLocalTime:
    case Kind::kTime:
    case Kind::kLocalDateTime:
    case Kind::kDateTime: {
      const TemporalValue& a = as_temporal();
      const TemporalValue& b = o.as_temporal();
      return a.days == b.days && a.nanos == b.nanos && a.offset_seconds == b.offset_seconds && a.zone == b.zone;
    }
    default: return false;
  }
}

}  // namespace kg::query_lang
