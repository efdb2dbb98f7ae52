// The updating clauses (see update.h).
#include "query-lang/operators/update.h"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_set>

#include "query-lang/errors.h"
#include "query-lang/eval.h"
#include "query-lang/matcher.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

graph::Properties Props(const BoundExprPtr& e, Row& row, ExecContext& ctx) {
    graph::Properties props;
    if (!e) return props;
    Value m = Eval(*e, row, ctx);
    if (m.is_null()) return props;
    if (m.kind() != K::kMap) ThrowType("InvalidArgumentType", "properties must be a map");
    for (auto& [k, v] : m.as_map()) {
      if (v.is_null()) continue;
      props[k] = ToProperty(v);
    }
    return props;
  }

// Creates the nodes (not already bound) and relationships of `parts` for one row.
void CreatePatterns(const std::vector<BoundPattern>& parts, Row& row, ExecContext& ctx) {
    std::unordered_set<int> created;
    for (auto& p : parts) {
      std::vector<uint64_t> ids;
      for (auto& n : p.nodes) {
        bool exists = n.bound || created.count(n.slot);
        if (exists) {
          const Value& v = row[n.slot];
          if (v.kind() != K::kNode)
            ThrowError("SemanticError", "CreateNodeOnNull", "cannot create a relationship to a null node");
          ids.push_back(v.as_node().id);
          continue;
        }
        auto props = Props(n.properties, row, ctx);
        auto id = ctx.graph().CreateNode(n.labels, props);
        if (!id.ok()) ThrowError("StorageError", "", id.status().ToString());
        ctx.counters().nodes_created++;
        ctx.counters().labels_added += static_cast<int64_t>(n.labels.size());
        ctx.counters().properties_set += static_cast<int64_t>(props.size());
        row[n.slot] = ExecContext::NodeRef(*id);
        created.insert(n.slot);
        ids.push_back(*id);
      }
      PathValue path;
      path.nodes.push_back(ExecContext::NodeRef(ids[0]).as_node());
      for (size_t j = 0; j < p.rels.size(); ++j) {
        const BoundRel& r = p.rels[j];
        uint64_t a = ids[j], b = ids[j + 1];
        if (r.direction == BoundRel::Direction::kIn) std::swap(a, b);
        auto props = Props(r.properties, row, ctx);
        auto id = ctx.graph().CreateEdge(a, b, r.types[0], props);
        if (!id.ok() && id.status().code() == Status::Code::kNotSupported)
          ThrowError("NotSupported", "", "CREATE: " + id.status().message());  // documents are read-only
        if (!id.ok()) ThrowError("StorageError", "", id.status().ToString());
        ctx.counters().relationships_created++;
        ctx.counters().properties_set += static_cast<int64_t>(props.size());
        RelationshipValue rv;
        rv.id = *id;
        rv.source = a;
        rv.target = b;
        rv.type = r.types[0];
        Value rel = Value::Relationship(rv);
        row[r.slot] = rel;
        path.relationships.push_back(rel.as_relationship());
        path.nodes.push_back(ExecContext::NodeRef(ids[j + 1]).as_node());
      }
      if (p.path_slot >= 0) row[p.path_slot] = Value::Path(std::move(path));
    }
  }


class CreateOp : public Unary {
 public:
  CreateOp(OpPtr child, const BoundClause& c) : Unary(std::move(child)), c_(c) {}

 protected:
  // Eager: every input row is read before the first write, so the clause
  // never sees its own writes.
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::vector<Row> rows;
    child_->Produce(ctx, [&](Row& r) {
      rows.push_back(r);
      return true;
    });
    for (auto& x : rows) CreatePatterns(c_.patterns, x, ctx);
    for (auto& x : rows)
      if (!Emit(ctx, sink, x)) return false;
    return true;
  }

 private:
  const BoundClause& c_;
};

// ---- SET / REMOVE ----------------------------------------------------------

