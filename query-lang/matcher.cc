// matcher.cc: backtracking pattern matching over the graph API (matcher.h).
#include "query-lang/matcher.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/relations.h"
#include "common/url.h"
#include "graph/algorithms.h"
#include "query-lang/errors.h"
#include "query-lang/eval.h"

namespace kg::query_lang {
namespace {

using Dir = BoundRel::Direction;

struct Step {
  size_t rel;
  bool forward;  // from nodes[rel] to nodes[rel + 1]
};

struct PartState {
  std::vector<uint64_t> node_ids;
  std::vector<std::vector<graph::EdgeRef>> edges;  // per rel, left-to-right order
  std::vector<Step> steps;
  size_t anchor = 0;
};

}  // namespace

const BoundExpr* NameLookup(const BoundNode& n) {
  if (!n.properties || n.properties->kind != BoundExpr::Kind::kMap) return nullptr;
  for (size_t i = 0; i < n.properties->keys.size(); ++i)
    if (n.properties->keys[i] == "name") return n.properties->children[i].get();
  return nullptr;
}

// The property a (:Document) pattern node is looked up by, with its value:
// {id: ...} (the node id is derived from it), else {url: ...} or
// {source_path: ...} (the document index, Graph::FindDocumentsByUrl /
// FindDocumentsBySource); {nullptr, nullptr} when it has none of them.
struct DocumentKey {
  const char* property = nullptr;
  const BoundExpr* value = nullptr;
};
DocumentKey DocumentKeyLookup(const BoundNode& n) {
  if (n.labels.empty() || n.labels[0] != graph::kDocumentLabel) return {};
  if (!n.properties || n.properties->kind != BoundExpr::Kind::kMap) return {};
  for (const char* property : {"id", "url", "source_path"})
    for (size_t i = 0; i < n.properties->keys.size(); ++i)
      if (n.properties->keys[i] == property) return {property, n.properties->children[i].get()};
  return {};
}

bool IsDocumentPattern(const BoundNode& n) {
  return !n.labels.empty() && n.labels[0] == graph::kDocumentLabel;
}

namespace {

class Matcher {
 public:
  Matcher(const std::vector<BoundPattern>& parts, const std::vector<PartAccess>& access, Row& row,
          ExecContext& ctx, const std::function<bool(Row&)>& on_match)
      : parts_(parts), access_(access), row_(row), ctx_(ctx), on_match_(on_match), set_here_(row.size(), 0),
        states_(parts.size()) {}

  void Run() { MatchPart(0); }

  // See ForEachNodeCandidate (matcher.h).
  bool Candidates(const BoundNode& n, const std::function<bool(uint64_t)>& f) {
    return ForEachCandidate(n, [&](uint64_t id) {
      if (n.bound && n.labels.empty() && !n.properties) return f(id);
      if (!NodeMatches(n, id)) return true;
      return f(id);
    });
  }

  bool ValueSatisfies(const BoundNode& n, const NodeValue& nv) {
    for (auto& l : n.labels)
      if (std::find(nv.labels.begin(), nv.labels.end(), l) == nv.labels.end()) return false;
    if (n.properties) return PropsMatch(*n.properties, *nv.properties, IsDocument(nv));
    return true;
  }

 private:
  bool IsBound(const BoundNode& n) const { return n.bound || set_here_[n.slot]; }

  // false: stop everything.
  bool MatchPart(size_t pi) {
    if (pi == parts_.size()) return on_match_(row_);
    const BoundPattern& p = parts_[pi];
    PartState& st = states_[pi];
    st.node_ids.assign(p.nodes.size(), 0);
    st.edges.assign(p.rels.size(), {});
    const PartAccess& access = access_[pi];
    if (access.kind == PartAccess::Kind::kShortestPath) return MatchShortest(pi);
    if (access.kind == PartAccess::Kind::kRelationshipScan) return MatchByEdgeScan(pi);
    st.anchor = access.node;
    st.steps.clear();
    for (size_t j = st.anchor; j < p.rels.size(); ++j) st.steps.push_back({j, true});
    for (size_t j = st.anchor; j-- > 0;) st.steps.push_back({j, false});
    const BoundNode& a = p.nodes[st.anchor];
    return ForEachCandidate(a, [&](uint64_t id) { return BindNode(pi, st.anchor, id, [&] { return RunStep(pi, 0); }); });
  }

