// The graph API: the one way everything above storage reads and writes kg's
// knowledge graph.
//
// A Graph is a property graph kept in a RocksDB folder (see storage/ and
// storage/FORMAT.md), with provenance: every edge made from extracted claims
// carries one ProvenanceRecord per supporting sentence, every entity node one
// MentionRecord per surface mention, and the documents themselves are stored,
// so any claim can be traced back to the exact bytes that support it.
//
//   auto graph = kg::graph::Graph::Open("kg.db", {});
//   if (!graph.ok()) ...;
//   auto summary = (*graph)->AddExtraction(extraction);   // one atomic write
//   for (auto c = (*graph)->OutEdges(node); c->Valid(); c->Next()) Use(c->edge());
//
// Identity rules:
//  * Entity nodes are merged across documents by canonical name (the exact-name
//    index, case-insensitive). They carry labels {"Entity", <type name>} and
//    properties name, type. Non-entity arguments are nodes labelled "Value".
//  * Edges made by AddExtraction are merged on (subject node, relation type,
//    object node): the same claim from three documents is one edge with three
//    provenance records. Re-adding a document with the same content id changes
//    nothing.
//  * CreateNode/CreateEdge (the query language's CREATE) always make a new
//    node/edge and give it provenance "manual" with the time of creation.
//
// Thread-safety: a Graph may be read from several threads at once; writes must
// not overlap other writes. Cursors must not outlive the Graph.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/claim.h"
#include "common/status.h"

namespace kg::graph {

class NodeColumn;  // graph/node_column.h

using NodeId = uint64_t;
using EdgeId = uint64_t;
using TypeId = uint32_t;  // an interned relationship type

// A property value: null, bool, integer, float, string, or a list of values.
struct PropertyValue {
  using List = std::vector<PropertyValue>;
  std::variant<std::monostate, bool, int64_t, double, std::string, List> value;

