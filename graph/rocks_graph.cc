// The Graph implementation on RocksDB (see graph.h for the contract and
// storage/FORMAT.md for the layout).
#include "graph/rocks_graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/text.h"
#include "graph/curation.h"
#include "graph/degrees.h"
#include "graph/document_nodes.h"
#include "graph/entity_keys.h"
#include "graph/node_column.h"
#include "graph/record_codec.h"
#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::graph {

Result<std::unique_ptr<Graph>> Graph::Open(const std::string& dir, const OpenOptions& options) {
  return internal::RocksGraph::Make(dir, options);
}

namespace internal {
namespace {

using storage::Family;
namespace keys = storage::keys;

std::string Num(uint64_t n) { return std::to_string(n); }

// Cursor over node ids: the keys of `nodes` or the node part of `labels`.
class StoreNodeCursor : public NodeCursor {
 public:
  StoreNodeCursor(std::unique_ptr<storage::Iterator> it, bool label_index)
      : it_(std::move(it)), label_index_(label_index) {
    Load();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Load();
  }
  NodeId node() const override { return node_; }
  Status status() const override { return status_.ok() ? it_->status() : status_; }

 private:
  void Load() {
    valid_ = false;
    if (!it_->Valid()) return;
    bool ok;
    if (label_index_) {
      uint32_t label;
      ok = keys::ParseLabelKey(it_->key(), &label, &node_);
    } else {
      ok = keys::ParseId64(it_->key(), &node_);
    }
    if (!ok) {
      status_ = Status::Corruption("bad node key");
      return;
    }
    valid_ = true;
  }
  std::unique_ptr<storage::Iterator> it_;
  bool label_index_;
  bool valid_ = false;
  NodeId node_ = 0;
  Status status_;
};

class EmptyNodeCursor : public NodeCursor {
 public:
  bool Valid() const override { return false; }
  void Next() override {}
  NodeId node() const override { return 0; }
  Status status() const override { return Status::OK(); }
};

// Cursor over adjacency keys (out or in), or over the edges family.
class StoreEdgeCursor : public EdgeCursor {
 public:
  enum class Kind { kOut, kIn, kAll };
  StoreEdgeCursor(std::unique_ptr<storage::Iterator> it, Kind kind)
      : it_(std::move(it)), kind_(kind) {
    Load();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Load();
  }
  const EdgeRef& edge() const override { return ref_; }
  Status status() const override { return status_.ok() ? it_->status() : status_; }

 private:
  void Load() {
    valid_ = false;
    if (!it_->Valid()) return;
    if (kind_ == Kind::kAll) {
      codec::EdgeValue ev;
      if (!keys::ParseId64(it_->key(), &ref_.id) || !codec::DecodeEdge(it_->value(), &ev)) {
        status_ = Status::Corruption("bad edge record");
        return;
      }
      ref_.source = ev.source;
      ref_.target = ev.target;
      ref_.type = ev.type;
    } else {
      keys::Adjacency a;
      if (!keys::ParseAdjacency(it_->key(), &a)) {
        status_ = Status::Corruption("bad adjacency key");
        return;
      }
      ref_.id = a.edge;
      ref_.type = a.type;
      ref_.source = kind_ == Kind::kOut ? a.node : a.other;
      ref_.target = kind_ == Kind::kOut ? a.other : a.node;
    }
    valid_ = true;
  }
  std::unique_ptr<storage::Iterator> it_;
  Kind kind_;
  bool valid_ = false;
  EdgeRef ref_;
  Status status_;
};

// Whole node records in id order, optionally only those with one label.
// Only the key and label ids are read while moving; the rest of a record is
// decoded when asked for.
class StoreNodeRecordCursor : public NodeRecordCursor {
 public:
  StoreNodeRecordCursor(std::unique_ptr<storage::Iterator> it, const Dictionary* dictionary,
                        std::optional<uint32_t> label)
      : it_(std::move(it)), dictionary_(dictionary), label_(label) {
    Load();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Load();
  }
  void SeekTo(NodeId id) override {
    // Callers mostly ask for a node a few records ahead: step there, and
    // seek only when it is farther.
    for (int steps = 0; valid_ && record_.id < id && steps < 16; ++steps) Next();
    if (!valid_ || record_.id >= id) return;
    it_->Seek(keys::Id64(id));
    Load();
  }
  NodeId node() const override { return record_.id; }
  const NodeRecord& record() const override {
    if (!decoded_) {
      decoded_ = true;
      codec::NodeValue nv;
      if (!codec::DecodeNode(it_->value(), &nv)) {
        status_ = Status::Corruption("node " + Num(record_.id) + " is unreadable");
        record_.properties.clear();
        return record_;
      }
      record_.labels.clear();
      for (uint32_t l : nv.labels) record_.labels.push_back(dictionary_->Name(l));
      record_.properties = std::move(nv.properties);
    }
    return record_;
  }
  PropertyValue Property(const std::string& key) const override {
    if (decoded_) {
      auto it = record_.properties.find(key);
      return it == record_.properties.end() ? PropertyValue() : it->second;
    }
    PropertyValue v;
    if (!codec::DecodeNodeProperty(it_->value(), key, &v))
      status_ = Status::Corruption("node " + Num(record_.id) + " is unreadable");
    return v;
  }
  bool PropertyText(const std::string& key, std::string_view* text) const override {
    bool found = false;
    if (!codec::DecodeNodeStringProperty(it_->value(), key, text, &found))
      status_ = Status::Corruption("node " + Num(record_.id) + " is unreadable");
    return found;
  }
  Status status() const override { return status_.ok() ? it_->status() : status_; }

 private:
  void Load() {
    valid_ = false;
    decoded_ = false;
    for (; it_->Valid(); it_->Next()) {
      if (!keys::ParseId64(it_->key(), &record_.id) || !codec::DecodeNodeLabels(it_->value(), &label_ids_)) {
        status_ = Status::Corruption("bad node record");
        return;
      }
      if (label_ && std::find(label_ids_.begin(), label_ids_.end(), *label_) == label_ids_.end()) continue;
      valid_ = true;
      return;
    }
  }
  std::unique_ptr<storage::Iterator> it_;
  const Dictionary* dictionary_;
  std::optional<uint32_t> label_;
  bool valid_ = false;
  std::vector<uint32_t> label_ids_;
  mutable bool decoded_ = false;
  mutable NodeRecord record_;
  mutable Status status_;
};

class EmptyNodeRecordCursor : public NodeRecordCursor {
 public:
  bool Valid() const override { return false; }
  void Next() override {}
  void SeekTo(NodeId) override {}
  NodeId node() const override { return 0; }
  const NodeRecord& record() const override { return record_; }
  PropertyValue Property(const std::string&) const override { return {}; }
  bool PropertyText(const std::string&, std::string_view*) const override { return false; }
  Status status() const override { return Status::OK(); }