  // Whether `id` carries `label`, through a set built by one label scan.
  bool HasLabel(const std::string& label, uint64_t id) {
    auto it = label_sets_.find(label);
    if (it == label_sets_.end()) {
      std::unordered_set<uint64_t> ids;
      auto c = ctx_.graph().ScanLabel(label);
      for (; c->Valid(); c->Next()) ids.insert(c->node());
      if (!c->status().ok()) ThrowError("StorageError", "", c->status().ToString());
      it = label_sets_.emplace(label, std::move(ids)).first;
    }
    return it->second.count(id) > 0;
  }

  bool EndMatches(const BoundNode& n, uint64_t id) {
    if (!n.labels.empty()) {
      // A scan by source meets each source many times in a row.
      if (last_label_pattern_ != &n || last_label_id_ != id) {
        last_label_pattern_ = &n;
        last_label_id_ = id;
        last_label_ok_ = HasLabel(n.labels[0], id);
      }
      if (!last_label_ok_) return false;
    }
    if (n.labels.size() <= 1 && !n.properties) return true;
    return NodeMatches(n, id);
  }

  bool MatchByEdgeScan(size_t pi) {
    const BoundPattern& p = parts_[pi];
    PartState& st = states_[pi];
    const BoundRel& r = p.rels[0];
    bool none = false;
    auto types = TypeIds(r, &none);
    if (none) return true;
    auto c = ctx_.graph().ScanEdgesBySource();
    for (; c->Valid(); c->Next()) {
      ctx_.CheckInterrupt();
      const graph::EdgeRef& e = c->edge();
      if (!types.empty() && std::find(types.begin(), types.end(), e.type) == types.end()) continue;
      if (used_.count(e.id)) continue;
      // Orientations: (left, right) = (source, target) for ->, reversed for <-,
      // both for an undirected pattern (once for a self-loop). A symmetric
      // relation (speak_with, meet) holds both ways, so a directed pattern
      // matches it both ways too, as it does from a bound node (Expand).
      bool both_ways = r.direction != Dir::kBoth && e.source != e.target && Symmetric(e.type);
      for (int o = 0; o < 2; ++o) {
        bool forward = o == 0;
        if (r.direction == Dir::kOut && !forward && !both_ways) continue;
        if (r.direction == Dir::kIn && forward && !both_ways) continue;
        if (!forward && r.direction == Dir::kBoth && e.source == e.target) continue;
        uint64_t left = forward ? e.source : e.target;
        uint64_t right = forward ? e.target : e.source;
        if (!EndMatches(p.nodes[0], left) || !EndMatches(p.nodes[1], right)) continue;
        if (!RelMatches(r, e)) continue;
        bool set = !r.variable.empty() && r.used;
        if (set) row_[r.slot] = ctx_.RelFromRef(e);
        st.edges[0] = {e};
        used_.insert(e.id);
        bool go_on = BindLoose(pi, 0, left, [&] { return BindLoose(pi, 1, right, [&] { return FinishPart(pi); }); });
        used_.erase(e.id);
        if (set) row_[r.slot] = Value();
        if (!go_on) return false;
      }
    }
    if (!c->status().ok()) ThrowError("StorageError", "", c->status().ToString());
    return true;
  }

