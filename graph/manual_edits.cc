// RetractManualEdits (graph.h): undoes hand-made edits through the same
// DeleteEdge/DeleteNode a Cypher DELETE uses, so every index and counter
// stays in step.
#include <vector>

#include "graph/graph.h"

namespace kg::graph {

Result<RetractSummary> RetractManualEdits(Graph& graph) {
  RetractSummary summary;
  std::vector<EdgeId> edges;
  {
    auto cursor = graph.ScanEdges();
    for (; cursor->Valid(); cursor->Next()) {
      Result<std::vector<ProvenanceRecord>> records = graph.EdgeProvenance(cursor->edge().id);
      if (!records.ok()) return records.status();
      bool by_hand_only = true;
      for (const ProvenanceRecord& r : *records) by_hand_only &= r.document_id == "manual";
      if (by_hand_only) edges.push_back(cursor->edge().id);
    }
    KG_RETURN_IF_ERROR(cursor->status());
  }
  for (EdgeId id : edges) {
    KG_RETURN_IF_ERROR(graph.DeleteEdge(id).WithContext("hand-made edge " + std::to_string(id)));
    summary.removed_edges++;
    summary.removed_provenance++;
  }
  std::vector<NodeId> nodes;
  {
    auto cursor = graph.ScanNodes();
    for (; cursor->Valid(); cursor->Next()) {
      Result<uint64_t> documents = graph.NodeDocumentCount(cursor->node());
      if (!documents.ok()) return documents.status();
      if (*documents == 0) nodes.push_back(cursor->node());
    }
    KG_RETURN_IF_ERROR(cursor->status());
  }
  for (NodeId id : nodes) {
    uint64_t degree = 0;
    for (EdgeDirection d : {EdgeDirection::kOut, EdgeDirection::kIn}) {
      Result<uint64_t> n = graph.Degree(id, d);
      if (!n.ok()) return n.status();
      degree += *n;
    }
    if (degree > 0) continue;  // a document's claim still uses it
    Result<NodeRecord> node = graph.GetNode(id);
    if (!node.ok()) return node.status();
    KG_RETURN_IF_ERROR(graph.DeleteNode(id).WithContext("hand-made node " + std::to_string(id)));
    summary.removed_nodes++;
    for (const std::string& label : node->labels) summary.removed_entities += label == "Entity";
  }
  return summary;
}

}  // namespace kg::graph
