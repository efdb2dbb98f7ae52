// Curation records and the edits they make (see curation.h for the contract
// and storage/FORMAT.md for the `curation` family).
//
// Every operation runs in an Editor: reads go through an overlay of the
// writes planned so far, each primitive change (a mention or provenance
// record moved, an edge re-pointed, a node or edge made or removed, an alias
// added, a claim rejected) is appended to the record, and Commit() derives
// what depends on the changes (edge support counts, the document index, the
// alias index, degree counts, counters) and writes all of it with the record
// in one batch. Undo replays the inverse of each recorded change, newest
// first, through the same Commit().
#include "graph/curation.h"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>

#include "common/text.h"
#include "graph/audit.h"
#include "graph/degrees.h"
#include "graph/entity_keys.h"
#include "graph/graph_state.h"
#include "graph/record_codec.h"
#include "graph/rocks_graph.h"
#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::graph {
namespace {

using storage::Family;
namespace keys = storage::keys;
using Json = nlohmann::ordered_json;
using internal::RocksGraph;

constexpr const char* kCurationDocPrefix = "curation:";

std::string Num(uint64_t n) { return std::to_string(n); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

bool Unhex(const std::string& hex, std::string* out) {
  if (hex.size() % 2) return false;
  out->clear();
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = val(hex[i]), lo = val(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string NameIn(const Properties& props) {
  auto it = props.find("name");
  if (it == props.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second.value)) return *s;
  return "";
}

std::string TypeIn(const Properties& props) {
  auto it = props.find("type");
  if (it == props.end()) return "";
  if (const auto* s = std::get_if<std::string>(&it->second.value)) return *s;
  return "";
}

std::string Encoded64(uint64_t v) {
  std::string out;
  storage::PutBigEndian64(&out, v);
  return out;
}

bool Decoded64(std::string_view s, uint64_t* v) {
  size_t pos = 0;
  return s.size() == 8 && storage::GetBigEndian64(s, &pos, v);
}

// The store seen with a set of planned writes on top.
class Overlay {
 public:
  explicit Overlay(const storage::Store& store) : store_(store) {}

  Result<std::optional<std::string>> Get(Family f, const std::string& key) const {
    auto w = writes_.find({static_cast<int>(f), key});
    if (w != writes_.end()) return w->second;
    std::string v;
    Status s = store_.Get(f, key, &v);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return s;
    return std::optional<std::string>(std::move(v));
  }

  using Entries = std::vector<std::pair<std::string, std::string>>;
  Result<Entries> Scan(Family f, const std::string& prefix) const {
    std::map<std::string, std::string> out;
    auto it = store_.NewIterator(f, prefix);
    for (; it->Valid(); it->Next()) out.emplace(std::string(it->key()), std::string(it->value()));
    KG_RETURN_IF_ERROR(it->status());
    for (auto w = writes_.lower_bound({static_cast<int>(f), prefix});
         w != writes_.end() && w->first.first == static_cast<int>(f) && StartsWith(w->first.second, prefix);
         ++w) {
      if (w->second) {
        out[w->first.second] = *w->second;
      } else {
        out.erase(w->first.second);
      }
    }
    return Entries(out.begin(), out.end());
  }

  void Put(Family f, std::string key, std::string value) {
    writes_[{static_cast<int>(f), std::move(key)}] = std::move(value);
  }
  void Delete(Family f, std::string key) { writes_[{static_cast<int>(f), std::move(key)}] = std::nullopt; }

  void Emit(storage::WriteBatch* batch) const {
    for (const auto& [k, v] : writes_) {
      if (v) {
        batch->Put(static_cast<Family>(k.first), k.second, *v);
      } else {
        batch->Delete(static_cast<Family>(k.first), k.second);
      }
    }
  }

 private:
  const storage::Store& store_;
  std::map<std::pair<int, std::string>, std::optional<std::string>> writes_;
};

struct Support {
  keys::SupportKey key;
  std::string value;
};

// One curation transaction (see the file comment).
class Editor {
 public:
  Editor(RocksGraph* graph, uint64_t record)
      : graph_(graph),
        store_(*graph->store()),
        ov_(store_),
        c_(graph->counters()),
        record_(record),
        entity_label_(graph->dictionary().Find("Entity")) {}

  uint64_t record() const { return record_; }
  internal::Counters& counters() { return c_; }
  Json& changes() { return changes_; }
  void set_recording(bool on) { recording_ = on; }
  const internal::Dictionary& dictionary() const { return graph_->dictionary(); }

  // ---- Reading through the overlay ------------------------------------------
  Result<std::optional<codec::NodeValue>> Node(NodeId id) const {
    auto v = ov_.Get(Family::kNodes, keys::Id64(id));
    if (!v.ok()) return v.status();
    if (!*v) return std::optional<codec::NodeValue>();
    codec::NodeValue nv;
    if (!codec::DecodeNode(**v, &nv)) return Status::Corruption("node " + Num(id) + " is unreadable");
    return std::optional<codec::NodeValue>(std::move(nv));
  }

  Result<std::optional<codec::EdgeValue>> Edge(EdgeId id) const {
    auto v = ov_.Get(Family::kEdges, keys::Id64(id));
    if (!v.ok()) return v.status();
    if (!*v) return std::optional<codec::EdgeValue>();
    codec::EdgeValue ev;
    if (!codec::DecodeEdge(**v, &ev)) return Status::Corruption("edge " + Num(id) + " is unreadable");
    return std::optional<codec::EdgeValue>(std::move(ev));
  }

  bool IsEntity(const codec::NodeValue& nv) const {
    return entity_label_ && std::find(nv.labels.begin(), nv.labels.end(), *entity_label_) != nv.labels.end();
  }

  Result<std::vector<Support>> Supports(Family f, uint64_t owner, const std::string* doc = nullptr) const {
    auto entries = ov_.Scan(f, doc ? keys::SupportPrefix(owner, *doc) : keys::SupportPrefix(owner));
    if (!entries.ok()) return entries.status();
    std::vector<Support> out;
    for (auto& [k, v] : *entries) {
      Support s;
      if (!keys::ParseSupportKey(k, &s.key)) return Status::Corruption("bad support key");
      if (s.key.owner != owner) continue;
      s.value = std::move(v);
      out.push_back(std::move(s));
    }
    return out;
  }

  // The edges entering or leaving `node`, each once, in id order.
  Result<std::vector<EdgeId>> EdgesOf(NodeId node) const {
    std::set<EdgeId> out;
    for (Family f : {Family::kOut, Family::kIn}) {
      auto entries = ov_.Scan(f, keys::AdjacencyPrefix(node));
      if (!entries.ok()) return entries.status();
      for (const auto& [k, v] : *entries) {
        keys::Adjacency a;
        if (!keys::ParseAdjacency(k, &a)) return Status::Corruption("bad adjacency key");
        out.insert(a.edge);
      }
    }
    return std::vector<EdgeId>(out.begin(), out.end());
  }

  // The edges of `node` with `type` in `direction` (out: node is the source).
  Result<std::vector<keys::Adjacency>> Adjacent(NodeId node, TypeId type) const {
    std::vector<keys::Adjacency> out;
    auto entries = ov_.Scan(Family::kOut, keys::AdjacencyPrefix(node, type));
    if (!entries.ok()) return entries.status();
    for (const auto& [k, v] : *entries) {
      keys::Adjacency a;
      if (!keys::ParseAdjacency(k, &a)) return Status::Corruption("bad adjacency key");
      out.push_back(a);
    }
    return out;
  }

  // The edges document `doc` gives provenance to (its doc_index entries).
  Result<std::vector<EdgeId>> EdgesOfDocument(const std::string& doc) const {
    std::vector<EdgeId> out;
    auto entries = ov_.Scan(Family::kDocIndex, keys::DocIndexPrefix(doc));
    if (!entries.ok()) return entries.status();
    for (const auto& [k, v] : *entries) {
      std::string d;
      keys::DocItem kind;
      uint64_t id;
      if (!keys::ParseDocIndexKey(k, &d, &kind, &id)) return Status::Corruption("bad doc_index key");
      if (d == doc && kind == keys::DocItem::kEdge) out.push_back(id);
    }
    return out;
  }

  // The edge source -type-> target other than `except`, if any.
  Result<std::optional<EdgeId>> EdgeWithTriple(NodeId source, TypeId type, NodeId target, EdgeId except) const {
    auto entries = ov_.Scan(Family::kOut, keys::AdjacencyPrefix(source, type, target));
    if (!entries.ok()) return entries.status();
    for (const auto& [k, v] : *entries) {
      keys::Adjacency a;
      if (!keys::ParseAdjacency(k, &a)) return Status::Corruption("bad adjacency key");
      if (a.edge != except) return std::optional<EdgeId>(a.edge);
    }
    return std::optional<EdgeId>();
  }

  // The index entries node `n` should have: folded alias -> as written
  // (graph/entity_keys.h); only the name for a node that is no entity.
  Result<std::map<std::string, std::string>> Aliases(NodeId n) const {
    std::map<std::string, std::string> out;
    auto nv = Node(n);
    if (!nv.ok()) return nv.status();
    if (!*nv) return out;
    std::string name = NameIn((*nv)->properties);
    if (!IsEntity(**nv)) {
      if (!name.empty()) out[text::FoldCase(name)] = name;
      return out;
    }
    StoredEntity e = StoredEntityOf((*nv)->properties);
    auto mentions = Supports(Family::kMentions, n);
    if (!mentions.ok()) return mentions.status();
    std::vector<std::string> surfaces, given;
    for (const Support& s : *mentions) {
      MentionRecord m;
      if (codec::DecodeMention(s.value, &m))
        (IsCurationDocument(s.key.document) ? given : surfaces).push_back(m.surface);
    }
    for (const std::string& a : EntityAliases(e.name, e.type, surfaces, given)) out.emplace(text::FoldCase(a), a);
    return out;
  }

  Result<std::set<std::string>> EdgeDocs(EdgeId e) const {
    std::set<std::string> out;
    auto prov = Supports(Family::kProvenance, e);
    if (!prov.ok()) return prov.status();
    for (const Support& s : *prov)
      if (!IsPseudoDocument(s.key.document)) out.insert(s.key.document);
    return out;
  }

  // The documents whose index lists `n`: those that mention it or support
  // one of its claims (what the ingest writes).
  Result<std::set<std::string>> NodeDocs(NodeId n) const {
    std::set<std::string> out;
    auto nv = Node(n);
    if (!nv.ok()) return nv.status();
    if (!*nv) return out;
    auto mentions = Supports(Family::kMentions, n);
    if (!mentions.ok()) return mentions.status();
    for (const Support& s : *mentions)
      if (!IsPseudoDocument(s.key.document)) out.insert(s.key.document);
    auto edges = EdgesOf(n);
    if (!edges.ok()) return edges.status();
    for (EdgeId e : *edges) {
      auto docs = EdgeDocs(e);
      if (!docs.ok()) return docs.status();
      out.insert(docs->begin(), docs->end());
    }
    return out;
  }

  // The record that rejected edge `e`, if any.
  Result<std::optional<uint64_t>> RejectedBy(EdgeId e) const {
    auto v = ov_.Get(Family::kCuration, keys::RejectedEdgeKey(e));
    if (!v.ok()) return v.status();
    if (!*v) return std::optional<uint64_t>();
    uint64_t r;
    if (!Decoded64(**v, &r)) return Status::Corruption("bad rejected-edge value for edge " + Num(e));
    return std::optional<uint64_t>(r);
  }

  // ---- Before-images for the derived data -------------------------------------
  Status Touch(NodeId n) {
    if (nodes_before_.count(n)) return Status::OK();
    auto aliases = Aliases(n);
    if (!aliases.ok()) return aliases.status();
    auto docs = NodeDocs(n);
    if (!docs.ok()) return docs.status();
    nodes_before_[n] = {std::move(*aliases), std::move(*docs)};
    return Status::OK();
  }

  Status TouchEdge(EdgeId e) {
    if (edges_before_.count(e)) return Status::OK();
    auto docs = EdgeDocs(e);
    if (!docs.ok()) return docs.status();
    edges_before_[e] = std::move(*docs);
    return Status::OK();
  }

  // ---- Primitive changes --------------------------------------------------------
  Result<uint32_t> NextSeq(Family f, uint64_t owner, const std::string& doc) const {
    auto sup = Supports(f, owner, &doc);
    if (!sup.ok()) return sup.status();
    uint32_t next = 0;
    for (const Support& s : *sup)
      if (s.key.document == doc) next = std::max(next, s.key.seq + 1);
    return next;
  }

  // Moves one mention (kMentions) or provenance record (kProvenance) to
  // another owner (appended after that owner's records from the document).
  Status Move(Family f, uint64_t from, const std::string& doc, uint32_t seq, uint64_t to) {
    std::string from_key = keys::SupportKeyOf({from, doc, seq});
    auto v = ov_.Get(f, from_key);
    if (!v.ok()) return v.status();
    if (!*v) return Status::Corruption("no record " + doc + "/" + Num(seq) + " of " + Num(from) + " to move");
    auto to_seq = NextSeq(f, to, doc);
    if (!to_seq.ok()) return to_seq.status();
    if (f == Family::kMentions) {
      KG_RETURN_IF_ERROR(Touch(from));
      KG_RETURN_IF_ERROR(Touch(to));
    } else {
      KG_RETURN_IF_ERROR(TouchEdge(from));
      KG_RETURN_IF_ERROR(TouchEdge(to));
    }
    ov_.Delete(f, from_key);
    ov_.Put(f, keys::SupportKeyOf({to, doc, *to_seq}), **v);
    Record({{"k", f == Family::kMentions ? "mention" : "provenance"},
            {"from", Json::array({from, doc, seq})},
            {"to", Json::array({to, doc, *to_seq})}});
    return Status::OK();
  }

  Status Repoint(EdgeId e, NodeId source, NodeId target) {
    auto ev = Edge(e);
    if (!ev.ok()) return ev.status();
    if (!*ev) return Status::Corruption("no edge " + Num(e) + " to re-point");
    codec::EdgeValue& v = **ev;
    KG_RETURN_IF_ERROR(TouchEdge(e));
    Record({{"k", "repoint"},
            {"edge", e},
            {"from", Json::array({v.source, v.target})},
            {"to", Json::array({source, target})}});
    ov_.Delete(Family::kOut, keys::AdjacencyKey({v.source, v.type, v.target, e}));
    ov_.Delete(Family::kIn, keys::AdjacencyKey({v.target, v.type, v.source, e}));
    degrees_.AddEdge(v.source, v.type, v.target, -1);
    v.source = source;
    v.target = target;
    ov_.Put(Family::kOut, keys::AdjacencyKey({v.source, v.type, v.target, e}), "");
    ov_.Put(Family::kIn, keys::AdjacencyKey({v.target, v.type, v.source, e}), "");
    degrees_.AddEdge(v.source, v.type, v.target, +1);
    ov_.Put(Family::kEdges, keys::Id64(e), codec::EncodeEdge(v));
    return Status::OK();
  }

  // Makes edge `id` (a new one when 0) with `value`; its support counts are
  // derived at Commit.
  Result<EdgeId> PutNewEdge(EdgeId id, const codec::EdgeValue& value) {
    if (id == 0) id = c_.next_edge++;
    ov_.Put(Family::kEdges, keys::Id64(id), codec::EncodeEdge(value));
    ov_.Put(Family::kOut, keys::AdjacencyKey({value.source, value.type, value.target, id}), "");
    ov_.Put(Family::kIn, keys::AdjacencyKey({value.target, value.type, value.source, id}), "");
    degrees_.AddEdge(value.source, value.type, value.target, +1);
    c_.edges++;
    c_.types[value.type]++;
    c_.dirty_types.insert(value.type);
    KG_RETURN_IF_ERROR(TouchEdge(id));
    return id;
  }

  Result<EdgeId> NewEdge(NodeId source, TypeId type, NodeId target) {
    codec::EdgeValue v;
    v.source = source;
    v.target = target;
    v.type = type;
    auto id = PutNewEdge(0, v);
    if (!id.ok()) return id;
    Record({{"k", "create_edge"}, {"edge", *id}, {"value", Hex(codec::EncodeEdge(v))}});
    return id;
  }

  // Removes edge `e`, which must have no provenance left.
  Status RemoveEdge(EdgeId e, bool record = true) {
    auto ev = Edge(e);
    if (!ev.ok()) return ev.status();
    if (!*ev) return Status::OK();
    KG_RETURN_IF_ERROR(TouchEdge(e));
    const codec::EdgeValue& v = **ev;
    if (record) Record({{"k", "delete_edge"}, {"edge", e}, {"value", Hex(codec::EncodeEdge(v))}});
    ov_.Delete(Family::kEdges, keys::Id64(e));
    ov_.Delete(Family::kOut, keys::AdjacencyKey({v.source, v.type, v.target, e}));
    ov_.Delete(Family::kIn, keys::AdjacencyKey({v.target, v.type, v.source, e}));
    degrees_.AddEdge(v.source, v.type, v.target, -1);
    c_.edges--;
    c_.types[v.type]--;
    c_.dirty_types.insert(v.type);
    return Status::OK();
  }

  Result<NodeId> PutNewNode(NodeId id, const codec::NodeValue& value) {
    if (id == 0) id = c_.next_node++;
    KG_RETURN_IF_ERROR(Touch(id));
    ov_.Put(Family::kNodes, keys::Id64(id), codec::EncodeNode(value));
    for (uint32_t l : value.labels) {
      ov_.Put(Family::kLabels, keys::LabelKey(l, id), "");
      c_.labels[l]++;
      c_.dirty_labels.insert(l);
    }
    c_.nodes++;
    if (IsEntity(value)) c_.entities++;
    return id;
  }

  Result<NodeId> NewNode(const codec::NodeValue& value) {
    auto id = PutNewNode(0, value);
    if (!id.ok()) return id;
    Record({{"k", "create_node"}, {"node", *id}, {"value", Hex(codec::EncodeNode(value))}});
    return id;
  }

  // Removes node `n`, which must have no mention and no edge left.
  Status RemoveNode(NodeId n, bool record = true) {
    auto nv = Node(n);
    if (!nv.ok()) return nv.status();
    if (!*nv) return Status::OK();
    KG_RETURN_IF_ERROR(Touch(n));
    auto mentions = Supports(Family::kMentions, n);
    if (!mentions.ok()) return mentions.status();
    auto edges = EdgesOf(n);
    if (!edges.ok()) return edges.status();
    if (!mentions->empty() || !edges->empty())
      return Status::Corruption("node " + Num(n) + " still has mentions or edges");
    if (record) Record({{"k", "delete_node"}, {"node", n}, {"value", Hex(codec::EncodeNode(**nv))}});
    ov_.Delete(Family::kNodes, keys::Id64(n));
    for (uint32_t l : (*nv)->labels) {
      ov_.Delete(Family::kLabels, keys::LabelKey(l, n));
      c_.labels[l]--;
      c_.dirty_labels.insert(l);
    }
    c_.nodes--;
    if (IsEntity(**nv)) c_.entities--;
    return Status::OK();
  }

  // Replaces node `n`'s properties (labels stay).
  Status SetProperties(NodeId n, const Properties& properties) {
    auto nv = Node(n);
    if (!nv.ok()) return nv.status();
    if (!*nv) return Status::NotFound("no node " + Num(n));
    KG_RETURN_IF_ERROR(Touch(n));
    codec::NodeValue now = **nv;
    now.properties = properties;
    Record({{"k", "set_node"},
            {"node", n},
            {"old", Hex(codec::EncodeNode(**nv))},
            {"new", Hex(codec::EncodeNode(now))}});
    ov_.Put(Family::kNodes, keys::Id64(n), codec::EncodeNode(now));
    return Status::OK();
  }

  // A mention of document "curation:<record>" that makes `surface` an alias.
  Status AddAlias(NodeId n, const std::string& surface) {
    KG_RETURN_IF_ERROR(Touch(n));
    std::string doc = kCurationDocPrefix + Num(record_);
    auto seq = NextSeq(Family::kMentions, n, doc);
    if (!seq.ok()) return seq.status();
    MentionRecord m;
    m.document_id = doc;
    m.surface = surface;
    ov_.Put(Family::kMentions, keys::SupportKeyOf({n, doc, *seq}), codec::EncodeMention(m));
    c_.mentions++;
    Record({{"k", "alias"}, {"node", n}, {"doc", doc}, {"seq", *seq}, {"surface", surface}});
    return Status::OK();
  }

  Status Reject(EdgeId e, uint64_t by_record) {
    ov_.Put(Family::kCuration, keys::RejectedEdgeKey(e), Encoded64(by_record));
    Record({{"k", "reject"}, {"edge", e}, {"record", by_record}});
    return Status::OK();
  }

  Status Unreject(EdgeId e) {
    auto r = RejectedBy(e);
    if (!r.ok()) return r.status();
    if (!*r) return Status::OK();
    ov_.Delete(Family::kCuration, keys::RejectedEdgeKey(e));
    Record({{"k", "unreject"}, {"edge", e}, {"record", **r}});
    return Status::OK();
  }

  // The inverse of one recorded change, done without recording. A change
  // whose result is no longer there (retracted since) is skipped.
  Status Revert(const Json& ch) {
    const std::string k = ch.value("k", "");
    if (k == "mention" || k == "provenance") {
      Family f = k == "mention" ? Family::kMentions : Family::kProvenance;
      keys::SupportKey from{ch["from"][0].get<uint64_t>(), ch["from"][1].get<std::string>(),
                            ch["from"][2].get<uint32_t>()};
      keys::SupportKey to{ch["to"][0].get<uint64_t>(), ch["to"][1].get<std::string>(),
                          ch["to"][2].get<uint32_t>()};
      auto v = ov_.Get(f, keys::SupportKeyOf(to));
      if (!v.ok()) return v.status();
      if (!*v) return Status::OK();
      auto occupied = ov_.Get(f, keys::SupportKeyOf(from));
      if (!occupied.ok()) return occupied.status();
      if (*occupied) return Status::OK();
      if (f == Family::kMentions) {
        KG_RETURN_IF_ERROR(Touch(from.owner));
        KG_RETURN_IF_ERROR(Touch(to.owner));
      } else {
        auto owner = Edge(from.owner);
        if (!owner.ok()) return owner.status();
        if (!*owner) return Status::OK();
        KG_RETURN_IF_ERROR(TouchEdge(from.owner));
        KG_RETURN_IF_ERROR(TouchEdge(to.owner));
      }
      ov_.Delete(f, keys::SupportKeyOf(to));
      ov_.Put(f, keys::SupportKeyOf(from), **v);
      return Status::OK();
    }
    if (k == "repoint") {
      EdgeId e = ch["edge"].get<EdgeId>();
      auto ev = Edge(e);
      if (!ev.ok()) return ev.status();
      if (!*ev || (*ev)->source != ch["to"][0].get<NodeId>() || (*ev)->target != ch["to"][1].get<NodeId>())
        return Status::OK();
      for (NodeId n : {ch["from"][0].get<NodeId>(), ch["from"][1].get<NodeId>()}) {
        auto nv = Node(n);
        if (!nv.ok()) return nv.status();
        if (!*nv) return Status::OK();
      }
      bool was = recording_;
      recording_ = false;
      Status s = Repoint(e, ch["from"][0].get<NodeId>(), ch["from"][1].get<NodeId>());
      recording_ = was;
      return s;
    }
    if (k == "create_edge") {
      EdgeId e = ch["edge"].get<EdgeId>();
      auto prov = Supports(Family::kProvenance, e);
      if (!prov.ok()) return prov.status();
      if (!prov->empty()) return Status::OK();
      return RemoveEdge(e, /*record=*/false);
    }
    if (k == "delete_edge") {
      EdgeId e = ch["edge"].get<EdgeId>();
      auto ev = Edge(e);
      if (!ev.ok()) return ev.status();
      if (*ev) return Status::OK();
      std::string bytes;
      codec::EdgeValue v;
      if (!Unhex(ch["value"].get<std::string>(), &bytes) || !codec::DecodeEdge(bytes, &v))
        return Status::Corruption("curation record " + Num(record_) + ": unreadable edge value");
      for (NodeId n : {v.source, v.target}) {
        auto nv = Node(n);
        if (!nv.ok()) return nv.status();
        if (!*nv) return Status::OK();
      }
      auto id = PutNewEdge(e, v);
      return id.status();
    }
    if (k == "create_node") {
      NodeId n = ch["node"].get<NodeId>();
      auto mentions = Supports(Family::kMentions, n);
      if (!mentions.ok()) return mentions.status();
      auto edges = EdgesOf(n);
      if (!edges.ok()) return edges.status();
      if (!mentions->empty() || !edges->empty()) return Status::OK();
      return RemoveNode(n, /*record=*/false);
    }
    if (k == "delete_node") {
      NodeId n = ch["node"].get<NodeId>();
      auto nv = Node(n);
      if (!nv.ok()) return nv.status();
      if (*nv) return Status::OK();
      std::string bytes;
      codec::NodeValue v;
      if (!Unhex(ch["value"].get<std::string>(), &bytes) || !codec::DecodeNode(bytes, &v))
        return Status::Corruption("curation record " + Num(record_) + ": unreadable node value");
      return PutNewNode(n, v).status();
    }
    if (k == "set_node") {
      NodeId n = ch["node"].get<NodeId>();
      auto nv = Node(n);
      if (!nv.ok()) return nv.status();
      if (!*nv) return Status::OK();
      std::string old_bytes, new_bytes;
      codec::NodeValue old_value, new_value;
      if (!Unhex(ch["old"].get<std::string>(), &old_bytes) || !codec::DecodeNode(old_bytes, &old_value) ||
          !Unhex(ch["new"].get<std::string>(), &new_bytes) || !codec::DecodeNode(new_bytes, &new_value))
        return Status::Corruption("curation record " + Num(record_) + ": unreadable node value");
      KG_RETURN_IF_ERROR(Touch(n));
      codec::NodeValue now = **nv;
      if (codec::EncodeNode(now) == new_bytes) {
        now.properties = old_value.properties;
      } else if (NameIn(now.properties) == NameIn(new_value.properties)) {
        now.properties["name"] = PropertyValue(NameIn(old_value.properties));
      } else {
        return Status::OK();
      }
      ov_.Put(Family::kNodes, keys::Id64(n), codec::EncodeNode(now));
      return Status::OK();
    }
    if (k == "alias") {
      keys::SupportKey at{ch["node"].get<NodeId>(), ch["doc"].get<std::string>(), ch["seq"].get<uint32_t>()};
      // A later merge or split may have moved the alias with its entity.
      for (auto m = moved_.find({at.owner, at.document, at.seq}); m != moved_.end();
           m = moved_.find({at.owner, at.document, at.seq})) {
        at = keys::SupportKey{std::get<0>(m->second), std::get<1>(m->second), std::get<2>(m->second)};
      }
      NodeId n = at.owner;
      std::string key = keys::SupportKeyOf(at);
      auto v = ov_.Get(Family::kMentions, key);
      if (!v.ok()) return v.status();
      if (!*v) return Status::OK();
      KG_RETURN_IF_ERROR(Touch(n));
      ov_.Delete(Family::kMentions, key);
      c_.mentions--;
      return Status::OK();
    }
    if (k == "reject") {
      EdgeId e = ch["edge"].get<EdgeId>();
      auto r = RejectedBy(e);
      if (!r.ok()) return r.status();
      if (*r && **r == ch["record"].get<uint64_t>()) ov_.Delete(Family::kCuration, keys::RejectedEdgeKey(e));
      return Status::OK();
    }
    if (k == "unreject") {
      EdgeId e = ch["edge"].get<EdgeId>();
      auto ev = Edge(e);
      if (!ev.ok()) return ev.status();
      const uint64_t by = ch["record"].get<uint64_t>();
      if (*ev && active_.count(by)) ov_.Put(Family::kCuration, keys::RejectedEdgeKey(e), Encoded64(by));
      return Status::OK();
    }
    return Status::Corruption("curation record " + Num(record_) + ": unknown change '" + k + "'");
  }

  // Derives what depends on the changes, then writes everything and
  // `record` (when given) in one batch and refreshes the graph's caches.
  Status Commit(const Json* record, std::optional<uint64_t> next_record) {
    for (const auto& [e, before] : edges_before_) {
      auto ev = Edge(e);
      if (!ev.ok()) return ev.status();
      std::set<std::string> after;
      if (*ev) {
        auto prov = Supports(Family::kProvenance, e);
        if (!prov.ok()) return prov.status();
        if (prov->empty()) return Status::Corruption("edge " + Num(e) + " would be left without provenance");
        std::set<std::string> all;
        for (const Support& s : *prov) {
          all.insert(s.key.document);
          if (!IsPseudoDocument(s.key.document)) after.insert(s.key.document);
        }
        (*ev)->provenance_count = static_cast<uint32_t>(prov->size());
        (*ev)->document_count = static_cast<uint32_t>(all.size());
        ov_.Put(Family::kEdges, keys::Id64(e), codec::EncodeEdge(**ev));
      }
      for (const std::string& d : before)
        if (!after.count(d)) ov_.Delete(Family::kDocIndex, keys::DocIndexKey(d, keys::DocItem::kEdge, e));
      for (const std::string& d : after)
        if (!before.count(d)) ov_.Put(Family::kDocIndex, keys::DocIndexKey(d, keys::DocItem::kEdge, e), "");
    }
    for (const auto& [n, before] : nodes_before_) {
      auto aliases = Aliases(n);
      if (!aliases.ok()) return aliases.status();
      auto docs = NodeDocs(n);
      if (!docs.ok()) return docs.status();
      for (const auto& [folded, written] : before.first)
        if (!aliases->count(folded)) ov_.Delete(Family::kNames, keys::NameKey(folded, n));
      for (const auto& [folded, written] : *aliases)
        if (!before.first.count(folded)) ov_.Put(Family::kNames, keys::NameKey(folded, n), written);
      for (const std::string& d : before.second)
        if (!docs->count(d)) ov_.Delete(Family::kDocIndex, keys::DocIndexKey(d, keys::DocItem::kNode, n));
      for (const std::string& d : *docs)
        if (!before.second.count(d)) ov_.Put(Family::kDocIndex, keys::DocIndexKey(d, keys::DocItem::kNode, n), "");
    }
    if (record) ov_.Put(Family::kCuration, keys::CurationRecordKey(record_), Dump(*record));
    if (next_record) ov_.Put(Family::kCuration, keys::kCurationNext, Encoded64(*next_record));
    storage::WriteBatch batch;
    ov_.Emit(&batch);
    internal::BatchSink sink(&batch);
    KG_RETURN_IF_ERROR(degrees_.Emit(store_, &sink, &batch, nullptr));
    internal::EmitCounters(&c_, &sink);
    KG_RETURN_IF_ERROR(graph_->store()->Write(&batch).WithContext("curation record " + Num(record_)));
    return graph_->Reload();
  }

 private:
  void Record(Json change) {
    if (recording_) changes_.push_back(std::move(change));
  }

  RocksGraph* graph_;
  const storage::Store& store_;
  Overlay ov_;
  internal::Counters c_;
  uint64_t record_;
  std::optional<uint32_t> entity_label_;
  bool recording_ = true;
  Json changes_ = Json::array();

 public:
  using SupportAt = std::tuple<uint64_t, std::string, uint32_t>;
  // For undo: where other active records moved mentions (of this record's
  // pseudo-document) to, and which records are active.
  std::map<SupportAt, SupportAt> moved_;
  std::set<uint64_t> active_;

  // Stores another record in the same batch (an undo that corrects what a
  // newer record keeps for its own undo).
  void PutRecord(uint64_t id, const Json& record) {
    ov_.Put(Family::kCuration, keys::CurationRecordKey(id), Dump(record));
  }

  // Removes every rejection this record made that a later change carried
  // to another edge.
  Status DropRejections() {
    auto entries = ov_.Scan(Family::kCuration, keys::kRejectedEdgePrefix);
    if (!entries.ok()) return entries.status();
    for (const auto& [k, v] : *entries) {
      uint64_t by;
      if (Decoded64(v, &by) && by == record_) ov_.Delete(Family::kCuration, k);
    }
    return Status::OK();
  }

 private:
  // Per touched node: its alias index entries and indexed documents before.
  std::map<NodeId, std::pair<std::map<std::string, std::string>, std::set<std::string>>> nodes_before_;
  std::map<EdgeId, std::set<std::string>> edges_before_;
  internal::DegreeDeltas degrees_;
};

// ---- The operations' selections ---------------------------------------------------

// Folds node `b` into node `a` (see curation.h).
Status MergeInto(Editor& ed, NodeId a, NodeId b, uint64_t* moved_edges) {
  KG_RETURN_IF_ERROR(ed.Touch(a));
  KG_RETURN_IF_ERROR(ed.Touch(b));
  auto bnode = ed.Node(b);
  if (!bnode.ok()) return bnode.status();
  if (!*bnode) return Status::NotFound("no node " + Num(b));
  const std::string b_name = NameIn((*bnode)->properties);
  auto edges = ed.EdgesOf(b);
  if (!edges.ok()) return edges.status();
  for (EdgeId e : *edges) {
    auto ev = ed.Edge(e);
    if (!ev.ok()) return ev.status();
    if (!*ev) continue;
    NodeId s = (*ev)->source == b ? a : (*ev)->source;
    NodeId t = (*ev)->target == b ? a : (*ev)->target;
    auto existing = ed.EdgeWithTriple(s, (*ev)->type, t, e);
    if (!existing.ok()) return existing.status();
    if (*existing) {
      EdgeId to = **existing;
      auto prov = ed.Supports(Family::kProvenance, e);
      if (!prov.ok()) return prov.status();
      for (const Support& p : *prov) KG_RETURN_IF_ERROR(ed.Move(Family::kProvenance, e, p.key.document, p.key.seq, to));
      // A rejection follows the claim into the edge it joins.
      auto rejected = ed.RejectedBy(e);
      if (!rejected.ok()) return rejected.status();
      if (*rejected) {
        auto target_rejected = ed.RejectedBy(to);
        if (!target_rejected.ok()) return target_rejected.status();
        KG_RETURN_IF_ERROR(ed.Unreject(e));
        if (!*target_rejected) KG_RETURN_IF_ERROR(ed.Reject(to, **rejected));
      }
      KG_RETURN_IF_ERROR(ed.RemoveEdge(e));
    } else {
      KG_RETURN_IF_ERROR(ed.Repoint(e, s, t));
    }
    ++*moved_edges;
  }
  auto mentions = ed.Supports(Family::kMentions, b);
  if (!mentions.ok()) return mentions.status();
  for (const Support& m : *mentions) KG_RETURN_IF_ERROR(ed.Move(Family::kMentions, b, m.key.document, m.key.seq, a));
  auto aliases = ed.Aliases(a);
  if (!aliases.ok()) return aliases.status();
  if (!b_name.empty() && !aliases->count(text::FoldCase(b_name))) KG_RETURN_IF_ERROR(ed.AddAlias(a, b_name));
  return ed.RemoveNode(b);
}

// Entity nodes whose own name is `name` (any case), with ids >= `min_id`,
// other than `except`.
Result<std::vector<NodeId>> NamedLike(const Editor& ed, const RocksGraph& graph, const std::string& name,
                                      NodeId min_id, NodeId except) {
  std::vector<NodeId> out;
  if (name.empty()) return out;
  auto ids = graph.FindByName(name);
  if (!ids.ok()) return ids.status();
  const std::string folded = text::FoldCase(name);
  for (NodeId n : *ids) {
    if (n < min_id || n == except) continue;
    auto nv = ed.Node(n);
    if (!nv.ok()) return nv.status();
    if (!*nv || !ed.IsEntity(**nv)) continue;
    if (text::FoldCase(NameIn((*nv)->properties)) == folded) out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Overlaps(const ByteSpan& a, const ByteSpan& b) {
  return std::max(a.begin, b.begin) < std::min(a.end, b.end);
}

// Moves the selected mentions of `a` (and the claims that go with them) to
// node `*n`, made (like `a`, named `name`) when 0 and something moves.
// *moved counts the mentions moved.
Status SplitOff(Editor& ed, NodeId a, const std::set<std::string>& folded_aliases,
                const std::set<std::string>& documents, const std::string& name, NodeId* n,
                uint64_t* moved, bool refuse_all) {
  *moved = 0;
  auto anode = ed.Node(a);
  if (!anode.ok()) return anode.status();
  if (!*anode) return Status::OK();
  auto mentions = ed.Supports(Family::kMentions, a);
  if (!mentions.ok()) return mentions.status();
  std::vector<Support> chosen;
  size_t document_mentions = 0;
  for (const Support& s : *mentions) {
    if (IsPseudoDocument(s.key.document)) continue;
    ++document_mentions;
    MentionRecord m;
    if (!codec::DecodeMention(s.value, &m)) return Status::Corruption("unreadable mention of node " + Num(a));
    if (documents.count(s.key.document) || folded_aliases.count(text::FoldCase(m.surface))) chosen.push_back(s);
  }
  if (chosen.empty()) return Status::OK();
  if (refuse_all && chosen.size() == document_mentions) {
    return Status::InvalidArgument("every mention of '" + NameIn((*anode)->properties) + "' (#" + Num(a) +
                                   ") matches: nothing would be left; rename it instead");
  }
  KG_RETURN_IF_ERROR(ed.Touch(a));
  if (*n == 0) {
    codec::NodeValue nv;
    nv.labels = (*anode)->labels;
    nv.properties["name"] = PropertyValue(name);
    std::string type = TypeIn((*anode)->properties);
    if (!type.empty()) nv.properties["type"] = PropertyValue(type);
    auto id = ed.NewNode(nv);
    if (!id.ok()) return id.status();
    *n = *id;
  }
  std::map<std::string, std::vector<ByteSpan>> moved_spans;
  for (const Support& s : chosen) {
    MentionRecord m;
    codec::DecodeMention(s.value, &m);
    moved_spans[s.key.document].push_back(m.span);
    KG_RETURN_IF_ERROR(ed.Move(Family::kMentions, a, s.key.document, s.key.seq, *n));
    ++*moved;
  }
  auto goes = [&](const std::string& doc, const ByteSpan& span) {
    if (documents.count(doc)) return true;
    auto it = moved_spans.find(doc);
    if (it == moved_spans.end()) return false;
    for (const ByteSpan& m : it->second)
      if (Overlaps(m, span)) return true;
    return false;
  };
  auto edges = ed.EdgesOf(a);
  if (!edges.ok()) return edges.status();
  for (EdgeId e : *edges) {
    auto ev = ed.Edge(e);
    if (!ev.ok()) return ev.status();
    if (!*ev) continue;
    const codec::EdgeValue v = **ev;
    auto prov = ed.Supports(Family::kProvenance, e);
    if (!prov.ok()) return prov.status();
    std::map<std::pair<NodeId, NodeId>, std::vector<const Support*>> by_triple;
    for (const Support& p : *prov) {
      ProvenanceRecord r;
      if (!codec::DecodeProvenance(p.value, &r)) return Status::Corruption("unreadable provenance of edge " + Num(e));
      bool s_moves = v.source == a && goes(p.key.document, r.subject_span);
      bool t_moves = v.target == a && goes(p.key.document, r.object_span);
      if (!s_moves && !t_moves) continue;
      by_triple[{s_moves ? *n : v.source, t_moves ? *n : v.target}].push_back(&p);
    }
    if (by_triple.empty()) continue;
    auto rejected = ed.RejectedBy(e);
    if (!rejected.ok()) return rejected.status();
    if (by_triple.size() == 1 && by_triple.begin()->second.size() == prov->size()) {
      auto [s, t] = by_triple.begin()->first;
      auto existing = ed.EdgeWithTriple(s, v.type, t, e);
      if (!existing.ok()) return existing.status();
      if (!*existing) {
        KG_RETURN_IF_ERROR(ed.Repoint(e, s, t));
        continue;
      }
    }
    for (const auto& [ends, records] : by_triple) {
      auto existing = ed.EdgeWithTriple(ends.first, v.type, ends.second, e);
      if (!existing.ok()) return existing.status();
      EdgeId to;
      if (*existing) {
        to = **existing;
      } else {
        auto made = ed.NewEdge(ends.first, v.type, ends.second);
        if (!made.ok()) return made.status();
        to = *made;
      }
      for (const Support* p : records) KG_RETURN_IF_ERROR(ed.Move(Family::kProvenance, e, p->key.document, p->key.seq, to));
      if (*rejected) {
        auto target_rejected = ed.RejectedBy(to);
        if (!target_rejected.ok()) return target_rejected.status();
        if (!*target_rejected) KG_RETURN_IF_ERROR(ed.Reject(to, **rejected));
      }
    }
    auto left = ed.Supports(Family::kProvenance, e);
    if (!left.ok()) return left.status();
    if (left->empty()) {
      if (*rejected) KG_RETURN_IF_ERROR(ed.Unreject(e));
      KG_RETURN_IF_ERROR(ed.RemoveEdge(e));
    }
  }
  auto aliases = ed.Aliases(*n);
  if (!aliases.ok()) return aliases.status();
  auto nnode = ed.Node(*n);
  if (!nnode.ok()) return nnode.status();
  std::string new_name = *nnode ? NameIn((**nnode).properties) : name;
  if (!aliases->count(text::FoldCase(new_name))) KG_RETURN_IF_ERROR(ed.AddAlias(*n, new_name));
  return Status::OK();
}

// ---- Records -------------------------------------------------------------------

Result<RocksGraph*> Writable(Graph& graph) {
  auto* rg = dynamic_cast<RocksGraph*>(&graph);
  if (!rg) return Status::NotSupported("curation needs a kg database");
  if (rg->store()->read_only()) return Status::InvalidArgument("database opened read-only");
  return rg;
}

const RocksGraph* Readable(const Graph& graph) { return dynamic_cast<const RocksGraph*>(&graph); }

Result<std::vector<Json>> LoadRecords(const RocksGraph& graph) {
  std::vector<Json> out;
  if (!graph.curation_stored()) return out;
  auto it = const_cast<RocksGraph&>(graph).store()->NewIterator(Family::kCuration, keys::kCurationRecordPrefix);
  for (; it->Valid(); it->Next()) {
    Json j = Json::parse(it->value(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::Corruption("unreadable curation record");
    out.push_back(std::move(j));
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<uint64_t> NextRecordId(RocksGraph& graph) {
  std::string v;
  Status s = graph.store()->Get(Family::kCuration, keys::kCurationNext, &v);
  if (s.IsNotFound()) return uint64_t{1};
  KG_RETURN_IF_ERROR(s);
  uint64_t id;
  if (!Decoded64(v, &id)) return Status::Corruption("bad next curation record id");
  return id;
}

// Every node and edge a record names or changed.
void Touched(const Json& r, std::set<NodeId>* nodes, std::set<EdgeId>* edges) {
  auto node_of = [&](const char* field) {
    if (r.contains(field) && r[field].is_object() && r[field].contains("id") && r[field]["id"].is_number())
      nodes->insert(r[field]["id"].get<NodeId>());
  };
  node_of("into");
  node_of("from");
  node_of("node");
  if (r.contains("new_node") && r["new_node"].is_number()) nodes->insert(r["new_node"].get<NodeId>());
  if (r.contains("claim") && r["claim"].is_object() && r["claim"].contains("edge") && r["claim"]["edge"].is_number())
    edges->insert(r["claim"]["edge"].get<EdgeId>());
  if (!r.contains("changes") || !r["changes"].is_array()) return;
  for (const Json& ch : r["changes"]) {
    const std::string k = ch.value("k", "");
    if (k == "mention") {
      nodes->insert(ch["from"][0].get<NodeId>());
      nodes->insert(ch["to"][0].get<NodeId>());
    } else if (k == "provenance") {
      edges->insert(ch["from"][0].get<EdgeId>());
      edges->insert(ch["to"][0].get<EdgeId>());
    } else if (k == "repoint" || k == "create_edge" || k == "delete_edge" || k == "reject" || k == "unreject") {
      edges->insert(ch["edge"].get<EdgeId>());
    } else if (k == "create_node" || k == "delete_node" || k == "set_node" || k == "alias") {
      nodes->insert(ch["node"].get<NodeId>());
    }
  }
}

CurationRecord ToRecord(const Json& r) {
  CurationRecord out;
  out.id = r.value("id", uint64_t{0});
  out.op = r.value("op", "");
  out.when_ms = r.value("when_ms", int64_t{0});
  out.by = r.value("by", "");
  out.why = r.value("why", "");
  out.active = r.value("status", "active") == "active";
  out.undone_ms = r.value("undone_ms", int64_t{0});
  out.undone_by = r.value("undone_by", "");
  out.what = r.value("what", "");
  std::set<NodeId> nodes;
  std::set<EdgeId> edges;
  Touched(r, &nodes, &edges);
  out.nodes.assign(nodes.begin(), nodes.end());
  out.edges.assign(edges.begin(), edges.end());
  out.changes = r.contains("changes") && r["changes"].is_array() ? r["changes"].size() : 0;
  Json shown = r;
  out.json = Dump(shown);
  return out;
}

Json NewRecord(uint64_t id, const std::string& op, const CurationMeta& meta) {
  int64_t when = meta.when_ms ? meta.when_ms : internal::NowMs();
  return Json{{"id", id},     {"op", op},   {"when", IsoTime(when)}, {"when_ms", when},
              {"by", meta.by}, {"why", meta.why}, {"status", "active"}};
}

// Runs `body` in an Editor for a new record and stores it.
Result<CurationRecord> Apply(Graph& graph, Json record, bool allow_empty,
                             const std::function<Status(Editor&, Json&)>& body) {
  auto rg = Writable(graph);
  if (!rg.ok()) return rg.status();
  auto id = NextRecordId(**rg);
  if (!id.ok()) return id.status();
  record["id"] = *id;
  Editor ed(*rg, *id);
  const internal::Counters before = ed.counters();
  KG_RETURN_IF_ERROR(body(ed, record));
  if (ed.changes().empty() && !allow_empty) return Status::InvalidArgument("nothing to change");
  record["watermark"] = ed.counters().next_node;
  record["next_node_before"] = before.next_node;
  record["next_edge_before"] = before.next_edge;
  record["next_node_after"] = ed.counters().next_node;
  record["next_edge_after"] = ed.counters().next_edge;
  record["changes"] = ed.changes();
  KG_RETURN_IF_ERROR(ed.Commit(&record, *id + 1));
  return ToRecord(record);
}

std::string Describe(const codec::NodeValue& nv, NodeId id) {
  std::string name = NameIn(nv.properties);
  return (name.empty() ? std::string("node") : "'" + name + "'") + " (#" + Num(id) + ")";
}

Result<codec::NodeValue> EntityNode(const Editor& ed, NodeId id) {
  auto nv = ed.Node(id);
  if (!nv.ok()) return nv.status();
  if (!*nv) return Status::NotFound("no node #" + Num(id));
  if (!ed.IsEntity(**nv))
    return Status::InvalidArgument(Describe(**nv, id) + " is a value, not an entity: only entities can be curated");
  return **nv;
}

// The node record `r` names by `field` ({"id", "name"}): by id when it still
// exists, else the one entity with that name (lowest id).
Result<std::optional<NodeId>> FindNamed(const Editor& ed, const RocksGraph& graph, const Json& r,
                                        const char* field, const std::string& name_override = {}) {
  if (r.contains(field) && r[field].is_object()) {
    const Json& f = r[field];
    if (f.contains("id") && f["id"].is_number() && name_override.empty()) {
      NodeId id = f["id"].get<NodeId>();
      auto nv = ed.Node(id);
      if (!nv.ok()) return nv.status();
      if (*nv && ed.IsEntity(**nv)) return std::optional<NodeId>(id);
    }
  }
  std::string name = name_override;
  if (name.empty() && r.contains(field) && r[field].is_object()) name = r[field].value("name", "");
  auto named = NamedLike(ed, graph, name, 0, 0);
  if (!named.ok()) return named.status();
  if (named->empty()) return std::optional<NodeId>();
  return std::optional<NodeId>(named->front());
}

std::set<std::string> FoldedSet(const Json& list) {
  std::set<std::string> out;
  if (list.is_array())
    for (const Json& a : list)
      if (a.is_string()) out.insert(text::FoldCase(a.get<std::string>()));
  return out;
}

std::set<std::string> StringSet(const Json& list) {
  std::set<std::string> out;
  if (list.is_array())
    for (const Json& a : list)
      if (a.is_string()) out.insert(a.get<std::string>());
  return out;
}

// Applies record `r` again, by names where its ids are gone (`min_id`:
// nodes named like a merged one count from there).
Status ApplyAgain(Editor& ed, const RocksGraph& graph, Json& r) {
  const std::string op = r.value("op", "");
  if (op == "merge" || op == "rename") {
    std::optional<NodeId> a;
    std::string from_name;
    if (op == "merge") {
      auto found = FindNamed(ed, graph, r, "into");
      if (!found.ok()) return found.status();
      a = *found;
      from_name = r["from"].value("name", "");
    } else {
      // The renamed entity: by id while it exists, else the one with the
      // new name; failing both (an import), the one with the old name is
      // renamed now.
      from_name = r.value("old_name", "");
      auto found = FindNamed(ed, graph, r, "node");
      if (!found.ok()) return found.status();
      a = *found;
      if (!a) {
        auto old = FindNamed(ed, graph, r, "node", from_name);
        if (!old.ok()) return old.status();
        if (!*old) return Status::OK();
        auto nv = EntityNode(ed, **old);
        if (!nv.ok()) return nv.status();
        Properties props = nv->properties;
        props["name"] = PropertyValue(r.value("new_name", ""));
        KG_RETURN_IF_ERROR(ed.SetProperties(**old, props));
        auto aliases = ed.Aliases(**old);
        if (!aliases.ok()) return aliases.status();
        if (!aliases->count(text::FoldCase(from_name))) KG_RETURN_IF_ERROR(ed.AddAlias(**old, from_name));
        a = *old;
      }
      r["node"]["id"] = *a;
    }
    if (!a) return Status::OK();
    if (op == "merge") r["into"]["id"] = *a;
    auto others = NamedLike(ed, graph, from_name, r.value("watermark", NodeId{0}), *a);
    if (!others.ok()) return others.status();
    uint64_t moved = 0;
    for (NodeId b : *others) KG_RETURN_IF_ERROR(MergeInto(ed, *a, b, &moved));
    return Status::OK();
  }
  if (op == "split") {
    auto a = FindNamed(ed, graph, r, "node");
    if (!a.ok()) return a.status();
    if (!*a) return Status::OK();
    NodeId n = 0;
    if (r.contains("new_node") && r["new_node"].is_number()) {
      NodeId id = r["new_node"].get<NodeId>();
      auto nv = ed.Node(id);
      if (!nv.ok()) return nv.status();
      if (*nv) n = id;
    }
    uint64_t moved = 0;
    KG_RETURN_IF_ERROR(SplitOff(ed, **a, FoldedSet(r["aliases"]), StringSet(r["documents"]), r.value("name", ""),
                                &n, &moved, /*refuse_all=*/false));
    if (n) r["new_node"] = n;
    r["node"]["id"] = **a;
    return Status::OK();
  }
  if (op == "reject") {
    Json& claim = r["claim"];
    // Still attached to an edge?
    if (claim.contains("edge") && claim["edge"].is_number()) {
      EdgeId e = claim["edge"].get<EdgeId>();
      auto ev = ed.Edge(e);
      if (!ev.ok()) return ev.status();
      auto by = ed.RejectedBy(e);
      if (!by.ok()) return by.status();
      if (*ev && *by) return Status::OK();
    }
    auto type = ed.dictionary().Find(claim.value("relation", ""));
    if (!type) return Status::OK();
    // By its evidence: the sentences and spans that supported it, in
    // documents identified by content (the same in every database that
    // read them). What kg curate export carries from one database to
    // another, where edge ids differ.
    if (claim.contains("evidence") && claim["evidence"].is_array()) {
      std::set<EdgeId> found;
      for (const Json& ev : claim["evidence"]) {
        if (!ev.is_array() || ev.size() != 4) continue;
        const std::string doc = ev[0].get<std::string>();
        auto edges = ed.EdgesOfDocument(doc);
        if (!edges.ok()) return edges.status();
        for (EdgeId e : *edges) {
          auto v = ed.Edge(e);
          if (!v.ok()) return v.status();
          if (!*v || (*v)->type != *type) continue;
          auto prov = ed.Supports(Family::kProvenance, e, &doc);
          if (!prov.ok()) return prov.status();
          for (const Support& sup : *prov) {
            ProvenanceRecord pr;
            if (!codec::DecodeProvenance(sup.value, &pr)) continue;
            if (pr.sentence == ev[1].get<uint32_t>() && pr.subject_span.begin == ev[2][0].get<uint32_t>() &&
                pr.subject_span.end == ev[2][1].get<uint32_t>() && pr.object_span.begin == ev[3][0].get<uint32_t>() &&
                pr.object_span.end == ev[3][1].get<uint32_t>())
              found.insert(e);
          }
        }
      }
      for (EdgeId e : found) {
        auto by = ed.RejectedBy(e);
        if (!by.ok()) return by.status();
        if (*by) continue;
        KG_RETURN_IF_ERROR(ed.Reject(e, ed.record()));
        claim["edge"] = e;
      }
      if (!found.empty()) return Status::OK();
    }
    // Else by names: nodes whose own name it is, when there are any (an
    // alias may name other entities too: 'Putin' is an alias of more than
    // one), else those it is an alias of.
    auto named = [&](const std::string& name) -> Result<std::vector<NodeId>> {
      auto ids = graph.FindByName(name);
      if (!ids.ok()) return ids.status();
      std::vector<NodeId> own;
      for (NodeId id : *ids) {
        auto nv = ed.Node(id);
        if (!nv.ok()) return nv.status();
        if (*nv && text::FoldCase(NameIn((*nv)->properties)) == text::FoldCase(name)) own.push_back(id);
      }
      return own.empty() ? *ids : own;
    };
    auto subjects = named(claim.value("subject", ""));
    if (!subjects.ok()) return subjects.status();
    auto objects = named(claim.value("object", ""));
    if (!objects.ok()) return objects.status();
    std::set<NodeId> object_set(objects->begin(), objects->end());
    for (NodeId s : *subjects) {
      auto adj = ed.Adjacent(s, *type);
      if (!adj.ok()) return adj.status();
      for (const keys::Adjacency& a : *adj) {
        if (!object_set.count(a.other)) continue;
        auto by = ed.RejectedBy(a.edge);
        if (!by.ok()) return by.status();
        if (*by) continue;
        KG_RETURN_IF_ERROR(ed.Reject(a.edge, ed.record()));
        claim["edge"] = a.edge;
      }
    }
    return Status::OK();
  }
  return Status::Corruption("curation record " + Num(ed.record()) + ": unknown op '" + op + "'");
}

// Whether record `id` still has a rejected edge attached.
Result<bool> RejectAttached(const RocksGraph& graph, uint64_t id) {
  auto it = const_cast<RocksGraph&>(graph).store()->NewIterator(Family::kCuration, keys::kRejectedEdgePrefix);
  for (; it->Valid(); it->Next()) {
    uint64_t r;
    if (Decoded64(it->value(), &r) && r == id) return true;
  }
  KG_RETURN_IF_ERROR(it->status());
  return false;
}

std::string TrimCopy(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Unquote(std::string s) {
  s = TrimCopy(s);
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
  return s;
}

std::optional<uint64_t> IdArgument(const std::string& text) {
  std::string digits = text;
  if (StartsWith(digits, "#")) {
    digits = digits.substr(1);
  } else if (StartsWith(digits, "id:")) {
    digits = digits.substr(3);
  }
  if (digits.empty() || digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoull(digits);
}

std::string Candidates(const Graph& graph, const std::vector<NodeId>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < 10; ++i) {
    auto node = graph.GetNode(ids[i]);
    out += (i ? ", " : "") + std::string("#") + Num(ids[i]);
    if (node.ok()) out += " " + NodeName(*node) + " (" + NodeType(*node) + ")";
  }
  if (ids.size() > 10) out += ", ...";
  return out;
}

}  // namespace

bool IsPseudoDocument(const std::string& document) {
  return document == "manual" || StartsWith(document, kCurationDocPrefix);
}

Result<NodeId> ResolveNodeArgument(const Graph& graph, const std::string& raw) {
  std::string text = Unquote(raw);
  if (text.empty()) return Status::InvalidArgument("empty entity name");
  if (StartsWith(text, "#") || StartsWith(text, "id:")) {
    auto id = IdArgument(text);
    if (!id) return Status::InvalidArgument("'" + text + "' is not a node id (write #123 or id:123)");
    auto node = graph.GetNode(*id);
    if (node.status().IsNotFound()) return Status::NotFound("no node #" + Num(*id));
    if (!node.ok()) return node.status();
    return *id;
  }
  auto ids = ResolveEntityName(graph, text);
  if (!ids.ok()) return ids.status();
  std::vector<NodeId> found = *ids;
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  if (found.empty()) return Status::NotFound("no entity named '" + text + "'");
  if (found.size() == 1) return found.front();
  std::vector<NodeId> exact;
  for (NodeId n : found) {
    auto node = graph.GetNode(n);
    if (!node.ok()) return node.status();
    if (text::FoldCase(NodeName(*node)) == text::FoldCase(text)) exact.push_back(n);
  }
  if (exact.size() == 1) return exact.front();
  const std::vector<NodeId>& list = exact.empty() ? found : exact;
  return Status::InvalidArgument("'" + text + "' is ambiguous: " + Candidates(graph, list) +
                                 "; name one by id, e.g. #" + Num(list.front()));
}

Result<EdgeId> ResolveClaimArgument(const Graph& graph, const std::string& raw) {
  std::string text = TrimCopy(raw);
  if (text.empty()) return Status::InvalidArgument("empty claim");
  if (auto id = IdArgument(text)) {
    auto edge = graph.GetEdge(*id);
    if (edge.status().IsNotFound()) return Status::NotFound("no claim (relationship) with id " + Num(*id));
    if (!edge.ok()) return edge.status();
    return *id;
  }
  static const std::regex pattern(R"(^(.+?)\s+-\[?:?([^\s\]>]+?)\]?->\s+(.+)$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) {
    return Status::InvalidArgument("'" + text +
                                   "' is not a claim: give its id (as `kg audit` and id(r) show it) or "
                                   "'Subject -relation-> Object'");
  }
  std::string subject = Unquote(m[1].str()), relation = m[2].str(), object = Unquote(m[3].str());
  auto ids = FindClaims(graph, subject, relation, object);
  if (!ids.ok()) return ids.status();
  if (ids->empty()) return Status::NotFound("no claim " + subject + " -" + relation + "-> " + object);
  if (ids->size() > 1) {
    std::string list;
    for (size_t i = 0; i < ids->size() && i < 10; ++i) list += (i ? ", " : "") + Num((*ids)[i]);
    return Status::InvalidArgument("'" + text + "' names " + Num(ids->size()) + " claims (ids " + list +
                                   "); give one id");
  }
  return ids->front();
}

Result<CurationRecord> CurateMerge(Graph& graph, NodeId into, NodeId from, const CurationMeta& meta) {
  if (into == from) return Status::InvalidArgument("cannot merge node #" + Num(into) + " into itself");
  return Apply(graph, NewRecord(0, "merge", meta), false, [&](Editor& ed, Json& r) -> Status {
    auto a = EntityNode(ed, into);
    if (!a.ok()) return a.status();
    auto b = EntityNode(ed, from);
    if (!b.ok()) return b.status();
    r["into"] = {{"id", into}, {"name", NameIn(a->properties)}};
    r["from"] = {{"id", from}, {"name", NameIn(b->properties)}, {"type", TypeIn(b->properties)}};
    r["what"] = "merged " + Describe(*b, from) + " into " + Describe(*a, into);
    uint64_t moved = 0;
    return MergeInto(ed, into, from, &moved);
  });
}

Result<CurationRecord> CurateRename(Graph& graph, NodeId node, const std::string& raw_name,
                                    const CurationMeta& meta) {
  std::string new_name = TrimCopy(raw_name);
  if (new_name.empty()) return Status::InvalidArgument("the new name is empty");
  if (text::FindInvalidUtf8(new_name) != std::string::npos) return Status::InvalidArgument("the new name is not valid UTF-8");
  return Apply(graph, NewRecord(0, "rename", meta), false, [&](Editor& ed, Json& r) -> Status {
    auto a = EntityNode(ed, node);
    if (!a.ok()) return a.status();
    std::string old_name = NameIn(a->properties);
    if (old_name == new_name) return Status::InvalidArgument(Describe(*a, node) + " already has that name");
    r["node"] = {{"id", node}, {"name", new_name}};
    r["old_name"] = old_name;
    r["new_name"] = new_name;
    r["what"] = "renamed " + Describe(*a, node) + " to '" + new_name + "'";
    Properties props = a->properties;
    props["name"] = PropertyValue(new_name);
    KG_RETURN_IF_ERROR(ed.SetProperties(node, props));
    auto aliases = ed.Aliases(node);
    if (!aliases.ok()) return aliases.status();
    if (!old_name.empty() && !aliases->count(text::FoldCase(old_name))) return ed.AddAlias(node, old_name);
    return Status::OK();
  });
}

Result<CurationRecord> CurateSplit(Graph& graph, NodeId node, const SplitSpec& spec, const CurationMeta& meta) {
  if (spec.aliases.empty() && spec.documents.empty())
    return Status::InvalidArgument("say what to split off: --alias TEXT or --doc DOCUMENT");
  return Apply(graph, NewRecord(0, "split", meta), false, [&](Editor& ed, Json& r) -> Status {
    auto a = EntityNode(ed, node);
    if (!a.ok()) return a.status();
    std::string name = TrimCopy(spec.name);
    if (name.empty()) name = spec.aliases.empty() ? NameIn(a->properties) : TrimCopy(spec.aliases.front());
    Json aliases = Json::array(), documents = Json::array();
    for (const auto& s : spec.aliases) aliases.push_back(TrimCopy(s));
    for (const auto& d : spec.documents) documents.push_back(d);
    r["node"] = {{"id", node}, {"name", NameIn(a->properties)}};
    r["aliases"] = aliases;
    r["documents"] = documents;
    r["name"] = name;
    NodeId n = 0;
    uint64_t moved = 0;
    KG_RETURN_IF_ERROR(SplitOff(ed, node, FoldedSet(aliases), StringSet(documents), name, &n, &moved, true));
    if (moved == 0) {
      std::string what;
      for (const auto& s : spec.aliases) what += (what.empty() ? "written '" : " or '") + s + "'";
      for (const auto& d : spec.documents) what += (what.empty() ? "from document " : " or from document ") + d;
      return Status::InvalidArgument("no mention of " + Describe(*a, node) + " is " + what);
    }
    r["new_node"] = n;
    r["what"] = "split " + Num(moved) + " mention" + (moved == 1 ? "" : "s") + " of " + Describe(*a, node) +
                " off into '" + name + "' (#" + Num(n) + ")";
    return Status::OK();
  });
}

Result<CurationRecord> CurateReject(Graph& graph, EdgeId edge, const CurationMeta& meta) {
  return Apply(graph, NewRecord(0, "reject", meta), false, [&](Editor& ed, Json& r) -> Status {
    auto ev = ed.Edge(edge);
    if (!ev.ok()) return ev.status();
    if (!*ev) return Status::NotFound("no claim (relationship) with id " + Num(edge));
    auto by = ed.RejectedBy(edge);
    if (!by.ok()) return by.status();
    if (*by) return Status::InvalidArgument("claim " + Num(edge) + " is already rejected (curation record " + Num(**by) + ")");
    auto s = ed.Node((*ev)->source);
    if (!s.ok()) return s.status();
    auto t = ed.Node((*ev)->target);
    if (!t.ok()) return t.status();
    std::string subject = *s ? NameIn((*s)->properties) : "", object = *t ? NameIn((*t)->properties) : "";
    std::string relation = ed.dictionary().Name((*ev)->type);
    r["claim"] = {{"edge", edge}, {"subject", subject}, {"relation", relation}, {"object", object}};
    // Its evidence (document, sentence, subject span, object span), which
    // identifies it in another database that read the same documents.
    auto prov = ed.Supports(Family::kProvenance, edge);
    if (!prov.ok()) return prov.status();
    Json evidence = Json::array();
    for (const Support& sup : *prov) {
      ProvenanceRecord pr;
      if (IsPseudoDocument(sup.key.document) || !codec::DecodeProvenance(sup.value, &pr)) continue;
      evidence.push_back({sup.key.document, pr.sentence, {pr.subject_span.begin, pr.subject_span.end},
                          {pr.object_span.begin, pr.object_span.end}});
    }
    if (!evidence.empty()) r["claim"]["evidence"] = evidence;
    r["what"] = "rejected claim " + Num(edge) + ": '" + subject + "' -" + relation + "-> '" + object + "'";
    return ed.Reject(edge, ed.record());
  });
}

Result<CurationRecord> UndoCuration(Graph& graph, std::optional<uint64_t> id, const std::string& by) {
  auto rg = Writable(graph);
  if (!rg.ok()) return rg.status();
  auto records = LoadRecords(**rg);
  if (!records.ok()) return records.status();
  Json* target = nullptr;
  for (Json& r : *records) {
    if (id ? r.value("id", uint64_t{0}) == *id : r.value("status", "") == "active") target = &r;
  }
  if (!target) {
    return Status::NotFound(id ? "no curation record " + Num(*id) : std::string("no active curation record to undo"));
  }
  Json& r = *target;
  uint64_t rid = r.value("id", uint64_t{0});
  if (r.value("status", "") != "active") {
    return Status::InvalidArgument("curation record " + Num(rid) + " is already undone (" + r.value("undone_when", "") + ")");
  }
  Editor ed(*rg, rid);
  ed.set_recording(false);
  const std::string own_doc = std::string(kCurationDocPrefix) + Num(rid);
  try {
    for (const Json& other : *records) {
      if (other.value("status", "") != "active") continue;
      uint64_t oid = other.value("id", uint64_t{0});
      if (oid == rid) continue;
      ed.active_.insert(oid);
      if (!other.contains("changes")) continue;
      for (const Json& ch : other["changes"]) {
        if (ch.value("k", "") != "mention" || ch["from"][1].get<std::string>() != own_doc) continue;
        ed.moved_[{ch["from"][0].get<uint64_t>(), own_doc, ch["from"][2].get<uint32_t>()}] = {
            ch["to"][0].get<uint64_t>(), own_doc, ch["to"][2].get<uint32_t>()};
      }
    }
  } catch (const Json::exception& e) {
    return Status::Corruption(std::string("unreadable curation record (") + e.what() + ")");
  }
  // A node this record renamed that a newer merge removed: the newer
  // record's copy of it (what its undo puts back) gets the old name back.
  try {
    for (const Json& ch : r["changes"]) {
      if (ch.value("k", "") != "set_node") continue;
      NodeId n = ch["node"].get<NodeId>();
      auto now = ed.Node(n);
      if (!now.ok()) return now.status();
      if (*now) continue;
      std::string old_bytes, new_bytes;
      codec::NodeValue old_value, new_value;
      if (!Unhex(ch["old"].get<std::string>(), &old_bytes) || !codec::DecodeNode(old_bytes, &old_value) ||
          !Unhex(ch["new"].get<std::string>(), &new_bytes) || !codec::DecodeNode(new_bytes, &new_value))
        continue;
      for (Json& other : *records) {
        if (&other == &r || other.value("status", "") != "active" || !other.contains("changes")) continue;
        bool patched = false;
        for (Json& och : other["changes"]) {
          if (och.value("k", "") != "delete_node" || och["node"].get<NodeId>() != n) continue;
          std::string bytes;
          codec::NodeValue kept;
          if (!Unhex(och["value"].get<std::string>(), &bytes) || !codec::DecodeNode(bytes, &kept)) continue;
          if (NameIn(kept.properties) != NameIn(new_value.properties)) continue;
          kept.properties["name"] = PropertyValue(NameIn(old_value.properties));
          och["value"] = Hex(codec::EncodeNode(kept));
          patched = true;
        }
        if (patched) ed.PutRecord(other.value("id", uint64_t{0}), other);
      }
    }
  } catch (const Json::exception& e) {
    return Status::Corruption(std::string("unreadable curation record (") + e.what() + ")");
  }
  const Json& changes = r["changes"];
  // The derived data (alias index, doc_index) is brought in step at Commit
  // from before-images: take them all now, before the first change is
  // reverted. (Taken lazily, a node whose re-pointed edge came back first
  // had its new documents in its "before", and doc_index missed them: after
  // undoing a split, MENTIONED_IN from the document side lost the merged
  // entity.)
  try {
    std::set<NodeId> nodes;
    std::set<EdgeId> edges;
    Touched(r, &nodes, &edges);
    for (const Json& ch : changes)
      if (ch.value("k", "") == "repoint")
        for (const char* end : {"from", "to"})
          for (const Json& n : ch[end]) nodes.insert(n.get<NodeId>());
    for (NodeId n : nodes) KG_RETURN_IF_ERROR(ed.Touch(n));
    for (EdgeId e : edges) KG_RETURN_IF_ERROR(ed.TouchEdge(e));
  } catch (const Json::exception& e) {
    return Status::Corruption("curation record " + Num(rid) + ": unreadable change (" + e.what() + ")");
  }
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    try {
      KG_RETURN_IF_ERROR(ed.Revert(*it));
    } catch (const Json::exception& e) {
      return Status::Corruption("curation record " + Num(rid) + ": unreadable change (" + e.what() + ")");
    }
  }
  // A merge re-applied after ingests took in the nodes those ingests made
  // under B's name (they were new only because B was gone). Put back, they
  // go into B, where the ingest would have put their mentions and claims
  // without the merge: one entity again, not B and a twin per ingest.
  if (r.value("op", "") == "merge") {
    try {
      const NodeId b = r["from"].value("id", NodeId{0});
      auto bnode = ed.Node(b);
      if (!bnode.ok()) return bnode.status();
      for (const Json& ch : changes) {
        if (ch.value("k", "") != "delete_node" || !*bnode) continue;
        const NodeId n = ch["node"].get<NodeId>();
        if (n == b) continue;
        auto nv = ed.Node(n);
        if (!nv.ok()) return nv.status();
        if (!*nv || text::FoldCase(NameIn((**nv).properties)) != text::FoldCase(NameIn((**bnode).properties)))
          continue;
        uint64_t moved = 0;
        KG_RETURN_IF_ERROR(MergeInto(ed, b, n, &moved));
      }
    } catch (const Json::exception& e) {
      return Status::Corruption("curation record " + Num(rid) + ": unreadable change (" + e.what() + ")");
    }
  }
  KG_RETURN_IF_ERROR(ed.DropRejections());
  internal::Counters& c = ed.counters();
  if (c.next_node == r.value("next_node_after", uint64_t{0})) c.next_node = r.value("next_node_before", c.next_node);
  if (c.next_edge == r.value("next_edge_after", uint64_t{0})) c.next_edge = r.value("next_edge_before", c.next_edge);
  int64_t now = internal::NowMs();
  r["status"] = "undone";
  r["undone_when"] = IsoTime(now);
  r["undone_ms"] = now;
  r["undone_by"] = by;
  KG_RETURN_IF_ERROR(ed.Commit(&r, std::nullopt));
  return ToRecord(r);
}

Result<std::vector<CurationRecord>> ListCuration(const Graph& graph, bool include_undone) {
  std::vector<CurationRecord> out;
  const RocksGraph* rg = Readable(graph);
  if (!rg) return out;
  auto records = LoadRecords(*rg);
  if (!records.ok()) return records.status();
  for (const Json& r : *records) {
    CurationRecord c = ToRecord(r);
    if (c.active || include_undone) out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<CurationRecord>> CurationOfNode(const Graph& graph, NodeId node) {
  auto all = ListCuration(graph, false);
  if (!all.ok()) return all.status();
  std::vector<CurationRecord> out;
  for (auto& r : *all)
    if (std::binary_search(r.nodes.begin(), r.nodes.end(), node)) out.push_back(std::move(r));
  return out;
}

Result<std::vector<CurationRecord>> CurationOfEdge(const Graph& graph, EdgeId edge) {
  auto all = ListCuration(graph, false);
  if (!all.ok()) return all.status();
  std::vector<CurationRecord> out;
  for (auto& r : *all)
    if (std::binary_search(r.edges.begin(), r.edges.end(), edge)) out.push_back(std::move(r));
  return out;
}

Result<ReapplySummary> ReapplyCuration(Graph& graph) {
  ReapplySummary summary;
  auto rg = Writable(graph);
  if (!rg.ok()) return rg.status();
  if (!(*rg)->curation_stored()) return summary;
  auto records = LoadRecords(**rg);
  if (!records.ok()) return records.status();
  for (Json& r : *records) {
    if (r.value("status", "") != "active") continue;
    uint64_t rid = r.value("id", uint64_t{0});
    if (r.value("op", "") == "reject") {
      auto attached = RejectAttached(**rg, rid);
      if (!attached.ok()) return attached.status();
      if (*attached) continue;
    }
    Editor ed(*rg, rid);
    const uint64_t node_start = ed.counters().next_node, edge_start = ed.counters().next_edge;
    try {
      KG_RETURN_IF_ERROR(ApplyAgain(ed, **rg, r).WithContext("re-apply curation record " + Num(rid)));
    } catch (const Json::exception& e) {
      return Status::Corruption("curation record " + Num(rid) + " is unreadable (" + e.what() + ")");
    }
    if (ed.changes().empty()) continue;
    for (const Json& ch : ed.changes()) r["changes"].push_back(ch);
    // Ids taken since the record last ran (by the ingest that made this
    // re-application necessary) are not the record's to give back: an undo
    // may lower the counters only to where this application started. (The
    // ingest's nodes this one removed come back with the undo, below them.)
    if (node_start != r.value("next_node_after", node_start)) r["next_node_before"] = node_start;
    if (edge_start != r.value("next_edge_after", edge_start)) r["next_edge_before"] = edge_start;
    r["watermark"] = ed.counters().next_node;
    r["next_node_after"] = ed.counters().next_node;
    r["next_edge_after"] = ed.counters().next_edge;
    summary.records++;
    summary.changes += ed.changes().size();
    KG_RETURN_IF_ERROR(ed.Commit(&r, std::nullopt));
  }
  return summary;
}

std::string CurationExportLine(const CurationRecord& record) {
  Json r = Json::parse(record.json, nullptr, false);
  if (r.is_discarded()) return "{}";
  Json out;
  for (const char* field : {"op", "when", "when_ms", "by", "why", "what", "into", "from", "node", "old_name",
                            "new_name", "aliases", "documents", "name", "claim"}) {
    if (r.contains(field)) out[field] = r[field];
  }
  return Dump(out);
}

Result<CurationRecord> ImportCurationLine(Graph& graph, const std::string& line) {
  Json in = Json::parse(line, nullptr, false);
  if (in.is_discarded() || !in.is_object()) return Status::InvalidArgument("not a JSON object");
  const std::string op = in.value("op", "");
  auto need = [&](const char* field, const char* sub) -> Status {
    if (!in.contains(field)) return Status::InvalidArgument(std::string("missing field '") + field + "'");
    if (sub && (!in[field].is_object() || !in[field].contains(sub) || !in[field][sub].is_string() ||
                in[field][sub].get<std::string>().empty()))
      return Status::InvalidArgument(std::string("missing field '") + field + "." + sub + "'");
    if (!sub && !in[field].is_string() && !in[field].is_array())
      return Status::InvalidArgument(std::string("field '") + field + "' must be a string or a list");
    return Status::OK();
  };
  if (op == "merge") {
    KG_RETURN_IF_ERROR(need("into", "name"));
    KG_RETURN_IF_ERROR(need("from", "name"));
  } else if (op == "rename") {
    KG_RETURN_IF_ERROR(need("old_name", nullptr));
    KG_RETURN_IF_ERROR(need("new_name", nullptr));
    if (!in.contains("node") || !in["node"].is_object()) in["node"] = Json::object();
    in["node"]["name"] = in["new_name"];
  } else if (op == "split") {
    KG_RETURN_IF_ERROR(need("node", "name"));
    KG_RETURN_IF_ERROR(need("name", nullptr));
    if (!in.contains("aliases")) in["aliases"] = Json::array();
    if (!in.contains("documents")) in["documents"] = Json::array();
    if (!in["aliases"].is_array() || !in["documents"].is_array())
      return Status::InvalidArgument("fields 'aliases' and 'documents' must be lists");
  } else if (op == "reject") {
    KG_RETURN_IF_ERROR(need("claim", "subject"));
    KG_RETURN_IF_ERROR(need("claim", "relation"));
    KG_RETURN_IF_ERROR(need("claim", "object"));
  } else {
    return Status::InvalidArgument(op.empty() ? std::string("missing field 'op'")
                                              : "unknown op '" + op + "' (merge, split, rename or reject)");
  }
  if (in.contains("when_ms") && !in["when_ms"].is_number_integer())
    return Status::InvalidArgument("field 'when_ms' must be an integer");
  for (const char* f : {"by", "why", "what", "when"})
    if (in.contains(f) && !in[f].is_string()) return Status::InvalidArgument(std::string("field '") + f + "' must be a string");
  // Already imported (the same op by the same person at the same time)?
  auto existing = ListCuration(graph, false);
  if (!existing.ok()) return existing.status();
  for (const CurationRecord& r : *existing) {
    if (r.op == op && r.when_ms == in.value("when_ms", int64_t{0}) && r.by == in.value("by", "") &&
        r.why == in.value("why", "") && r.what == in.value("what", ""))
      return Status::AlreadyExists("already stored as curation record " + Num(r.id));
  }
  CurationMeta meta;
  meta.by = in.value("by", "");
  meta.why = in.value("why", "");
  meta.when_ms = in.value("when_ms", int64_t{0});
  Json record = NewRecord(0, op, meta);
  for (const char* field : {"what", "into", "from", "node", "old_name", "new_name", "aliases", "documents", "name", "claim"})
    if (in.contains(field)) record[field] = in[field];
  // Ids in the file name nodes of another database: only names count here.
  for (const char* field : {"into", "from", "node"})
    if (record.contains(field) && record[field].is_object()) record[field].erase("id");
  if (record.contains("claim")) record["claim"].erase("edge");
  record["watermark"] = 0;
  record["changes"] = Json::array();
  auto rg = Writable(graph);
  if (!rg.ok()) return rg.status();
  return Apply(graph, record, /*allow_empty=*/true, [&](Editor& ed, Json& r) -> Status {
    r["watermark"] = 0;
    try {
      return ApplyAgain(ed, **rg, r);
    } catch (const Json::exception& e) {
      return Status::InvalidArgument(std::string("malformed record (") + e.what() + ")");
    }
  });
}

namespace internal {

void CheckCuration(const storage::Store& store, const std::vector<uint64_t>& edge_ids,
                   const std::function<void(std::string)>& problem, std::set<uint64_t>* active) {
  std::map<uint64_t, std::string> ops;
  uint64_t max_id = 0;
  auto it = store.NewIterator(Family::kCuration, keys::kCurationRecordPrefix);
  for (; it->Valid(); it->Next()) {
    char kind;
    uint64_t id;
    if (!keys::ParseCurationKey(it->key(), &kind, &id)) {
      problem("curation: unreadable record key");
      continue;
    }
    Json r = Json::parse(it->value(), nullptr, false);
    if (r.is_discarded() || !r.is_object() || r.value("id", uint64_t{0}) != id) {
      problem("curation record " + Num(id) + ": unreadable");
      continue;
    }
    max_id = std::max(max_id, id);
    std::string op = r.value("op", "");
    if (op != "merge" && op != "split" && op != "rename" && op != "reject")
      problem("curation record " + Num(id) + ": unknown op '" + op + "'");
    if (r.value("status", "") == "active") {
      active->insert(id);
      ops[id] = op;
    }
  }
  if (!it->status().ok()) problem("curation: " + it->status().message());
  std::string next;
  uint64_t next_id = 1;
  Status s = store.Get(Family::kCuration, keys::kCurationNext, &next);
  if (s.ok() && !Decoded64(next, &next_id)) problem("curation: unreadable next record id");
  if (next_id <= max_id) problem("curation: next record id " + Num(next_id) + " is not above record " + Num(max_id));
  auto x = store.NewIterator(Family::kCuration, keys::kRejectedEdgePrefix);
  for (; x->Valid(); x->Next()) {
    char kind;
    uint64_t edge, record;
    if (!keys::ParseCurationKey(x->key(), &kind, &edge) || !Decoded64(x->value(), &record)) {
      problem("curation: unreadable rejected-edge entry");
      continue;
    }
    if (!std::binary_search(edge_ids.begin(), edge_ids.end(), edge))
      problem("curation: rejected edge " + Num(edge) + " does not exist");
    auto op = ops.find(record);
    if (op == ops.end() || op->second != "reject")
      problem("curation: edge " + Num(edge) + " is rejected by " + Num(record) + ", which is no active reject record");
  }
  if (!x->status().ok()) problem("curation: " + x->status().message());
}

}  // namespace internal

}  // namespace kg::graph