  // Whether relationship type `t` is symmetric (cached by type id).
  bool Symmetric(graph::TypeId t) {
    if (t >= symmetric_type_.size()) symmetric_type_.resize(t + 1, -1);
    if (symmetric_type_[t] < 0) symmetric_type_[t] = IsSymmetricRelation(ctx_.TypeName(t)) ? 1 : 0;
    return symmetric_type_[t] == 1;
  }

  // BindNode for an end already checked by EndMatches.
  template <typename F>
  bool BindLoose(size_t pi, size_t idx, uint64_t id, F&& next) {
    const BoundNode& n = parts_[pi].nodes[idx];
    if (IsBound(n)) {  // (a)-->(a): the same variable at both ends
      const Value& v = row_[n.slot];
      if (v.kind() != Value::Kind::kNode || v.as_node().id != id) return true;
      states_[pi].node_ids[idx] = id;
      return next();
    }
    if (n.variable.empty() || !n.used) {  // nothing reads the node: only its id is kept
      states_[pi].node_ids[idx] = id;
      return next();
    }
    row_[n.slot] = NodeRefFor(n.slot, id);
    set_here_[n.slot] = 1;
    states_[pi].node_ids[idx] = id;
    bool go_on = next();
    set_here_[n.slot] = 0;
    row_[n.slot] = Value();
    return go_on;
  }

  // The node value bound at `slot`: the previous one again when the id is
  // the same (scans by source bind the same node for many rows in a row).
  const Value& NodeRefFor(int slot, uint64_t id) {
    if (static_cast<size_t>(slot) >= ref_cache_.size()) ref_cache_.resize(static_cast<size_t>(slot) + 1);
    Value& v = ref_cache_[static_cast<size_t>(slot)];
    if (v.kind() != Value::Kind::kNode || v.as_node().id != id) v = ExecContext::NodeRef(id);
    return v;
  }

  template <typename F>
  bool ForEachCandidate(const BoundNode& n, F&& f) {
    if (IsBound(n)) {
      const Value& v = row_[n.slot];
      if (v.kind() != Value::Kind::kNode) return true;  // null (OPTIONAL) or not a node: no match
      return f(v.as_node().id);
    }
    if (DocumentKey key = DocumentKeyLookup(n); key.value) {
      Value v = Eval(*key.value, row_, ctx_);
      if (v.kind() != Value::Kind::kString) return true;  // null or not a string: nothing matches
      if (key.property == std::string("id")) {
        // (d:Document {id: '...'}): the document's node, if it is stored.
        graph::NodeId node = graph::DocumentNodeId(v.as_string());
        if (node == 0) return true;
        auto doc = ctx_.graph().DocumentOfNode(node);
        if (!doc.ok()) {
          if (doc.status().IsNotFound()) return true;
          ThrowError("StorageError", "", doc.status().ToString());
        }
        return f(node);
      }
      // {url: ...} / {source_path: ...}: one seek in the document index.
      auto ids = key.property == std::string("url") ? ctx_.graph().FindDocumentsByUrl(v.as_string())
                                                    : ctx_.graph().FindDocumentsBySource(v.as_string());
      if (!ids.ok()) ThrowError("StorageError", "", ids.status().ToString());
      graph::NodeId last = 0;
      for (const std::string& id : *ids) {
        graph::NodeId node = graph::DocumentNodeId(id);
        if (node == 0 || node == last) continue;  // no node, or one node for two ids (graph.h)
        last = node;
        if (!f(node)) return false;
      }
      return true;
    }
    if (const BoundExpr* name = NameLookup(n)) {
      Value v = Eval(*name, row_, ctx_);
      if (v.kind() != Value::Kind::kString) return true;  // null or not a string: nothing matches
      auto ids = ctx_.graph().FindByName(v.as_string());
      if (!ids.ok()) ThrowError("StorageError", "", ids.status().ToString());
      for (uint64_t id : *ids) if (!f(id)) return false;
      return true;
    }
    auto cursor = n.labels.empty() ? ctx_.graph().ScanNodes() : ctx_.graph().ScanLabel(n.labels[0]);
    for (; cursor->Valid(); cursor->Next()) {
      ctx_.CheckInterrupt();
      if (!f(cursor->node())) return false;
    }
    if (!cursor->status().ok()) ThrowError("StorageError", "", cursor->status().ToString());
    return true;
  }