[[noreturn]] void ThrowStorage(const Status& s, const std::string& what) {
  if (s.IsNotFound())
    ThrowError("EntityNotFound", "DeletedEntityAccess", what + ": " + s.ToString());
  if (s.code() == Status::Code::kNotSupported && s.message().find("kg retract") != std::string::npos)
    ThrowError("NotSupported", "", what + ": " + s.message());
  if (s.code() == Status::Code::kNotSupported)
    ThrowError("NotSupported", "", what + ": " + s.message() +
                                       " (extracted entities follow their documents: see kg retract)");
  ThrowError("StorageError", "", what + ": " + s.ToString());
}

ValueMap PropertiesOf(const Value& v, ExecContext& ctx) {
  switch (v.kind()) {
    case K::kMap: return v.as_map();
    case K::kNode: return *ctx.LoadNode(v).properties;
    case K::kRelationship: return *ctx.LoadRel(v).properties;
    default:
      ThrowType("InvalidArgumentType", std::string("SET ... = needs a map, node or relationship, not a ") +
                                           Value::KindName(v.kind()));
  }
}

// Applies SET / REMOVE items to one row, in order: each item's write is in
// the store before the next item is evaluated.
void ApplySetItems(const std::vector<BoundSetItem>& items, Row& row, ExecContext& ctx) {
  for (const BoundSetItem& si : items) {
    Value target = Eval(*si.target, row, ctx);
    if (target.is_null()) continue;
    bool node = target.kind() == K::kNode;
    if (!node && target.kind() != K::kRelationship)
      ThrowType("InvalidArgumentType", "SET and REMOVE need a node or relationship, not a " +
                                           std::string(Value::KindName(target.kind())));
    if (!node && (si.kind == BoundSetItem::Kind::kAddLabels || si.kind == BoundSetItem::Kind::kRemoveLabels))
      ThrowType("InvalidArgumentType", "a relationship has no labels");
    uint64_t id = node ? target.as_node().id : target.as_relationship().id;
    graph::Properties props;
    std::vector<std::string> labels;
    if (node) {
      auto rec = ctx.graph().GetNode(id);
      if (!rec.ok()) ThrowStorage(rec.status(), "SET");
      props = std::move(rec->properties);
      labels = std::move(rec->labels);
    } else {
      auto rec = ctx.graph().GetEdge(id);
      if (!rec.ok()) ThrowStorage(rec.status(), "SET");
      props = std::move(rec->properties);
    }
    QueryCounters& n = ctx.counters();
    auto put = [&](const std::string& key, const Value& v) {
      if (v.is_null()) {
        if (props.erase(key)) ++n.properties_set;
        return;
      }
      props[key] = ToProperty(v);
      ++n.properties_set;
    };
    switch (si.kind) {
      case BoundSetItem::Kind::kSetProperty: put(si.key, Eval(*si.value, row, ctx)); break;
      case BoundSetItem::Kind::kReplaceProperties:
      case BoundSetItem::Kind::kMergeProperties: {
        Value v = Eval(*si.value, row, ctx);
        ValueMap m = v.is_null() ? ValueMap{} : PropertiesOf(v, ctx);
        if (si.kind == BoundSetItem::Kind::kReplaceProperties) {
          for (auto& [k, old] : props)
            if (!m.count(k)) ++n.properties_set;
          props.clear();
        }
        for (auto& [k, x] : m) put(k, x);
        break;
      }
      case BoundSetItem::Kind::kAddLabels:
        for (auto& l : si.labels) {
          if (std::find(labels.begin(), labels.end(), l) != labels.end()) continue;
          labels.push_back(l);
          ++n.labels_added;
        }
        break;
      case BoundSetItem::Kind::kRemoveProperty:
        if (props.erase(si.key)) ++n.properties_set;
        break;
      case BoundSetItem::Kind::kRemoveLabels:
        for (auto& l : si.labels) {
          auto it = std::find(labels.begin(), labels.end(), l);
          if (it == labels.end()) continue;
          labels.erase(it);
          ++n.labels_removed;
        }
        break;
    }
    Status st = node ? ctx.graph().UpdateNode(id, labels, props) : ctx.graph().UpdateEdge(id, props);
    if (!st.ok()) ThrowStorage(st, "SET");
    ctx.Invalidate();
  }
}