 private:
  NodeRecord record_;
};

// An edge cursor that skips rejected edges.
class HidingEdgeCursor : public EdgeCursor {
 public:
  HidingEdgeCursor(std::unique_ptr<EdgeCursor> inner, std::shared_ptr<const RocksGraph::RejectedSet> hidden)
      : inner_(std::move(inner)), hidden_(std::move(hidden)) {
    Skip();
  }
  bool Valid() const override { return inner_->Valid(); }
  void Next() override {
    inner_->Next();
    Skip();
  }
  const EdgeRef& edge() const override { return inner_->edge(); }
  Status status() const override { return inner_->status(); }

 private:
  void Skip() {
    while (inner_->Valid() && hidden_->count(inner_->edge().id)) inner_->Next();
  }
  std::unique_ptr<EdgeCursor> inner_;
  std::shared_ptr<const RocksGraph::RejectedSet> hidden_;
};

// Degree entries less the rejected edges (entries that drop to 0 are skipped).
class HidingDegreeCursor : public DegreeCursor {
 public:
  HidingDegreeCursor(std::unique_ptr<DegreeCursor> inner, std::map<std::pair<NodeId, TypeId>, uint64_t> minus)
      : inner_(std::move(inner)), minus_(std::move(minus)) {
    Load();
  }
  bool Valid() const override { return inner_->Valid(); }
  void Next() override {
    inner_->Next();
    Load();
  }
  const DegreeEntry& entry() const override { return entry_; }
  Status status() const override { return inner_->status(); }