  bool NodeMatches(const BoundNode& n, uint64_t id) {
    if (n.labels.empty() && !n.properties) return true;
    Value ref = ExecContext::NodeRef(id);
    const NodeValue& nv = ctx_.LoadNode(ref);
    for (auto& l : n.labels)
      if (std::find(nv.labels.begin(), nv.labels.end(), l) == nv.labels.end()) return false;
    if (n.properties) return PropsMatch(*n.properties, *nv.properties, IsDocument(nv));
    return true;
  }

  // `document`: the node is a Document, whose url a pattern compares
  // normalised (NormalizeUrl, common/url.h), as the document index finds it.
  bool PropsMatch(const BoundExpr& props, const ValueMap& actual, bool document = false) {
    Value want = Eval(props, row_, ctx_);
    if (want.is_null()) return true;
    if (want.kind() != Value::Kind::kMap) ThrowType("InvalidArgumentType", "property map expected");
    for (auto& [k, v] : want.as_map()) {
      auto it = actual.find(k);
      if (it == actual.end()) return false;
      if (document && k == "url" && v.kind() == Value::Kind::kString &&
          it->second.kind() == Value::Kind::kString) {
        if (NormalizeUrl(it->second.as_string()) != NormalizeUrl(v.as_string())) return false;
        continue;
      }
      if (!IsTrue(TernaryEquals(it->second, v))) return false;
    }
    return true;
  }

  static bool IsDocument(const NodeValue& nv) {
    return std::find(nv.labels.begin(), nv.labels.end(), graph::kDocumentLabel) != nv.labels.end();
  }

  template <typename F>
  bool BindNode(size_t pi, size_t idx, uint64_t id, F&& next) {
    const BoundNode& n = parts_[pi].nodes[idx];
    if (IsBound(n)) {
      const Value& v = row_[n.slot];
      if (v.kind() != Value::Kind::kNode || v.as_node().id != id) return true;
      if (!n.bound && !NodeMatches(n, id)) return true;  // repeated in this pattern: check again
      if (n.bound && (!n.labels.empty() || n.properties) && !NodeMatches(n, id)) return true;
      states_[pi].node_ids[idx] = id;
      return next();
    }
    if (!NodeMatches(n, id)) return true;
    if (n.variable.empty() || !n.used) {
      states_[pi].node_ids[idx] = id;
      return next();
    }
    row_[n.slot] = NodeRefFor(n.slot, id);
    set_here_[n.slot] = 1;
    states_[pi].node_ids[idx] = id;
    bool go_on = next();
    set_here_[n.slot] = 0;
    row_[n.slot] = Value();
    return go_on;
  }

  std::vector<graph::TypeId> TypeIds(const BoundRel& r, bool* none) {
    std::vector<graph::TypeId> ids;
    *none = false;
    if (r.types.empty()) return ids;
    for (auto& t : r.types) {
      auto id = ctx_.graph().FindType(t);
      if (id) ids.push_back(*id);
    }
    if (ids.empty()) *none = true;
    return ids;
  }

