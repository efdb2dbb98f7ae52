// Documents as nodes: see graph.h ("Documents as nodes") and document_nodes.h.
#include "graph/document_nodes.h"

#include <cstdio>

#include "common/url.h"
#include "graph/record_codec.h"
#include "storage/coding.h"
#include "storage/keys.h"
#include "storage/store.h"

namespace kg::graph {

namespace {

constexpr uint64_t kVirtualBit = uint64_t{1} << 62;
constexpr int kDocumentHexDigits = 14;  // 56 bits of the content id
constexpr int kRankBits = 24;           // a MENTIONED_IN id: entity << 24 | rank
constexpr uint64_t kRankMask = (uint64_t{1} << kRankBits) - 1;
constexpr uint64_t kMaxMentionEntity = uint64_t{1} << (62 - kRankBits);

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string HexPrefixOf(NodeId node) {
  char buf[kDocumentHexDigits + 1];
  std::snprintf(buf, sizeof buf, "%014llx",
                static_cast<unsigned long long>(node & ((uint64_t{1} << 56) - 1)));
  return std::string(buf, kDocumentHexDigits);
}

}  // namespace

bool IsDocumentNode(NodeId id) { return (id & kVirtualBit) != 0 && (id >> 63) == 0; }
bool IsMentionEdge(EdgeId id) { return (id & kVirtualBit) != 0 && (id >> 63) == 0; }

NodeId DocumentNodeId(const std::string& document_id) {
  if (document_id.size() < kDocumentHexDigits) return 0;
  uint64_t v = 0;
  for (int i = 0; i < kDocumentHexDigits; ++i) {
    int d = HexDigit(document_id[i]);
    if (d < 0) return 0;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return kVirtualBit | v;
}

namespace internal {

using storage::Family;
namespace keys = storage::keys;

Result<std::string> DocumentIdOfNode(const storage::Store& store, NodeId node) {
  if (!IsDocumentNode(node)) return Status::NotFound("no document node " + std::to_string(node));
  auto it = store.NewIterator(Family::kDocuments, HexPrefixOf(node));
  for (; it->Valid(); it->Next()) {
    std::string id(it->key());
    if (DocumentNodeId(id) == node) return id;
  }
  KG_RETURN_IF_ERROR(it->status());
  return Status::NotFound("no document node " + std::to_string(node));
}

NodeRecord DocumentNodeRecord(NodeId node, const DocumentRecord& doc) {
  NodeRecord r;
  r.id = node;
  r.labels = {kDocumentLabel};
  const Document& d = doc.document;
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) r.properties[key] = PropertyValue(v);
  };
  put("id", d.id);
  put("url", d.url);
  put("title", d.title);
  put("published", d.published);
  put("publisher", d.publisher);
  put("source_path", d.source);
  return r;
}

Result<NodeRecord> ReadDocumentNode(const storage::Store& store, NodeId node) {
  auto id = DocumentIdOfNode(store, node);
  if (!id.ok()) return id.status();
  std::string v;
  KG_RETURN_IF_ERROR(store.Get(Family::kDocuments, *id, &v));
  DocumentRecord doc;
  if (!codec::DecodeDocument(v, &doc)) return Status::Corruption("document " + *id + " is unreadable");
  return DocumentNodeRecord(node, doc);
}

namespace {

// Document nodes from the keys of `documents` (ids without a node skipped).
class DocumentNodeCursor : public NodeCursor {
 public:
  explicit DocumentNodeCursor(std::unique_ptr<storage::Iterator> it) : it_(std::move(it)) { Load(); }
  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Load();
  }
  NodeId node() const override { return node_; }
  Status status() const override { return it_->status(); }

 private:
  void Load() {
    valid_ = false;
    for (; it_->Valid(); it_->Next()) {
      node_ = DocumentNodeId(std::string(it_->key()));
      if (node_ != 0) {
        valid_ = true;
        return;
      }
    }
  }
  std::unique_ptr<storage::Iterator> it_;
  bool valid_ = false;
  NodeId node_ = 0;
};

class ConcatNodeCursor : public NodeCursor {
 public:
  ConcatNodeCursor(std::unique_ptr<NodeCursor> a, std::unique_ptr<NodeCursor> b)
      : a_(std::move(a)), b_(std::move(b)) {}
  bool Valid() const override { return Current().Valid(); }
  void Next() override {
    if (a_->Valid()) {
      a_->Next();
      if (!a_->Valid() && !a_->status().ok()) return;
    } else {
      b_->Next();
    }
  }
  NodeId node() const override { return Current().node(); }
  Status status() const override { return a_->status().ok() ? b_->status() : a_->status(); }

