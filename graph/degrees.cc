// Degree counts: reading, counting, updating and upgrading (see degrees.h).
#include "graph/degrees.h"

#include <functional>

#include "graph/graph_state.h"

namespace kg::graph::internal {
namespace {

using storage::Family;
namespace keys = storage::keys;

keys::DegreeDirection KeyDirection(EdgeDirection d) {
  return d == EdgeDirection::kOut ? keys::DegreeDirection::kOut : keys::DegreeDirection::kIn;
}

// Degree items decoded chunk by chunk.
class StoredDegreeCursor : public DegreeCursor {
 public:
  StoredDegreeCursor(std::unique_ptr<storage::Iterator> it, keys::DegreeDirection direction, NodeId from,
                     NodeId to)
      : it_(std::move(it)), from_(from), to_(to) {
    it_->Seek(keys::DegreeChunkKey(direction, keys::DegreeChunkOf(from)));
    LoadChunk();
    while (valid_ && entry_.node < from_) Next();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    if (++pos_ < items_.size()) {
      Set();
      return;
    }
    it_->Next();
    LoadChunk();
  }
  const DegreeEntry& entry() const override { return entry_; }
  Status status() const override { return status_.ok() ? it_->status() : status_; }

 private:
  void LoadChunk() {
    valid_ = false;
    for (; it_->Valid(); it_->Next()) {
      keys::DegreeDirection d;
      uint64_t chunk;
      if (!keys::ParseDegreeChunkKey(it_->key(), &d, &chunk) ||
          !keys::DecodeDegreeChunk(it_->value(), chunk, &items_)) {
        status_ = Status::Corruption("bad degree chunk");
        return;
      }
      if (items_.empty()) continue;
      pos_ = 0;
      Set();
      return;
    }
  }
  void Set() {
    const keys::DegreeItem& i = items_[pos_];
    entry_ = {i.node, i.type, i.count};
    valid_ = i.node < to_;
  }
  std::unique_ptr<storage::Iterator> it_;
  NodeId from_, to_;
  std::vector<keys::DegreeItem> items_;
  size_t pos_ = 0;
  bool valid_ = false;
  DegreeEntry entry_;
  Status status_;
};

// Groups runs of adjacency keys (node, type, other, edge) by (node, type).
class CountingDegreeCursor : public DegreeCursor {
 public:
  CountingDegreeCursor(std::unique_ptr<storage::Iterator> it, NodeId from, NodeId to)
      : it_(std::move(it)), to_(to) {
    it_->Seek(keys::AdjacencyPrefix(from));
    Load();
  }
  bool Valid() const override { return valid_; }
  void Next() override { Load(); }
  const DegreeEntry& entry() const override { return entry_; }
  Status status() const override { return status_.ok() ? it_->status() : status_; }

