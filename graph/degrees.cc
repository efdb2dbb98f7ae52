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

class StoredDegreeCursor : public DegreeCursor {
 public:
  StoredDegreeCursor(std::unique_ptr<storage::Iterator> it, std::string start, NodeId to)
      : it_(std::move(it)), to_(to) {
    it_->Seek(start);
    Load();
  }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Load();
  }
  const DegreeEntry& entry() const override { return entry_; }
  Status status() const override { return status_.ok() ? it_->status() : status_; }

 private:
  void Load() {
    valid_ = false;
    if (!it_->Valid()) return;
    keys::DegreeKeyParts k;
    if (!keys::ParseDegreeKey(it_->key(), &k) || !keys::DecodeDegree(it_->value(), &entry_.count)) {
      status_ = Status::Corruption("bad degree entry");
      return;
    }
    entry_.node = k.node;
    entry_.type = k.type;
    valid_ = k.node < to_;
  }
  std::unique_ptr<storage::Iterator> it_;
  NodeId to_;
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
      store.NewIterator(Family::kDegrees, keys::DegreePrefix(KeyDirection(direction))),
      keys::DegreePrefix(KeyDirection(direction), from), to);
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
  if (type) {
    std::string v;
    Status s = store.Get(Family::kDegrees, keys::DegreeKey({KeyDirection(direction), node, *type}), &v);
    if (s.IsNotFound()) return uint64_t{0};
    KG_RETURN_IF_ERROR(s);
    if (!keys::DecodeDegree(v, &total)) return Status::Corruption("bad degree of node " + std::to_string(node));
    return total;
  }
  auto it = store.NewIterator(Family::kDegrees, keys::DegreePrefix(KeyDirection(direction), node));
  for (; it->Valid(); it->Next()) {
    uint64_t n;
    if (!keys::DecodeDegree(it->value(), &n)) return Status::Corruption("bad degree of node " + std::to_string(node));
    total += n;
  }
  KG_RETURN_IF_ERROR(it->status());
  return total;
}

void DegreeDeltas::AddEdge(NodeId source, TypeId type, NodeId target, int64_t delta) {
  deltas_[keys::DegreeKey({keys::DegreeDirection::kOut, source, type})] += delta;
  deltas_[keys::DegreeKey({keys::DegreeDirection::kIn, target, type})] += delta;
}

Status DegreeDeltas::Emit(const storage::Store& store, Sink* sink, storage::WriteBatch* batch,
                          std::unordered_map<std::string, uint64_t>* known,
                          const std::function<bool(NodeId)>& fresh) {
  for (const auto& [key, delta] : deltas_) {
    if (delta == 0) continue;
    uint64_t current = 0;
    bool have = false;
    if (known) {
      auto hit = known->find(key);
      if (hit != known->end()) {
        current = hit->second;
        have = true;
      }
    }
    if (!have) {
      keys::DegreeKeyParts parts;
      if (!keys::ParseDegreeKey(key, &parts)) return Status::Corruption("bad degree key");
      if (!fresh || !fresh(parts.node)) {
        std::string v;
        Status s = store.Get(Family::kDegrees, key, &v);
        if (s.ok()) {
          if (!keys::DecodeDegree(v, &current))
            return Status::Corruption("bad degree of node " + std::to_string(parts.node));
        } else if (!s.IsNotFound()) {
          return s;
        }
      }
    }
    if (delta < 0 && current < static_cast<uint64_t>(-delta))
      return Status::Corruption("a degree count would go below zero");
    uint64_t now = current + static_cast<uint64_t>(delta);
    if (now == 0) {
      if (!batch) return Status::Corruption("a degree count reached zero where none may");
      batch->Delete(Family::kDegrees, key);
    } else {
      sink->Put(Family::kDegrees, key, keys::EncodeDegree(now));
    }
    if (known) (*known)[key] = now;
  }
  deltas_.clear();
  return Status::OK();
}

Status UpgradeDegrees(storage::Store* store) {
  constexpr size_t kBatchKeys = 100000;
  storage::WriteBatch batch;
  for (EdgeDirection d : {EdgeDirection::kOut, EdgeDirection::kIn}) {
    auto c = CountedDegrees(*store, d);
    for (; c->Valid(); c->Next()) {
      const DegreeEntry& e = c->entry();
      batch.Put(Family::kDegrees, keys::DegreeKey({KeyDirection(d), e.node, e.type}),
                keys::EncodeDegree(e.count));
      if (batch.Count() >= kBatchKeys) {
        KG_RETURN_IF_ERROR(store->WriteUnsynced(&batch).WithContext("upgrade: degree counts"));
        batch.Clear();
      }
    }
    KG_RETURN_IF_ERROR(c->status());
  }
  batch.Put(Family::kMeta, storage::kFormatVersionKey, std::to_string(storage::kFormatVersion));
  return store->Write(&batch).WithContext("upgrade to format version " +
                                          std::to_string(storage::kFormatVersion));
}

}  // namespace kg::graph::internal