// An eager updating operator: reads all its input, applies `Apply` to each
// row in order, then yields the rows.
class UpdateOp : public Unary {
 public:
  UpdateOp(OpPtr child, const BoundClause& c) : Unary(std::move(child)), c_(c) {}

 protected:
  virtual void Apply(std::vector<Row>& rows, ExecContext& ctx) = 0;
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::vector<Row> rows;
    child_->Produce(ctx, [&](Row& r) {
      rows.push_back(r);
      return true;
    });
    Apply(rows, ctx);
    for (auto& x : rows)
      if (!Emit(ctx, sink, x)) return false;
    return true;
  }
  const BoundClause& c_;
};

class SetOp : public UpdateOp {
 public:
  using UpdateOp::UpdateOp;

 protected:
  void Apply(std::vector<Row>& rows, ExecContext& ctx) override {
    for (auto& r : rows) ApplySetItems(c_.set_items, r, ctx);
  }
};

// ---- DELETE ----------------------------------------------------------------

[[noreturn]] void RefuseExtracted(const std::string& what, uint64_t id, const Status& why, const BoundClause& c) {
  ThrowError("NotSupported", "DeleteExtractedClaim",
             "cannot delete " + what + " " + std::to_string(id) + ": " + why.message() +
                 ". Extracted claims keep their provenance: remove a document's claims with "
                 "`kg retract DOCUMENT` (curate the source and ingest it again to change them); "
                 "Cypher deletes only what CREATE or MERGE made",
             c.line, c.column);
}

class DeleteOp : public UpdateOp {
 public:
  using UpdateOp::UpdateOp;

 protected:
  void Apply(std::vector<Row>& rows, ExecContext& ctx) override {
    // Everything this clause deletes, gathered first: nothing is deleted when
    // one of them may not be.
    std::set<uint64_t> nodes, rels;
    std::function<void(const Value&)> add = [&](const Value& v) {
      switch (v.kind()) {
        case K::kNull: return;
        case K::kNode: nodes.insert(v.as_node().id); return;
        case K::kRelationship: rels.insert(v.as_relationship().id); return;
        case K::kPath:
          for (auto& n : v.as_path().nodes) nodes.insert(n.id);
          for (auto& r : v.as_path().relationships) rels.insert(r.id);
          return;
        case K::kList:
          for (auto& x : v.as_list()) add(x);
          return;
        default:
          ThrowType("InvalidArgumentType", std::string("DELETE needs a node, relationship or path, not a ") +
                                               Value::KindName(v.kind()));
      }
    };
    for (auto& r : rows)
      for (auto& e : c_.exprs) add(Eval(*e, r, ctx));
    graph::Graph& g = ctx.graph();
    auto refuse_document = [&](const std::string& what, uint64_t id) {
      ThrowError("NotSupported", "DeleteDocument",
                 "cannot delete " + what + " " + std::to_string(id) +
                     ": Document nodes and MENTIONED_IN relationships are read from the stored "
                     "documents; remove a document with `kg retract DOCUMENT`",
                 c_.line, c_.column);
    };
    for (uint64_t n : nodes)
      if (graph::IsDocumentNode(n)) refuse_document("node", n);
    for (uint64_t r : rels)
      if (graph::IsMentionEdge(r)) refuse_document("relationship", r);
    for (uint64_t n : nodes) {
      for (bool out : {true, false}) {
        auto cur = out ? g.OutEdges(n) : g.InEdges(n);
        for (; cur->Valid(); cur->Next()) {
          if (rels.count(cur->edge().id)) continue;
          if (!c_.detach)
            ThrowError("ConstraintVerificationFailed", "DeleteConnectedNode",
                       "cannot delete node " + std::to_string(n) +
                           ": it still has relationships (DETACH DELETE removes them too)",
                       c_.line, c_.column);
          rels.insert(cur->edge().id);
        }
        if (!cur->status().ok()) ThrowStorage(cur->status(), "DELETE");
      }
      auto docs = g.NodeDocumentCount(n);
      if (docs.ok() && *docs > 0)
        RefuseExtracted("node", n, Status::NotSupported("it is an entity mentioned in " + std::to_string(*docs) +
                                                        " document(s)"), c_);
    }
    for (uint64_t r : rels) {
      auto e = g.GetEdge(r);
      if (!e.ok()) continue;  // already deleted
      auto prov = g.EdgeProvenance(r);
      if (!prov.ok()) ThrowStorage(prov.status(), "DELETE");
      std::set<std::string> docs;
      for (auto& p : *prov)
        if (p.document_id != "manual") docs.insert(p.document_id);
      if (!docs.empty())
        RefuseExtracted("relationship", r, Status::NotSupported("it is a claim extracted from " +
                                                                std::to_string(docs.size()) + " document(s), e.g. " +
                                                                *docs.begin()), c_);
    }
    for (uint64_t r : rels) {
      Status st = g.DeleteEdge(r);
      if (st.IsNotFound()) continue;
      if (!st.ok()) ThrowStorage(st, "DELETE");
      ctx.counters().relationships_deleted++;
    }
    for (uint64_t n : nodes) {
      Status st = g.DeleteNode(n);
      if (st.IsNotFound()) continue;
      if (!st.ok()) ThrowStorage(st, "DELETE");
      ctx.counters().nodes_deleted++;
    }
    ctx.Invalidate();
  }
};

