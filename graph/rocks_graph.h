// RocksGraph: the Graph implementation on storage::Store (internal to graph/;
// everything else uses graph.h). Exposed here only so the bulk loader can
// reach the store and refresh the caches after an ingestion.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"
#include "graph/graph_state.h"
#include "storage/store.h"

namespace kg::graph::internal {

class RocksGraph : public Graph {
 public:
  static Result<std::unique_ptr<Graph>> Make(const std::string& dir, const OpenOptions& options);

  Result<NodeRecord> GetNode(NodeId id) const override;
  Result<EdgeRecord> GetEdge(EdgeId id) const override;
  std::unique_ptr<NodeCursor> ScanNodes() const override;
  std::unique_ptr<NodeCursor> ScanLabel(const std::string& label) const override;
  Result<std::vector<NodeId>> FindByName(const std::string& name) const override;
  Result<std::vector<std::string>> NamesWithPrefix(const std::string& prefix,
                                                   size_t limit) const override;
  std::unique_ptr<EdgeCursor> OutEdges(NodeId node, std::optional<TypeId> type) const override;
  std::unique_ptr<EdgeCursor> InEdges(NodeId node, std::optional<TypeId> type) const override;
  std::unique_ptr<EdgeCursor> ScanEdges() const override;
  std::unique_ptr<EdgeCursor> ScanEdgesBySource() const override;
  Result<uint64_t> Degree(NodeId node, EdgeDirection direction,
                          std::optional<TypeId> type) const override;
  std::unique_ptr<DegreeCursor> ScanDegrees(EdgeDirection direction, NodeId from,
                                            NodeId to) const override;
  std::unique_ptr<NodeRecordCursor> ScanNodeRecords(const std::string& label) const override;
  Result<std::shared_ptr<const NodeColumn>> TextColumn(const std::string& label, const std::string& property,
                                                       const std::function<bool()>& stop) const override;
  std::shared_ptr<const NodeColumn> KeptTextColumn(const std::string& label,
                                                   const std::string& property) const override;
  std::optional<TypeId> FindType(const std::string& type) const override;
  std::string TypeName(TypeId type) const override;
  Result<std::vector<std::pair<std::string, uint64_t>>> Labels() const override;
  Result<std::vector<std::pair<std::string, uint64_t>>> RelationshipTypes() const override;
  Result<std::vector<ProvenanceRecord>> EdgeProvenance(EdgeId id) const override;
  Result<std::vector<MentionRecord>> NodeMentions(NodeId id) const override;
  Result<DocumentRecord> GetDocument(const std::string& id) const override;
  Result<std::vector<std::string>> FindDocuments(const std::string& prefix) const override;
  Result<std::vector<std::string>> ListDocuments() const override;
  Result<std::string> DocumentOfNode(NodeId node) const override;
  Result<std::vector<std::string>> FindDocumentsByUrl(const std::string& url) const override;
  Result<std::vector<std::string>> FindDocumentsBySource(const std::string& source_path) const override;
  Result<GraphStats> Stats() const override;
  bool IsRejected(EdgeId id) const override;
  Result<AddSummary> AddExtraction(const Extraction& extraction) override;
  Result<NodeId> CreateNode(const std::vector<std::string>& labels,
                            const Properties& properties) override;
  Result<EdgeId> CreateEdge(NodeId source, NodeId target, const std::string& type,
                            const Properties& properties) override;
  Result<RetractSummary> Retract(const std::string& document_id) override;
  Status UpdateNode(NodeId id, const std::vector<std::string>& labels,
                    const Properties& properties) override;
  Status UpdateEdge(EdgeId id, const Properties& properties) override;
  Status DeleteEdge(EdgeId id) override;
  Status DeleteNode(NodeId id) override;
  Result<uint64_t> NodeDocumentCount(NodeId id) const override;
  Result<std::vector<CheckProblem>> Check() const override;
  Status Compact() override;
  void BeginDeferredSync() override { ++deferred_sync_depth_; }
  Status EndDeferredSync() override;

