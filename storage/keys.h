// Key layouts of kg's column families, in one place (see storage/FORMAT.md).
//
// Integers in keys are big-endian so that bytewise order is numeric order;
// strings in keys end with a 0x00 byte. Each family's key is built by one
// function here and parsed by its Parse* twin; tests/storage round-trips
// every one. The *Prefix functions give the prefix that a scan over "all
// entries of X" uses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::storage::keys {

// ---- strings: the interned-string dictionary (labels, relationship types) ----
// 'n' name -> id (BE32), and 'i' id(BE32) -> name.
std::string StringByName(std::string_view name);
std::string StringById(uint32_t id);
bool ParseStringByName(std::string_view key, std::string* name);
bool ParseStringById(std::string_view key, uint32_t* id);

// ---- nodes / edges: id (BE64) -> record --------------------------------------
std::string Id64(uint64_t id);
bool ParseId64(std::string_view key, uint64_t* id);

// ---- out / in: adjacency --------------------------------------------------
// out: source, type, target, edge.   in: target, type, source, edge.
// Values are empty: the key says everything an EdgeRef needs.
struct Adjacency {
  uint64_t node = 0;   // the node whose adjacency this is
  uint32_t type = 0;
  uint64_t other = 0;  // the node at the other end
  uint64_t edge = 0;
};
std::string AdjacencyKey(const Adjacency& a);
bool ParseAdjacency(std::string_view key, Adjacency* a);
std::string AdjacencyPrefix(uint64_t node);
std::string AdjacencyPrefix(uint64_t node, uint32_t type);
std::string AdjacencyPrefix(uint64_t node, uint32_t type, uint64_t other);

// ---- labels: label id (BE32), node (BE64) -> "" ----------------------------
std::string LabelKey(uint32_t label, uint64_t node);
std::string LabelPrefix(uint32_t label);
bool ParseLabelKey(std::string_view key, uint32_t* label, uint64_t* node);

// ---- names: folded name, 0x00, node (BE64) -> the name as written ----------
std::string NameKey(std::string_view folded_name, uint64_t node);
std::string NamePrefix(std::string_view folded_name);  // exact name (with the 0x00)
bool ParseNameKey(std::string_view key, std::string* folded_name, uint64_t* node);

// ---- provenance / mentions: owner (BE64), document id, 0x00, seq (BE32) ----
// owner is the edge (provenance) or the node (mentions); seq numbers the
// records one document contributes to one owner.
struct SupportKey {
  uint64_t owner = 0;
  std::string document;
  uint32_t seq = 0;
};
std::string SupportKeyOf(const SupportKey& k);
bool ParseSupportKey(std::string_view key, SupportKey* k);
std::string SupportPrefix(uint64_t owner);
std::string SupportPrefix(uint64_t owner, std::string_view document);

// ---- documents: document id -> record ---------------------------------------
// (the key is the id itself)

// ---- doc_index: document id, 0x00, kind, id (BE64) -> "" --------------------
// What a document touched, so Retract finds it without a full scan.
enum class DocItem : char { kEdge = 'e', kNode = 'n' };
std::string DocIndexKey(std::string_view document, DocItem kind, uint64_t id);
std::string DocIndexPrefix(std::string_view document);
bool ParseDocIndexKey(std::string_view key, std::string* document, DocItem* kind, uint64_t* id);

// ---- doc_keys: kind, key text, 0x00, document id -> "" (version 6) ----------
// The documents by what a user names them with: 'u' the normalised url
// (NormalizeUrl, common/url.h), 's' the source path as stored. Several
// documents may share a key text; each has its own entry.
enum class DocKey : char { kUrl = 'u', kSource = 's' };
std::string DocKeyKey(DocKey kind, std::string_view text, std::string_view document);
std::string DocKeyPrefix(DocKey kind, std::string_view text);  // exact text (with the 0x00)
bool ParseDocKeyKey(std::string_view key, DocKey* kind, std::string* text, std::string* document);

// ---- degrees: direction ('o' out / 'i' in), chunk (BE64) -> degree items --
// How many relationships of each type leave (out) or enter (in) each node,
// 64 nodes to a key: chunk = node >> 6. The value lists the chunk's non-zero
// counts, ordered by node then type: varint #items, then per item one byte
// node & 63, varint type, varint count. A chunk with no count has no key.
// Direction first, so all out-degrees are one prefix scan in node order of
// one entry per 64 nodes. (Format version 3 had one key per node and type.)
enum class DegreeDirection : char { kOut = 'o', kIn = 'i' };
constexpr int kDegreeChunkBits = 6;
inline uint64_t DegreeChunkOf(uint64_t node) { return node >> kDegreeChunkBits; }
std::string DegreeChunkKey(DegreeDirection direction, uint64_t chunk);
std::string DegreePrefix(DegreeDirection direction);
bool ParseDegreeChunkKey(std::string_view key, DegreeDirection* direction, uint64_t* chunk);
struct DegreeItem {
  uint64_t node = 0;
  uint32_t type = 0;
  uint64_t count = 0;
  bool operator==(const DegreeItem& o) const { return node == o.node && type == o.type && count == o.count; }
};
// `items`: of one chunk, ordered by (node, type), counts > 0.
std::string EncodeDegreeChunk(const std::vector<DegreeItem>& items);
// False on malformed input (or items out of order, or a zero count).
bool DecodeDegreeChunk(std::string_view value, uint64_t chunk, std::vector<DegreeItem>* items);

// ---- curation: analysts' curation records (graph/curation.h) ----------------
// 'r' BE64 record id -> the record (JSON text, FORMAT.md);
// 'x' BE64 edge -> BE64 id of the record that rejected it;
// 'n' -> BE64 the next record id.
std::string CurationRecordKey(uint64_t record);
std::string RejectedEdgeKey(uint64_t edge);
constexpr const char* kCurationRecordPrefix = "r";
constexpr const char* kRejectedEdgePrefix = "x";
constexpr const char* kCurationNext = "n";
// The id after the one-byte prefix of a 'r' or 'x' key.
bool ParseCurationKey(std::string_view key, char* kind, uint64_t* id);

// ---- meta: fixed text keys ----------------------------------------------------
// format_version (decimal text); next_node, next_edge, next_string and the
// counters below hold a BE64; label counts and type counts are keyed by id.
constexpr const char* kNextNode = "next_node";
constexpr const char* kNextEdge = "next_edge";
constexpr const char* kNextString = "next_string";
constexpr const char* kCountDocuments = "count/documents";
constexpr const char* kCountNodes = "count/nodes";
constexpr const char* kCountEntities = "count/entities";
constexpr const char* kCountEdges = "count/edges";
constexpr const char* kCountProvenance = "count/provenance";
constexpr const char* kCountMentions = "count/mentions";
std::string LabelCountKey(uint32_t label);  // "label/" + BE32
std::string TypeCountKey(uint32_t type);    // "type/" + BE32
std::string ExtractorCountKey(std::string_view name_version);  // "extractor/" + text
constexpr const char* kLabelCountPrefix = "label/";
constexpr const char* kTypeCountPrefix = "type/";
constexpr const char* kExtractorCountPrefix = "extractor/";

std::string EncodeCounter(uint64_t value);
bool DecodeCounter(std::string_view value, uint64_t* out);

}  // namespace kg::storage::keys