  PropertyValue() = default;
  PropertyValue(bool b) : value(b) {}                      // NOLINT
  PropertyValue(int64_t i) : value(i) {}                   // NOLINT
  PropertyValue(double d) : value(d) {}                    // NOLINT
  PropertyValue(std::string s) : value(std::move(s)) {}    // NOLINT
  PropertyValue(const char* s) : value(std::string(s)) {}  // NOLINT
  PropertyValue(List l) : value(std::move(l)) {}           // NOLINT
  bool is_null() const { return std::holds_alternative<std::monostate>(value); }
  bool operator==(const PropertyValue& o) const { return value == o.value; }
};
using Properties = std::map<std::string, PropertyValue>;

struct NodeRecord {
  NodeId id = 0;
  std::vector<std::string> labels;
  Properties properties;
};

struct EdgeRecord {
  EdgeId id = 0;
  NodeId source = 0;
  NodeId target = 0;
  std::string type;
  Properties properties;
  uint32_t document_count = 0;    // distinct documents supporting it (sources(r))
  uint32_t provenance_count = 0;  // provenance records (sentences) supporting it
};

// What an adjacency scan yields, without reading the edge record.
struct EdgeRef {
  EdgeId id = 0;
  NodeId source = 0;
  NodeId target = 0;
  TypeId type = 0;
};

// Where one claim was read. Spans are byte spans in the stored document text.
struct ProvenanceRecord {
  std::string document_id;  // "manual" for edges made by CREATE
  uint32_t sentence = 0;
  ByteSpan sentence_span, subject_span, relation_span, object_span;
  std::string relation_surface;
  std::string relation_lemma;  // the relation before synonyms met ("phone" for call)
  std::string extractor;
  std::string extractor_version;
  double confidence = 1.0;
  bool negated = false;
  std::string modality;
  std::string attribution;
  std::vector<ClaimArgument> arguments;
  int64_t ingest_time_ms = 0;  // Unix time in milliseconds
};

// Where one entity was mentioned.
struct MentionRecord {
  std::string document_id;
  uint32_t sentence = 0;
  ByteSpan span;
  std::string surface;
};

struct DocumentRecord {
  Document document;  // with the full text
  std::string extractor;
  std::string extractor_version;
  int64_t ingest_time_ms = 0;
  uint32_t claim_count = 0;
};

struct GraphStats {
  uint64_t documents = 0;
  uint64_t nodes = 0;           // all nodes
  uint64_t entities = 0;        // nodes labelled Entity
  uint64_t edges = 0;           // claims
  uint64_t provenance = 0;      // provenance records on edges (sources)
  uint64_t mentions = 0;        // mention records on nodes
  uint64_t rejected = 0;        // claims rejected by curation (not in `edges` unless shown)
  uint64_t node_id_limit = 0;   // every node id is below it
  std::vector<std::string> extractors;  // "kg-openie/1.0" (ExtractorLabel)
};

// What AddExtraction did.
struct AddSummary {
  bool unchanged = false;  // the document was already stored
  uint64_t new_nodes = 0;
  uint64_t new_edges = 0;
  uint64_t new_provenance = 0;
  uint64_t new_mentions = 0;
};

struct RetractSummary {
  uint64_t removed_edges = 0;
  uint64_t removed_nodes = 0;     // every node removed: entities and values
  uint64_t removed_entities = 0;  // of those, entity nodes (people, places...)
  uint64_t removed_provenance = 0;
  uint64_t kept_edges = 0;  // edges that lost support but are supported elsewhere
};

// One problem found by Check().
struct CheckProblem {
  std::string what;  // "edge 12: out-index entry missing"
};

// ---- Documents as nodes ------------------------------------------------------
// Every stored document is also served as a node labelled "Document" with the
// properties id, url, title, published, publisher and source_path (the file
// it was read from; empty ones absent), and every entity a document mentions
// has a relationship (entity)-[:MENTIONED_IN]->(document). Nothing of this is
// stored: the nodes are read from the `documents` family, the relationships
// from `mentions` (entity -> documents) and `doc_index` (document ->
// entities), so node, relationship and degree counts, exports, Check() and
// the bulk loader never see them. Documents are found by url or source
// path through the `doc_keys` index (FindDocumentsByUrl/BySource).
//
// They are reached only when asked for by name: ScanLabel("Document"),
// FindType("MENTIONED_IN") for OutEdges/InEdges, GetNode/GetEdge of their ids.
// ScanNodes(), ScanNodeRecords(), ScanEdges(), ScanEdgesBySource(), and
// OutEdges/InEdges without a type on an entity, list stored things only, so
// `MATCH (a)-[r]->(b)` and paths between entities are what they were.
// A document node is read-only: UpdateNode/DeleteNode refuse it
// (NotSupported), as UpdateEdge/DeleteEdge refuse a MENTIONED_IN
// relationship and CreateEdge an end that is a document or the type
// MENTIONED_IN; `kg retract` removes a document.
//
// Ids: stored node and edge ids count up from 0 and never reach 2^62. A
// document's node id is 2^62 + the first 14 hex digits (56 bits) of its
// content id (two documents sharing those would be one node: about 1 in
// 10^7 for 10^5 documents). A MENTIONED_IN relationship's id is 2^62 +
// (entity << 24) + the document's rank among the entity's documents (in id
// order), so its id may change when a document the entity is mentioned in
// is added or retracted; entities with ids from 2^38 on get none.
inline constexpr char kDocumentLabel[] = "Document";
inline constexpr char kMentionedInType[] = "MENTIONED_IN";
// The type id FindType("MENTIONED_IN") returns (no stored type has it).
inline constexpr TypeId kMentionedInTypeId = 0xFFFFFFF0u;
// Whether `id` is in the range of document node ids / MENTIONED_IN ids.
bool IsDocumentNode(NodeId id);
bool IsMentionEdge(EdgeId id);
// The node id of the document with content id `document_id`; 0 when the id
// does not start with 14 hex digits (such a document has no node).
NodeId DocumentNodeId(const std::string& document_id);

struct OpenOptions {
  bool create_if_missing = true;  // make a new database when `dir` does not exist
  bool read_only = false;
  bool sync_writes = true;  // fsync each document's batch (crash safety)
  // Keep the whole database in memory (`dir` is then only a name; nothing
  // touches the disk). For tests that open thousands of fresh graphs.
  bool in_memory = false;
  // Show claims an analyst rejected (`kg curate reject`, graph/curation.h).
  // By default a rejected edge is hidden from every scan, adjacency cursor,
  // degree, relationship-type count and Stats(); GetEdge still reads it and
  // IsRejected says so. It is never deleted.
  bool include_rejected = false;
  // At most this many bytes of node columns (TextColumn) are kept between
  // calls; a column that would not fit is made, used and dropped. 0: none
  // kept. About 4 bytes per node id plus the distinct strings with 8 bytes
  // each: 1M nodes with 1M distinct names of 10 bytes are 22 MB.
  size_t column_cache_bytes = size_t{256} << 20;
};

// Iterator over node ids (all nodes, or one label).
class NodeCursor {
 public:
  virtual ~NodeCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual NodeId node() const = 0;
  virtual Status status() const = 0;  // check when the loop ends
};

// Which relationships of a node: those leaving it or those entering it.
enum class EdgeDirection { kOut, kIn };

// One node's count of relationships of one type in one direction.
struct DegreeEntry {
  NodeId node = 0;
  TypeId type = 0;
  uint64_t count = 0;
};

// Iterator over degree entries (Graph::ScanDegrees).
class DegreeCursor {
 public:
  virtual ~DegreeCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual const DegreeEntry& entry() const = 0;
  virtual Status status() const = 0;  // check when the loop ends
};

// Iterator over whole node records in id order (Graph::ScanNodeRecords).
class NodeRecordCursor {
 public:
  virtual ~NodeRecordCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  // Moves to the first node with an id >= `id` (forward only).
  virtual void SeekTo(NodeId id) = 0;
  // The current node's id (its record is not decoded for it).
  virtual NodeId node() const = 0;
  // Valid until the next move.
  virtual const NodeRecord& record() const = 0;
  // One property of the current node (null when it has none), without
  // decoding the rest of the record.
  virtual PropertyValue Property(const std::string& key) const = 0;
  // A string property of the current node without a copy (valid until the
  // next move); false when the node has no such property or it is not a
  // string (Property then says what it is).
  virtual bool PropertyText(const std::string& key, std::string_view* text) const = 0;
  virtual Status status() const = 0;  // check when the loop ends
};

// Iterator over adjacency entries.
class EdgeCursor {
 public:
  virtual ~EdgeCursor() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual const EdgeRef& edge() const = 0;
  virtual Status status() const = 0;
};

class Graph {
 public:
  virtual ~Graph() = default;