  // Calls f(edge, other_end) for each edge leaving `from` as the step goes.
  template <typename F>
  bool ForEachEdge(const BoundRel& r, bool forward, uint64_t from, F&& f) {
    bool none = false;
    auto types = TypeIds(r, &none);
    if (none) return true;
    Dir d = r.direction;
    bool out = d == Dir::kBoth || (d == Dir::kOut) == forward;
    bool in = d == Dir::kBoth || (d == Dir::kIn) == forward;
    auto scan = [&](bool outgoing) -> bool {
      auto run = [&](std::optional<graph::TypeId> t) -> bool {
        auto c = outgoing ? ctx_.graph().OutEdges(from, t) : ctx_.graph().InEdges(from, t);
        for (; c->Valid(); c->Next()) {
          ctx_.CheckInterrupt();
          const graph::EdgeRef& e = c->edge();
          if (!outgoing && out && e.source == e.target) continue;  // a loop, seen already
          uint64_t other = outgoing ? e.target : e.source;
          if (!f(e, other)) return false;
        }
        if (!c->status().ok()) ThrowError("StorageError", "", c->status().ToString());
        return true;
      };
      if (types.empty()) return run(std::nullopt);
      for (auto t : types) if (!run(t)) return false;
      return true;
    };
    if (out && !scan(true)) return false;
    if (in && !scan(false)) return false;
    if (out != in) {
      // A symmetric relation (speak_with, meet) holds both ways, and is
      // stored once: a directed pattern matches it against its direction too.
      bool outgoing = !out;
      auto run = [&](std::optional<graph::TypeId> t) -> bool {
        auto c = outgoing ? ctx_.graph().OutEdges(from, t) : ctx_.graph().InEdges(from, t);
        for (; c->Valid(); c->Next()) {
          ctx_.CheckInterrupt();
          const graph::EdgeRef& e = c->edge();
          if (e.source == e.target || !IsSymmetricRelation(ctx_.TypeName(e.type))) continue;
          if (!f(e, outgoing ? e.target : e.source)) return false;
        }
        if (!c->status().ok()) ThrowError("StorageError", "", c->status().ToString());
        return true;
      };
      if (types.empty()) return run(std::nullopt);
      for (auto t : types)
        if (IsSymmetricRelation(ctx_.TypeName(t)) && !run(t)) return false;
    }
    return true;
  }

  bool RelMatches(const BoundRel& r, const graph::EdgeRef& e) {
    if (!r.properties) return true;
    Value v = ctx_.RelFromRef(e);
    return PropsMatch(*r.properties, *ctx_.LoadRel(v).properties);
  }

  bool RunStep(size_t pi, size_t s) {
    const BoundPattern& p = parts_[pi];
    PartState& st = states_[pi];
    if (s == st.steps.size()) return FinishPart(pi);
    ctx_.CheckInterrupt();
    const Step& step = st.steps[s];
    const BoundRel& r = p.rels[step.rel];
    size_t from_idx = step.forward ? step.rel : step.rel + 1;
    size_t to_idx = step.forward ? step.rel + 1 : step.rel;
    uint64_t from = st.node_ids[from_idx];
    if (!r.var_length) {
      return ForEachEdge(r, step.forward, from, [&](const graph::EdgeRef& e, uint64_t other) {
        if (used_.count(e.id)) return true;
        if (r.bound) {
          const Value& v = row_[r.slot];
          if (v.kind() != Value::Kind::kRelationship || v.as_relationship().id != e.id) return true;
        }
        if (!RelMatches(r, e)) return true;
        used_.insert(e.id);
        bool set = !r.bound && !r.variable.empty() && r.used;
        if (set) row_[r.slot] = ctx_.RelFromRef(e);
        st.edges[step.rel] = {e};
        bool go_on = BindNode(pi, to_idx, other, [&] { return RunStep(pi, s + 1); });
        if (set) row_[r.slot] = Value();
        used_.erase(e.id);
        return go_on;
      });
    }
    int64_t max = r.max_hops >= 0 ? r.max_hops : ctx_.options().default_max_hops;
    std::vector<graph::EdgeRef> trail;
    std::function<bool(uint64_t, int64_t)> dfs = [&](uint64_t at, int64_t depth) -> bool {
      if (depth >= r.min_hops) {
        std::vector<graph::EdgeRef> ordered = trail;
        if (!step.forward) std::reverse(ordered.begin(), ordered.end());
        bool ok_bound = true;
        if (r.bound) {
          const Value& v = row_[r.slot];
          ok_bound = v.kind() == Value::Kind::kList && v.as_list().size() == ordered.size();
          for (size_t i = 0; ok_bound && i < ordered.size(); ++i)
            ok_bound = v.as_list()[i].kind() == Value::Kind::kRelationship &&
                       v.as_list()[i].as_relationship().id == ordered[i].id;
        }
        if (ok_bound) {
          if (!r.bound && !r.variable.empty() && r.used) {
            ValueList rels;
            for (auto& e : ordered) rels.push_back(ctx_.RelFromRef(e));
            row_[r.slot] = Value::List(std::move(rels));
          }
          st.edges[step.rel] = ordered;
          bool go_on = BindNode(pi, to_idx, at, [&] { return RunStep(pi, s + 1); });
          if (!r.bound) row_[r.slot] = Value();
          if (!go_on) return false;
        }
      }
      if (depth >= max) return true;
      return ForEachEdge(r, step.forward, at, [&](const graph::EdgeRef& e, uint64_t other) {
        if (used_.count(e.id)) return true;
        if (!RelMatches(r, e)) return true;
        used_.insert(e.id);
        trail.push_back(e);
        bool go_on = dfs(other, depth + 1);
        trail.pop_back();
        used_.erase(e.id);
        return go_on;
      });
    };
    return dfs(from, 0);
  }