 private:
  const NodeCursor& Current() const { return a_->Valid() || !a_->status().ok() ? *a_ : *b_; }
  std::unique_ptr<NodeCursor> a_, b_;
};

class VectorCursor : public EdgeCursor {
 public:
  VectorCursor(std::vector<EdgeRef> edges, Status status) : edges_(std::move(edges)), status_(std::move(status)) {}
  bool Valid() const override { return i_ < edges_.size(); }
  void Next() override { ++i_; }
  const EdgeRef& edge() const override { return edges_[i_]; }
  Status status() const override { return status_; }

 private:
  std::vector<EdgeRef> edges_;
  Status status_;
  size_t i_ = 0;
};

// Calls f(document id, mention count) for each document with a node that
// mentions `node`, in id order ("manual" and other ids without a node are
// skipped); stops when f returns false. One seek per document.
template <typename F>
Status ForEachMentionDocument(const storage::Store& store, NodeId node, F&& f) {
  auto it = store.NewIterator(Family::kMentions, keys::SupportPrefix(node));
  while (it->Valid()) {
    keys::SupportKey k;
    if (!keys::ParseSupportKey(it->key(), &k)) return Status::Corruption("bad mention key");
    // Count this document's mentions, then seek past them.
    uint64_t count = 0;
    std::string prefix = keys::SupportPrefix(node, k.document);
    for (; it->Valid() && it->key().substr(0, prefix.size()) == prefix; it->Next()) ++count;
    KG_RETURN_IF_ERROR(it->status());
    if (DocumentNodeId(k.document) != 0 && !f(k.document, count)) return Status::OK();
  }
  return it->status();
}

}  // namespace

std::vector<std::string> DocumentKeyEntries(const Document& doc) {
  std::vector<std::string> out;
  std::string url = NormalizeUrl(doc.url);
  if (!url.empty()) out.push_back(keys::DocKeyKey(keys::DocKey::kUrl, url, doc.id));
  if (!doc.source.empty()) out.push_back(keys::DocKeyKey(keys::DocKey::kSource, doc.source, doc.id));
  return out;
}