  // Opens (or creates) the database in `dir`. Refuses, writing nothing, a
  // folder that is not a kg database or has a newer format version.
  static Result<std::unique_ptr<Graph>> Open(const std::string& dir, const OpenOptions& options);

  // ---- Reading -------------------------------------------------------------
  virtual Result<NodeRecord> GetNode(NodeId id) const = 0;
  virtual Result<EdgeRecord> GetEdge(EdgeId id) const = 0;
  virtual std::unique_ptr<NodeCursor> ScanNodes() const = 0;
  virtual std::unique_ptr<NodeCursor> ScanLabel(const std::string& label) const = 0;
  // Nodes whose name is `name` (case-insensitive exact match), via the index.
  virtual Result<std::vector<NodeId>> FindByName(const std::string& name) const = 0;
  // Names starting with `prefix` (for completion), at most `limit`.
  virtual Result<std::vector<std::string>> NamesWithPrefix(const std::string& prefix,
                                                           size_t limit) const = 0;
  // Out-/in-edges of `node`, optionally of one type only (a prefix scan).
  virtual std::unique_ptr<EdgeCursor> OutEdges(NodeId node,
                                               std::optional<TypeId> type = {}) const = 0;
  virtual std::unique_ptr<EdgeCursor> InEdges(NodeId node,
                                              std::optional<TypeId> type = {}) const = 0;
  // Every edge, in id order.
  virtual std::unique_ptr<EdgeCursor> ScanEdges() const = 0;
  // Every edge, ordered by source node (then type, target, id): a key-only
  // walk of the out-adjacency index that reads no edge record, so it is much
  // cheaper than ScanEdges() when only endpoints and types are needed.
  virtual std::unique_ptr<EdgeCursor> ScanEdgesBySource() const = 0;

