// Degree counts (internal to graph/): how many relationships of each type
// leave and enter each node, kept in the `degrees` family (storage/FORMAT.md)
// so that Graph::Degree is one read and Graph::ScanDegrees reads one entry per
// node and type instead of one per relationship.
//
// Every write path that adds or removes an `out`/`in` entry records the
// change in a DegreeDeltas and emits the new counts in the same batch:
// CreateEdge, DeleteEdge, Retract, and the IngestPlan (AddExtraction and the
// bulk loader). Databases older than format version 3 have no counts: opened
// for writing they are upgraded (UpgradeDegrees, once); opened read-only the
// counts are computed from the adjacency families instead (CountedDegrees).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/status.h"
#include "graph/graph.h"
#include "storage/keys.h"
#include "storage/store.h"

namespace kg::graph::internal {

class Sink;

// Degree entries of the nodes in [from, to) read from the `degrees` family.
std::unique_ptr<DegreeCursor> StoredDegrees(const storage::Store& store, EdgeDirection direction,
                                            NodeId from = 0, NodeId to = ~NodeId{0});
// The same counted from the `out` (kOut) or `in` (kIn) family: one entry
// per run of adjacency keys with the same node and type.
std::unique_ptr<DegreeCursor> CountedDegrees(const storage::Store& store, EdgeDirection direction,
                                             NodeId from = 0, NodeId to = ~NodeId{0});

// The stored degree of one node (one read), or counted from its adjacency
// entries when `stored` is false.
Result<uint64_t> ReadDegree(const storage::Store& store, bool stored, NodeId node,
                            EdgeDirection direction, std::optional<TypeId> type);

// Changes to degree counts made by one write, applied against the stored
// counts when emitted.
class DegreeDeltas {
 public:
  // One relationship source -type-> target added (+1) or removed (-1).
  void AddEdge(NodeId source, TypeId type, NodeId target, int64_t delta);
  bool empty() const { return deltas_.empty(); }

  // Puts the new count of every changed key (reading the current one from
  // `store` unless `known` has it; nodes in `fresh` start at 0), deleting
  // keys that reach 0 through `batch` when given. Updates `known` (when
  // given) with what it wrote, and clears the deltas. Corruption when a
  // count would go below 0.
  Status Emit(const storage::Store& store, Sink* sink, storage::WriteBatch* batch,
              std::unordered_map<std::string, uint64_t>* known,
              const std::function<bool(NodeId)>& fresh = {});

 private:
  std::map<std::string, int64_t> deltas_;  // degrees key -> change
};

// Writes the degree counts of a database older than format version 3 from
// its adjacency families, then marks it with the current format version.
// Safe to repeat after a crash: counts are overwritten, the version is
// written last.
Status UpgradeDegrees(storage::Store* store);

}  // namespace kg::graph::internal
