// Documents as nodes (graph.h, "Documents as nodes"): the reads that serve
// the virtual Document nodes and MENTIONED_IN relationships from the stored
// `documents`, `mentions` and `doc_index` families. Internal to graph/; the
// Graph implementation calls these for ids and types in the reserved range.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"
#include "storage/keys.h"

namespace kg::storage {
class Store;
}

namespace kg::graph::internal {

// The content id of the document whose node is `node` (a prefix seek in
// `documents`); NotFound when there is none.
Result<std::string> DocumentIdOfNode(const storage::Store& store, NodeId node);
// A document's node record: label Document, properties id, url, title,
// published, publisher, source_path (empty ones absent).
NodeRecord DocumentNodeRecord(NodeId node, const DocumentRecord& doc);
Result<NodeRecord> ReadDocumentNode(const storage::Store& store, NodeId node);

// Every document node, in id order.
std::unique_ptr<NodeCursor> ScanDocumentNodes(const storage::Store& store);
// `first`'s nodes, then `second`'s (ids of `second` all above `first`'s).
std::unique_ptr<NodeCursor> ConcatNodeCursors(std::unique_ptr<NodeCursor> first,
                                              std::unique_ptr<NodeCursor> second);

// The MENTIONED_IN relationships leaving entity `node` (one per document
// mentioning it, in document id order) or entering document node `node`
// (one per entity the document resolved to, in entity id order).
Result<std::vector<EdgeRef>> MentionEdgesOut(const storage::Store& store, NodeId node);
Result<std::vector<EdgeRef>> MentionEdgesIn(const storage::Store& store, NodeId document_node);
// A MENTIONED_IN relationship by id: NotFound when it does not exist.
// provenance_count is the number of mentions, document_count 1.
Result<EdgeRecord> ReadMentionEdge(const storage::Store& store, EdgeId id);

// The document index (`doc_keys`, storage/FORMAT.md): the keys a document
// is found by, its normalised url and its source path (none for an empty
// one). The ingest plan puts them with the document, Retract deletes them,
// Check verifies them.
std::vector<std::string> DocumentKeyEntries(const Document& doc);
// The ids of the documents with key text `text` of `kind` ("" finds none),
// in id order: a prefix seek in `doc_keys` when `stored`, else a scan of
// every document comparing the same keys.
Result<std::vector<std::string>> FindDocumentsByKey(const storage::Store& store, bool stored,
                                                    storage::keys::DocKey kind, const std::string& text);
// Fills `doc_keys` from `documents` (opening a database of format version 5
// or older for writing). Idempotent; writes no format version.
Status UpgradeDocumentKeys(storage::Store* store);

// An edge cursor over a vector (the MENTIONED_IN reads above), or one that
// reports `error`.
std::unique_ptr<EdgeCursor> VectorEdgeCursor(Result<std::vector<EdgeRef>> edges);

}  // namespace kg::graph::internal