  // How many relationships leave (kOut) or enter (kIn) `node`, of `type` or
  // of any type. Kept as a count per node, type and direction and updated by
  // every write, so this is one read however large the degree (a self-loop
  // counts once out and once in). 0 for a node that does not exist.
  virtual Result<uint64_t> Degree(NodeId node, EdgeDirection direction,
                                  std::optional<TypeId> type = {}) const = 0;
  // Every non-zero degree in `direction` of the nodes with ids in [from,
  // to), ordered by node, then type: what "relationships per node" needs
  // without reading a relationship. Disjoint ranges can be read in parallel.
  virtual std::unique_ptr<DegreeCursor> ScanDegrees(EdgeDirection direction, NodeId from = 0,
                                                    NodeId to = ~NodeId{0}) const = 0;
  // Every node's record, or only those labelled `label` (when not empty), in
  // id order: one sequential read instead of a GetNode per node.
  virtual std::unique_ptr<NodeRecordCursor> ScanNodeRecords(const std::string& label = {}) const = 0;

  // Node property `property` of the nodes labelled `label` (every node when
  // `label` is empty) as a dictionary-encoded column (graph/node_column.h),
  // for scans that group many nodes by it. Made by one scan of the node
  // records, as ScanNodeRecords reads them, and kept until the next write to
  // the graph by any path (AddExtraction, CreateNode/CreateEdge,
  // UpdateNode/UpdateEdge, DeleteNode/DeleteEdge, Retract, the bulk loader,
  // the CSV import: everything that writes to the store counts), within
  // OpenOptions::column_cache_bytes. A column made while a write is under
  // way is not kept. Never null. Thread-safe. `stop`, when given, is asked
  // every few thousand records whether to give up (a query's timeout):
  // Cancelled then, and nothing kept.
  virtual Result<std::shared_ptr<const NodeColumn>> TextColumn(
      const std::string& label, const std::string& property,
      const std::function<bool()>& stop = {}) const = 0;
  // The column TextColumn would return if it is kept (no write since it was
  // made); nullptr, after no scan, when it is not.
  virtual std::shared_ptr<const NodeColumn> KeptTextColumn(const std::string& label,
                                                           const std::string& property) const = 0;

  virtual std::optional<TypeId> FindType(const std::string& type) const = 0;
  virtual std::string TypeName(TypeId type) const = 0;
  // All labels / relationship types in use, with counts.
  virtual Result<std::vector<std::pair<std::string, uint64_t>>> Labels() const = 0;
  virtual Result<std::vector<std::pair<std::string, uint64_t>>> RelationshipTypes() const = 0;

