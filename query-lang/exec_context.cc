// exec_context.cc: record cache, conversions between graph properties and
// query values, limits.
#include "query-lang/exec_context.h"

#include "query-lang/errors.h"
#include "query-lang/regex.h"
#include "query-lang/temporal.h"

namespace kg::query_lang {

using K = Value::Kind;

namespace {
constexpr size_t kMaxCached = 100000;
}  // namespace

Value FromProperty(const graph::PropertyValue& p) {
  struct V {
    Value operator()(std::monostate) const { return Value(); }
    Value operator()(bool b) const { return Value::Bool(b); }
    Value operator()(int64_t i) const { return Value::Int(i); }
    Value operator()(double d) const { return Value::Float(d); }
    Value operator()(const std::string& s) const {
      Value t;
      if (!s.empty() && s[0] == temporal::kPropertyTag[0] && temporal::DecodeProperty(s, &t)) return t;
      return Value::String(s);
    }
    Value operator()(const graph::PropertyValue::List& l) const {
      ValueList out;
      for (auto& x : l) out.push_back(FromProperty(x));
      return Value::List(std::move(out));
    }
  };
  return std::visit(V{}, p.value);
}

graph::PropertyValue ToProperty(const Value& v) {
  switch (v.kind()) {
    case K::kNull: return {};
    case K::kBool: return graph::PropertyValue(v.as_bool());
    case K::kInt: return graph::PropertyValue(v.as_int());
    case K::kFloat: return graph::PropertyValue(v.as_float());
    case K::kString: return graph::PropertyValue(v.as_string());
    case K::kList: {
      graph::PropertyValue::List l;
      for (auto& x : v.as_list()) {
        if (x.kind() == K::kList || x.kind() == K::kMap || x.kind() == K::kNode ||
            x.kind() == K::kRelationship || x.kind() == K::kPath)
          ThrowType("InvalidPropertyType", "a property list cannot hold a " +
                                               std::string(Value::KindName(x.kind())));
        l.push_back(ToProperty(x));
      }
      return graph::PropertyValue(std::move(l));
    }
    default:
      if (v.is_temporal() || v.kind() == K::kDuration)
        return graph::PropertyValue(temporal::EncodeProperty(v));
      ThrowType("InvalidPropertyType",
                std::string("a property cannot hold a ") + Value::KindName(v.kind()));
  }
}

ExecContext::ExecContext(graph::Graph& graph, const QueryOptions& options)
    : graph_(graph), options_(options) {
  statement_time_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
  if (options.timeout_ms > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  }
}

ExecContext::~ExecContext() = default;

const Regex& ExecContext::CompiledRegex(const std::string& pattern) {
  auto it = regexes_.find(pattern);
  if (it != regexes_.end()) return *it->second;
  std::string error;
  auto re = Regex::Compile(pattern, &error);
  if (!re) ThrowArgument("InvalidArgumentValue", "invalid regular expression '" + pattern + "': " + error);
  return *(regexes_[pattern] = std::move(re));
}

bool ExecContext::InterruptDue() const {
  return (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) ||
         (has_deadline_ && std::chrono::steady_clock::now() > deadline_);
}

void ExecContext::CheckInterruptNow() {
  if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
    ThrowError("Cancelled", "", "the query was cancelled");
  if (has_deadline_ && std::chrono::steady_clock::now() > deadline_)
    ThrowError("Timeout", "", "the query ran longer than " + std::to_string(options_.timeout_ms) + " ms");
}

Value ExecContext::NodeRef(uint64_t id) {
  NodeValue n;
  n.id = id;
  return Value::Node(std::move(n));
}

const std::string& ExecContext::TypeName(graph::TypeId t) {
  auto it = type_names_.find(t);
  if (it != type_names_.end()) return it->second;
  return type_names_[t] = graph_.TypeName(t);
}

Value ExecContext::RelFromRef(const graph::EdgeRef& ref) {
  RelationshipValue r;
  r.id = ref.id;
  r.source = ref.source;
  r.target = ref.target;
  r.type = TypeName(ref.type);
  return Value::Relationship(std::move(r));
}

const NodeValue& ExecContext::LoadNode(const Value& node) {
  const NodeValue& n = node.as_node();
  if (n.properties) return n;
  auto it = nodes_.find(n.id);
  if (it != nodes_.end()) return *it->second;
  auto rec = graph_.GetNode(n.id);
  if (!rec.ok()) {
    if (rec.status().IsNotFound())
      ThrowError("EntityNotFound", "DeletedEntityAccess", "node " + std::to_string(n.id) + " does not exist");
    ThrowError("StorageError", "", rec.status().ToString());
  }
  auto loaded = std::make_unique<NodeValue>();
  loaded->id = n.id;
  loaded->labels = rec->labels;
  ValueMap props;
  for (auto& [k, v] : rec->properties)
    if (!v.is_null()) props[k] = FromProperty(v);
  loaded->properties = std::make_shared<const ValueMap>(std::move(props));
  if (nodes_.size() > kMaxCached) {
    // A bounded cache for big scans. The previous generation stays alive one
    // more round, so references handed out just before remain valid.
    old_nodes_ = std::move(nodes_);
    nodes_.clear();
  }
  auto& slot = nodes_[n.id];
  slot = std::move(loaded);
  return *slot;
}

const RelationshipValue& ExecContext::LoadRel(const Value& rel) {
  const RelationshipValue& r = rel.as_relationship();
  if (r.properties) return r;
  auto it = rels_.find(r.id);
  if (it != rels_.end()) return *it->second;
  auto rec = graph_.GetEdge(r.id);
  if (!rec.ok()) {
    if (rec.status().IsNotFound())
      ThrowError("EntityNotFound", "DeletedEntityAccess", "relationship " + std::to_string(r.id) + " does not exist");
    ThrowError("StorageError", "", rec.status().ToString());
  }
  auto loaded = std::make_unique<RelationshipValue>();
  loaded->id = r.id;
  loaded->source = rec->source;
  loaded->target = rec->target;
  loaded->type = rec->type;
  ValueMap props;
  for (auto& [k, v] : rec->properties)
    if (!v.is_null()) props[k] = FromProperty(v);
  loaded->properties = std::make_shared<const ValueMap>(std::move(props));
  if (rels_.size() > kMaxCached) {
    old_rels_ = std::move(rels_);
    rels_.clear();
  }
  auto& slot = rels_[r.id];
  slot = std::move(loaded);
  return *slot;
}

Value ExecContext::Hydrate(const Value& v) {
  switch (v.kind()) {
    case K::kNode: return v.as_node().properties ? v : Value::Node(LoadNode(v));
    case K::kRelationship:
      return v.as_relationship().properties ? v : Value::Relationship(LoadRel(v));
    case K::kList: {
      ValueList out;
      for (auto& x : v.as_list()) out.push_back(Hydrate(x));
      return Value::List(std::move(out));
    }
    case K::kMap: {
      ValueMap out;
      for (auto& [k, x] : v.as_map()) out[k] = Hydrate(x);
      return Value::Map(std::move(out));
    }
    case K::kPath: {
      PathValue p;
      for (auto& n : v.as_path().nodes) p.nodes.push_back(Hydrate(Value::Node(n)).as_node());
      for (auto& r : v.as_path().relationships)
        p.relationships.push_back(Hydrate(Value::Relationship(r)).as_relationship());
      return Value::Path(std::move(p));
    }
    default: return v;
  }
}

}  // namespace kg::query_lang