// MERGE: per input row, the matches of the pattern, or (when there are none)
// the pattern created. Rows are handled in order, so a later row sees what an
// earlier one created.
class MergeOp : public Unary {
 public:
  MergeOp(OpPtr child, const BoundClause& c, std::vector<PartAccess> access)
      : Unary(std::move(child)), c_(c), access_(std::move(access)) {}

 protected:
  // MERGE ({x: null}) could never match what it creates.
  void CheckNoNullProperties(Row& row, ExecContext& ctx) {
    auto check = [&](const BoundExprPtr& e) {
      if (!e) return;
      Value m = Eval(*e, row, ctx);
      if (m.kind() != K::kMap) return;
      for (auto& [k, v] : m.as_map())
        if (v.is_null())
          ThrowError("SemanticError", "MergeReadOwnWrites",
                     "MERGE cannot use null for property `" + k + "`: what it creates would not match",
                     c_.line, c_.column);
    };
    for (auto& p : c_.patterns) {
      for (auto& n : p.nodes) if (!n.bound) check(n.properties);
      for (auto& r : p.rels) check(r.properties);
    }
  }

  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::vector<Row> in, out;
    child_->Produce(ctx, [&](Row& r) {
      in.push_back(r);
      return true;
    });
    for (auto& x : in) {
      CheckNoNullProperties(x, ctx);
      size_t first = out.size();
      MatchPatterns(c_.patterns, access_, x, ctx, [&](Row& r) {
        out.push_back(r);
        return true;
      });
      if (out.size() > first) {
        for (size_t k = first; k < out.size(); ++k) ApplySetItems(c_.on_match, out[k], ctx);
      } else {
        CreatePatterns(c_.patterns, x, ctx);
        ctx.Invalidate();
        ApplySetItems(c_.on_create, x, ctx);
        out.push_back(std::move(x));
      }
    }
    for (auto& x : out)
      if (!Emit(ctx, sink, x)) return false;
    return true;
  }

 private:
  const BoundClause& c_;
  std::vector<PartAccess> access_;
};


}  // namespace

OpPtr MakeCreate(OpPtr child, const BoundClause& create) { return std::make_unique<CreateOp>(std::move(child), create); }
OpPtr MakeSet(OpPtr child, const BoundClause& set) { return std::make_unique<SetOp>(std::move(child), set); }
OpPtr MakeDelete(OpPtr child, const BoundClause& del) { return std::make_unique<DeleteOp>(std::move(child), del); }
OpPtr MakeMerge(OpPtr child, const BoundClause& merge, std::vector<PartAccess> access) {
  return std::make_unique<MergeOp>(std::move(child), merge, std::move(access));
}

}  // namespace kg::query_lang