  virtual Result<std::vector<ProvenanceRecord>> EdgeProvenance(EdgeId id) const = 0;
  virtual Result<std::vector<MentionRecord>> NodeMentions(NodeId id) const = 0;
  virtual Result<DocumentRecord> GetDocument(const std::string& id) const = 0;
  // Documents whose id starts with `prefix` (ids are long hashes).
  virtual Result<std::vector<std::string>> FindDocuments(const std::string& prefix) const = 0;
  virtual Result<std::vector<std::string>> ListDocuments() const = 0;
  // The content id of the document whose node is `node` (see "Documents as
  // nodes" above); NotFound when no stored document has that node.
  virtual Result<std::string> DocumentOfNode(NodeId node) const = 0;
  // The documents whose url is `url` once both are normalised (NormalizeUrl,
  // common/url.h: "http://www.x.org/a/" finds "https://x.org/a"), and those
  // read from `source_path` (exactly as stored: the path given to kg ingest,
  // "file.jsonl:3" for a JSON Lines record), as content ids in id order.
  // One seek in the `doc_keys` index however many documents there are; a
  // database of format version 5 or older opened read-only has no index
  // and is scanned. An empty `url` / `source_path` finds nothing.
  virtual Result<std::vector<std::string>> FindDocumentsByUrl(const std::string& url) const = 0;
  virtual Result<std::vector<std::string>> FindDocumentsBySource(const std::string& source_path) const = 0;

  virtual Result<GraphStats> Stats() const = 0;

  // Whether an analyst rejected edge `id` (graph/curation.h), whatever
  // OpenOptions::include_rejected says.
  virtual bool IsRejected(EdgeId id) const = 0;

  // ---- Writing -------------------------------------------------------------
  // Stores the document, its entities and claims in one atomic write.
  virtual Result<AddSummary> AddExtraction(const Extraction& extraction) = 0;
  virtual Result<NodeId> CreateNode(const std::vector<std::string>& labels,
                                    const Properties& properties) = 0;
  virtual Result<EdgeId> CreateEdge(NodeId source, NodeId target, const std::string& type,
                                    const Properties& properties) = 0;
  // Between BeginDeferredSync() and the matching EndDeferredSync(),
  // CreateNode/CreateEdge do not wait for the disk one by one: each is still
  // one atomic write, and EndDeferredSync() makes them all durable with one
  // fsync. A query that creates 100,000 nodes then costs one fsync, not
  // 100,000. Nests; safe from several threads.
  virtual void BeginDeferredSync() = 0;
  virtual Status EndDeferredSync() = 0;
  // Removes a document and its provenance and mentions; edges and nodes left
  // with no support disappear. One atomic write.
  virtual Result<RetractSummary> Retract(const std::string& document_id) = 0;

  // Edits by hand (Cypher's SET, REMOVE, DELETE), each one atomic write that
  // keeps the label and name indexes and the counters in step. NotFound when
  // the node or edge does not exist.
  //
  // Replaces a node's labels and properties (null values are dropped).
  virtual Status UpdateNode(NodeId id, const std::vector<std::string>& labels,
                            const Properties& properties) = 0;
  // Replaces an edge's properties.
  virtual Status UpdateEdge(EdgeId id, const Properties& properties) = 0;
  // Deletes an edge made by hand (CreateEdge). An edge some document
  // supports is an extracted claim: refused with NotSupported (a claim
  // leaves the graph when the documents behind it are retracted).
  virtual Status DeleteEdge(EdgeId id) = 0;
  // Deletes a node that has no edges left (InvalidArgument otherwise) and no
  // mention in any document (NotSupported otherwise: an extracted entity).
  virtual Status DeleteNode(NodeId id) = 0;
  // How many documents mention node `id` / support edge `id` ("manual" not
  // counted): 0 for what CreateNode/CreateEdge made.
  virtual Result<uint64_t> NodeDocumentCount(NodeId id) const = 0;

  // Writes what is in memory to files and merges the files (every key then
  // has one version). After loading many CreateNode/CreateEdge, where each
  // write replaces degree counts, later scans read a fraction of the data.
  virtual Status Compact() = 0;

  // Cross-checks every index, counter, provenance span and document.
  virtual Result<std::vector<CheckProblem>> Check() const = 0;
};

// Removes what was made by hand (CreateNode/CreateEdge: a query's CREATE or
// MERGE; extractor "manual"): every edge no document supports, then every
// node no document mentions that is left without edges. What documents
// support stays. `kg retract manual`. One write per edge or node.
Result<RetractSummary> RetractManualEdits(Graph& graph);

}  // namespace kg::graph