 private:
  void Load() {
    for (; inner_->Valid(); inner_->Next()) {
      entry_ = inner_->entry();
      auto m = minus_.find({entry_.node, entry_.type});
      if (m != minus_.end()) entry_.count -= std::min(entry_.count, m->second);
      if (entry_.count > 0) return;
    }
  }
  std::unique_ptr<DegreeCursor> inner_;
  std::map<std::pair<NodeId, TypeId>, uint64_t> minus_;
  DegreeEntry entry_;
};

Result<codec::NodeValue> ReadNode(const storage::Store& store, uint64_t id) {
  std::string v;
  Status s = store.Get(Family::kNodes, keys::Id64(id), &v);
  if (s.IsNotFound()) return Status::NotFound("no node " + Num(id));
  KG_RETURN_IF_ERROR(s);
  codec::NodeValue nv;
  if (!codec::DecodeNode(v, &nv)) return Status::Corruption("node " + Num(id) + " is unreadable");
  return nv;
}

Result<codec::EdgeValue> ReadEdge(const storage::Store& store, uint64_t id) {
  std::string v;
  Status s = store.Get(Family::kEdges, keys::Id64(id), &v);
  if (s.IsNotFound()) return Status::NotFound("no edge " + Num(id));
  KG_RETURN_IF_ERROR(s);
  codec::EdgeValue ev;
  if (!codec::DecodeEdge(v, &ev)) return Status::Corruption("edge " + Num(id) + " is unreadable");
  return ev;
}

const std::string* NameOf(const Properties& props) {
  auto it = props.find("name");
  if (it == props.end()) return nullptr;
  return std::get_if<std::string>(&it->second.value);
}

// The names a node made by hand is indexed under (its one mention is the
// hand-made one naming it): an entity under EntityAliases of its name and
// type ("General Motors Corporation": also "General Motors", "GM"), any
// other node under its name alone. What kg check expects (AliasesOf).
std::vector<std::string> HandMadeNames(const Properties& props, bool entity) {
  const std::string* name = NameOf(props);
  if (!name) return {};
  if (!entity) return {*name};
  return EntityAliases(*name, StoredEntityOf(props).type, {*name});
}

// Interns `name` for a direct write (CreateNode/CreateEdge).
uint32_t InternDirect(const std::string& name, const Dictionary& dict, Counters* c,
                      std::vector<std::pair<uint32_t, std::string>>* fresh,
                      storage::WriteBatch* batch) {
  if (auto id = dict.Find(name)) return *id;
  for (const auto& [id, n] : *fresh) {
    if (n == name) return id;
  }
  auto id = static_cast<uint32_t>(c->next_string++);
  fresh->emplace_back(id, name);
  batch->Put(Family::kStrings, keys::StringById(id), name);
  std::string v;
  storage::PutBigEndian32(&v, id);
  batch->Put(Family::kStrings, keys::StringByName(name), v);
  return id;
}

}  // namespace

Result<std::unique_ptr<Graph>> RocksGraph::Make(const std::string& dir, const OpenOptions& options) {
  storage::StoreOptions so;
  so.create_if_missing = options.create_if_missing;
  so.read_only = options.read_only;
  so.sync_writes = options.sync_writes;
  so.in_memory = options.in_memory;
  auto store = storage::Store::Open(dir, so);
  if (!store.ok()) return store.status();
  auto graph = std::unique_ptr<RocksGraph>(new RocksGraph());
  graph->store_ = std::move(*store);
  graph->include_rejected_ = options.include_rejected;
  graph->curation_stored_ = !(options.read_only && graph->store_->format_version() < 5);
  graph->column_cache_bytes_ = options.column_cache_bytes;
  if (graph->store_->format_version() < 6) {
    // The document index came with version 6: filled once now (before the
    // version is written below), or documents are scanned where nothing
    // may be written.
    if (options.read_only) {
      graph->doc_keys_stored_ = false;
    } else {
      KG_RETURN_IF_ERROR(UpgradeDocumentKeys(graph->store_.get()).WithContext("open " + dir));
    }
  }
  if (graph->store_->format_version() < 4) {
    // Degree counts in chunks came with version 4: computed once now, or
    // counted on the fly where nothing may be written.
    if (options.read_only) {
      graph->degrees_stored_ = false;
    } else {
      KG_RETURN_IF_ERROR(UpgradeDegrees(graph->store_.get()).WithContext("open " + dir));
    }
  } else if (graph->store_->format_version() < storage::kFormatVersion && !options.read_only) {
    // Version 5 added a family that starts empty (the store made it),
    // version 6 one filled above: only the version is left to write.
    storage::WriteBatch batch;
    batch.Put(Family::kMeta, storage::kFormatVersionKey, std::to_string(storage::kFormatVersion));
    KG_RETURN_IF_ERROR(graph->store_->Write(&batch).WithContext("upgrade " + dir));
  }
  KG_RETURN_IF_ERROR(graph->Reload());
  return std::unique_ptr<Graph>(std::move(graph));
}

Status RocksGraph::Reload() {
  KG_RETURN_IF_ERROR(dictionary_.Load(*store_));
  Counters c;
  KG_RETURN_IF_ERROR(LoadCounters(*store_, &c));
  {
    std::lock_guard lock(counters_mu_);
    counters_ = std::move(c);
  }
  auto rejected = std::make_shared<RejectedSet>();
  if (curation_stored_) {
    auto it = store_->NewIterator(Family::kCuration, keys::kRejectedEdgePrefix);
    for (; it->Valid(); it->Next()) {
      char kind;
      uint64_t edge;
      if (!keys::ParseCurationKey(it->key(), &kind, &edge)) return Status::Corruption("bad rejected-edge key");
      auto ev = ReadEdge(*store_, edge);
      if (ev.status().IsNotFound()) continue;  // kg check reports it
      if (!ev.ok()) return ev.status();
      rejected->edges[edge] = RejectedEdge{EdgeRef{edge, ev->source, ev->target, ev->type}, ev->provenance_count};
    }
    KG_RETURN_IF_ERROR(it->status());
    for (const auto& [id, r] : rejected->edges) {
      rejected->out.emplace(r.ref.source, &r);
      rejected->in.emplace(r.ref.target, &r);
    }
  }
  std::lock_guard lock(rejected_mu_);
  any_rejected_ = !rejected->edges.empty();
  rejected_ = std::move(rejected);
  return Status::OK();
}

std::shared_ptr<const RocksGraph::RejectedSet> RocksGraph::Hidden() const {
  if (include_rejected_ || !any_rejected_.load(std::memory_order_relaxed)) return nullptr;
  std::lock_guard lock(rejected_mu_);
  if (rejected_->edges.empty()) return nullptr;
  return rejected_;
}

bool RocksGraph::IsRejected(EdgeId id) const {
  if (!any_rejected_.load(std::memory_order_relaxed)) return false;
  std::lock_guard lock(rejected_mu_);
  return rejected_->count(id) > 0;
}

Counters RocksGraph::counters() const {
  std::lock_guard lock(counters_mu_);
  return counters_;
}

void RocksGraph::CommitPlan(const IngestPlan& plan) {
  for (const auto& [id, name] : plan.new_strings()) dictionary_.Add(id, name);
  std::lock_guard lock(counters_mu_);
  counters_ = plan.counters();
}

// ---- Reading -----------------------------------------------------------------

Result<NodeRecord> RocksGraph::GetNode(NodeId id) const {
  if (IsDocumentNode(id)) return ReadDocumentNode(*store_, id);
  auto nv = ReadNode(*store_, id);
  if (!nv.ok()) return nv.status();
  NodeRecord r;
  r.id = id;
  r.labels.reserve(nv->labels.size());
  for (uint32_t l : nv->labels) r.labels.push_back(dictionary_.Name(l));
  r.properties = std::move(nv->properties);
  return r;
}

Result<EdgeRecord> RocksGraph::GetEdge(EdgeId id) const {
  if (IsMentionEdge(id)) return ReadMentionEdge(*store_, id);
  auto ev = ReadEdge(*store_, id);
  if (!ev.ok()) return ev.status();
  EdgeRecord r;
  r.id = id;
  r.source = ev->source;
  r.target = ev->target;
  r.type = dictionary_.Name(ev->type);
  r.properties = std::move(ev->properties);
  r.document_count = ev->document_count;
  r.provenance_count = ev->provenance_count;
  return r;
}

std::unique_ptr<NodeCursor> RocksGraph::ScanNodes() const {
  return std::make_unique<StoreNodeCursor>(store_->NewIterator(Family::kNodes), false);
}

std::unique_ptr<NodeCursor> RocksGraph::ScanLabel(const std::string& label) const {
  auto id = dictionary_.Find(label);
  std::unique_ptr<NodeCursor> stored =
      id ? std::make_unique<StoreNodeCursor>(store_->NewIterator(Family::kLabels, keys::LabelPrefix(*id)), true)
         : std::unique_ptr<NodeCursor>(std::make_unique<EmptyNodeCursor>());
  // Nodes made by hand may carry the label too; their ids are below every
  // document node's.
  if (label == kDocumentLabel) return ConcatNodeCursors(std::move(stored), ScanDocumentNodes(*store_));
  return stored;
}

Result<std::vector<NodeId>> RocksGraph::FindByName(const std::string& name) const {
  std::vector<NodeId> out;
  auto it = store_->NewIterator(Family::kNames, keys::NamePrefix(text::FoldCase(name)));
  for (; it->Valid(); it->Next()) {
    std::string folded;
    uint64_t node;
    if (!keys::ParseNameKey(it->key(), &folded, &node)) return Status::Corruption("bad name key");
    out.push_back(node);
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<std::vector<std::string>> RocksGraph::NamesWithPrefix(const std::string& prefix,
                                                             size_t limit) const {
  std::vector<std::string> out;
  auto it = store_->NewIterator(Family::kNames, text::FoldCase(prefix));
  for (; it->Valid() && out.size() < limit; it->Next()) {
    std::string name(it->value());
    if (out.empty() || out.back() != name) out.push_back(std::move(name));
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

std::unique_ptr<EdgeCursor> RocksGraph::OutEdges(NodeId node, std::optional<TypeId> type) const {
  if (type == kMentionedInTypeId) return VectorEdgeCursor(MentionEdgesOut(*store_, node));
  if (IsDocumentNode(node)) return VectorEdgeCursor(std::vector<EdgeRef>{});
  std::string prefix = type ? keys::AdjacencyPrefix(node, *type) : keys::AdjacencyPrefix(node);
  std::unique_ptr<EdgeCursor> c = std::make_unique<StoreEdgeCursor>(
      store_->NewIterator(Family::kOut, prefix), StoreEdgeCursor::Kind::kOut);
  if (auto hidden = Hidden()) return std::make_unique<HidingEdgeCursor>(std::move(c), std::move(hidden));
  return c;
}

std::unique_ptr<EdgeCursor> RocksGraph::InEdges(NodeId node, std::optional<TypeId> type) const {
  // A document node has MENTIONED_IN relationships only.
  if (type == kMentionedInTypeId || (!type && IsDocumentNode(node)))
    return VectorEdgeCursor(MentionEdgesIn(*store_, node));
  std::string prefix = type ? keys::AdjacencyPrefix(node, *type) : keys::AdjacencyPrefix(node);
  std::unique_ptr<EdgeCursor> c = std::make_unique<StoreEdgeCursor>(
      store_->NewIterator(Family::kIn, prefix), StoreEdgeCursor::Kind::kIn);
  if (auto hidden = Hidden()) return std::make_unique<HidingEdgeCursor>(std::move(c), std::move(hidden));
  return c;
}

std::unique_ptr<EdgeCursor> RocksGraph::ScanEdges() const {
  std::unique_ptr<EdgeCursor> c = std::make_unique<StoreEdgeCursor>(store_->NewIterator(Family::kEdges),
                                                                    StoreEdgeCursor::Kind::kAll);
  if (auto hidden = Hidden()) return std::make_unique<HidingEdgeCursor>(std::move(c), std::move(hidden));
  return c;
}

std::unique_ptr<EdgeCursor> RocksGraph::ScanEdgesBySource() const {
  std::unique_ptr<EdgeCursor> c =
      std::make_unique<StoreEdgeCursor>(store_->NewIterator(Family::kOut), StoreEdgeCursor::Kind::kOut);
  if (auto hidden = Hidden()) return std::make_unique<HidingEdgeCursor>(std::move(c), std::move(hidden));
  return c;
}

Result<uint64_t> RocksGraph::Degree(NodeId node, EdgeDirection direction,
                                    std::optional<TypeId> type) const {
  // MENTIONED_IN relationships are counted from what serves them (a
  // document node has incoming ones only).
  if (type == kMentionedInTypeId || IsDocumentNode(node)) {
    bool out = direction == EdgeDirection::kOut;
    if (IsDocumentNode(node) && out) return uint64_t{0};
    auto edges = out ? MentionEdgesOut(*store_, node) : MentionEdgesIn(*store_, node);
    if (!edges.ok()) return edges.status();
    return static_cast<uint64_t>(edges->size());
  }
  Result<uint64_t> n = ReadDegree(*store_, degrees_stored_, node, direction, type);
  auto hidden = Hidden();
  if (!n.ok() || !hidden) return n;
  uint64_t minus = 0;
  auto [begin, end] = (direction == EdgeDirection::kOut ? hidden->out : hidden->in).equal_range(node);
  for (auto it = begin; it != end; ++it)
    if (!type || it->second->ref.type == *type) ++minus;
  return *n - std::min(*n, minus);
}

std::unique_ptr<DegreeCursor> RocksGraph::ScanDegrees(EdgeDirection direction, NodeId from,
                                                      NodeId to) const {
  std::unique_ptr<DegreeCursor> c = degrees_stored_ ? StoredDegrees(*store_, direction, from, to)
                                                    : CountedDegrees(*store_, direction, from, to);
  auto hidden = Hidden();
  if (!hidden) return c;
  std::map<std::pair<NodeId, TypeId>, uint64_t> minus;
  for (const auto& [id, r] : hidden->edges)
    minus[{direction == EdgeDirection::kOut ? r.ref.source : r.ref.target, r.ref.type}]++;
  return std::make_unique<HidingDegreeCursor>(std::move(c), std::move(minus));
}

std::unique_ptr<NodeRecordCursor> RocksGraph::ScanNodeRecords(const std::string& label) const {
  std::optional<uint32_t> id;
  if (!label.empty()) {
    id = dictionary_.Find(label);
    if (!id) return std::make_unique<EmptyNodeRecordCursor>();
  }
  return std::make_unique<StoreNodeRecordCursor>(store_->NewIterator(Family::kNodes), &dictionary_, id);
}

std::shared_ptr<const NodeColumn> RocksGraph::KeptTextColumn(const std::string& label,
                                                             const std::string& property) const {
  uint64_t writes = store_->WriteCount();
  std::lock_guard lock(columns_mu_);
  columns_.erase(std::remove_if(columns_.begin(), columns_.end(),
                                [&](const KeptColumn& k) { return k.writes != writes; }),
                 columns_.end());
  for (const KeptColumn& k : columns_)
    if (k.label == label && k.property == property) return k.column;
  return nullptr;
}

Result<std::shared_ptr<const NodeColumn>> RocksGraph::TextColumn(const std::string& label,
                                                                 const std::string& property,
                                                                 const std::function<bool()>& stop) const {
  if (auto kept = KeptTextColumn(label, property)) return kept;
  // The count before the scan: a write that ends during the scan makes the
  // column stale at once.
  uint64_t writes = store_->WriteCount();
  int64_t label_id = -1;
  uint64_t expected = 0;
  Counters c = counters();
  if (label.empty()) {
    expected = c.nodes;
  } else {
    auto id = dictionary_.Find(label);
    if (id) {
      label_id = *id;
      auto n = c.labels.find(*id);
      expected = n == c.labels.end() ? 0 : n->second;
    } else {
      label_id = int64_t{1} << 32;  // no node has it
    }
  }
  auto made = MakeTextColumn(*store_, label_id, property, c.next_node, expected, stop);
  if (!made.ok()) return made.status();
  std::shared_ptr<const NodeColumn> column = *made;
  size_t bytes = column->bytes();
  std::lock_guard lock(columns_mu_);
  if (bytes > column_cache_bytes_ || store_->WriteCount() != writes) return column;
  // Room for it: the oldest columns go first.
  size_t held = bytes;
  for (const KeptColumn& k : columns_) held += k.column->bytes();
  size_t drop = 0;
  for (; held > column_cache_bytes_ && drop < columns_.size(); ++drop) held -= columns_[drop].column->bytes();
  columns_.erase(columns_.begin(), columns_.begin() + static_cast<std::ptrdiff_t>(drop));
  columns_.erase(std::remove_if(columns_.begin(), columns_.end(),
                                [&](const KeptColumn& k) { return k.label == label && k.property == property; }),
                 columns_.end());
  columns_.push_back({label, property, writes, column});
  return column;
}

std::optional<TypeId> RocksGraph::FindType(const std::string& type) const {
  if (type == kMentionedInType) return kMentionedInTypeId;
  return dictionary_.Find(type);
}

std::string RocksGraph::TypeName(TypeId type) const {
  if (type == kMentionedInTypeId) return kMentionedInType;
  return dictionary_.Name(type);
}

Result<std::vector<std::pair<std::string, uint64_t>>> RocksGraph::Labels() const {
  std::vector<std::pair<std::string, uint64_t>> out;
  std::lock_guard lock(counters_mu_);
  for (const auto& [id, n] : counters_.labels) {
    if (n > 0) out.emplace_back(dictionary_.Name(id), n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<std::pair<std::string, uint64_t>>> RocksGraph::RelationshipTypes() const {
  std::vector<std::pair<std::string, uint64_t>> out;
  std::map<uint32_t, uint64_t> minus;
  if (auto hidden = Hidden())
    for (const auto& [id, r] : hidden->edges) minus[r.ref.type]++;
  std::lock_guard lock(counters_mu_);
  for (const auto& [id, n] : counters_.types) {
    uint64_t shown = n - std::min(n, minus[id]);
    if (shown > 0) out.emplace_back(dictionary_.Name(id), shown);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<ProvenanceRecord>> RocksGraph::EdgeProvenance(EdgeId id) const {
  std::vector<ProvenanceRecord> out;
  auto it = store_->NewIterator(Family::kProvenance, keys::SupportPrefix(id));
  for (; it->Valid(); it->Next()) {
    keys::SupportKey k;
    ProvenanceRecord r;
    if (!keys::ParseSupportKey(it->key(), &k) || !codec::DecodeProvenance(it->value(), &r)) {
      return Status::Corruption("provenance of edge " + Num(id) + " is unreadable");
    }
    r.document_id = std::move(k.document);
    out.push_back(std::move(r));
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<std::vector<MentionRecord>> RocksGraph::NodeMentions(NodeId id) const {
  std::vector<MentionRecord> out;
  auto it = store_->NewIterator(Family::kMentions, keys::SupportPrefix(id));
  for (; it->Valid(); it->Next()) {
    keys::SupportKey k;
    MentionRecord r;
    if (!keys::ParseSupportKey(it->key(), &k) || !codec::DecodeMention(it->value(), &r)) {
      return Status::Corruption("mentions of node " + Num(id) + " are unreadable");
    }
    r.document_id = std::move(k.document);
    out.push_back(std::move(r));
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<DocumentRecord> RocksGraph::GetDocument(const std::string& id) const {
  std::string v;
  Status s = store_->Get(Family::kDocuments, id, &v);
  if (s.IsNotFound()) return Status::NotFound("no document " + id);
  KG_RETURN_IF_ERROR(s);
  DocumentRecord r;
  if (!codec::DecodeDocument(v, &r)) return Status::Corruption("document " + id + " is unreadable");
  return r;
}

Result<std::vector<std::string>> RocksGraph::FindDocuments(const std::string& prefix) const {
  std::vector<std::string> out;
  auto it = store_->NewIterator(Family::kDocuments, prefix);
  for (; it->Valid(); it->Next()) out.emplace_back(it->key());
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<std::vector<std::string>> RocksGraph::ListDocuments() const { return FindDocuments(""); }

Result<std::string> RocksGraph::DocumentOfNode(NodeId node) const { return DocumentIdOfNode(*store_, node); }

Result<std::vector<std::string>> RocksGraph::FindDocumentsByUrl(const std::string& url) const {
  return FindDocumentsByKey(*store_, doc_keys_stored_, keys::DocKey::kUrl, url);
}

Result<std::vector<std::string>> RocksGraph::FindDocumentsBySource(const std::string& source_path) const {
  return FindDocumentsByKey(*store_, doc_keys_stored_, keys::DocKey::kSource, source_path);
}

Result<GraphStats> RocksGraph::Stats() const {
  Counters c;
  KG_RETURN_IF_ERROR(LoadCounters(*store_, &c));
  GraphStats s;
  s.documents = c.documents;
  s.nodes = c.nodes;
  s.entities = c.entities;
  s.edges = c.edges;
  s.provenance = c.provenance;
  s.mentions = c.mentions;
  if (any_rejected_.load()) {
    std::lock_guard lock(rejected_mu_);
    s.rejected = rejected_->edges.size();
  }
  if (auto hidden = Hidden()) {
    for (const auto& [id, r] : hidden->edges) {
      s.edges -= std::min<uint64_t>(s.edges, 1);
      s.provenance -= std::min<uint64_t>(s.provenance, r.provenance);
    }
  }
  s.node_id_limit = c.next_node;
  for (const auto& [name, n] : c.extractors) {
    if (n > 0) s.extractors.push_back(name);
  }
  return s;
}

// ---- Writing -----------------------------------------------------------------

Result<AddSummary> RocksGraph::AddExtraction(const Extraction& extraction) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  IngestPlan plan(store_.get(), &dictionary_, counters());
  storage::WriteBatch batch;
  BatchSink sink(&batch);
  auto summary = plan.Add(extraction, NowMs(), &sink);
  if (!summary.ok() || summary->unchanged) return summary;
  KG_RETURN_IF_ERROR(plan.Finish(&sink));
  KG_RETURN_IF_ERROR(store_->Write(&batch).WithContext("document " + extraction.document.id));
  CommitPlan(plan);
  return summary;
}

Result<NodeId> RocksGraph::CreateNode(const std::vector<std::string>& labels,
                                      const Properties& properties) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  Counters c = counters();
  storage::WriteBatch batch;
  std::vector<std::pair<uint32_t, std::string>> fresh;
  NodeId id = c.next_node++;
  codec::NodeValue nv;
  bool entity = false;
  for (const auto& l : labels) {
    uint32_t lid = InternDirect(l, dictionary_, &c, &fresh, &batch);
    if (std::find(nv.labels.begin(), nv.labels.end(), lid) != nv.labels.end()) continue;
    nv.labels.push_back(lid);
    entity = entity || l == "Entity";
    batch.Put(Family::kLabels, keys::LabelKey(lid, id), "");
    c.labels[lid]++;
    c.dirty_labels.insert(lid);
  }
  for (const auto& [k, v] : properties) {
    if (!v.is_null()) nv.properties[k] = v;
  }
  batch.Put(Family::kNodes, keys::Id64(id), codec::EncodeNode(nv));
  const std::string* name = NameOf(nv.properties);
  for (const std::string& alias : HandMadeNames(nv.properties, entity))
    batch.Put(Family::kNames, keys::NameKey(text::FoldCase(alias), id), alias);
  MentionRecord m;
  m.document_id = "manual";
  m.surface = name ? *name : "";
  batch.Put(Family::kMentions, keys::SupportKeyOf({id, "manual", 0}), codec::EncodeMention(m));
  c.nodes++;
  c.mentions++;
  if (entity) c.entities++;
  BatchSink sink(&batch);
  EmitCounters(&c, &sink);
  KG_RETURN_IF_ERROR(WriteDirect(&batch));
  for (const auto& [sid, s] : fresh) dictionary_.Add(sid, s);
  std::lock_guard lock(counters_mu_);
  counters_ = std::move(c);
  return id;
}

Status RocksGraph::Compact() {
  KG_RETURN_IF_ERROR(store_->Flush());
  return store_->CompactAll();
}

Status RocksGraph::WriteDirect(storage::WriteBatch* batch) {
  if (deferred_sync_depth_.load() == 0) return store_->Write(batch);
  unsynced_writes_ = true;
  return store_->WriteUnsynced(batch);
}

Status RocksGraph::EndDeferredSync() {
  int depth = deferred_sync_depth_.load();
  while (depth > 0 && !deferred_sync_depth_.compare_exchange_weak(depth, depth - 1)) {
  }
  // Only the outermost end syncs (an end without a begin does nothing).
  if (depth != 1 || !unsynced_writes_.exchange(false)) return Status::OK();
  return store_->SyncLog();
}

Result<EdgeId> RocksGraph::CreateEdge(NodeId source, NodeId target, const std::string& type,
                                      const Properties& properties) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  if (type.empty()) return Status::InvalidArgument("a relationship needs a type");
  if (type == kMentionedInType)
    return Status::NotSupported("MENTIONED_IN relationships are read from the stored mentions; "
                                "they cannot be created");
  if (IsDocumentNode(source) || IsDocumentNode(target))
    return Status::NotSupported("a Document node is a stored document: no relationship can be "
                                "created to or from it");
  for (NodeId n : {source, target}) {
    std::string v;
    Status s = store_->Get(Family::kNodes, keys::Id64(n), &v);
    if (s.IsNotFound()) return Status::NotFound("no node " + Num(n));
    KG_RETURN_IF_ERROR(s);
  }
  Counters c = counters();
  storage::WriteBatch batch;
  std::vector<std::pair<uint32_t, std::string>> fresh;
  EdgeId id = c.next_edge++;
  codec::EdgeValue ev;
  ev.source = source;
  ev.target = target;
  ev.type = InternDirect(type, dictionary_, &c, &fresh, &batch);
  ev.document_count = 1;
  ev.provenance_count = 1;
  for (const auto& [k, v] : properties) {
    if (!v.is_null()) ev.properties[k] = v;
  }
  batch.Put(Family::kEdges, keys::Id64(id), codec::EncodeEdge(ev));
  batch.Put(Family::kOut, keys::AdjacencyKey({source, ev.type, target, id}), "");
  batch.Put(Family::kIn, keys::AdjacencyKey({target, ev.type, source, id}), "");
  ProvenanceRecord p;
  p.document_id = "manual";
  p.extractor = "manual";
  p.confidence = 1.0;
  p.ingest_time_ms = NowMs();
  batch.Put(Family::kProvenance, keys::SupportKeyOf({id, "manual", 0}), codec::EncodeProvenance(p));
  c.edges++;
  c.provenance++;
  c.types[ev.type]++;
  c.dirty_types.insert(ev.type);
  BatchSink sink(&batch);
  DegreeDeltas degrees;
  degrees.AddEdge(source, ev.type, target, +1);
  KG_RETURN_IF_ERROR(degrees.Emit(*store_, &sink, &batch, nullptr));
  EmitCounters(&c, &sink);
  KG_RETURN_IF_ERROR(WriteDirect(&batch));
  for (const auto& [sid, s] : fresh) dictionary_.Add(sid, s);
  std::lock_guard lock(counters_mu_);
  counters_ = std::move(c);
  return id;
}

Result<RetractSummary> RocksGraph::Retract(const std::string& document_id) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  if (document_id == "manual") {
    return Status::InvalidArgument("manual edits are not a document and cannot be retracted");
  }
  auto doc = GetDocument(document_id);
  if (!doc.ok()) return doc.status();
  RetractSummary summary;
  Counters c = counters();
  storage::WriteBatch batch;
  std::vector<uint64_t> edges, nodes;
  {
    auto it = store_->NewIterator(Family::kDocIndex, keys::DocIndexPrefix(document_id));
    for (; it->Valid(); it->Next()) {
      std::string d;
      keys::DocItem kind;
      uint64_t id;
      if (!keys::ParseDocIndexKey(it->key(), &d, &kind, &id)) {
        return Status::Corruption("bad doc_index key for " + document_id);
      }
      (kind == keys::DocItem::kEdge ? edges : nodes).push_back(id);
      batch.Delete(Family::kDocIndex, it->key());
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  std::set<uint64_t> removed_edges;
  bool rejected_removed = false;
  DegreeDeltas degrees;
  for (uint64_t e : edges) {
    uint32_t n = 0;
    auto it = store_->NewIterator(Family::kProvenance, keys::SupportPrefix(e, document_id));
    for (; it->Valid(); it->Next()) {
      batch.Delete(Family::kProvenance, it->key());
      ++n;
    }
    KG_RETURN_IF_ERROR(it->status());
    auto ev = ReadEdge(*store_, e);
    if (!ev.ok()) return ev.status().WithContext("retract " + document_id);
    if (n > ev->provenance_count || ev->document_count == 0) {
      return Status::Corruption("edge " + Num(e) + " has fewer provenance records than indexed");
    }
    ev->provenance_count -= n;
    ev->document_count -= 1;
    c.provenance -= n;
    summary.removed_provenance += n;
    if (ev->provenance_count == 0) {
      batch.Delete(Family::kEdges, keys::Id64(e));
      batch.Delete(Family::kOut, keys::AdjacencyKey({ev->source, ev->type, ev->target, e}));
      batch.Delete(Family::kIn, keys::AdjacencyKey({ev->target, ev->type, ev->source, e}));
      degrees.AddEdge(ev->source, ev->type, ev->target, -1);
      c.edges--;
      c.types[ev->type]--;
      c.dirty_types.insert(ev->type);
      removed_edges.insert(e);
      summary.removed_edges++;
      // A rejected claim that loses its last support goes; its record stays
      // and rejects it again should it come back (curation.h).
      if (IsRejected(e)) {
        batch.Delete(Family::kCuration, keys::RejectedEdgeKey(e));
        rejected_removed = true;
      }
    } else {
      batch.Put(Family::kEdges, keys::Id64(e), codec::EncodeEdge(*ev));
      summary.kept_edges++;
    }
  }
  auto has_live_edge = [&](Family family, uint64_t node, bool* live) -> Status {
    auto it = store_->NewIterator(family, keys::AdjacencyPrefix(node));
    for (; it->Valid() && !*live; it->Next()) {
      keys::Adjacency a;
      if (!keys::ParseAdjacency(it->key(), &a)) return Status::Corruption("bad adjacency key");
      if (!removed_edges.count(a.edge)) *live = true;
    }
    return it->status();
  };
  for (uint64_t node : nodes) {
    bool supported = false;
    // Surfaces of the mentions that go and of those that stay: the alias
    // index keeps exactly the aliases the remaining mentions justify.
    std::vector<std::string> gone, kept;
    // Aliases an analyst gave (graph/curation.h) stay while the node does,
    // but do not keep it alive.
    std::vector<std::string> curated, given;
    auto it = store_->NewIterator(Family::kMentions, keys::SupportPrefix(node));
    for (; it->Valid(); it->Next()) {
      keys::SupportKey k;
      if (!keys::ParseSupportKey(it->key(), &k)) return Status::Corruption("bad mention key");
      MentionRecord m;
      bool readable = codec::DecodeMention(it->value(), &m);
      if (k.document == document_id) {
        batch.Delete(Family::kMentions, it->key());
        c.mentions--;
        if (readable) gone.push_back(m.surface);
      } else if (k.document != "manual" && IsPseudoDocument(k.document)) {
        curated.emplace_back(it->key());
        if (readable) given.push_back(m.surface);
      } else {
        supported = true;
        if (readable) kept.push_back(m.surface);
      }
    }
    KG_RETURN_IF_ERROR(it->status());
    if (!supported) KG_RETURN_IF_ERROR(has_live_edge(Family::kOut, node, &supported));
    if (!supported) KG_RETURN_IF_ERROR(has_live_edge(Family::kIn, node, &supported));
    auto nv = ReadNode(*store_, node);
    if (!nv.ok()) return nv.status().WithContext("retract " + document_id);
    if (const std::string* name = NameOf(nv->properties); name && (!gone.empty() || (!supported && !given.empty()))) {
      EntityType type = StoredEntityOf(nv->properties).type;
      std::vector<std::string> all = kept;
      all.insert(all.end(), gone.begin(), gone.end());
      std::set<std::string> keep;
      if (supported)
        for (const std::string& a : EntityAliases(*name, type, kept, given)) keep.insert(text::FoldCase(a));
      for (const std::string& a : EntityAliases(*name, type, all, given)) {
        std::string key = text::FoldCase(a);
        if (!keep.count(key) && key != text::FoldCase(*name))
          batch.Delete(Family::kNames, keys::NameKey(key, node));
      }
    }
    if (supported) continue;
    for (const std::string& key : curated) {
      batch.Delete(Family::kMentions, key);
      c.mentions--;
    }
    batch.Delete(Family::kNodes, keys::Id64(node));
    bool entity = false;
    auto entity_label = dictionary_.Find("Entity");
    for (uint32_t l : nv->labels) {
      batch.Delete(Family::kLabels, keys::LabelKey(l, node));
      c.labels[l]--;
      c.dirty_labels.insert(l);
      entity = entity || (entity_label && l == *entity_label);
    }
    if (const std::string* name = NameOf(nv->properties)) {
      batch.Delete(Family::kNames, keys::NameKey(text::FoldCase(*name), node));
    }
    c.nodes--;
    if (entity) c.entities--;
    summary.removed_nodes++;
    if (entity) summary.removed_entities++;
  }
  batch.Delete(Family::kDocuments, document_id);
  if (doc_keys_stored_)
    for (const std::string& entry : DocumentKeyEntries(doc->document)) batch.Delete(Family::kDocKeys, entry);
  c.documents--;
  std::string extractor = ExtractorLabel(doc->extractor, doc->extractor_version);
  c.extractors[extractor]--;
  c.dirty_extractors.insert(extractor);
  BatchSink sink(&batch);
  KG_RETURN_IF_ERROR(degrees.Emit(*store_, &sink, &batch, nullptr).WithContext("retract " + document_id));
  EmitCounters(&c, &sink);
  KG_RETURN_IF_ERROR(store_->Write(&batch).WithContext("retract " + document_id));
  {
    std::lock_guard lock(counters_mu_);
    counters_ = std::move(c);
  }
  if (rejected_removed) KG_RETURN_IF_ERROR(Reload());
  return summary;
}

// ---- Edits by hand -------------------------------------------------------------

Result<uint64_t> RocksGraph::NodeDocumentCount(NodeId id) const {
  std::set<std::string> docs;
  auto it = store_->NewIterator(Family::kMentions, keys::SupportPrefix(id));
  for (; it->Valid(); it->Next()) {
    keys::SupportKey k;
    if (!keys::ParseSupportKey(it->key(), &k)) return Status::Corruption("bad mention key");
    if (!IsPseudoDocument(k.document)) docs.insert(k.document);
  }
  KG_RETURN_IF_ERROR(it->status());
  return static_cast<uint64_t>(docs.size());
}

Status RocksGraph::UpdateNode(NodeId id, const std::vector<std::string>& labels,
                              const Properties& properties) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  if (IsDocumentNode(id))
    return Status::NotSupported("a Document node is a stored document and cannot be changed; "
                                "kg retract DOCUMENT removes it");
  auto old = ReadNode(*store_, id);
  if (!old.ok()) return old.status();
  Counters c = counters();
  storage::WriteBatch batch;
  std::vector<std::pair<uint32_t, std::string>> fresh;
  codec::NodeValue nv;
  for (const auto& l : labels) {
    uint32_t lid = InternDirect(l, dictionary_, &c, &fresh, &batch);
    if (std::find(nv.labels.begin(), nv.labels.end(), lid) == nv.labels.end()) nv.labels.push_back(lid);
  }
  auto entity_label = dictionary_.Find("Entity");
  bool was_entity = false, is_entity = false;
  for (uint32_t l : old->labels) {
    was_entity = was_entity || (entity_label && l == *entity_label);
    if (std::find(nv.labels.begin(), nv.labels.end(), l) != nv.labels.end()) continue;
    batch.Delete(Family::kLabels, keys::LabelKey(l, id));
    c.labels[l]--;
    c.dirty_labels.insert(l);
  }
  is_entity = std::find(labels.begin(), labels.end(), "Entity") != labels.end();
  for (uint32_t l : nv.labels) {
    if (std::find(old->labels.begin(), old->labels.end(), l) != old->labels.end()) continue;
    batch.Put(Family::kLabels, keys::LabelKey(l, id), "");
    c.labels[l]++;
    c.dirty_labels.insert(l);
  }
  if (was_entity != is_entity) {
    if (is_entity) c.entities++;
    else c.entities--;
  }
  for (const auto& [k, v] : properties)
    if (!v.is_null()) nv.properties[k] = v;
  const std::string* old_name = NameOf(old->properties);
  const std::string* new_name = NameOf(nv.properties);
  bool renamed = (old_name == nullptr) != (new_name == nullptr) || (old_name && *old_name != *new_name);
  if (renamed) {
    // An extracted entity is indexed under its name and its mentions'
    // aliases; those follow the documents, not a hand edit.
    auto docs = NodeDocumentCount(id);
    if (!docs.ok()) return docs.status();
    if (*docs > 0)
      return Status::NotSupported("node " + Num(id) + " is an entity extracted from " + Num(*docs) +
                                  " document(s); its name cannot be changed by hand");
    // The hand-made mention names the node by its new name.
    MentionRecord m;
    m.document_id = "manual";
    m.surface = new_name ? *new_name : "";
    batch.Put(Family::kMentions, keys::SupportKeyOf({id, "manual", 0}), codec::EncodeMention(m));
  }
  std::vector<std::string> old_names = HandMadeNames(old->properties, was_entity);
  std::vector<std::string> new_names = HandMadeNames(nv.properties, is_entity);
  if (old_names != new_names) {
    auto docs = renamed ? Result<uint64_t>(uint64_t{0}) : NodeDocumentCount(id);
    if (!docs.ok()) return docs.status();
    if (*docs == 0) {  // an extracted entity's index follows its documents
      // A hand-made entity is indexed, as Check derives it, under what its
      // name and all its mentions justify: its own "manual" one, those a
      // curation merge brought, the names curation gave. Before and after
      // this edit; only the difference changes.
      std::vector<std::string> surfaces_before, surfaces_after, given;
      auto it = store_->NewIterator(Family::kMentions, keys::SupportPrefix(id));
      for (; it->Valid(); it->Next()) {
        keys::SupportKey k;
        MentionRecord m;
        if (!keys::ParseSupportKey(it->key(), &k) || !codec::DecodeMention(it->value(), &m))
          return Status::Corruption("bad mention of node " + Num(id));
        if (IsCurationDocument(k.document)) {
          given.push_back(m.surface);
          continue;
        }
        surfaces_before.push_back(m.surface);
        bool rewritten = renamed && k.document == "manual" && k.seq == 0;
        surfaces_after.push_back(rewritten ? (new_name ? *new_name : std::string()) : m.surface);
      }
      KG_RETURN_IF_ERROR(it->status());
      auto aliases = [&](const Properties& props, bool entity, const std::vector<std::string>& surfaces) {
        std::map<std::string, std::string> out;  // folded -> as written
        const std::string* name = NameOf(props);
        if (!name) return out;
        std::vector<std::string> all =
            entity ? EntityAliases(*name, StoredEntityOf(props).type, surfaces, given) : std::vector<std::string>{*name};
        for (const std::string& a : all) out.emplace(text::FoldCase(a), a);
        return out;
      };
      std::map<std::string, std::string> before = aliases(old->properties, was_entity, surfaces_before);
      std::map<std::string, std::string> after = aliases(nv.properties, is_entity, surfaces_after);
      for (const auto& [folded, alias] : before)
        if (!after.count(folded)) batch.Delete(Family::kNames, keys::NameKey(folded, id));
      for (const auto& [folded, alias] : after)
        batch.Put(Family::kNames, keys::NameKey(folded, id), alias);
    }
  }
  batch.Put(Family::kNodes, keys::Id64(id), codec::EncodeNode(nv));
  BatchSink sink(&batch);
  EmitCounters(&c, &sink);
  KG_RETURN_IF_ERROR(WriteDirect(&batch));
  for (const auto& [sid, str] : fresh) dictionary_.Add(sid, str);
  std::lock_guard lock(counters_mu_);
  counters_ = std::move(c);
  return Status::OK();
}

Status RocksGraph::UpdateEdge(EdgeId id, const Properties& properties) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  if (IsMentionEdge(id))
    return Status::NotSupported("a MENTIONED_IN relationship is read from the stored mentions and "
                                "cannot be changed; kg retract DOCUMENT removes a document");
  auto ev = ReadEdge(*store_, id);
  if (!ev.ok()) return ev.status();
  ev->properties.clear();
  for (const auto& [k, v] : properties)
    if (!v.is_null()) ev->properties[k] = v;
  storage::WriteBatch batch;
  batch.Put(Family::kEdges, keys::Id64(id), codec::EncodeEdge(*ev));
  return WriteDirect(&batch);
}

Status RocksGraph::DeleteEdge(EdgeId id) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  if (IsMentionEdge(id))
    return Status::NotSupported("a MENTIONED_IN relationship is read from the stored mentions and "
                                "cannot be changed; kg retract DOCUMENT removes a document");
  auto ev = ReadEdge(*store_, id);
  if (!ev.ok()) return ev.status();
  storage::WriteBatch batch;
  Counters c = counters();
  std::set<std::string> documents;
  auto it = store_->NewIterator(Family::kProvenance, keys::SupportPrefix(id));
  uint64_t records = 0;
  for (; it->Valid(); it->Next()) {
    keys::SupportKey k;
    if (!keys::ParseSupportKey(it->key(), &k)) return Status::Corruption("bad provenance key");
    if (k.document != "manual") documents.insert(k.document);
    batch.Delete(Family::kProvenance, it->key());
    ++records;
  }
  KG_RETURN_IF_ERROR(it->status());
  if (!documents.empty()) {
    return Status::NotSupported("edge " + Num(id) + " is a claim extracted from " + Num(documents.size()) +
                                " document(s), e.g. " + *documents.begin());
  }
  batch.Delete(Family::kEdges, keys::Id64(id));
  batch.Delete(Family::kOut, keys::AdjacencyKey({ev->source, ev->type, ev->target, id}));
  batch.Delete(Family::kIn, keys::AdjacencyKey({ev->target, ev->type, ev->source, id}));
  const bool rejected = IsRejected(id);
  if (rejected) batch.Delete(Family::kCuration, keys::RejectedEdgeKey(id));
  c.edges--;
  c.provenance -= records;
  c.types[ev->type]--;
  c.dirty_types.insert(ev->type);
  BatchSink sink(&batch);
  DegreeDeltas degrees;
  degrees.AddEdge(ev->source, ev->type, ev->target, -1);
  KG_RETURN_IF_ERROR(degrees.Emit(*store_, &sink, &batch, nullptr));
  EmitCounters(&c, &sink);
  KG_RETURN_IF_ERROR(WriteDirect(&batch));
  {
    std::lock_guard lock(counters_mu_);
    counters_ = std::move(c);
  }
  if (rejected) return Reload();
  return Status::OK();
}

Status RocksGraph::DeleteNode(NodeId id) {
  if (store_->read_only()) return Status::InvalidArgument("database opened read-only");
  if (IsDocumentNode(id))
    return Status::NotSupported("a Document node is a stored document and cannot be changed; "
                                "kg retract DOCUMENT removes it");
  auto nv = ReadNode(*store_, id);
  if (!nv.ok()) return nv.status();
  for (Family f : {Family::kOut, Family::kIn}) {
    auto adj = store_->NewIterator(f, keys::AdjacencyPrefix(id));
    if (adj->Valid()) return Status::InvalidArgument("node " + Num(id) + " still has relationships");
    KG_RETURN_IF_ERROR(adj->status());
  }
  storage::WriteBatch batch;
  Counters c = counters();
  std::set<std::string> documents;
  std::vector<std::string> given, surfaces;
  auto it = store_->NewIterator(Family::kMentions, keys::SupportPrefix(id));
  for (; it->Valid(); it->Next()) {
    keys::SupportKey k;
    if (!keys::ParseSupportKey(it->key(), &k)) return Status::Corruption("bad mention key");
    if (!IsPseudoDocument(k.document)) documents.insert(k.document);
    // Names a curation record gave it are indexed too (graph/curation.h).
    MentionRecord m;
    if (codec::DecodeMention(it->value(), &m)) (IsCurationDocument(k.document) ? given : surfaces).push_back(m.surface);
    batch.Delete(Family::kMentions, it->key());
    c.mentions--;
  }
  KG_RETURN_IF_ERROR(it->status());
  if (!documents.empty()) {
    return Status::NotSupported("node " + Num(id) + " is an entity extracted from " + Num(documents.size()) +
                                " document(s), e.g. " + *documents.begin());
  }
  batch.Delete(Family::kNodes, keys::Id64(id));
  auto entity_label = dictionary_.Find("Entity");
  bool entity = false;
  for (uint32_t l : nv->labels) {
    batch.Delete(Family::kLabels, keys::LabelKey(l, id));
    c.labels[l]--;
    c.dirty_labels.insert(l);
    entity = entity || (entity_label && l == *entity_label);
  }
  for (const std::string& alias : HandMadeNames(nv->properties, entity))
    batch.Delete(Family::kNames, keys::NameKey(text::FoldCase(alias), id));
  if (const std::string* name = NameOf(nv->properties); name && entity) {
    for (const std::string& alias : EntityAliases(*name, StoredEntityOf(nv->properties).type, surfaces, given))
      batch.Delete(Family::kNames, keys::NameKey(text::FoldCase(alias), id));
  }
  c.nodes--;
  if (entity) c.entities--;
  BatchSink sink(&batch);
  EmitCounters(&c, &sink);
  KG_RETURN_IF_ERROR(WriteDirect(&batch));
  std::lock_guard lock(counters_mu_);
  counters_ = std::move(c);
  return Status::OK();
}

}  // namespace internal
}  // namespace kg::graph