 private:
  void Load() {
    valid_ = false;
    if (!status_.ok() || !it_->Valid()) return;
    keys::Adjacency a;
    if (!keys::ParseAdjacency(it_->key(), &a)) {
      status_ = Status::Corruption("bad adjacency key");
      return;
    }
    if (a.node >= to_) return;
    entry_ = {a.node, a.type, 0};
    for (; it_->Valid(); it_->Next()) {
      if (!keys::ParseAdjacency(it_->key(), &a)) {
        status_ = Status::Corruption("bad adjacency key");
        return;
      }
      if (a.node != entry_.node || a.type != entry_.type) break;
      ++entry_.count;
    }
    valid_ = true;
  }
  std::unique_ptr<storage::Iterator> it_;
  NodeId to_;
  bool valid_ = false;
  DegreeEntry entry_;
  Status status_;
};

}  // namespace

std::unique_ptr<DegreeCursor> StoredDegrees(const storage::Store& store, EdgeDirection direction,
                                            NodeId from, NodeId to) {
  return std::make_unique<StoredDegreeCursor>(
      store.NewIterator(Family::kDegrees, keys::DegreePrefix(KeyDirection(direction))), KeyDirection(direction),
      from, to);
}

std::unique_ptr<DegreeCursor> CountedDegrees(const storage::Store& store, EdgeDirection direction,
                                             NodeId from, NodeId to) {
  return std::make_unique<CountingDegreeCursor>(
      store.NewIterator(direction == EdgeDirection::kOut ? Family::kOut : Family::kIn), from, to);
}

Result<uint64_t> ReadDegree(const storage::Store& store, bool stored, NodeId node,
                            EdgeDirection direction, std::optional<TypeId> type) {
  uint64_t total = 0;
  if (!stored) {
    Family f = direction == EdgeDirection::kOut ? Family::kOut : Family::kIn;
    auto it = store.NewIterator(f, type ? keys::AdjacencyPrefix(node, *type) : keys::AdjacencyPrefix(node));
    for (; it->Valid(); it->Next()) ++total;
    KG_RETURN_IF_ERROR(it->status());
    return total;
  }
  uint64_t chunk = keys::DegreeChunkOf(node);
  std::string v;
  Status s = store.Get(Family::kDegrees, keys::DegreeChunkKey(KeyDirection(direction), chunk), &v);
  if (s.IsNotFound()) return uint64_t{0};
  KG_RETURN_IF_ERROR(s);
  std::vector<keys::DegreeItem> items;
  if (!keys::DecodeDegreeChunk(v, chunk, &items))
    return Status::Corruption("bad degree chunk of node " + std::to_string(node));
  for (const auto& i : items)
    if (i.node == node && (!type || i.type == *type)) total += i.count;
  return total;
}

void DegreeDeltas::AddEdge(NodeId source, TypeId type, NodeId target, int64_t delta) {
  deltas_[keys::DegreeChunkKey(keys::DegreeDirection::kOut, keys::DegreeChunkOf(source))][{source, type}] += delta;
  deltas_[keys::DegreeChunkKey(keys::DegreeDirection::kIn, keys::DegreeChunkOf(target))][{target, type}] += delta;
}

Status DegreeDeltas::Emit(const storage::Store& store, Sink* sink, storage::WriteBatch* batch, Known* known) {
  for (const auto& [key, changes] : deltas_) {
    keys::DegreeDirection d;
    uint64_t chunk;
    if (!keys::ParseDegreeChunkKey(key, &d, &chunk)) return Status::Corruption("bad degree chunk key");
    std::vector<keys::DegreeItem> items;
    auto hit = known ? known->find(key) : Known::iterator();
    if (known && hit != known->end()) {
      items = hit->second;
    } else {
      std::string v;
      Status s = store.Get(Family::kDegrees, key, &v);
      if (s.ok()) {
        if (!keys::DecodeDegreeChunk(v, chunk, &items)) return Status::Corruption("bad degree chunk");
      } else if (!s.IsNotFound()) {
        return s;
      }
    }
    std::map<std::pair<NodeId, TypeId>, uint64_t> counts;
    for (const auto& i : items) counts[{i.node, i.type}] = i.count;
    for (const auto& [at, delta] : changes) {
      uint64_t& c = counts[at];
      if (delta < 0 && c < static_cast<uint64_t>(-delta))
        return Status::Corruption("a degree count would go below zero");
      c += static_cast<uint64_t>(delta);
    }
    items.clear();
    for (const auto& [at, c] : counts)
      if (c > 0) items.push_back({at.first, at.second, c});
    if (items.empty()) {
      if (!batch) return Status::Corruption("a degree chunk emptied where nothing may be deleted");
      batch->Delete(Family::kDegrees, key);
    } else {
      sink->Put(Family::kDegrees, key, keys::EncodeDegreeChunk(items));
    }
    if (known) (*known)[key] = std::move(items);
  }
  deltas_.clear();
  return Status::OK();
}

Status WriteDegreeChunks(DegreeCursor* entries, EdgeDirection direction,
                         const std::function<Status(const std::string&, const std::string&)>& put) {
  std::vector<keys::DegreeItem> items;
  uint64_t chunk = 0;
  auto flush = [&]() -> Status {
    if (items.empty()) return Status::OK();
    Status s = put(keys::DegreeChunkKey(KeyDirection(direction), chunk), keys::EncodeDegreeChunk(items));
    items.clear();
    return s;
  };
  for (; entries->Valid(); entries->Next()) {
    const DegreeEntry& e = entries->entry();
    if (e.count == 0) continue;
    if (!items.empty() && keys::DegreeChunkOf(e.node) != chunk) KG_RETURN_IF_ERROR(flush());
    chunk = keys::DegreeChunkOf(e.node);
    items.push_back({e.node, e.type, e.count});
  }
  KG_RETURN_IF_ERROR(entries->status());
  return flush();
}

Status UpgradeDegrees(storage::Store* store) {
  constexpr size_t kBatchKeys = 100000;
  storage::WriteBatch batch;
  auto maybe_write = [&]() -> Status {
    if (batch.Count() < kBatchKeys) return Status::OK();
    KG_RETURN_IF_ERROR(store->WriteUnsynced(&batch).WithContext("upgrade: degree counts"));
    batch.Clear();
    return Status::OK();
  };
  // Version 3's keys (one per node and type) go; then the chunks.
  {
    auto it = store->NewIterator(Family::kDegrees);
    for (; it->Valid(); it->Next()) {
      batch.Delete(Family::kDegrees, it->key());
      KG_RETURN_IF_ERROR(maybe_write());
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  for (EdgeDirection d : {EdgeDirection::kOut, EdgeDirection::kIn}) {
    auto c = CountedDegrees(*store, d);
    KG_RETURN_IF_ERROR(WriteDegreeChunks(c.get(), d, [&](const std::string& k, const std::string& v) {
      batch.Put(Family::kDegrees, k, v);
      return maybe_write();
    }));
  }
  batch.Put(Family::kMeta, storage::kFormatVersionKey, std::to_string(storage::kFormatVersion));
  return store->Write(&batch).WithContext("upgrade to format version " +
                                          std::to_string(storage::kFormatVersion));
}

}  // namespace kg::graph::internal