  Value BuildPath(size_t pi) {
    const PartState& st = states_[pi];
    PathValue path;
    uint64_t cur = st.node_ids[0];
    path.nodes.push_back(ExecContext::NodeRef(cur).as_node());
    for (auto& rel_edges : st.edges) {
      for (auto& e : rel_edges) {
        path.relationships.push_back(ctx_.RelFromRef(e).as_relationship());
        cur = e.source == cur ? e.target : e.source;
        path.nodes.push_back(ExecContext::NodeRef(cur).as_node());
      }
    }
    return Value::Path(std::move(path));
  }

  bool FinishPart(size_t pi) {
    const BoundPattern& p = parts_[pi];
    if (p.path_slot >= 0) row_[p.path_slot] = BuildPath(pi);
    bool go_on = MatchPart(pi + 1);
    if (p.path_slot >= 0) row_[p.path_slot] = Value();
    return go_on;
  }

  bool MatchShortest(size_t pi) {
    const BoundPattern& p = parts_[pi];
    PartState& st = states_[pi];
    if (p.rels.size() != 1)
      ThrowSyntax("InvalidArgumentType", "shortestPath needs a pattern with one relationship", p.line, p.column);
    const BoundRel& r = p.rels[0];
    graph::PathQuery q;
    q.direction = r.direction == Dir::kOut ? graph::Direction::kOut
                  : r.direction == Dir::kIn ? graph::Direction::kIn
                                            : graph::Direction::kBoth;
    q.types = r.types;
    q.min_length = static_cast<uint32_t>(r.var_length ? r.min_hops : 1);
    int64_t max = r.var_length ? (r.max_hops >= 0 ? r.max_hops : ctx_.options().default_max_hops) : 1;
    q.max_length = static_cast<uint32_t>(max);
    return ForEachCandidate(p.nodes[0], [&](uint64_t a) {
      return BindNode(pi, 0, a, [&] {
        return ForEachCandidate(p.nodes[1], [&](uint64_t b) {
          std::vector<graph::Path> paths;
          if (p.shortest == 1) {
            auto one = graph::ShortestPath(ctx_.graph(), a, b, q);
            if (!one.ok()) ThrowError("StorageError", "", one.status().ToString());
            if (*one) paths.push_back(**one);
          } else {
            auto all = graph::AllShortestPaths(ctx_.graph(), a, b, q);
            if (!all.ok()) ThrowError("StorageError", "", all.status().ToString());
            paths = std::move(*all);
          }
          for (auto& path : paths) {
            std::vector<graph::EdgeRef> refs;
            for (size_t i = 0; i < path.edges.size(); ++i) {
              auto rec = ctx_.graph().GetEdge(path.edges[i]);
              if (!rec.ok()) ThrowError("StorageError", "", rec.status().ToString());
              graph::EdgeRef ref;
              ref.id = rec->id;
              ref.source = rec->source;
              ref.target = rec->target;
              auto t = ctx_.graph().FindType(rec->type);
              ref.type = t ? *t : 0;
              refs.push_back(ref);
            }
            if (r.properties) {
              bool ok = true;
              for (auto& e : refs) ok = ok && RelMatches(r, e);
              if (!ok) continue;
            }
            st.edges[0] = refs;
            if (!r.variable.empty()) {
              if (r.var_length) {
                ValueList rels;
                for (auto& e : refs) rels.push_back(ctx_.RelFromRef(e));
                row_[r.slot] = Value::List(std::move(rels));
              } else {
                row_[r.slot] = ctx_.RelFromRef(refs[0]);
              }
            }
            bool go_on = BindNode(pi, 1, b, [&] { return FinishPart(pi); });
            if (!r.variable.empty()) row_[r.slot] = Value();
            if (!go_on) return false;
          }
          return true;
        });
      });
    });
  }