  // For the bulk loader.
  storage::Store* store() { return store_.get(); }
  const Dictionary& dictionary() const { return dictionary_; }
  Counters counters() const;
  // Re-reads the dictionary, counters and rejected edges from the store.
  Status Reload();

  // Rejected edges (graph/curation.h), by id, with what hiding them takes
  // away from degrees and counts.
  struct RejectedEdge {
    EdgeRef ref;
    uint32_t provenance = 0;
  };
  struct RejectedSet {
    std::unordered_map<EdgeId, RejectedEdge> edges;
    // The same by source (out) and by target (in), for degrees.
    std::unordered_multimap<NodeId, const RejectedEdge*> out, in;
    size_t count(EdgeId id) const { return edges.count(id); }
  };
  // The curation family exists (a read-only database older than format
  // version 5 has none: it then has no curation either).
  bool curation_stored() const { return curation_stored_; }
  // The doc_keys family exists (see doc_keys_stored_).
  bool doc_keys_stored() const { return doc_keys_stored_; }
  // Installs the plan's results after its writes reached the store.
  void CommitPlan(const IngestPlan& plan);

 private:
  Status WriteAndCommit(storage::WriteBatch* batch, const IngestPlan* plan, Counters* counters);

  // The edges scans must skip: null when none are (nothing rejected, or
  // OpenOptions::include_rejected).
  std::shared_ptr<const RejectedSet> Hidden() const;

  std::unique_ptr<storage::Store> store_;
  bool include_rejected_ = false;
  bool curation_stored_ = true;
  mutable std::mutex rejected_mu_;
  // Whether any edge is rejected: scans skip the lock when none is.
  std::atomic<bool> any_rejected_{false};
  std::shared_ptr<const RejectedSet> rejected_ = std::make_shared<RejectedSet>();
  // The degrees family holds the counts (format version 3 or upgraded); an
  // older database opened read-only has none and counts adjacency instead.
  bool degrees_stored_ = true;
  // The doc_keys family holds the document index (format version 6 or
  // upgraded); an older database opened read-only has none and is scanned.
  bool doc_keys_stored_ = true;
  Dictionary dictionary_;
  mutable std::mutex counters_mu_;
  Counters counters_;
  // BeginDeferredSync() nesting depth: direct writes skip their fsync while
  // it is above 0, and the outermost EndDeferredSync() syncs once.
  std::atomic<int> deferred_sync_depth_{0};
  std::atomic<bool> unsynced_writes_{false};
  // A direct write (CreateNode/CreateEdge): synced now unless deferred.
  Status WriteDirect(storage::WriteBatch* batch);

  // Node columns made by TextColumn, oldest first, each with the store's
  // WriteCount() read before the scan that made it: one whose count is not
  // the store's current count is stale and dropped. Bytes held stay within
  // column_cache_bytes_.
  struct KeptColumn {
    std::string label, property;
    uint64_t writes = 0;
    std::shared_ptr<const NodeColumn> column;
  };
  size_t column_cache_bytes_ = 0;
  mutable std::mutex columns_mu_;
  mutable std::vector<KeptColumn> columns_;
};

// kg check's part for the curation family (graph/curation.cc): records
// readable, the next id above them, every rejected edge existing and
// rejected by an active reject record. Reports through `problem`; fills
// `active` with the active records' ids.
void CheckCuration(const storage::Store& store, const std::vector<uint64_t>& edge_ids,
                   const std::function<void(std::string)>& problem, std::set<uint64_t>* active);

// Makes the column of node property `property` over the nodes with label
// id `label` (negative: every node) from one scan of the node records
// (node_column.cc). `id_limit`: every node id is below it; `expected`:
// about how many strings to make room for; `stop` (may be empty): asked
// every 4096 records whether to give up (Cancelled).
Result<std::shared_ptr<const NodeColumn>> MakeTextColumn(const storage::Store& store, int64_t label,
                                                         const std::string& property, uint64_t id_limit,
                                                         uint64_t expected, const std::function<bool()>& stop);

}  // namespace kg::graph::internal