Result<std::vector<std::string>> FindDocumentsByKey(const storage::Store& store, bool stored, keys::DocKey kind,
                                                    const std::string& text) {
  std::vector<std::string> out;
  std::string key = kind == keys::DocKey::kUrl ? NormalizeUrl(text) : text;
  if (key.empty()) return out;
  if (stored) {
    auto it = store.NewIterator(Family::kDocKeys, keys::DocKeyPrefix(kind, key));
    for (; it->Valid(); it->Next()) {
      keys::DocKey k;
      std::string t, doc;
      if (!keys::ParseDocKeyKey(it->key(), &k, &t, &doc)) return Status::Corruption("bad doc_keys key");
      out.push_back(std::move(doc));
    }
    KG_RETURN_IF_ERROR(it->status());
    return out;
  }
  // No index (an old database opened read-only): the same keys, by a scan.
  std::string want = keys::DocKeyPrefix(kind, key);
  auto it = store.NewIterator(Family::kDocuments);
  for (; it->Valid(); it->Next()) {
    DocumentRecord r;
    if (!codec::DecodeDocument(it->value(), &r)) return Status::Corruption("document " + std::string(it->key()) + " is unreadable");
    for (const std::string& entry : DocumentKeyEntries(r.document))
      if (entry.rfind(want, 0) == 0) out.push_back(r.document.id);
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Status UpgradeDocumentKeys(storage::Store* store) {
  constexpr size_t kBatchEntries = 10000;
  storage::WriteBatch batch;
  auto it = store->NewIterator(Family::kDocuments);
  for (; it->Valid(); it->Next()) {
    DocumentRecord r;
    if (!codec::DecodeDocument(it->value(), &r)) return Status::Corruption("document " + std::string(it->key()) + " is unreadable");
    for (const std::string& entry : DocumentKeyEntries(r.document)) batch.Put(Family::kDocKeys, entry, "");
    if (batch.Count() >= kBatchEntries) {
      KG_RETURN_IF_ERROR(store->Write(&batch));
      batch.Clear();
    }
  }
  KG_RETURN_IF_ERROR(it->status());
  return batch.Count() ? store->Write(&batch) : Status::OK();
}

std::unique_ptr<NodeCursor> ScanDocumentNodes(const storage::Store& store) {
  return std::make_unique<DocumentNodeCursor>(store.NewIterator(Family::kDocuments));
}

std::unique_ptr<NodeCursor> ConcatNodeCursors(std::unique_ptr<NodeCursor> first,
                                              std::unique_ptr<NodeCursor> second) {
  return std::make_unique<ConcatNodeCursor>(std::move(first), std::move(second));
}

std::unique_ptr<EdgeCursor> VectorEdgeCursor(Result<std::vector<EdgeRef>> edges) {
  if (!edges.ok()) return std::make_unique<VectorCursor>(std::vector<EdgeRef>{}, edges.status());
  return std::make_unique<VectorCursor>(std::move(*edges), Status::OK());
}

Result<std::vector<EdgeRef>> MentionEdgesOut(const storage::Store& store, NodeId node) {
  std::vector<EdgeRef> out;
  if (IsDocumentNode(node) || node >= kMaxMentionEntity) return out;
  uint64_t rank = 0;
  KG_RETURN_IF_ERROR(ForEachMentionDocument(store, node, [&](const std::string& doc, uint64_t) {
    if (rank > kRankMask) return false;
    out.push_back({kVirtualBit | (node << kRankBits) | rank++, node, DocumentNodeId(doc), kMentionedInTypeId});
    return true;
  }));
  return out;
}

Result<std::vector<EdgeRef>> MentionEdgesIn(const storage::Store& store, NodeId document_node) {
  std::vector<EdgeRef> out;
  if (!IsDocumentNode(document_node)) return out;
  auto doc = DocumentIdOfNode(store, document_node);
  if (!doc.ok()) return doc.status().IsNotFound() ? Result<std::vector<EdgeRef>>(out) : doc.status();
  auto it = store.NewIterator(Family::kDocIndex, keys::DocIndexPrefix(*doc));
  for (; it->Valid(); it->Next()) {
    std::string d;
    keys::DocItem kind;
    uint64_t node;
    if (!keys::ParseDocIndexKey(it->key(), &d, &kind, &node)) return Status::Corruption("bad doc_index key");
    if (kind != keys::DocItem::kNode || node >= kMaxMentionEntity) continue;
    // The document's rank among the entity's documents.
    uint64_t rank = 0;
    bool found = false;
    KG_RETURN_IF_ERROR(ForEachMentionDocument(store, node, [&](const std::string& other, uint64_t) {
      if (other == *doc) {
        found = true;
        return false;
      }
      ++rank;
      return rank <= kRankMask;
    }));
    if (found && rank <= kRankMask)
      out.push_back({kVirtualBit | (node << kRankBits) | rank, node, document_node, kMentionedInTypeId});
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<EdgeRecord> ReadMentionEdge(const storage::Store& store, EdgeId id) {
  if (!IsMentionEdge(id)) return Status::NotFound("no edge " + std::to_string(id));
  NodeId node = (id & ~kVirtualBit) >> kRankBits;
  uint64_t want = id & kRankMask, rank = 0;
  EdgeRecord r;
  bool found = false;
  KG_RETURN_IF_ERROR(ForEachMentionDocument(store, node, [&](const std::string& doc, uint64_t count) {
    if (rank++ != want) return true;
    found = true;
    r.id = id;
    r.source = node;
    r.target = DocumentNodeId(doc);
    r.type = kMentionedInType;
    r.document_count = 1;
    r.provenance_count = static_cast<uint32_t>(count);
    return false;
  }));
  if (!found) return Status::NotFound("no edge " + std::to_string(id));
  return r;
}

}  // namespace internal
}  // namespace kg::graph
