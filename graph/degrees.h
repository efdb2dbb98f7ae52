// Degree counts (internal to graph/): how many relationships of each type
// leave and enter each node, kept in the `degrees` family (storage/FORMAT.md)
// so that Graph::Degree is one read and Graph::ScanDegrees reads one entry per
// node and type instead of one per relationship.
//
// Every write path that adds or removes an `out`/`in` entry records the
// change in a DegreeDeltas and emits the new counts in the same batch:
// CreateEdge, DeleteEdge, Retract, and the IngestPlan (AddExtraction and the
// bulk loader). Databases older than format version 4 have no counts in this
// layout: opened for writing they are upgraded (UpgradeDegrees, once);
// opened read-only the counts are computed from the adjacency families
// instead (CountedDegrees).
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
  // Chunks (storage/keys.h) as a plan last wrote them, by key: still true
  // after its writes reached the store, so they need not be read again.
  using Known = std::unordered_map<std::string, std::vector<storage::keys::DegreeItem>>;

  // One relationship source -type-> target added (+1) or removed (-1).
  void AddEdge(NodeId source, TypeId type, NodeId target, int64_t delta);
  bool empty() const { return deltas_.empty(); }

  // Puts every changed chunk (read from `store` unless `known` has it),
  // deleting through `batch` a chunk left without counts (no `batch`: a
  // Corruption, for writers that only add). Updates `known` (when given)
  // and clears the deltas. Corruption when a count would go below 0.
  Status Emit(const storage::Store& store, Sink* sink, storage::WriteBatch* batch, Known* known);

 private:
  // chunk key -> (node, type) -> change
  std::map<std::string, std::map<std::pair<NodeId, TypeId>, int64_t>> deltas_;
};

// Writes the degree counts of a database older than format version 4 (none
// before 3, one key per node and type in 3) from its adjacency families,
// then marks it with the current format version. Safe to repeat after a
// crash: the family is rewritten, the version is written last.
Status UpgradeDegrees(storage::Store* store);

// The chunks of a sorted stream of degree entries, for writers that build
// the family at once (the upgrade, the CSV import): calls put(key, value)
// in key order for one direction.
Status WriteDegreeChunks(DegreeCursor* entries, EdgeDirection direction,
                         const std::function<Status(const std::string&, const std::string&)>& put);

}  // namespace kg::graph::internal