  const std::vector<BoundPattern>& parts_;
  const std::vector<PartAccess>& access_;
  Row& row_;
  ExecContext& ctx_;
  const std::function<bool(Row&)>& on_match_;
  std::vector<char> set_here_;
  std::vector<PartState> states_;
  std::unordered_set<uint64_t> used_;
  std::vector<int8_t> symmetric_type_;  // by type id: -1 unknown, 0 no, 1 yes
  std::unordered_map<std::string, std::unordered_set<uint64_t>> label_sets_;
  const BoundNode* last_label_pattern_ = nullptr;  // EndMatches' last label check
  uint64_t last_label_id_ = 0;
  bool last_label_ok_ = false;
  std::vector<Value> ref_cache_;  // NodeRefFor, by slot
};

}  // namespace

std::vector<PartAccess> ChooseAccess(const std::vector<BoundPattern>& parts) {
  using Kind = PartAccess::Kind;
  std::vector<PartAccess> out;
  std::vector<int> bound_here;  // slots the earlier parts bind
  auto bound = [&](const BoundNode& n) {
    return n.bound || std::find(bound_here.begin(), bound_here.end(), n.slot) != bound_here.end();
  };
  for (const BoundPattern& p : parts) {
    PartAccess a;
    auto first = [&](auto pred, Kind kind) {
      for (size_t i = 0; i < p.nodes.size(); ++i)
        if (pred(p.nodes[i])) {
          a = {kind, i};
          return true;
        }
      return false;
    };
    bool single_hop = p.nodes.size() == 2 && p.rels.size() == 1 && !p.rels[0].var_length && !p.rels[0].bound;
    // MENTIONED_IN is served per node, not by the relationship scan; a
    // document node is the cheaper start (documents are fewer than entities).
    if (single_hop) {
      for (auto& t : p.rels[0].types) single_hop = single_hop && t != graph::kMentionedInType;
      for (auto& n : p.nodes) single_hop = single_hop && !IsDocumentPattern(n);
    }
    if (p.shortest) {
      a = {Kind::kShortestPath, 0};
    } else if (first(bound, Kind::kBound)) {
    } else if (first([](const BoundNode& n) { return NameLookup(n) != nullptr; }, Kind::kNodeByName)) {
    } else if (first([](const BoundNode& n) { return DocumentKeyLookup(n).value != nullptr; },
                     Kind::kDocumentByKey)) {
    } else if (single_hop) {
      // (a)-[r]->(b) with neither end bound or looked up by name: one
      // sequential scan of the relationships beats a node scan plus an
      // adjacency seek per node.
      a = {Kind::kRelationshipScan, 0};
    } else if (first([](const BoundNode& n) { return IsDocumentPattern(n); }, Kind::kNodeByLabel)) {
    } else if (first([](const BoundNode& n) { return !n.labels.empty(); }, Kind::kNodeByLabel)) {
    } else {
      a = {Kind::kAllNodes, 0};
    }
    out.push_back(a);
    for (const BoundNode& n : p.nodes)
      if (!n.variable.empty()) bound_here.push_back(n.slot);
  }
  return out;
}

void MatchPatterns(const std::vector<BoundPattern>& parts, const std::vector<PartAccess>& access, Row& row,
                   ExecContext& ctx, const std::function<bool(Row&)>& on_match) {
  Matcher m(parts, access, row, ctx, on_match);
  m.Run();
}

void MatchPatterns(const std::vector<BoundPattern>& parts, Row& row, ExecContext& ctx,
                   const std::function<bool(Row&)>& on_match) {
  MatchPatterns(parts, ChooseAccess(parts), row, ctx, on_match);
}

bool ForEachNodeCandidate(const BoundNode& n, Row& row, ExecContext& ctx,
                          const std::function<bool(uint64_t)>& f) {
  static const std::vector<BoundPattern> kNoParts;
  static const std::vector<PartAccess> kNoAccess;
  std::function<bool(Row&)> none = [](Row&) { return true; };
  Matcher m(kNoParts, kNoAccess, row, ctx, none);
  return m.Candidates(n, f);
}

bool NodeValueSatisfies(const BoundNode& n, const NodeValue& node, Row& row, ExecContext& ctx) {
  static const std::vector<BoundPattern> kNoParts;
  static const std::vector<PartAccess> kNoAccess;
  std::function<bool(Row&)> none = [](Row&) { return true; };
  Matcher m(kNoParts, kNoAccess, row, ctx, none);
  return m.ValueSatisfies(n, node);
}

std::string DescribeAccess(const BoundPattern& p, const PartAccess& access) {
  auto var = [](const std::string& v) { return v.empty() ? std::string("_") : v; };
  const BoundNode* n = p.nodes.empty() ? nullptr : &p.nodes[std::min(access.node, p.nodes.size() - 1)];
  switch (access.kind) {
    case PartAccess::Kind::kBound: return "Bound(" + var(n->variable) + ")";
    case PartAccess::Kind::kNodeByName: return "NodeByName(" + var(n->variable) + ") via the name index";
    case PartAccess::Kind::kRelationshipScan: {
      const BoundRel& r = p.rels[0];
      std::string types;
      for (size_t i = 0; i < r.types.size(); ++i) types += (i ? "|" : ":") + r.types[i];
      return "RelationshipScan(" + var(r.variable) + types + ") over all relationships";
    }
    case PartAccess::Kind::kDocumentByKey: {
      std::string property = DocumentKeyLookup(*n).property;
      if (property == "id") return "DocumentById(" + var(n->variable) + ") one lookup of its content id";
      return std::string(property == "url" ? "DocumentByUrl(" : "DocumentBySourcePath(") + var(n->variable) +
             ") via the document index" + (property == "url" ? " (normalised url)" : "");
    }
    case PartAccess::Kind::kNodeByLabel:
      if (IsDocumentPattern(*n)) return "NodeByLabel(" + var(n->variable) + ":Document) via the stored documents";
      return "NodeByLabel(" + var(n->variable) + ":" + n->labels[0] + ") via the label index";
    case PartAccess::Kind::kAllNodes: return "AllNodes(" + var(n->variable) + ") scanning every node";
    case PartAccess::Kind::kShortestPath:
      return std::string(p.shortest == 2 ? "AllShortestPaths(" : "ShortestPath(") + var(p.path_variable) + ")";
  }
  return "";
}

}  // namespace kg::query_lang
